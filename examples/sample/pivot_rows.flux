// Pivot: the air sensors' fields side by side, one row per sensor and hour.
import "math"

from(bucket: "sample")
    |> range(start: 2026-01-01T12:00:00Z, stop: 2026-01-01T15:00:00Z)
    |> filter(fn: (r) => r._measurement == "airSensor")
    |> aggregateWindow(every: 1h, fn: mean, createEmpty: false)
    |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
    |> map(
        fn: (r) =>
            ({r with temperature: math.round(x: r.temperature * 10.0) / 10.0,
                humidity: math.round(x: r.humidity),
            }),
    )
    |> keep(columns: ["_time", "room", "temperature", "humidity"])
