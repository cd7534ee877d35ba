from(bucket: "sensors")
    |> range(start: -1h)
    |> filter(fn: (r) => r._field == "temp")
    |> reduce(
        identity: {sum: 0.0, count: 0},
        fn: (r, accumulator) => ({sum: accumulator.sum + r._value, count: accumulator.count + 1}),
    )
    |> map(fn: (r) => ({r with mean: r.sum / float(v: r.count)}))
    |> yield(name: "manual_mean")
