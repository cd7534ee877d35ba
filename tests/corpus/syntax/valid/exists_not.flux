// Null handling with exists and not.
from(bucket: "sensors")
    |> range(start: -2h)
    |> filter(fn: (r) => exists r._value and not exists r.error)
    |> filter(fn: (r) => not (r.status == "offline" or r.status == "maintenance"))
    |> map(fn: (r) => ({r with location: if exists r.room then r.room else "unknown"}))
    |> filter(fn: (r) => not r.calibrating)
