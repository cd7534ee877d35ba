// expect: W203 line 4: `v1.measurements` is deprecated, use `schema.measurements`
import "influxdata/influxdb/v1"

v1.measurements(bucket: "telegraf")
    |> yield(name: "measurements")
