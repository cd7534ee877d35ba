// Prometheus-style histogram buckets turned into latency quantiles.
quantiles = [0.5, 0.9, 0.99]

p = (q, tables=<-) =>
    tables
        |> histogramQuantile(quantile: q, countColumn: "_value", upperBoundColumn: "le")
        |> set(key: "quantile", value: string(v: q))

buckets = from(bucket: "prometheus")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "http_request_duration_seconds" and r._field == "bucket")
    |> group(columns: ["le", "handler"], mode: "by")

union(tables: [buckets |> p(q: quantiles[0]), buckets |> p(q: quantiles[1]), buckets |> p(q: quantiles[2])])
