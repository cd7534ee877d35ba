// expect: E202 line 2: unknown import path "influxdb/schema"
import "influxdb/schema"

schema.tagKeys(bucket: "telegraf")
    |> yield(name: "tags")
