// Join two measurements: hourly CPU and memory use of one host in the same rows.
import "join"
import "math"

data =
    from(bucket: "sample")
        |> range(start: 2026-01-01T10:00:00Z, stop: 2026-01-01T14:00:00Z)
        |> filter(fn: (r) => r.host == "db-1")
        |> filter(
            fn: (r) =>
                r._field == "usage_user" or r._field == "used_percent" and r._measurement == "mem",
        )

cpu =
    data
        |> filter(fn: (r) => r._measurement == "cpu")
        |> aggregateWindow(every: 1h, fn: mean)
        |> group(columns: ["host"])
mem =
    data
        |> filter(fn: (r) => r._measurement == "mem")
        |> aggregateWindow(every: 1h, fn: mean)
        |> group(columns: ["host"])

join.time(
    left: cpu,
    right: mem,
    as: (l, r) =>
        ({
            _time: l._time,
            host: l.host,
            cpu: math.round(x: l._value),
            mem: math.round(x: r._value),
        }),
)
