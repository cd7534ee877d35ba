a = (1 + 2) * 3
b = 1 + 2 * 3
c = 1 - (2 - 3)
d = not (true and false)
e = (r.a > 1 or r.b < 2) and r.c == 3
f = exists r.host
g = -(1 + 2)
h = a[0] + b["key"]
