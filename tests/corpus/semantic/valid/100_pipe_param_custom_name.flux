scaleAll = (rows=<-, by) => rows |> map(fn: (r) => ({r with _value: r._value * by}))

from(bucket: "b")
    |> range(start: -1h)
    |> scaleAll(by: 0.001)
    |> yield(name: "scaled")
