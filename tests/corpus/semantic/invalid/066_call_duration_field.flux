// expect: E209 line 6: `cfg.window` is a duration, not a function
cfg = {window: 5m, bucket: "b"}

from(bucket: cfg.bucket)
    |> range(start: -1h)
    |> aggregateWindow(every: cfg.window(), fn: mean)
    |> yield(name: "mean")
