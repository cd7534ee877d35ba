// Windowing by hand, with several statistics merged back with union.
base = from(bucket: "queue")
    |> range(start: -2h)
    |> filter(fn: (r) => r._measurement == "rabbitmq" and r._field == "messages_ready")
    |> window(every: 15m, period: 30m)

stat = (tables=<-, name, fn) =>
    tables
        |> fn()
        |> duplicate(column: "_stop", as: "_time")
        |> set(key: "stat", value: name)
        |> window(every: inf)

union(
    tables: [
        base |> stat(name: "min", fn: min),
        base |> stat(name: "max", fn: max),
        base |> stat(name: "median", fn: median),
        base |> stat(name: "stddev", fn: stddev),
    ],
)
    |> group(columns: ["stat"])
