p99 = (column, tables=<-) => tables |> quantile(q: 0.99, column: column)

from(bucket: "api")
    |> range(start: -6h)
    |> filter(fn: (r) => r._measurement == "latency")
    |> aggregateWindow(every: 10m, fn: p99, createEmpty: false)
    |> yield(name: "p99")
