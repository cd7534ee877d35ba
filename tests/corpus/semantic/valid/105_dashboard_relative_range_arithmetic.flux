import "date"

// A relative dashboard range sets v.timeRangeStart to a negative duration, an absolute one to
// a time: each use may take either.
previousStart = date.sub(d: v.timeRangeStart, from: now())
dayStart = date.truncate(t: v.timeRangeStart, unit: 1d)

from(bucket: v.defaultBucket)
    |> range(start: previousStart, stop: dayStart)
    |> filter(fn: (r) => r._measurement == "cpu" and r.host == v.host)
    |> aggregateWindow(every: v.windowPeriod, fn: mean, createEmpty: false)
    |> yield(name: "previous")
