import "join"

left = from(bucket: "a") |> range(start: -1h) |> filter(fn: (r) => r._field == "in")
right = from(bucket: "a") |> range(start: -1h) |> filter(fn: (r) => r._field == "out")

left
    |> join.time(right: right, as: (l, r) => ({l with out: r._value}), method: "left")
    |> yield(name: "in_out")
