// expect: W203 line 5: `join` is deprecated, use `join.inner` (package "join")
cpu = from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "cpu")
mem = from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "mem")

join(tables: {cpu: cpu, mem: mem}, on: ["_time", "host"])
    |> yield(name: "joined")
