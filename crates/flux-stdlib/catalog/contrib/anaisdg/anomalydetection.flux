// Anomaly detection for time series data using the median absolute deviation (MAD).
package anomalydetection

// Flags anomalies using the median absolute deviation. Rows are grouped by `_time`; `_value` is
// set to each value's distance from the group median divided by the median of those distances, and
// `level` to "anomaly" when that reaches `threshold` (default 3.0), otherwise "normal".
@default("threshold", "3.0")
builtin mad : (
    <-table: stream[B],
    ?threshold: A,
) => stream[{D with level: string, _value: C, _value_diff: C, _value_diff_med: C}]
    where
    A: Comparable + Equatable,
    B: Record,
    C: Comparable + Divisible + Equatable
