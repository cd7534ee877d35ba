// expect: E205 line 4: aggregateWindow requires `every`
from(bucket: "b")
    |> range(start: -1d)
    |> aggregateWindow(fn: mean)
    |> yield(name: "mean")
