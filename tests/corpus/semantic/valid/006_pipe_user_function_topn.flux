topN = (tables=<-, n) =>
    tables
        |> sort(columns: ["_value"], desc: true)
        |> limit(n: n)

from(bucket: "app")
    |> range(start: -30m)
    |> filter(fn: (r) => r._measurement == "requests")
    |> topN(n: 5)
    |> yield(name: "top")
