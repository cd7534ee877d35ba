maxOf = (a, b) => if a > b then a else b

n = maxOf(a: 3, b: 9)
s = maxOf(a: "apple", b: "pear")
t = maxOf(a: 2024-01-01T00:00:00Z, b: 2023-01-01T00:00:00Z)
d = maxOf(a: 5m, b: 1h)

"${n} ${s} ${t} ${d}"
