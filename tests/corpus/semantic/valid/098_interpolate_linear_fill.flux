import "interpolate"

from(bucket: "sensors")
    |> range(start: -1h)
    |> filter(fn: (r) => r._field == "temp")
    |> map(fn: (r) => ({r with _value: float(v: r._value)}))
    |> interpolate.linear(every: 1m)
    |> yield(name: "filled")
