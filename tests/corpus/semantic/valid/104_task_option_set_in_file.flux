option task = {name: "downsample", every: 1h, offset: 5m}

from(bucket: "telegraf")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._measurement == "cpu")
    |> aggregateWindow(every: task.every, fn: mean)
    |> to(bucket: "telegraf_1h")
