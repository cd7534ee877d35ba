// Aggregates over windows of several series.
package aggregate

import "experimental"

// The non-negative per-`unit` rate of each series, averaged in windows of `every`, then
// summed over the series of each `groupColumns` group.
rate = (tables=<-, every, groupColumns=[], unit=1s) => {
    sumOfMeans = (tables=<-, column) =>
        tables
            |> mean(column: column)
            |> group(columns: groupColumns)
            |> experimental.group(columns: ["_start", "_stop"], mode: "extend")
            |> sum()

    return
        tables
            |> derivative(nonNegative: true, unit: unit)
            |> aggregateWindow(every: every, fn: sumOfMeans)
}
