a = from(bucket: "site_a") |> range(start: -1h) |> set(key: "site", value: "a")
b = from(bucket: "site_b") |> range(start: -1h) |> set(key: "site", value: "b")

union(tables: [a, b])
    |> group(columns: ["site"])
    |> sum()
    |> yield(name: "by_site")
