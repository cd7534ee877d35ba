// expect: W202 line 2: import "influxdata/influxdb/schema" is never used
import "influxdata/influxdb/schema"

from(bucket: "telegraf")
    |> range(start: -1h)
    |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
    |> yield(name: "wide")
