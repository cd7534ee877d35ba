// The universe join with a record of streams, and the result columns it produces.
cpu = from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user")
    |> aggregateWindow(every: 1m, fn: mean)

mem = from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "mem" and r._field == "used_percent")
    |> aggregateWindow(every: 1m, fn: mean)

join(tables: {cpu: cpu, mem: mem}, on: ["_time", "host"], method: "inner")
    |> map(fn: (r) => ({_time: r._time, host: r.host, pressure: (r._value_cpu + r._value_mem) / 2.0}))
