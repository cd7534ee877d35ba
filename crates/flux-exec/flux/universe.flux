// Functions of the prelude the engine composes from others.
package universe

import "date"

increase = (tables=<-, columns=["_value"]) =>
    tables
        |> difference(nonNegative: true, columns: columns, keepFirst: true, initialZero: true)
        |> cumulativeSum(columns: columns)

stateCount = (fn, column="stateCount", tables=<-) => tables |> stateTracking(countColumn: column, fn: fn)

stateDuration = (fn, column="stateDuration", timeColumn="_time", unit=1s, tables=<-) =>
    tables |> stateTracking(durationColumn: column, timeColumn: timeColumn, fn: fn, durationUnit: unit)

_sortedFirst = (n, desc, columns=["_value"], tables=<-) => tables |> sort(columns: columns, desc: desc) |> limit(n: n)

top = (n, columns=["_value"], tables=<-) => tables |> _sortedFirst(n: n, columns: columns, desc: true)

bottom = (n, columns=["_value"], tables=<-) => tables |> _sortedFirst(n: n, columns: columns, desc: false)

// Reduce each group of `groupColumns` with `reducer`, then keep the `n` rows `pick` prefers.
_bestOf = (n, pick, reducer, column="_value", groupColumns=[], tables=<-) =>
    tables
        |> group(columns: groupColumns)
        |> reducer()
        |> group(columns: [])
        |> pick(n: n, columns: [column])

highestMax = (n, column="_value", groupColumns=[], tables=<-) =>
    tables
        |> _bestOf(
            n: n,
            column: column,
            groupColumns: groupColumns,
            reducer: (tables=<-) => tables |> max(column: column),
            pick: top,
        )

highestAverage = (n, column="_value", groupColumns=[], tables=<-) =>
    tables
        |> _bestOf(
            n: n,
            column: column,
            groupColumns: groupColumns,
            reducer: (tables=<-) => tables |> mean(column: column),
            pick: top,
        )

highestCurrent = (n, column="_value", groupColumns=[], tables=<-) =>
    tables
        |> _bestOf(
            n: n,
            column: column,
            groupColumns: groupColumns,
            reducer: (tables=<-) => tables |> last(column: column),
            pick: top,
        )

lowestMin = (n, column="_value", groupColumns=[], tables=<-) =>
    tables
        |> _bestOf(
            n: n,
            column: column,
            groupColumns: groupColumns,
            reducer: (tables=<-) => tables |> min(column: column),
            pick: bottom,
        )

lowestAverage = (n, column="_value", groupColumns=[], tables=<-) =>
    tables
        |> _bestOf(
            n: n,
            column: column,
            groupColumns: groupColumns,
            reducer: (tables=<-) => tables |> mean(column: column),
            pick: bottom,
        )

lowestCurrent = (n, column="_value", groupColumns=[], tables=<-) =>
    tables
        |> _bestOf(
            n: n,
            column: column,
            groupColumns: groupColumns,
            reducer: (tables=<-) => tables |> last(column: column),
            pick: bottom,
        )

// As upstream: the result is always written to `_time`, whatever `timeColumn` names.
truncateTimeColumn = (timeColumn="_time", unit, tables=<-) =>
    tables |> map(fn: (r) => ({r with _time: date.truncate(t: r._time, unit: unit)}))

toString = (tables=<-) => tables |> map(fn: (r) => ({r with _value: string(v: r._value)}))
toInt = (tables=<-) => tables |> map(fn: (r) => ({r with _value: int(v: r._value)}))
toUInt = (tables=<-) => tables |> map(fn: (r) => ({r with _value: uint(v: r._value)}))
toFloat = (tables=<-) => tables |> map(fn: (r) => ({r with _value: float(v: r._value)}))
toBool = (tables=<-) => tables |> map(fn: (r) => ({r with _value: bool(v: r._value)}))
toTime = (tables=<-) => tables |> map(fn: (r) => ({r with _value: time(v: r._value)}))

timeWeightedAvg = (tables=<-, unit) =>
    tables
        |> integral(unit: unit, interpolate: "linear")
        |> map(fn: (r) => ({r with _value: r._value * float(v: uint(v: unit)) / float(v: int(v: r._stop) - int(v: r._start))}))
