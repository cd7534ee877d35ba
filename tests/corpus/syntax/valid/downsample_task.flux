// Task that downsamples raw memory metrics into an hourly bucket.
option task = {name: "downsample-mem", every: 1h, offset: 5m}

from(bucket: "raw")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._measurement == "mem" and r._field == "used_percent")
    |> aggregateWindow(every: 10m, fn: max)
    |> set(key: "rollup", value: "10m")
    |> to(bucket: "rollups", org: "ops")
