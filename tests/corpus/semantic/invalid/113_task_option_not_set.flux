// expect: H201 line 4: `task` is used, but the file does not set `option task`
from(bucket: "telegraf")
    |> filter(fn: (r) => r._measurement == "cpu")
    |> range(start: -task.every)
    |> aggregateWindow(every: task.every, fn: mean)
    |> to(bucket: "telegraf_1h")
