// Script-defined options and reassigning an option that belongs to an imported package.
import "influxdata/influxdb/monitor"

option threshold = 500
option buckets = {source: "raw", target: "clean"}
option monitor.log = (tables=<-) => tables

from(bucket: buckets.source)
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "queue" and r._value > threshold)
    |> to(bucket: buckets.target)
