// Schema exploration with the schema package: tag values and fields as columns.
import "influxdata/influxdb/schema"

schema.tagValues(bucket: "telegraf", tag: "host", predicate: (r) => r._measurement == "cpu", start: -7d)
    |> yield(name: "hosts")

from(bucket: "telegraf")
    |> range(start: -5m)
    |> filter(fn: (r) => r._measurement == "system")
    |> schema.fieldsAsCols()
    |> map(fn: (r) => ({r with load_per_cpu: r.load1 / float(v: r.n_cpus)}))
    |> yield(name: "system")
