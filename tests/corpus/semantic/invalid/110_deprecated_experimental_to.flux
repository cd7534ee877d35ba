// expect: W203 line 7: `experimental.to` is deprecated, use `wideTo` (influxdata/influxdb)
import "experimental"

from(bucket: "raw")
    |> range(start: -1h)
    |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
    |> experimental.to(bucket: "wide")
