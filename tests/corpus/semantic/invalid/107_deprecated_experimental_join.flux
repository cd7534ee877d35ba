// expect: W203 line 7: `experimental.join` is deprecated, use `join.time`
import "experimental"

left = from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._field == "in")
right = from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._field == "out")

experimental.join(left: left, right: right, fn: (left, right) => ({left with out: right._value}))
    |> yield(name: "joined")
