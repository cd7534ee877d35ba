import "join"

cpu = from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "cpu")
mem = from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "mem")

join.inner(
    left: cpu,
    right: mem,
    on: (l, r) => l._time == r._time and l.host == r.host,
    as: (l, r) => ({_time: l._time, host: l.host, cpu: l._value, mem: r._value}),
)
    |> yield(name: "joined")
