n = int(v: "42")
f = float(v: "3.5")
ok = bool(v: "true")
d = duration(v: "90s")
t = time(v: "2024-02-29T00:00:00Z")

if ok then "${float(v: n) + f} ${d} ${t}" else ""
