// Experimental functions whose behaviour or signature may still change, move to another package
// or be removed; prefer the stable equivalents where they exist.
package experimental

// Returns the time `to` plus the duration `d`, evaluated in `location`; `to` may be a time or
// a duration relative to `now`. Deprecated: use `date.add` instead.
@deprecated("0.162.0", "date.add")
@default("location", "location")
builtin addDuration : (
    d: duration,
    to: A,
    ?location: {offset: duration, zone: string},
) => time where A: Timeable

// Returns the time `from` minus the duration `d`, evaluated in `location`; `from` may be a time
// or a duration relative to `now`. Deprecated: use `date.sub` instead.
@deprecated("0.162.0", "date.sub")
@default("location", "location")
builtin subDuration : (
    d: duration,
    from: A,
    ?location: {offset: duration, zone: string},
) => time where A: Timeable

// Regroups tables like `group`, but in `mode: "extend"` (the only supported mode) adds `columns` to
// each table's existing group key instead of replacing it.
builtin group : (<-tables: stream[A], columns: [string], mode: string) => stream[A] where A: Record

// Returns the property names of record `o` as an array of strings.
builtin objectKeys : (o: A) => [string] where A: Record

// Sets every column named in record `o` to its value on all rows, overwriting existing columns
// and adding missing ones.
builtin set : (<-tables: stream[A], o: B) => stream[C] where A: Record, B: Record, C: Record

// Writes pivoted data to an InfluxDB bucket: group-key columns become tags, other columns fields,
// and rows need `_time` and `_measurement`.
// Deprecated: use `influxdb.wideTo`, an equivalent function, instead.
@sideEffect()
@deprecated("0.174.0", "influxdata/influxdb.wideTo")
builtin to : (
    <-tables: stream[A],
    ?bucket: string,
    ?bucketID: string,
    ?host: string,
    ?org: string,
    ?orgID: string,
    ?token: string,
) => stream[A] where A: Record

// Joins the `left` and `right` streams on group key and `_time`, building each output row with
// `fn(left, right)`. Deprecated: use `join.time` instead.
@deprecated("0.172.0", "join.time")
builtin join : (
    fn: (left: A, right: B) => C,
    left: stream[A],
    right: stream[B],
) => stream[C] where A: Record, B: Record, C: Record

// Runs the `first` query to completion, then the `second`, and returns only the results of
// `second`; useful when the second query depends on the first (for example, write then read).
builtin chain : (first: stream[A], second: stream[B]) => stream[B] where A: Record, B: Record

// Shifts the `_time` values of each table so that every table starts at `alignTo` (the Unix
// epoch by default) while keeping the spacing between rows; handy for comparing periods.
@default("alignTo", "time(v: 0)")
builtin alignTime : (<-tables: stream[B], ?alignTo: A) => stream[C] where B: Record, C: Record

// Internal helper behind `experimental.window`; not meant to be called directly.
builtin _window : (
    <-tables: stream[{T with _time: time, _stop: time, _start: time}],
    createEmpty: bool,
    every: duration,
    location: {offset: duration, zone: string},
    offset: duration,
    period: duration,
) => stream[{T with _time: time, _stop: time, _start: time}]

// Groups rows into time windows `every` apart and `period` long, shifted by `offset`, and sets
// `_start` and `_stop` to each row's window bounds. Supports calendar units such as `1mo` and
// `1y`, uses `location` for time zones, and adds tables for empty windows when `createEmpty`.
@default("every", "0s")
@default("period", "0s")
@default("offset", "0s")
@default("location", "location")
@default("createEmpty", "false")
builtin window : (
    <-tables: stream[{A with _time: time, _stop: time, _start: time}],
    ?createEmpty: bool,
    ?every: duration,
    ?location: {offset: duration, zone: string},
    ?offset: duration,
    ?period: duration,
) => stream[{A with _time: time, _stop: time, _start: time}]

// Computes the area under the `_value` curve over `_time` for each table, in `unit`s of time
// (`1s` by default). Set `interpolate: "linear"` to interpolate values at the window bounds.
@default("interpolate", "\"\"")
builtin integral : (
    <-tables: stream[{T with _value: B, _time: time}],
    ?interpolate: string,
    ?unit: duration,
) => stream[{T with _value: B}]

// Returns the number of rows in each table in `_value`, counting null values too; an empty
// table yields a count of 0.
builtin count : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: int}]

// Estimates the `quantile` (0.0 to 1.0) from a cumulative histogram table with `le` upper bounds
// and `_value` counts, interpolating linearly between bounds; `minValue` is the assumed minimum.
@default("minValue", "0.0")
builtin histogramQuantile : (
    <-tables: stream[{T with le: float, _value: float}],
    ?minValue: float,
    ?quantile: float,
) => stream[{T with _value: float}]

// Returns the average of the non-null `_value` values of each table as a single row.
builtin mean : (<-tables: stream[{T with _value: float}]) => stream[{T with _value: float}]

// Returns the most frequent non-null `_value` of each table; when several values tie, all of
// them are returned in sorted order, and null when there is no mode.
builtin mode : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: A}]

// Computes quantile `q` (0.0 to 1.0) of the `_value` column of each table. `method` is
// `estimate_tdigest` (the default, using `compression` centroids), `exact_mean` or
// `exact_selector`, which returns the row holding the quantile value.
@default("method", "\"estimate_tdigest\"")
@default("compression", "1000.0")
builtin quantile : (
    <-tables: stream[{T with _value: float}],
    q: float,
    ?compression: float,
    ?method: string,
) => stream[{T with _value: float}]

// Returns the skew of the non-null `_value` values of each table as a float.
builtin skew : (<-tables: stream[{T with _value: float}]) => stream[{T with _value: float}]

// Returns the difference between the largest and smallest `_value` of each table.
builtin spread : (
    <-tables: stream[{T with _value: A}],
) => stream[{T with _value: A}] where A: Numeric

// Returns the standard deviation of the non-null `_value` values of each table; `mode` selects
// `sample` (the default) or `population` standard deviation.
@default("mode", "\"sample\"")
builtin stddev : (
    <-tables: stream[{T with _value: float}],
    ?mode: string,
) => stream[{T with _value: float}]

// Returns the sum of the non-null `_value` values of each table.
builtin sum : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: A}] where A: Numeric

// Computes Kaufman's Adaptive Moving Average of `_value` over a period of `n` points, a trend
// indicator that adapts to noise; results are floats.
builtin kaufmansAMA : (
    <-tables: stream[{T with _value: A}],
    n: int,
) => stream[{T with _value: float}] where A: Numeric

// Returns one row per distinct `_value` of each table (null counts as a value), keeping only
// group-key columns and dropping empty tables.
builtin distinct : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: A}]

// Replaces null `_value` values with `value`, or with the previous non-null value when
// `usePrevious` is `true`.
builtin fill : (
    <-tables: stream[{T with _value: A}],
    ?usePrevious: bool,
    ?value: A,
) => stream[{T with _value: A}]

// Returns the first row with a non-null `_value` from each table; empty tables are dropped.
builtin first : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: A}]

// Returns the last row with a non-null `_value` from each table; empty tables are dropped.
builtin last : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: A}]

// Returns the row with the highest `_value` from each table; empty tables are dropped.
builtin max : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: A}]

// Returns the row with the lowest `_value` from each table; empty tables are dropped.
builtin min : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: A}]

// Returns, for each table, the rows holding each distinct `_value` (one per value, null included)
// with other columns left unchanged; empty tables are dropped.
builtin unique : (<-tables: stream[{T with _value: A}]) => stream[{T with _value: A}]

// Builds a cumulative histogram of `_value` for each table: one row per upper bound in `bins`,
// with the bound in `le` and the count of values at or below it in `_value`. With `normalize`,
// counts become fractions between 0 and 1.
@default("normalize", "false")
builtin histogram : (
    <-tables: stream[{T with _value: float}],
    bins: [float],
    ?normalize: bool,
) => stream[{T with le: float, _value: float}]

// Limits the stream to at most `ntables` tables with at most `nrows` rows each (5 and 5 by
// default); which tables are kept is not deterministic.
@default("nrows", "5")
@default("ntables", "5")
builtin preview : (<-tables: stream[A], ?nrows: int, ?ntables: int) => stream[A] where A: Record

// Turns each non-group-key column (other than those in `otherColumns`, `["_time"]` by default)
// into a row with its name in `_field` and its value in `_value`; `_field` joins the group key.
@default("otherColumns", "[\"_time\"]")
builtin unpivot : (
    <-tables: stream[{A with _time: time}],
    ?otherColumns: [string],
) => stream[{B with _value: C, _field: string}] where A: Record, B: Record

// Calls `fn` and captures any error: returns a record with the result in `value`, or, when `fn`
// fails, a null `value` with the error code in `code` and the error text in `msg`.
builtin catch : (fn: () => A) => {msg: string, code: uint, value: A}

// Compares the piped `got` stream with `want`, table by table per group key, and returns rows
// describing the differences in a `_diff` column; groups that match produce no output.
builtin diff : (<-got: stream[A], want: stream[A]) => stream[{A with _diff: string}]
