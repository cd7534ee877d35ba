data =
    from(bucket: "telegraf")
        |> range(start: -1h)
        |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user")
        |> aggregateWindow(every: 5m, fn: mean)
short = from(bucket: "b") |> range(start: -1h)
