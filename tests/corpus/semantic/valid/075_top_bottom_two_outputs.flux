data =
    from(bucket: "sales")
        |> range(start: -7d)
        |> filter(fn: (r) => r._field == "revenue")

data |> top(n: 3) |> yield(name: "best")
data |> bottom(n: 3) |> yield(name: "worst")
