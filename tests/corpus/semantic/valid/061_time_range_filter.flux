cutoff = 2024-05-01T00:00:00Z
window = 12h

from(bucket: "events")
    |> range(start: -30d)
    |> filter(fn: (r) => r._time >= cutoff)
    |> aggregateWindow(every: window, fn: count)
    |> yield(name: "since_cutoff")
