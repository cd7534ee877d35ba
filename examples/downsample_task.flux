// Task: every hour, write the hourly mean, min and max of the raw metrics
// into a long-term bucket.
option task = {name: "downsample-system", every: 1h, offset: 5m}

raw =
    from(bucket: "telegraf")
        |> range(start: -task.every)
        |> filter(fn: (r) => r._measurement == "system" and r._field =~ /^load(1|5|15)$/)

stats = (tables=<-, fn, suffix) =>
    tables
        |> aggregateWindow(every: 1h, fn: fn, createEmpty: false)
        |> map(fn: (r) => ({r with _field: "${r._field}_${suffix}"}))

union(
    tables: [
        raw |> stats(fn: mean, suffix: "mean"),
        raw |> stats(fn: min, suffix: "min"),
        raw |> stats(fn: max, suffix: "max"),
    ],
)
    |> to(bucket: "telegraf_1h", org: "ops")
