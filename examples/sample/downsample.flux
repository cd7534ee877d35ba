// Downsampling: the mean CPU use of each host, every six hours. The sample bucket is made
// on first use: two days of metrics from three hosts and three air sensors.
import "math"

from(bucket: "sample")
    |> range(start: 2026-01-01T00:00:00Z, stop: 2026-01-02T00:00:00Z)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user")
    |> aggregateWindow(every: 6h, fn: mean, createEmpty: false)
    |> map(fn: (r) => ({r with _value: math.round(x: r._value * 10.0) / 10.0}))
    |> keep(columns: ["_time", "host", "_value"])
