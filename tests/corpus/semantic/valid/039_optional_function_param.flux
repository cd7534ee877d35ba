apply = (x, fn=(v) => v) => fn(v: x)

a = apply(x: 5)
b = apply(x: 5, fn: (v) => v * 10)

a + b
