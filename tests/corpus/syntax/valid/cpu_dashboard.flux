// Dashboard cell: average CPU usage per host, in five-minute windows.
from(bucket: "telegraf/autogen")
    |> range(start: -6h)
    |> filter(fn: (r) => r._measurement == "cpu")
    |> filter(fn: (r) => r._field == "usage_user" or r._field == "usage_system")
    |> filter(fn: (r) => r.cpu == "cpu-total")
    |> aggregateWindow(every: 5m, fn: mean, createEmpty: false)
    |> yield(name: "mean")
