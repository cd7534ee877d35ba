// Pivot disk fields into columns and derive the free fraction.
from(bucket: "telegraf")
    |> range(start: -30m)
    |> filter(fn: (r) => r._measurement == "disk")
    |> filter(fn: (r) => r._field == "free" or r._field == "total")
    |> last()
    |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
    |> map(fn: (r) => ({r with free_fraction: float(v: r.free) / float(v: r.total)}))
    |> keep(columns: ["host", "path", "free_fraction"])
