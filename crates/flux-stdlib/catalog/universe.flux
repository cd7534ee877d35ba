// The built-in prelude: core options, type conversions and table transformations available in
// every Flux script without an `import`.
package universe

// The option that supplies the current time. By default it returns the system time, fixed once per
// run so every call agrees; scripts and tests pin it with `option now = () => <time>`.
@option()
builtin now : () => time

// Computes Tushar Chande's momentum oscillator over `n` points for each of `columns`, giving
// values from -100 to 100. Each output table has `n` fewer rows than its input.
@default("columns", "[\"_value\"]")
builtin chandeMomentumOscillator : (
    <-tables: stream[A],
    n: int,
    ?columns: [string],
) => stream[B] where A: Record, B: Record

// Lists the column labels of each input table, one label per row in `column` (default `_value`),
// keeping the table's group key.
@default("column", "\"_value\"")
builtin columns : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record

// Counts the records in each input table and outputs one row with the total; an empty table counts
// as 0. `column` names the column to count.
builtin count : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record

// Computes the covariance of the two columns listed in `columns` for each table and stores it in
// `valueDst` (default `_value`). With `pearsonr: true` it yields the Pearson correlation instead.
@default("pearsonr", "false")
@default("valueDst", "\"_value\"")
builtin covariance : (
    <-tables: stream[A],
    columns: [string],
    ?pearsonr: bool,
    ?valueDst: string,
) => stream[B] where A: Record, B: Record

// Replaces each value in `columns` (default `_value`) with the running total of the non-null
// values seen so far in its table.
@default("columns", "[\"_value\"]")
builtin cumulativeSum : (
    <-tables: stream[A],
    ?columns: [string],
) => stream[B] where A: Record, B: Record

// Computes the rate of change per `unit` (default 1s) between consecutive non-null values; each
// table loses one row. With `nonNegative: true` negative rates become null (or 0 if `initialZero`).
@default("unit", "1s")
@default("nonNegative", "false")
@default("columns", "[\"_value\"]")
@default("timeColumn", "\"_time\"")
@default("initialZero", "false")
builtin derivative : (
    <-tables: stream[A],
    ?columns: [string],
    ?initialZero: bool,
    ?nonNegative: bool,
    ?timeColumn: string,
    ?unit: duration,
) => stream[B] where A: Record, B: Record

// Stops the script immediately with an error carrying the message `msg`.
builtin die : (msg: string) => A

// Computes the difference between each value in `columns` and the previous one; the first row is
// dropped unless `keepFirst` is set. `nonNegative: true` turns negative results into null, or with
// `initialZero` into the current value (its difference from zero).
@default("nonNegative", "false")
@default("columns", "[\"_value\"]")
@default("keepFirst", "false")
@default("initialZero", "false")
builtin difference : (
    <-tables: stream[T],
    ?columns: [string],
    ?initialZero: bool,
    ?keepFirst: bool,
    ?nonNegative: bool,
) => stream[R] where R: Record, T: Record

// Returns the distinct values of `column` (default `_value`) in each table, one per row in
// `_value`; null counts as a value of its own.
@default("column", "\"_value\"")
builtin distinct : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record

// Removes columns from each table, given as a `columns` list or picked by a predicate
// `fn(column)`. Dropped group-key columns also leave the group key.
builtin drop : (
    <-tables: stream[A],
    ?columns: [string],
    ?fn: (column: string) => bool,
) => stream[B] where A: Record, B: Record

// Copies `column` into a new column named `as`, overwriting any existing column of that name.
// The copy is not part of the group key.
builtin duplicate : (
    <-tables: stream[A],
    as: string,
    column: string,
) => stream[B] where A: Record, B: Record

// Adds a `columnName` column (default `elapsed`) with the time since the previous row, as an
// integer number of `unit` (default 1s). The first row of each table is dropped.
@default("unit", "1s")
@default("timeColumn", "\"_time\"")
@default("columnName", "\"elapsed\"")
builtin elapsed : (
    <-tables: stream[A],
    ?columnName: string,
    ?timeColumn: string,
    ?unit: duration,
) => stream[B] where A: Record, B: Record

// Computes the exponential moving average of `_value` over `n` points, weighting recent values
// more heavily; the first result is the plain mean of `n` values. Null values are skipped.
builtin exponentialMovingAverage : (
    <-tables: stream[{B with _value: A}],
    n: int,
) => stream[{B with _value: A}] where A: Numeric

// Replaces null values in `column` (default `_value`) with the constant `value`, or with the
// last non-null value when `usePrevious: true`. `value` must match the column's type.
@default("column", "\"_value\"")
@default("usePrevious", "false")
builtin fill : (
    <-tables: stream[A],
    ?column: string,
    ?usePrevious: bool,
    ?value: B,
) => stream[C] where A: Record, C: Record

// Keeps only the rows for which the predicate `fn(r)` returns `true`; `false` or null removes the
// row. Tables left empty are dropped unless `onEmpty: "keep"`.
@default("onEmpty", "\"drop\"")
builtin filter : (
    <-tables: stream[A],
    fn: (r: A) => bool,
    ?onEmpty: string,
) => stream[A] where A: Record

// Selects the first row with a non-null `column` (default `_value`) from each table.
// Empty tables are dropped.
@default("column", "\"_value\"")
builtin first : (<-tables: stream[A], ?column: string) => stream[A] where A: Record

// Regroups rows by changing the group key: `mode: "by"` groups by `columns`, `"except"` by all
// other columns. An empty `columns` list merges everything into one table. Row order may change.
@default("columns", "[]")
@default("mode", "\"by\"")
builtin group : (
    <-tables: stream[A],
    ?columns: [string],
    ?mode: string,
) => stream[A] where A: Record

// Builds a cumulative histogram of `column` per table: for each upper bound in `bins` it counts
// the values less than or equal to it, writing bounds to `le` and counts to `_value` by default.
// `normalize: true` turns counts into fractions between 0 and 1.
@default("column", "\"_value\"")
@default("upperBoundColumn", "\"le\"")
@default("countColumn", "\"_value\"")
@default("normalize", "false")
builtin histogram : (
    <-tables: stream[A],
    bins: [float],
    ?column: string,
    ?countColumn: string,
    ?normalize: bool,
    ?upperBoundColumn: string,
) => stream[B] where A: Record, B: Record

// Estimates the `quantile` (0 to 1) from histogram tables of cumulative counts (`_value`) and
// upper bounds (`le`) by linear interpolation. `minValue` is the assumed lowest value;
// `onNonmonotonic` is `"error"`, `"force"` or `"drop"`.
@default("countColumn", "\"_value\"")
@default("upperBoundColumn", "\"le\"")
@default("minValue", "0.0")
@default("onNonmonotonic", "\"error\"")
builtin histogramQuantile : (
    <-tables: stream[A],
    ?countColumn: string,
    ?minValue: float,
    ?onNonmonotonic: string,
    ?quantile: float,
    ?upperBoundColumn: string,
    ?valueColumn: string,
) => stream[B] where A: Record, B: Record

// Forecasts `n` future values of `column`, spaced `interval` apart, with the Holt-Winters method;
// `seasonality` is the number of points per season (0 for none). `withFit` adds fitted values.
@default("withFit", "false")
@default("column", "\"_value\"")
@default("timeColumn", "\"_time\"")
@default("seasonality", "0")
@default("withMinSSE", "false")
builtin holtWinters : (
    <-tables: stream[A],
    interval: duration,
    n: int,
    ?column: string,
    ?seasonality: int,
    ?timeColumn: string,
    ?withFit: bool,
    ?withMinSSE: bool,
) => stream[B] where A: Record, B: Record

// Internal helper behind `hourSelection`; not meant to be called directly.
builtin _hourSelection : (
    <-tables: stream[A],
    location: {offset: duration, zone: string},
    start: int,
    stop: int,
    ?timeColumn: string,
) => stream[A] where A: Record

// Keeps rows whose time falls within the hours `start` to `stop` (both inclusive, 0 to 23),
// judged in the time zone given by `location`.
@default("location", "location")
@default("timeColumn", "\"_time\"")
builtin hourSelection : (
    <-tables: stream[A],
    start: int,
    stop: int,
    ?location: {offset: duration, zone: string},
    ?timeColumn: string,
) => stream[A] where A: Record

// Computes the area under the curve of `column` over time for each table, expressed per `unit`
// of time. `interpolate: "linear"` enables linear interpolation. Expects `_start` and `_stop`.
@default("column", "\"_value\"")
@default("timeColumn", "\"_time\"")
@default("interpolate", "\"\"")
builtin integral : (
    <-tables: stream[A],
    ?column: string,
    ?interpolate: string,
    ?timeColumn: string,
    ?unit: duration,
) => stream[B] where A: Record, B: Record

// Joins the two streams given in the `tables` record on equal values of the `on` columns (inner
// join only); other shared column names get a `_<table>` suffix.
// Deprecated: use `join.inner` instead.
@deprecated("0.172.0", "join.inner")
@default("method", "\"inner\"")
builtin join : (<-tables: A, ?method: string, ?on: [string]) => stream[B] where A: Record, B: Record

// Computes Kaufman's Adaptive Moving Average of `column` over `n` points, a trend-following
// average that adjusts to how noisy the data is.
@default("column", "\"_value\"")
builtin kaufmansAMA : (
    <-tables: stream[A],
    n: int,
    ?column: string,
) => stream[B] where A: Record, B: Record

// Keeps only the listed `columns` (or those for which `fn(column)` is true) and drops all others,
// including from the group key. The opposite of `drop`.
builtin keep : (
    <-tables: stream[A],
    ?columns: [string],
    ?fn: (column: string) => bool,
) => stream[B] where A: Record, B: Record

// Returns each table's group key together with `_key` and `_value` columns holding the label and
// value of each column in `keyColumns`; those columns must share one type.
builtin keyValues : (
    <-tables: stream[A],
    ?keyColumns: [string],
) => stream[{C with _value: B, _key: string}] where A: Record, C: Record

// Returns the group key column labels of each table, one per row in `column` (default `_value`);
// columns outside the group key are dropped.
@default("column", "\"_value\"")
builtin keys : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record

// Selects the last row with a non-null `column` (default `_value`) from each table.
// Empty tables are dropped.
@default("column", "\"_value\"")
builtin last : (<-tables: stream[A], ?column: string) => stream[A] where A: Record

// Keeps at most the first `n` rows of each table, after skipping `offset` rows (default 0).
@default("offset", "0")
builtin limit : (<-tables: stream[A], n: int, ?offset: int) => stream[A]

// Applies `fn` to every row `r` and outputs the record it returns; columns missing from that
// record are dropped, so use `{r with ...}` to keep them. Rows move tables if key values change.
// `mergeKey` is deprecated.
@default("mergeKey", "false")
builtin map : (<-tables: stream[A], fn: (r: A) => B, ?mergeKey: bool) => stream[B]

// Selects the row with the largest `column` value (default `_value`) from each table.
// Empty tables are dropped.
@default("column", "\"_value\"")
builtin max : (<-tables: stream[A], ?column: string) => stream[A] where A: Record

// Computes the average of the non-null values in `column` (default `_value`) for each table.
@default("column", "\"_value\"")
builtin mean : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record

// Selects the row with the smallest `column` value (default `_value`) from each table.
// Empty tables are dropped.
@default("column", "\"_value\"")
builtin min : (<-tables: stream[A], ?column: string) => stream[A] where A: Record

// Returns the most frequent non-null value of `column` in each table; ties yield several rows in
// sorted order. Empty tables are dropped.
@default("column", "\"_value\"")
builtin mode : (
    <-tables: stream[A],
    ?column: string,
) => stream[{C with _value: B}] where A: Record, C: Record

// Computes a simple moving average of `_value`: each output is the float mean of the current and
// previous `n - 1` non-null values.
builtin movingAverage : (
    <-tables: stream[{B with _value: A}],
    n: int,
) => stream[{B with _value: float}] where A: Numeric

// Computes the `q` quantile (0.0 to 1.0) of `column` in each table. `method` is
// `"estimate_tdigest"` (default) or `"exact_mean"`, which aggregate, or `"exact_selector"`, which
// returns the matching row; `compression` tunes the t-digest accuracy.
@default("column", "\"_value\"")
@default("method", "\"estimate_tdigest\"")
@default("compression", "1000.0")
builtin quantile : (
    <-tables: stream[A],
    q: float,
    ?column: string,
    ?compression: float,
    ?method: string,
) => stream[A] where A: Record

// Turns rows into columns: one output row per unique `rowKey` combination and one new column per
// unique `columnKey` value (joined with `_`), filled from `valueColumn`; unmatched cells are null.
builtin pivot : (
    <-tables: stream[A],
    columnKey: [string],
    rowKey: [string],
    valueColumn: string,
) => stream[B] where A: Record, B: Record

// Keeps rows whose `_time` is at or after `start` and before `stop` (default `now()`), adding
// `_start` and `_stop` to the group key. Bounds may be times, durations relative to `now()` or
// Unix seconds.
@default("stop", "now()")
builtin range : (
    <-tables: stream[{A with _time: time}],
    start: B,
    ?stop: C,
) => stream[{A with _stop: time, _start: time, _time: time}]

// Aggregates each table into one row by folding `fn(r, accumulator)` over its rows, starting
// from the `identity` record. The output keeps the group key plus the accumulator's fields.
builtin reduce : (
    <-tables: stream[A],
    fn: (accumulator: B, r: A) => B,
    identity: B,
) => stream[C] where A: Record, B: Record, C: Record

// Computes the relative strength index (0 to 100) over `n` values for each of `columns`,
// ignoring nulls. Each output table has `n` fewer rows than its input.
@default("columns", "[\"_value\"]")
builtin relativeStrengthIndex : (
    <-tables: stream[A],
    n: int,
    ?columns: [string],
) => stream[B] where A: Record, B: Record

// Renames columns, either through a `columns` record mapping old names to new ones or a function
// `fn(column)` returning the new name. Group key labels are renamed too.
builtin rename : (
    <-tables: stream[A],
    ?columns: B,
    ?fn: (column: string) => string,
) => stream[C] where A: Record, B: Record, C: Record

// Keeps every `n`th row of each table, starting at offset `pos`; the default -1 picks a random
// start. `pos` must be less than `n`. Empty tables are dropped.
@default("pos", "-1")
builtin sample : (
    <-tables: stream[A],
    n: int,
    ?column: string,
    ?pos: int,
) => stream[A] where A: Record

// Sets column `key` to the string `value` in every row, adding the column if it is missing.
builtin set : (<-tables: stream[A], key: string, value: string) => stream[A] where A: Record

// Keeps at most the last `n` rows of each table, ignoring the final `offset` rows (default 0).
@default("offset", "0")
builtin tail : (<-tables: stream[A], n: int, ?offset: int) => stream[A]

// Adds `duration` (which may be negative) to the time values in `columns`, by default `_start`,
// `_stop` and `_time`. Null times stay null.
@default("columns", "[\"_start\", \"_stop\", \"_time\"]")
builtin timeShift : (<-tables: stream[A], duration: duration, ?columns: [string]) => stream[A]

// Computes the skewness of the non-null values in `column` (default `_value`) for each table.
@default("column", "\"_value\"")
builtin skew : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record

// Returns the difference between the largest and smallest value of `column` (default `_value`)
// in each table.
@default("column", "\"_value\"")
builtin spread : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record

// Sorts the rows of each table by `columns` (default `["_value"]`), earlier columns first;
// `desc: true` sorts descending. Nulls sort last when ascending and first when descending.
@default("columns", "[\"_value\"]")
@default("desc", "false")
builtin sort : (<-tables: stream[A], ?columns: [string], ?desc: bool) => stream[A] where A: Record

// Tracks runs of consecutive rows matching `fn`, adding a running count in `countColumn` and/or
// the run's duration in `durationColumn` (in `durationUnit`). Non-matching rows get -1.
@default("durationUnit", "1s")
@default("timeColumn", "\"_time\"")
builtin stateTracking : (
    <-tables: stream[A],
    fn: (r: A) => bool,
    ?countColumn: string,
    ?durationColumn: string,
    ?durationUnit: duration,
    ?timeColumn: string,
) => stream[B] where A: Record, B: Record

// Computes the standard deviation of the non-null values in `column` (default `_value`); `mode`
// is `"sample"` (default) or `"population"`.
@default("column", "\"_value\"")
@default("mode", "\"sample\"")
builtin stddev : (
    <-tables: stream[A],
    ?column: string,
    ?mode: string,
) => stream[B] where A: Record, B: Record

// Computes the sum of the non-null values in `column` (default `_value`) for each table.
@default("column", "\"_value\"")
builtin sum : (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record

// Computes the TRIX oscillator of `_value` over `n` points: the percentage change of a triple
// exponential moving average. Gives `NaN` when there are too few values.
builtin tripleExponentialDerivative : (
    <-tables: stream[{B with _value: A}],
    n: int,
) => stream[{B with _value: float}] where A: Numeric, B: Record

// Merges two or more streams into one, leaving rows unchanged and grouped by their existing
// group keys. Row order is not preserved.
builtin union : (tables: [stream[A]]) => stream[A] where A: Record

// Keeps the rows whose `column` value (default `_value`) has not appeared earlier in the table.
// Empty tables are dropped.
@default("column", "\"_value\"")
builtin unique : (<-tables: stream[A], ?column: string) => stream[A] where A: Record

// Internal helper behind `window`; not meant to be called directly.
builtin _window : (
    <-tables: stream[A],
    createEmpty: bool,
    every: duration,
    location: {offset: duration, zone: string},
    offset: duration,
    period: duration,
    startColumn: string,
    stopColumn: string,
    timeColumn: string,
) => stream[B] where A: Record, B: Record

// Groups rows into time windows starting every `every` and lasting `period` (default `every`),
// shifted by `offset`; window bounds go into `_start` and `_stop`. `createEmpty` keeps empty ones.
@default("every", "0s")
@default("period", "0s")
@default("offset", "0s")
@default("location", "location")
@default("timeColumn", "\"_time\"")
@default("startColumn", "\"_start\"")
@default("stopColumn", "\"_stop\"")
@default("createEmpty", "false")
builtin window : (
    <-tables: stream[A],
    ?createEmpty: bool,
    ?every: duration,
    ?location: {offset: duration, zone: string},
    ?offset: duration,
    ?period: duration,
    ?startColumn: string,
    ?stopColumn: string,
    ?timeColumn: string,
) => stream[B] where A: Record, B: Record

// Emits the input as a query result named `name` (default `_results`) and passes it on.
// Only needed when a script produces more than one result.
@sideEffect()
@default("name", "\"_results\"")
builtin yield : (<-tables: stream[A], ?name: string) => stream[A] where A: Record

// Returns the first table whose group key satisfies the predicate `fn(key)`.
builtin tableFind : (
    <-tables: stream[A],
    fn: (key: B) => bool,
) => stream[A] where A: Record, B: Record

// Returns the values of `column` in a table as an array; fails if the column is missing.
builtin getColumn : (<-table: stream[A], column: string) => [B] where A: Record

// Returns the row at index `idx` of a table as a record; fails if `idx` is out of range.
builtin getRecord : (<-table: stream[A], idx: int) => A where A: Record

// Returns, as an array, the `column` values of the first table whose group key matches
// `fn(key)`; the array is empty if no table or column matches.
builtin findColumn : (
    <-tables: stream[A],
    column: string,
    fn: (key: B) => bool,
) => [C] where A: Record, B: Record

// Returns row `idx` of the first table whose group key matches `fn(key)` as a record; the record
// is empty if no table matches or `idx` is out of range.
builtin findRecord : (
    <-tables: stream[A],
    fn: (key: B) => bool,
    idx: int,
) => A where A: Record, B: Record

// Converts `v` to a boolean, e.g. from the strings `"true"`/`"false"` or the numbers 1 and 0.
builtin bool : (v: A) => bool

// Converts the string `v` to bytes.
builtin bytes : (v: A) => bytes

// Converts `v` to a duration: integers count nanoseconds and strings use duration literal syntax
// such as `"1h30m"`.
builtin duration : (v: A) => duration

// Converts `v` to a float, e.g. from integers, booleans or numeric strings.
builtin float : (v: A) => float

// Internal vectorized form of `float` that converts a whole vector at once; not meant to be
// called directly.
builtin _vectorizedFloat : (v: vector[A]) => vector[float]

// Converts `v` to an integer: floats are truncated, booleans give 1 or 0, numeric strings are
// parsed, and durations and times give nanoseconds.
builtin int : (v: A) => int

// Converts a basic value `v` to its string form.
builtin string : (v: A) => string

// Converts `v` to a time: strings must be RFC 3339 timestamps, and integers count nanoseconds since
// the Unix epoch.
builtin time : (v: A) => time

// Converts `v` to an unsigned integer: floats are truncated, booleans give 1 or 0, numeric strings
// are parsed, and durations and times give nanoseconds.
builtin uint : (v: A) => uint

// Returns a readable string for any value, including arrays, records and dictionaries, in a
// Flux-literal-like form (bytes as `0x` hex). The text may not parse back and may change.
builtin display : (v: A) => string

// Reports whether the array `set` includes `value`.
builtin contains : (set: [A], value: A) => bool where A: Nullable

// An effectively infinite duration (the largest representable), used e.g. as `every: inf` to put
// all rows in a single window.
builtin inf : duration

// Returns the number of elements in the array `arr`.
builtin length : (<-arr: [A]) => int

// Generates `count` bin bounds for `histogram`, starting at `start` and spaced `width` apart;
// `infinity: true` (default) appends positive infinity as an extra bound.
@default("infinity", "true")
builtin linearBins : (count: int, start: float, width: float, ?infinity: bool) => [float]

// Generates `count` bin bounds for `histogram`, starting at `start` with each one `factor` times
// the previous; `infinity: true` (default) appends positive infinity as an extra bound.
@default("infinity", "true")
builtin logarithmicBins : (count: int, factor: float, start: float, ?infinity: bool) => [float]

// Computes the time-weighted average of `_value` in each table as a float: the linearly
// interpolated integral divided by the `_start` to `_stop` span. `unit` is the integral's unit.
builtin timeWeightedAvg : (
    <-tables: stream[A],
    unit: duration,
) => stream[{D with _value: float, _value: float, _stop: B, _start: C}] where A: Record

// Computes the covariance between streams `x` and `y` after joining them on the `on` columns;
// `pearsonr: true` returns the Pearson correlation instead.
@default("pearsonr", "false")
builtin cov : (on: [string], x: A, y: B, ?pearsonr: bool) => stream[C] where C: Record

// Computes the Pearson correlation coefficient between streams `x` and `y`, joined on the `on`
// columns.
builtin pearsonr : (on: [string], x: A, y: B) => stream[C] where C: Record

// Internal helper behind `aggregateWindow` that fills empty tables when `createEmpty` is true;
// not meant to be called directly.
builtin _fillEmpty : (<-tables: stream[A], createEmpty: bool) => stream[A] where A: Record

// Downsamples data: splits it into `every`-long time windows, applies the aggregate or selector
// `fn` to `column` in each, and stamps results with the window's `_stop` as `_time`. Needs
// `_start`/`_stop` columns (e.g. from `range`); empty windows are kept by default.
@default("period", "0s")
@default("offset", "0s")
@default("location", "location")
@default("column", "\"_value\"")
@default("timeSrc", "\"_stop\"")
@default("timeDst", "\"_time\"")
@default("createEmpty", "true")
builtin aggregateWindow : (
    <-tables: stream[D],
    every: duration,
    fn: (<-: stream[B], column: A) => stream[C],
    ?column: A,
    ?createEmpty: bool,
    ?location: {offset: duration, zone: string},
    ?offset: duration,
    ?period: duration,
    ?timeDst: string,
    ?timeSrc: string,
) => stream[E] where B: Record, C: Record, D: Record, E: Record

// Computes the running total of non-negative differences between consecutive values in
// `columns`, which follows counter growth across resets.
@default("columns", "[\"_value\"]")
builtin increase : (<-tables: stream[A], ?columns: [string]) => stream[B] where A: Record, B: Record

// Computes the median (0.5 quantile) of `column` in each table; `method` and `compression` work
// as in `quantile`.
@default("method", "\"estimate_tdigest\"")
@default("compression", "0.0")
@default("column", "\"_value\"")
builtin median : (
    <-tables: stream[A],
    ?column: string,
    ?compression: float,
    ?method: string,
) => stream[A] where A: Record

// Adds a `column` (default `stateCount`) counting consecutive rows for which `fn` is true; a row
// where it is false gets -1 and resets the count.
@default("column", "\"stateCount\"")
builtin stateCount : (
    <-tables: stream[A],
    fn: (r: A) => bool,
    ?column: string,
) => stream[B] where A: Record, B: Record

// Adds a `column` (default `stateDuration`) with how long consecutive rows have matched `fn`, as
// an integer in `unit` (default 1s); the first matching row gets 0 and non-matching rows -1.
@default("column", "\"stateDuration\"")
@default("timeColumn", "\"_time\"")
@default("unit", "1s")
builtin stateDuration : (
    <-tables: stream[A],
    fn: (r: A) => bool,
    ?column: string,
    ?timeColumn: string,
    ?unit: duration,
) => stream[B] where A: Record, B: Record

// Internal helper behind `top` and `bottom` that sorts and then limits each table; not meant to
// be called directly.
@default("columns", "[\"_value\"]")
builtin _sortLimit : (
    <-tables: stream[A],
    desc: bool,
    n: int,
    ?columns: [string],
) => stream[A] where A: Record

// Sorts each table by `columns` (default `_value`) in descending order and keeps the first `n`
// rows. Empty tables are dropped.
@default("columns", "[\"_value\"]")
builtin top : (<-tables: stream[A], n: int, ?columns: [string]) => stream[A] where A: Record

// Sorts each table by `columns` (default `_value`) in ascending order and keeps the first `n`
// rows. Empty tables are dropped.
@default("columns", "[\"_value\"]")
builtin bottom : (<-tables: stream[A], n: int, ?columns: [string]) => stream[A] where A: Record

// Internal helper behind `highestMax`, `lowestMin` and their relatives; not meant to be called
// directly.
@default("column", "\"_value\"")
@default("groupColumns", "[]")
builtin _highestOrLowest : (
    <-tables: stream[E],
    _sortLimit: (<-: stream[C], columns: [A], n: B) => D,
    n: B,
    reducer: (<-: stream[E]) => stream[C],
    ?column: A,
    ?groupColumns: [string],
) => D where C: Record, E: Record

// Takes the maximum row of each group (grouped by `groupColumns`) and returns the `n` rows with
// the highest `column` values overall.
@default("column", "\"_value\"")
@default("groupColumns", "[]")
builtin highestMax : (
    <-tables: stream[A],
    n: int,
    ?column: string,
    ?groupColumns: [string],
) => stream[A] where A: Record

// Averages `column` per group (grouped by `groupColumns`) and returns the `n` highest averages.
@default("column", "\"_value\"")
@default("groupColumns", "[]")
builtin highestAverage : (
    <-tables: stream[A],
    n: int,
    ?column: string,
    ?groupColumns: [string],
) => stream[B] where A: Record, B: Record

// Takes the last row of each group (grouped by `groupColumns`) and returns the `n` rows with the
// highest `column` values.
@default("column", "\"_value\"")
@default("groupColumns", "[]")
builtin highestCurrent : (
    <-tables: stream[A],
    n: int,
    ?column: string,
    ?groupColumns: [string],
) => stream[A] where A: Record

// Takes the minimum row of each group (grouped by `groupColumns`) and returns the `n` rows with
// the lowest `column` values overall.
@default("column", "\"_value\"")
@default("groupColumns", "[]")
builtin lowestMin : (
    <-tables: stream[A],
    n: int,
    ?column: string,
    ?groupColumns: [string],
) => stream[A] where A: Record

// Averages `column` per group (grouped by `groupColumns`) and returns the `n` lowest averages.
@default("column", "\"_value\"")
@default("groupColumns", "[]")
builtin lowestAverage : (
    <-tables: stream[A],
    n: int,
    ?column: string,
    ?groupColumns: [string],
) => stream[B] where A: Record, B: Record

// Takes the last row of each group (grouped by `groupColumns`) and returns the `n` rows with the
// lowest `column` values.
@default("column", "\"_value\"")
@default("groupColumns", "[]")
builtin lowestCurrent : (
    <-tables: stream[A],
    n: int,
    ?column: string,
    ?groupColumns: [string],
) => stream[A] where A: Record

// Computes moving averages of `column` over windows `period` long, one every `every`; each result
// is stamped with its window's stop time.
@default("column", "\"_value\"")
builtin timedMovingAverage : (
    <-tables: stream[A],
    every: duration,
    period: duration,
    ?column: string,
) => stream[B] where A: Record, B: Record

// Computes the double exponential moving average of `_value` over `n` points (twice the EMA
// minus the EMA of the EMA); a full result needs at least `2 * n - 1` values.
builtin doubleEMA : (
    <-tables: stream[{B with _value: A}],
    n: int,
) => stream[C] where A: Numeric, C: Record

// Computes Kaufman's Efficiency Ratio of `_value` over `n` points: the absolute Chande Momentum
// Oscillator divided by 100, from 0 to 1 (higher means a stronger trend).
builtin kaufmansER : (
    <-tables: stream[A],
    n: int,
) => stream[{B with _value: float, _value: float}] where A: Record

// Computes the triple exponential moving average of `_value` over `n` points, which lags less than
// single or double EMAs; a full result needs at least `3 * n - 2` values.
builtin tripleEMA : (
    <-tables: stream[{B with _value: A}],
    n: int,
) => stream[C] where A: Numeric, C: Record

// Rounds every `_time` value down to a multiple of `unit` (e.g. `1h`, `1d`, `1mo`).
// The `timeColumn` parameter is accepted but currently has no effect.
@default("timeColumn", "\"_time\"")
builtin truncateTimeColumn : (
    <-tables: stream[{C with _time: B}],
    unit: duration,
    ?timeColumn: A,
) => stream[{C with _time: time, _time: B}] where B: Timeable

// Converts every `_value` to a string.
builtin toString : (
    <-tables: stream[{B with _value: A}],
) => stream[{B with _value: string, _value: A}]

// Converts every `_value` to an integer, following the rules of `int`.
builtin toInt : (<-tables: stream[{B with _value: A}]) => stream[{B with _value: int, _value: A}]

// Converts every `_value` to an unsigned integer, following the rules of `uint`.
builtin toUInt : (<-tables: stream[{B with _value: A}]) => stream[{B with _value: uint, _value: A}]

// Converts every `_value` to a float, following the rules of `float`.
builtin toFloat : (
    <-tables: stream[{B with _value: A}],
) => stream[{B with _value: float, _value: A}]

// Converts every `_value` to a boolean, following the rules of `bool`.
builtin toBool : (<-tables: stream[{B with _value: A}]) => stream[{B with _value: bool, _value: A}]

// Converts every `_value` to a time; numbers are read as nanoseconds since the Unix epoch.
builtin toTime : (<-tables: stream[{B with _value: A}]) => stream[{B with _value: time, _value: A}]

// Returns `now()` truncated to the start of its day.
builtin today : () => time
