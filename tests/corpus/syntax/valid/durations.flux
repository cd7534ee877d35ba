// Duration literals: compound, calendar units, negative and scaled durations.
import "date"

short = 250ms
longer = 1h30m
week = 1w2d
calendar = 1mo
mixed = 1y2mo3w4d5h6m7s8ms9us10ns
micro = 15µs
ago = -5m
lookback = -1mo15d
doubled = date.scale(d: 45m, n: 2)

from(bucket: "app")
    |> range(start: ago, stop: now())
    |> filter(fn: (r) => r._measurement == "latency")
    |> aggregateWindow(every: longer, fn: mean, offset: short)
    |> timeShift(duration: -week)
