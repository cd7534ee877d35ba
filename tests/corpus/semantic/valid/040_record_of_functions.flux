ops = {add: (a, b) => a + b, neg: (a) => -a}

x = ops.add(a: 2, b: 3)
y = ops.neg(a: 1.5)

"${x} ${y}"
