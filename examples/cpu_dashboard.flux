// Dashboard cell: mean CPU usage per host, in windows the dashboard picks.
// `v` holds the dashboard's time range and window period.
from(bucket: v.defaultBucket)
    |> range(start: v.timeRangeStart, stop: v.timeRangeStop)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user")
    |> filter(fn: (r) => r.cpu == "cpu-total")
    |> aggregateWindow(every: v.windowPeriod, fn: mean, createEmpty: false)
    |> yield(name: "mean")
