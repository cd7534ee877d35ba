// Shortcuts for common InfluxDB queries: reading a bucket over a time range and narrowing the
// result by measurement, fields and a predicate.
package query

// Returns all data in InfluxDB `bucket` between `start` and `stop` (`now()` by default);
// shorthand for `from` followed by `range`.
@default("stop", "now()")
builtin fromRange : (
    bucket: string,
    start: A,
    ?stop: B,
) => stream[{ D with _stop: time, _start: time, _time: time, _value: C, _field: string, _measurement: string, }]

// Keeps only rows whose `_measurement` equals `measurement`.
builtin filterMeasurement : (
    <-table: stream[{C with _measurement: B}],
    measurement: A,
) => stream[{C with _measurement: B}] where A: Equatable, B: Equatable

// Keeps only rows whose `_field` is one of `fields`; an empty list (the default) keeps all rows.
@default("fields", "[]")
builtin filterFields : (
    <-table: stream[{B with _field: A}],
    ?fields: [A],
) => stream[{B with _field: A}] where A: Nullable

// Queries `bucket` between `start` and `stop` (`now()` by default) and keeps rows in
// `measurement` that match `predicate` and, when `fields` is non-empty, one of those fields.
@default("stop", "now()")
@default("fields", "[]")
@default("predicate", "(r) => true")
builtin inBucket : (
    bucket: string,
    measurement: A,
    start: B,
    ?fields: [string],
    ?predicate: (r: { D with _measurement: string, _stop: time, _start: time, _time: time, _value: C, _field: string, }) => bool,
    ?stop: E,
) => stream[{ D with _field: string, _measurement: string, _stop: time, _start: time, _time: time, _value: C, }]
    where
    A: Equatable
