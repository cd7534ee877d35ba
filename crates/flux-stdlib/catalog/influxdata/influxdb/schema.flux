// Explore the schema of InfluxDB data: list the measurements, tag keys, tag values and field
// keys in a bucket, and pivot fields into columns.
package schema

// Internal option holding the source function (`from` by default) used by the schema queries,
// so tests can swap in other data.
@option()
builtin _from : (
    ?bucket: string,
    ?bucketID: string,
    ?host: string,
    ?org: string,
    ?orgID: string,
    ?token: string,
) => stream[{B with _value: A, _time: time, _field: string, _measurement: string}]

// Internal default start of the schema queries' time range: `-30d`.
builtin _startDefault : duration

// Internal default stop of the schema queries' time range: `now()`.
builtin _stopDefault : time

// Pivots `_field` values into columns keyed by `_time`, so that all fields sharing a timestamp
// end up in one row of each table.
builtin fieldsAsCols : (<-tables: stream[A]) => stream[B] where A: Record, B: Record

// Returns the distinct values of `tag` in `bucket` between `start` (default `-30d`) and `stop`
// (default now), optionally limited by `predicate`, as one table with a `_value` column.
@default("predicate", "(r) => true")
@default("start", "_startDefault")
@default("stop", "_stopDefault")
builtin tagValues : (
    bucket: string,
    tag: string,
    ?predicate: (r: { B with _stop: time, _start: time, _time: time, _value: A, _field: string, _measurement: string, }) => bool,
    ?start: C,
    ?stop: D,
) => stream[E] where E: Record

// Returns the distinct tag keys of the series in `bucket` that match `predicate`, within `start`
// (default `-30d`) and `stop`, as one table with a `_value` column.
@default("predicate", "(r) => true")
@default("start", "_startDefault")
@default("stop", "_stopDefault")
builtin tagKeys : (
    bucket: string,
    ?predicate: (r: { B with _stop: time, _start: time, _time: time, _value: A, _field: string, _measurement: string, }) => bool,
    ?start: C,
    ?stop: D,
) => stream[E] where E: Record

// Returns the distinct values of `tag` within one `measurement` of `bucket`, in a `_value`
// column. The time range defaults to the last 30 days.
@default("start", "_startDefault")
@default("stop", "_stopDefault")
builtin measurementTagValues : (
    bucket: string,
    measurement: A,
    tag: string,
    ?start: B,
    ?stop: C,
) => stream[D] where A: Equatable, D: Record

// Returns the tag keys used by one `measurement` of `bucket`, in a `_value` column.
// The time range defaults to the last 30 days.
@default("start", "_startDefault")
@default("stop", "_stopDefault")
builtin measurementTagKeys : (
    bucket: string,
    measurement: A,
    ?start: B,
    ?stop: C,
) => stream[D] where A: Equatable, D: Record

// Returns the distinct field keys in `bucket` (optionally filtered by `predicate`) as one table
// with a `_value` column. The time range defaults to the last 30 days.
@default("predicate", "(r) => true")
@default("start", "_startDefault")
@default("stop", "_stopDefault")
builtin fieldKeys : (
    bucket: string,
    ?predicate: (r: { B with _stop: time, _start: time, _time: time, _value: A, _field: string, _measurement: string, }) => bool,
    ?start: C,
    ?stop: D,
) => stream[E] where E: Record

// Returns the field keys of one `measurement` in `bucket`, in a `_value` column.
// The time range defaults to the last 30 days.
@default("start", "_startDefault")
@default("stop", "_stopDefault")
builtin measurementFieldKeys : (
    bucket: string,
    measurement: A,
    ?start: B,
    ?stop: C,
) => stream[D] where A: Equatable, D: Record

// Returns the names of the measurements in `bucket`, as one table with a `_value` column.
// The time range defaults to the last 30 days.
@default("start", "_startDefault")
@default("stop", "_stopDefault")
builtin measurements : (bucket: string, ?start: A, ?stop: B) => stream[C] where C: Record
