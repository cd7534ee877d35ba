// expect: E207 line 4: `a` is passed twice to `between`
between = (a, b, x) => x >= a and x <= b

between(a: 1, a: 10, x: 5)
