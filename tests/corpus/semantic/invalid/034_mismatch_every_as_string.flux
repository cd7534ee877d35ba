// expect: E204 line 4: `every` expects a duration, got a string
from(bucket: "b")
    |> range(start: -1d)
    |> aggregateWindow(every: "5m", fn: mean)
    |> yield(name: "mean")
