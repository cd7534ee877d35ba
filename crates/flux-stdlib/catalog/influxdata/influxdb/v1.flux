// Tools for InfluxDB 1.x data: parsing 1.x JSON query results and listing databases. Its schema
// functions are kept for compatibility and now live in `influxdata/influxdb/schema`.
package v1

// Converts InfluxDB 1.x query results in JSON, given inline as `json` or read from `file`, into a
// stream of tables.
builtin json : (?file: string, ?json: string) => stream[A] where A: Record

// Lists the databases and retention policies of an InfluxDB 1.7+ instance at `host` (default
// `http://localhost:8086`), one row each with name, retention period (ns) and default flag.
@default("host", "\"http://localhost:8086\"")
builtin databases : (
    ?host: string,
    ?org: string,
    ?orgID: string,
    ?token: string,
) => stream[{ bucketID: string, default: bool, retentionPeriod: int, retentionPolicy: string, databaseName: string, organizationID: string, }]

// Pivots rows on `_field` so each field becomes a column, aligned by `_time`.
// Deprecated: use `schema.fieldsAsCols` instead.
@deprecated("0.88.0", "influxdata/influxdb/schema.fieldsAsCols")
builtin fieldsAsCols : (<-tables: stream[A]) => stream[B] where A: Record, B: Record

// Returns the distinct values of `tag` in `bucket`, as a single `_value` column, for series
// matching `predicate` between `start` (default `-30d`) and `stop`.
// Deprecated: use `schema.tagValues` instead.
@deprecated("0.88.0", "influxdata/influxdb/schema.tagValues")
builtin tagValues : (
    bucket: string,
    tag: string,
    ?predicate: (r: { B with _stop: time, _start: time, _time: time, _value: A, _field: string, _measurement: string, }) => bool,
    ?start: C,
    ?stop: D,
) => stream[E] where E: Record

// Returns the distinct values of `tag` within `measurement` in `bucket`, as a `_value` column.
// Deprecated: use `schema.measurementTagValues` instead.
@deprecated("0.88.0", "influxdata/influxdb/schema.measurementTagValues")
builtin measurementTagValues : (
    bucket: string,
    measurement: A,
    tag: string,
    ?start: B,
    ?stop: C,
) => stream[D] where A: Equatable, D: Record

// Returns the tag keys of series in `bucket` that match `predicate`, as a single `_value` column.
// Deprecated: use `schema.tagKeys` instead.
@deprecated("0.88.0", "influxdata/influxdb/schema.tagKeys")
builtin tagKeys : (
    bucket: string,
    ?predicate: (r: { B with _stop: time, _start: time, _time: time, _value: A, _field: string, _measurement: string, }) => bool,
    ?start: C,
    ?stop: D,
) => stream[E] where E: Record

// Returns the tag keys used by `measurement` in `bucket`, as a single `_value` column.
// Deprecated: use `schema.measurementTagKeys` instead.
@deprecated("0.88.0", "influxdata/influxdb/schema.measurementTagKeys")
builtin measurementTagKeys : (
    bucket: string,
    measurement: A,
    ?start: B,
    ?stop: C,
) => stream[D] where A: Equatable, D: Record

// Returns the field keys of series in `bucket` that match `predicate`, as a single `_value` column.
// Deprecated: use `schema.fieldKeys` instead.
@deprecated("0.88.0", "influxdata/influxdb/schema.fieldKeys")
builtin fieldKeys : (
    bucket: string,
    ?predicate: (r: { B with _stop: time, _start: time, _time: time, _value: A, _field: string, _measurement: string, }) => bool,
    ?start: C,
    ?stop: D,
) => stream[E] where E: Record

// Returns the field keys of `measurement` in `bucket`, as a single `_value` column.
// Deprecated: use `schema.measurementFieldKeys` instead.
@deprecated("0.88.0", "influxdata/influxdb/schema.measurementFieldKeys")
builtin measurementFieldKeys : (
    bucket: string,
    measurement: A,
    ?start: B,
    ?stop: C,
) => stream[D] where A: Equatable, D: Record

// Returns the measurement names in `bucket`, as a single `_value` column.
// Deprecated: use `schema.measurements` instead.
@deprecated("0.88.0", "influxdata/influxdb/schema.measurements")
builtin measurements : (bucket: string, ?start: A, ?stop: B) => stream[C] where C: Record
