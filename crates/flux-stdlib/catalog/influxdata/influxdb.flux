// Functions for reading from and writing to InfluxDB buckets and for inspecting InfluxDB metadata
// such as buckets and series cardinality.
package influxdb

// Returns the number of distinct series in a bucket with data between `start` and `stop` (default
// `now()`) that match `predicate`. It counts only that time range, not the whole bucket.
@default("stop", "now()")
@default("predicate", "(r) => true")
builtin cardinality : (
    start: A,
    ?bucket: string,
    ?bucketID: string,
    ?host: string,
    ?org: string,
    ?orgID: string,
    ?predicate: (r: {T with _value: S, _field: string, _measurement: string}) => bool,
    ?stop: B,
    ?token: string,
) => stream[{_value: int, _stop: time, _start: time}] where A: Timeable, B: Timeable

// Queries all data in a bucket, named by `bucket` or `bucketID`, as one table per series. Set
// `host`, `org` and `token` to read from a remote InfluxDB; usually followed by `range`.
builtin from : (
    ?bucket: string,
    ?bucketID: string,
    ?host: string,
    ?org: string,
    ?orgID: string,
    ?token: string,
) => stream[{B with _value: A, _time: time, _field: string, _measurement: string}]

// Writes rows to an InfluxDB bucket and returns them. `_measurement` names the measurement,
// `fieldFn` builds the fields (default: `_field` and `_value`), and tags come from `tagColumns`
// (default: the other string columns). Rows with a null time are not written.
@sideEffect()
@default("timeColumn", "\"_time\"")
@default("measurementColumn", "\"_measurement\"")
builtin to : (
    <-tables: stream[A],
    ?bucket: string,
    ?bucketID: string,
    ?fieldFn: (r: A) => B,
    ?host: string,
    ?measurementColumn: string,
    ?org: string,
    ?orgID: string,
    ?tagColumns: [string],
    ?timeColumn: string,
    ?token: string,
) => stream[A] where A: Record, B: Record

// Returns a table listing the buckets of an organization (the current one by default) with their
// name, ID, organization ID and retention settings.
builtin buckets : (
    ?host: string,
    ?org: string,
    ?orgID: string,
    ?token: string,
) => stream[{ retentionPeriod: int, retentionPolicy: string, organizationID: string, id: string, name: string, }]

// Writes pivoted (wide) data, one column per field, to an InfluxDB bucket. Rows need `_time` and
// `_measurement`; other group-key columns become tags and remaining columns become fields.
@sideEffect()
builtin wideTo : (
    <-tables: stream[A],
    ?bucket: string,
    ?bucketID: string,
    ?host: string,
    ?org: string,
    ?orgID: string,
    ?token: string,
) => stream[A] where A: Record
