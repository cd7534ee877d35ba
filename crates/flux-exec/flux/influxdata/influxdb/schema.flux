// The schema functions: what buckets hold, read through `_from` (the `from` of InfluxDB
// unless a script sets the option, as tests do).
package schema

option _from = from

_defaultStart = -30d

fieldsAsCols = (tables=<-) => tables |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")

tagValues = (bucket, tag, predicate=(r) => true, start=_defaultStart, stop=now()) =>
    _from(bucket: bucket)
        |> range(start: start, stop: stop)
        |> filter(fn: predicate)
        |> keep(columns: [tag])
        |> group()
        |> distinct(column: tag)

tagKeys = (bucket, predicate=(r) => true, start=_defaultStart, stop=now()) =>
    _from(bucket: bucket)
        |> range(start: start, stop: stop)
        |> filter(fn: predicate)
        |> keys()
        |> keep(columns: ["_value"])
        |> distinct()

measurementTagValues = (bucket, measurement, tag, start=_defaultStart, stop=now()) =>
    tagValues(bucket: bucket, tag: tag, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

measurementTagKeys = (bucket, measurement, start=_defaultStart, stop=now()) =>
    tagKeys(bucket: bucket, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

fieldKeys = (bucket, predicate=(r) => true, start=_defaultStart, stop=now()) =>
    tagValues(bucket: bucket, tag: "_field", predicate: predicate, start: start, stop: stop)

measurementFieldKeys = (bucket, measurement, start=_defaultStart, stop=now()) =>
    fieldKeys(bucket: bucket, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

measurements = (bucket, start=_defaultStart, stop=now()) => tagValues(bucket: bucket, tag: "_measurement", start: start, stop: stop)
