// expect: E204 line 6: `x` is used as an int by `inc`, but a string is passed
inc = (x) => x + 1

step = inc(x: 1)

inc(x: "2") + step
