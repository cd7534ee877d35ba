// expect: W201 line 3: `memory` is built but never used
cpu = from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "cpu")
memory = from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "mem")

cpu |> yield(name: "cpu")
