// Building blocks for InfluxDB checks and notifications: assigning status levels, detecting
// state changes and dead series, sending notifications and reading monitoring history.
package monitor

// The name of the bucket that holds monitoring data, `_monitoring`.
builtin bucket : string

// The function used by `check` to store check statuses; by default it writes them to the
// monitoring `bucket`. Override it with an `option` statement, for example in tests.
@sideEffect()
@option()
builtin write : (<-tables: stream[A]) => stream[A] where A: Record

// The function used by `notify` to record sent notifications; by default it writes them to the
// monitoring `bucket`. Override it with an `option` statement, for example in tests.
@sideEffect()
@option()
builtin log : (<-tables: stream[A]) => stream[A] where A: Record

// Returns notification events from the `notifications` measurement of the monitoring bucket
// between `start` and `stop` (`now()` by default) that satisfy `fn`, with fields as columns.
@default("stop", "now()")
builtin logs : (
    fn: (r: { B with _measurement: string, _stop: time, _start: time, _time: time, _value: A, _field: string, }) => bool,
    start: C,
    ?stop: D,
) => stream[E] where E: Record

// Returns check statuses from the `statuses` measurement of the monitoring bucket between `start`
// and `stop` (`now()` by default) that satisfy `fn`, with fields pivoted into columns.
@default("stop", "now()")
@default("fn", "(r) => true")
builtin from : (
    start: A,
    ?fn: (r: { C with _measurement: string, _stop: time, _start: time, _time: time, _value: B, _field: string, }) => bool,
    ?stop: D,
) => stream[E] where E: Record

// The status level string for a passing check, `"ok"`.
builtin levelOK : string

// The status level string for informational check results, `"info"`.
builtin levelInfo : string

// The status level string for warnings, `"warn"`.
builtin levelWarn : string

// The status level string for critical check results, `"crit"`.
builtin levelCrit : string

// The status level string used when no level predicate matches, `"unknown"`.
builtin levelUnknown : string

// Internal helper behind `stateChanges` for a specific `fromLevel` or `toLevel`; not meant to be
// called directly.
@default("fromLevel", "\"any\"")
@default("toLevel", "\"any\"")
builtin _stateChanges : (
    <-tables: stream[{D with _level: C}],
    ?fromLevel: A,
    ?toLevel: B,
) => stream[E] where A: Equatable, B: Equatable, C: Equatable, E: Record

// Sends each row to `endpoint` after adding the record `data` as columns, then logs the result in
// the `notifications` measurement with the `log` option function.
@sideEffect()
builtin notify : (
    <-tables: stream[E],
    data: A,
    endpoint: (<-: stream[{C with _measurement: string, _status_timestamp: int, _time: time, _time: B}]) => stream[D],
) => stream[D] where A: Record, D: Record, E: Record

// Returns only the rows whose `_level` differs from the previous row's, ordered by
// `_source_timestamp` and `_time`, with `_level` added to the group key.
builtin stateChangesOnly : (
    <-tables: stream[{B with _level: A}],
) => stream[C] where A: Equatable, C: Record

// Returns the rows where `_level` changes from `fromLevel` to `toLevel`; either may be `"any"`
// (the default), so with no arguments every level change is reported.
@default("fromLevel", "\"any\"")
@default("toLevel", "\"any\"")
builtin stateChanges : (
    <-tables: stream[{D with _level: C}],
    ?fromLevel: A,
    ?toLevel: B,
) => stream[E] where A: Equatable, B: Equatable, C: Equatable, E: Record

// Keeps the latest row of each table and adds a `dead` column that is `true` when that row's
// `_time` is before `t`, meaning the series stopped reporting.
builtin deadman : (
    <-tables: stream[{C with _time: B}],
    t: A,
) => stream[{C with dead: bool, _time: B}] where A: Comparable, B: Comparable

// Assigns each row a `_level` using the `crit`, `warn`, `info` and `ok` predicates (first match
// wins, else `unknown`), adds the check metadata from `data` and a `_message` from `messageFn`,
// and writes the statuses with the `write` option function.
@sideEffect()
@default("crit", "(r) => false")
@default("warn", "(r) => false")
@default("info", "(r) => false")
@default("ok", "(r) => true")
builtin check : (
    <-tables: stream[J],
    data: {E with _check_name: A, _check_id: B, _type: C, tags: D},
    messageFn: (r: { H with _measurement: string, _source_measurement: F, _type: C, _check_id: B, _check_name: A, _level: string, _source_timestamp: int, _time: time, _time: G, _measurement: F, }) => I,
    ?crit: (r: {H with _time: G, _measurement: F}) => bool,
    ?info: (r: {H with _time: G, _measurement: F}) => bool,
    ?ok: (r: {H with _time: G, _measurement: F}) => bool,
    ?warn: (r: {H with _time: G, _measurement: F}) => bool,
) => stream[{ H with _message: I, _measurement: string, _source_measurement: F, _type: C, _check_id: B, _check_name: A, _level: string, _source_timestamp: int, _time: time, _time: G, _measurement: F, }]
    where
    D: Record,
    J: Record
