// expect: W203 line 4: `v1.tagValues` is deprecated, use `schema.tagValues`
import "influxdata/influxdb/v1"

v1.tagValues(bucket: "telegraf", tag: "host")
    |> yield(name: "hosts")
