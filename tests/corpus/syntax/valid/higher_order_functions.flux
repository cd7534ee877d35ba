// Functions returning functions, passing functions as arguments, and closures.
import "array"

adder = (n) => (x) => x + n
compose = (f, g) => (x) => f(x: g(x: x))
twice = (f) => compose(f: f, g: f)

addTen = adder(n: 10)
addTwenty = twice(f: addTen)
applyAll = (fns, v) => array.map(arr: fns, fn: (x) => x(x: v))

results = applyAll(fns: [addTen, addTwenty, adder(n: -1)], v: 5)
predicate = (min) => (r) => r._value >= min

from(bucket: "demo")
    |> range(start: -1h)
    |> filter(fn: predicate(min: float(v: results[0])))
