// Helpers mirroring Kapacitor TICKscript nodes, for porting TICKscript alerts and queries to Flux.
package tickscript

// Builds the check record (`_check_id`, `_check_name`, `_type`, empty `tags`) that `alert` and
// `deadman` expect. `type` defaults to `"custom"`.
@default("type", "\"custom\"")
builtin defineCheck : (
    id: A,
    name: B,
    ?type: C,
) => {_check_id: A, _check_name: B, _type: C, tags: {}}

// Assigns each row a level from the `crit`, `warn`, `info` and `ok` predicates via `monitor.check`
// and stores the results as statuses in the `_monitoring` bucket. Like TICKscript `alert()`; a
// non-empty `topic` is added as a `_topic` group column.
@default("id", "(r) => \"\${r._check_id}\"")
@default("details", "(r) => \"\"")
@default("message", "(r) => \"Threshold Check: \${r._check_name} is: \${r._level}\"")
@default("crit", "(r) => false")
@default("warn", "(r) => false")
@default("info", "(r) => false")
@default("ok", "(r) => true")
@default("topic", "\"\"")
builtin alert : (
    <-tables: stream[M],
    check: {E with _check_name: A, _check_id: B, _type: C, tags: D},
    ?crit: (r: {H with _time: F, _measurement: G}) => bool,
    ?details: (r: {J with id: I, _check_id: B, _check_name: A}) => K,
    ?id: (r: {J with _check_id: B, _check_name: A}) => I,
    ?info: (r: {H with _time: F, _measurement: G}) => bool,
    ?message: (r: { H with _measurement: string, _source_measurement: G, _type: C, _check_id: B, _check_name: A, _level: string, _source_timestamp: int, _time: time, _time: F, _measurement: G, }) => L,
    ?ok: (r: {H with _time: F, _measurement: G}) => bool,
    ?topic: string,
    ?warn: (r: {H with _time: F, _measurement: G}) => bool,
) => stream[{ H with _message: L, _measurement: string, _source_measurement: G, _type: C, _check_id: B, _check_name: A, _level: string, _source_timestamp: int, _time: time, _time: F, _measurement: G, }]
    where
    D: Record,
    J: Record,
    M: Record

// Counts the rows of each input table and raises a `crit` status when the count is at or below
// `threshold` (default 0), writing it through `alert`. Also reports an empty input as dead for
// `measurement`; comparable to Kapacitor's deadman.
@default("threshold", "0")
@default("id", "(r) => \"\${r._check_id}\"")
@default("message", "(r) => \"Deadman Check: \${r._check_name} is: \" + (if r.dead then \"dead\" else \"alive\")")
@default("topic", "\"\"")
builtin deadman : (
    <-tables: stream[M],
    check: {E with _check_name: A, _check_id: B, _type: C, tags: D},
    measurement: string,
    ?id: (r: {F with _check_id: B, _check_name: A}) => G,
    ?message: (r: { J with _measurement: string, _source_measurement: H, _type: C, _check_id: B, _check_name: A, _level: string, _source_timestamp: int, _time: time, _time: I, _measurement: H, dead: bool, }) => K,
    ?threshold: L,
    ?topic: string,
) => stream[{ J with _message: K, _measurement: string, _source_measurement: H, _type: C, _check_id: B, _check_name: A, _level: string, _source_timestamp: int, _time: time, _time: I, _measurement: H, dead: bool, }]
    where
    D: Record,
    F: Record,
    L: Comparable + Equatable,
    M: Record

// Renames `column` (default `_value`) to `as`, first applying the aggregate or selector `fn` if
// given. Mirrors TICKscript `SELECT f(x) AS y`.
@default("column", "\"_value\"")
@default("fn", "(column, tables=<-) => tables")
builtin select : (
    <-tables: B,
    as: string,
    ?column: A,
    ?fn: (<-: B, column: A) => stream[C],
) => stream[D] where A: Equatable, C: Record, D: Record

// Aggregates `column` into windows of length `every` with `fn`, fills nulls (including empty
// windows) with `defaultValue`, and renames the column to `as`.
@default("column", "\"_value\"")
builtin selectWindow : (
    <-tables: stream[D],
    as: string,
    defaultValue: A,
    every: duration,
    fn: (<-: stream[B], column: string) => stream[C],
    ?column: string,
) => stream[E] where B: Record, C: Record, D: Record, E: Record

// Renames a column and optionally aggregates it first; an alias of `select`.
builtin compute : (
    <-tables: B,
    as: string,
    ?column: A,
    ?fn: (<-: B, column: A) => stream[C],
) => stream[D] where A: Equatable, C: Record, D: Record

// Groups tables by `columns`, always keeping `_measurement` in the group key as the monitoring
// functions require. Comparable to a TICKscript query's `groupBy`.
builtin groupBy : (<-tables: stream[A], columns: [string]) => stream[A] where A: Record

// Joins the two streams in the `tables` record on the `on` columns (default `["_time"]`) and sets
// `_measurement` on every result row to `measurement`, adding it to the group key.
@default("on", "[\"_time\"]")
builtin join : (
    measurement: A,
    tables: B,
    ?on: [string],
) => stream[{C with _measurement: A}] where B: Record, C: Record
