// Experimental shortcuts for common aggregate computations, such as per-window counter rates.
package aggregate

// Computes the average non-negative rate of change per `unit` (default `1s`) in windows of length
// `every`, in the style of Prometheus `rate()`; meant for counters. Input needs `_start` and
// `_stop` columns (use `range()`); window means are summed per `groupColumns`.
@default("groupColumns", "[]")
@default("unit", "1s")
builtin rate : (
    <-tables: stream[A],
    every: duration,
    ?groupColumns: [string],
    ?unit: duration,
) => stream[B] where A: Record, B: Record
