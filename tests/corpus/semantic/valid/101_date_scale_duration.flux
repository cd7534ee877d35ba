import "date"

step = date.scale(d: 15m, n: 4)
start = date.sub(d: step, from: now())

from(bucket: "b")
    |> range(start: start)
    |> aggregateWindow(every: step, fn: mean)
    |> yield(name: "scaled_step")
