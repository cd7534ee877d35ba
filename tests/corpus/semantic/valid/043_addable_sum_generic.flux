add = (a, b) => a + b

i = add(a: 1, b: 2)
f = add(a: 1.5, b: 2.25)
s = add(a: "foo", b: "bar")

"${i} ${f} ${s}"
