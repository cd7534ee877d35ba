option task = {name: "downsample", every: 1h, offset: 5m}

from(bucket: "raw")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._measurement == "cpu")
    |> aggregateWindow(every: task.every, fn: mean)
    |> to(bucket: "downsampled")
