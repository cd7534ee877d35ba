smooth = (tables=<-, every=5m) => tables |> aggregateWindow(every: every, fn: mean)

data =
    from(bucket: "sensors")
        |> range(start: -1d)
        |> filter(fn: (r) => r._field == "temp")

data |> smooth() |> yield(name: "five_minutes")
data |> smooth(every: 1h) |> yield(name: "hourly")
