import "influxdata/influxdb/schema"

schema.tagValues(bucket: "telegraf", tag: "host", start: -7d)
    |> filter(fn: (r) => r._value != "")
    |> yield(name: "hosts")
