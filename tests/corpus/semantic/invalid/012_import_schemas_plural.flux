// expect: E202 line 2: unknown import path "influxdata/influxdb/schemas"
import "influxdata/influxdb/schemas"

schemas.measurements(bucket: "telegraf")
    |> yield(name: "measurements")
