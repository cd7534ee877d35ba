// Internal building blocks used to run PromQL queries translated to Flux: counter rates, date
// functions, histogram quantiles and label handling. Not intended for direct use.
package promql

// Counts how many times `_value` changes from one row to the next in each table, like PromQL's
// `changes()`. Returns one row per table; empty tables produce no output.
builtin changes : (<-tables: stream[{A with _value: float}]) => stream[{B with _value: float}]

// Returns the day of the month (1 to 31, UTC) for `timestamp`, given in seconds since the Unix
// epoch, like PromQL's `day_of_month()`.
builtin promqlDayOfMonth : (timestamp: float) => float

// Returns the day of the week (0 for Sunday to 6, UTC) for `timestamp`, given in seconds since
// the Unix epoch, like PromQL's `day_of_week()`.
builtin promqlDayOfWeek : (timestamp: float) => float

// Returns the number of days (28 to 31) in the UTC month containing `timestamp`, given in
// seconds since the Unix epoch, like PromQL's `days_in_month()`.
builtin promqlDaysInMonth : (timestamp: float) => float

// Returns a single table with `_start`, `_stop`, `_time` and `_value` columns and no rows; a
// starting point for PromQL's `time()` and `vector()`.
builtin emptyTable : () => stream[{_value: float, _time: time, _stop: time, _start: time}]

// Computes the increase of `_value` over each table's `_start`-`_stop` range, extrapolated to
// the range edges the way PromQL's `rate()`, `increase()` and `delta()` do. `isCounter`
// corrects for counter resets; `isRate` divides by the range length in seconds.
builtin extrapolatedRate : (
    <-tables: stream[{A with _value: float, _time: time, _stop: time, _start: time}],
    ?isCounter: bool,
    ?isRate: bool,
) => stream[{B with _value: float}]

// Applies double exponential smoothing to `_value`, like PromQL's `holt_winters()`, using
// `smoothingFactor` and `trendFactor`, and returns the smoothed value. Needs two or more points.
builtin holtWinters : (
    <-tables: stream[{A with _value: float, _time: time}],
    ?smoothingFactor: float,
    ?trendFactor: float,
) => stream[{B with _value: float}]

// Returns the hour of the day (0 to 23, UTC) for `timestamp`, given in seconds since the Unix
// epoch, like PromQL's `hour()`.
builtin promqlHour : (timestamp: float) => float

// Computes the change between the last two `_value` points of each table, as PromQL's
// `idelta()`, or with `isRate` the per-second rate with reset handling, as `irate()`.
builtin instantRate : (
    <-tables: stream[{A with _value: float, _time: time}],
    ?isRate: bool,
) => stream[{B with _value: float}]

// Implements PromQL's `label_replace()`: if the `source` column fully matches `regex`, sets the
// `destination` column to `replacement` (which can reference capture groups like `$1`).
// An empty result removes the `destination` column.
builtin labelReplace : (
    <-tables: stream[{A with _value: float}],
    destination: string,
    regex: string,
    replacement: string,
    source: string,
) => stream[{B with _value: float}]

// Fits a least-squares line to `_value` over time in each table. Returns the slope per second,
// as PromQL's `deriv()`, or with `predict` the value `fromNow` seconds after `_stop`.
builtin linearRegression : (
    <-tables: stream[{A with _value: float, _stop: time, _time: time}],
    ?fromNow: float,
    ?predict: bool,
) => stream[{B with _value: float}]

// Returns the minute of the hour (0 to 59, UTC) for `timestamp`, given in seconds since the Unix
// epoch, like PromQL's `minute()`.
builtin promqlMinute : (timestamp: float) => float

// Returns the month (1 to 12, UTC) for `timestamp`, given in seconds since the Unix epoch,
// like PromQL's `month()`.
builtin promqlMonth : (timestamp: float) => float

// Estimates the `quantile` of a Prometheus-style histogram, like PromQL's `histogram_quantile()`.
// Reads bucket counts from `countColumn` (default `_value`) and upper bounds from the string
// column `upperBoundColumn` (default `le`), writing the result to `valueColumn`.
builtin promHistogramQuantile : (
    <-tables: stream[A],
    ?countColumn: string,
    ?quantile: float,
    ?upperBoundColumn: string,
    ?valueColumn: string,
) => stream[B] where A: Record, B: Record

// Counts how many times `_value` decreases between consecutive rows of each table (counter
// resets), like PromQL's `resets()`. Returns one row per table.
builtin resets : (<-tables: stream[{A with _value: float}]) => stream[{B with _value: float}]

// Replaces `_value` with each row's `_time` (or `_stop` if there is no `_time`) expressed as
// float seconds since the Unix epoch, like PromQL's `timestamp()`.
builtin timestamp : (<-tables: stream[{A with _value: float}]) => stream[{A with _value: float}]

// Returns the year (UTC) for `timestamp`, given in seconds since the Unix epoch, like PromQL's
// `year()`.
builtin promqlYear : (timestamp: float) => float

// Computes the `q` quantile of each table with `method` (default `"exact_mean"`). Out-of-range
// `q` gives `-Inf` (below 0) or `+Inf` (above 1), matching PromQL.
@default("method", "\"exact_mean\"")
builtin quantile : (<-tables: stream[A], q: float, ?method: string) => stream[A] where A: Record

// Joins rows of the `left` and `right` streams that share a group key and `_time`, building
// each output row with `fn`. Same as `experimental.join`.
builtin join : (
    fn: (left: A, right: B) => C,
    left: stream[A],
    right: stream[B],
) => stream[C] where A: Record, B: Record, C: Record
