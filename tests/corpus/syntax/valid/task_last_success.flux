// Incremental task that resumes from its last successful run.
import "influxdata/influxdb/tasks"

option task = {name: "copy-errors", every: 15m}

from(bucket: "logs")
    |> range(start: tasks.lastSuccess(orTime: -1h))
    |> filter(fn: (r) => r._measurement == "app" and r.level == "error")
    |> group(columns: ["service"])
    |> aggregateWindow(every: 1m, fn: count, createEmpty: true)
    |> fill(value: 0)
    |> to(bucket: "error-counts")
