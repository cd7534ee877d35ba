// Extra functions for querying InfluxDB, combining source selection, time-range filtering and
// pivoting into single calls.
package influxdb

// Internal helper used by `select` to drop the given `columns`; not meant to be called directly.
builtin _mask : (<-tables: stream[A], columns: [string]) => stream[B] where A: Record, B: Record

// Reads data from an InfluxDB `bucket` and limits it to the `start`/`stop` time range in one
// call, like `from() |> range()`. `stop` defaults to `now()`; `host`, `org` and `token` select
// a remote instance.
@default("stop", "now()")
@default("org", "\"\"")
@default("host", "\"\"")
@default("token", "\"\"")
builtin from : (
    bucket: string,
    start: A,
    ?host: string,
    ?org: string,
    ?stop: B,
    ?token: string,
) => stream[{ D with _stop: time, _start: time, _time: time, _value: C, _field: string, _measurement: string, }]

// Internal alias of `from` for use inside `select`, whose `from` parameter shadows that name.
builtin _from : (
    bucket: string,
    start: A,
    ?host: string,
    ?org: string,
    ?stop: B,
    ?token: string,
) => stream[{ D with _stop: time, _start: time, _time: time, _value: C, _field: string, _measurement: string, }]

// Queries measurement `m` from bucket `from` over a time range and returns rows with fields
// pivoted into columns, similar to an InfluxQL `SELECT`. `fields` limits the fields (all when
// empty), `where` filters on tags, and `_measurement`, `_start` and `_stop` are dropped.
@default("stop", "now()")
@default("fields", "[]")
@default("org", "\"\"")
@default("host", "\"\"")
@default("token", "\"\"")
@default("where", "(r) => true")
builtin select : (
    from: string,
    m: A,
    start: B,
    ?fields: [string],
    ?host: string,
    ?org: string,
    ?stop: C,
    ?token: string,
    ?where: (r: { E with _measurement: string, _stop: time, _start: time, _time: time, _value: D, _field: string, }) => bool,
) => stream[F] where A: Equatable, F: Record
