compose = (f, g) => (x) => g(x: f(x: x))

parse = (x) => float(v: x)
half = (x) => x / 2.0

halfOf = compose(f: parse, g: half)

halfOf(x: "9")
