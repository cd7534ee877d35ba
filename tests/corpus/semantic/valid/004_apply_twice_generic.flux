twice = (f, x) => f(x: f(x: x))
inc = (x) => x + 1
shout = (x) => x + "!"

n = twice(f: inc, x: 40)
s = twice(f: shout, x: "hey")

"${n} ${s}"
