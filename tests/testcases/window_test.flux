package window_test


import "testing"
import "csv"
import "array"
import "experimental"

data =
    "
#datatype,string,long,dateTime:RFC3339,string,double
#group,false,false,false,true,false
#default,_result,,,,
,result,table,_time,t,_value
,,0,2021-01-01T00:00:00Z,a,1.0
,,0,2021-01-01T00:00:10Z,a,3.0
,,0,2021-01-01T00:00:20Z,a,
,,0,2021-01-01T00:00:30Z,a,8.0
"

input = () =>
    csv.from(csv: data)
        |> range(start: 2021-01-01T00:00:00Z, stop: 2021-01-01T00:00:40Z)

// Counts per window, as `count` after `window` gives them.
counts = (rows) => array.from(rows: rows) |> group(columns: ["_start", "_stop", "t"])

testcase window_every_20s {
    got = input() |> window(every: 20s) |> count()
    want =
        counts(
            rows: [
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:20Z, t: "a", _value: 2},
                {_start: 2021-01-01T00:00:20Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 2},
            ],
        )

    testing.diff(got, want)
}

testcase window_keeps_rows_and_columns {
    got = input() |> window(every: 20s) |> filter(fn: (r) => r._time == 2021-01-01T00:00:30Z)
    want =
        array.from(
            rows: [
                {
                    _start: 2021-01-01T00:00:20Z,
                    _stop: 2021-01-01T00:00:40Z,
                    _time: 2021-01-01T00:00:30Z,
                    t: "a",
                    _value: 8.0,
                },
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase window_period_longer_than_every {
    got = input() |> window(every: 10s, period: 20s) |> count()
    want =
        counts(
            rows: [
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:10Z, t: "a", _value: 1},
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:20Z, t: "a", _value: 2},
                {_start: 2021-01-01T00:00:10Z, _stop: 2021-01-01T00:00:30Z, t: "a", _value: 2},
                {_start: 2021-01-01T00:00:20Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 2},
                {_start: 2021-01-01T00:00:30Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 1},
            ],
        )

    testing.diff(got, want)
}

testcase window_period_alone_sets_every {
    got = input() |> window(period: 20s) |> count()
    want =
        counts(
            rows: [
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:20Z, t: "a", _value: 2},
                {_start: 2021-01-01T00:00:20Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 2},
            ],
        )

    testing.diff(got, want)
}

testcase window_offset_shifts_and_clips {
    got = input() |> window(every: 20s, offset: 5s) |> count()
    want =
        counts(
            rows: [
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:05Z, t: "a", _value: 1},
                {_start: 2021-01-01T00:00:05Z, _stop: 2021-01-01T00:00:25Z, t: "a", _value: 2},
                {_start: 2021-01-01T00:00:25Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 1},
            ],
        )

    testing.diff(got, want)
}

testcase window_create_empty {
    got =
        input()
            |> filter(fn: (r) => r._value > 5.0)
            |> window(every: 10s, createEmpty: true)
            |> count()
    want =
        counts(
            rows: [
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:10Z, t: "a", _value: 0},
                {_start: 2021-01-01T00:00:10Z, _stop: 2021-01-01T00:00:20Z, t: "a", _value: 0},
                {_start: 2021-01-01T00:00:20Z, _stop: 2021-01-01T00:00:30Z, t: "a", _value: 0},
                {_start: 2021-01-01T00:00:30Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 1},
            ],
        )

    testing.diff(got, want)
}

testcase window_without_create_empty {
    got = input() |> filter(fn: (r) => r._value > 5.0) |> window(every: 10s) |> count()
    want =
        counts(
            rows: [{_start: 2021-01-01T00:00:30Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 1}],
        )

    testing.diff(got, want)
}

testcase window_every_inf_undoes_windows {
    got = input() |> window(every: 20s) |> window(every: inf) |> count()
    want =
        counts(
            rows: [{_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 4}],
        )

    testing.diff(got, want)
}

testcase window_own_bound_columns {
    got =
        input()
            |> window(every: 20s, startColumn: "ws", stopColumn: "we")
            |> count()
            |> drop(columns: ["_start", "_stop"])
    want =
        array.from(
            rows: [
                {t: "a", ws: 2021-01-01T00:00:00Z, we: 2021-01-01T00:00:20Z, _value: 2},
                {t: "a", ws: 2021-01-01T00:00:20Z, we: 2021-01-01T00:00:40Z, _value: 2},
            ],
        )
            |> group(columns: ["t", "ws", "we"])

    testing.diff(got, want)
}

testcase window_own_time_column {
    got =
        input()
            |> rename(columns: {_time: "at"})
            |> window(every: 20s, timeColumn: "at")
            |> count()
    want =
        counts(
            rows: [
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:20Z, t: "a", _value: 2},
                {_start: 2021-01-01T00:00:20Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 2},
            ],
        )

    testing.diff(got, want)
}

testcase window_missing_time_column {
    testing.shouldError(
        fn: () => input() |> window(every: 20s, timeColumn: "nope") |> testing.assertEmpty(),
        want: /missing time column "nope"/,
    )
}

testcase window_rejects_mixed_units {
    testing.shouldError(
        fn: () => input() |> window(every: 1mo1d) |> testing.assertEmpty(),
        want: /duration used as an interval cannot mix month and nanosecond units/,
    )
}

testcase window_needs_every_or_period {
    testing.shouldError(
        fn: () => input() |> window() |> testing.assertEmpty(),
        want: /window function requires at least one of "every" or "period" to be set and non-zero/,
    )
}

testcase window_rejects_negative_every {
    testing.shouldError(
        fn: () => input() |> window(every: -20s) |> testing.assertEmpty(),
        want: /parameter "every" must be non-negative/,
    )
}

testcase experimental_window {
    got = input() |> experimental.window(every: 20s) |> count()
    want =
        counts(
            rows: [
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-01-01T00:00:20Z, t: "a", _value: 2},
                {_start: 2021-01-01T00:00:20Z, _stop: 2021-01-01T00:00:40Z, t: "a", _value: 2},
            ],
        )

    testing.diff(got, want)
}

monthly =
    "
#datatype,string,long,dateTime:RFC3339,string,double
#group,false,false,false,true,false
#default,_result,,,,
,result,table,_time,t,_value
,,0,2021-01-15T00:00:00Z,m,1.0
,,0,2021-02-10T00:00:00Z,m,2.0
,,0,2021-02-20T00:00:00Z,m,4.0
,,0,2021-03-31T12:00:00Z,m,8.0
"

months = () =>
    csv.from(csv: monthly) |> range(start: 2021-01-01T00:00:00Z, stop: 2021-04-01T00:00:00Z)

testcase window_by_month {
    got = months() |> window(every: 1mo) |> count()
    want =
        array.from(
            rows: [
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-02-01T00:00:00Z, t: "m", _value: 1},
                {_start: 2021-02-01T00:00:00Z, _stop: 2021-03-01T00:00:00Z, t: "m", _value: 2},
                {_start: 2021-03-01T00:00:00Z, _stop: 2021-04-01T00:00:00Z, t: "m", _value: 1},
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase window_by_month_with_offset {
    got = months() |> window(every: 1mo, offset: 14d) |> count()
    want =
        array.from(
            rows: [
                {_start: 2021-01-15T00:00:00Z, _stop: 2021-02-15T00:00:00Z, t: "m", _value: 2},
                {_start: 2021-02-15T00:00:00Z, _stop: 2021-03-15T00:00:00Z, t: "m", _value: 1},
                {_start: 2021-03-15T00:00:00Z, _stop: 2021-04-01T00:00:00Z, t: "m", _value: 1},
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase window_by_year {
    got =
        csv.from(csv: monthly)
            |> range(start: 2020-01-01T00:00:00Z, stop: 2022-01-01T00:00:00Z)
            |> window(every: 1y)
            |> count()
    want =
        array.from(
            rows: [{_start: 2021-01-01T00:00:00Z, _stop: 2022-01-01T00:00:00Z, t: "m", _value: 4}],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase window_by_quarter_create_empty {
    got =
        csv.from(csv: monthly)
            |> range(start: 2020-10-01T00:00:00Z, stop: 2021-07-01T00:00:00Z)
            |> window(every: 3mo, createEmpty: true)
            |> count()
    want =
        array.from(
            rows: [
                {_start: 2020-10-01T00:00:00Z, _stop: 2021-01-01T00:00:00Z, t: "m", _value: 0},
                {_start: 2021-01-01T00:00:00Z, _stop: 2021-04-01T00:00:00Z, t: "m", _value: 4},
                {_start: 2021-04-01T00:00:00Z, _stop: 2021-07-01T00:00:00Z, t: "m", _value: 0},
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase aggregate_window_by_month {
    got = months() |> aggregateWindow(every: 1mo, fn: sum)
    want =
        array.from(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-04-01T00:00:00Z,
                    t: "m",
                    _value: 1.0,
                    _time: 2021-02-01T00:00:00Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-04-01T00:00:00Z,
                    t: "m",
                    _value: 6.0,
                    _time: 2021-03-01T00:00:00Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-04-01T00:00:00Z,
                    t: "m",
                    _value: 8.0,
                    _time: 2021-04-01T00:00:00Z,
                },
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

// Clock-based windows: days in Paris start at 22:00 UTC in summer.
zoned =
    "
#datatype,string,long,dateTime:RFC3339,string,double
#group,false,false,false,true,false
#default,_result,,,,
,result,table,_time,t,_value
,,0,2021-07-01T21:00:00Z,z,1.0
,,0,2021-07-01T23:00:00Z,z,2.0
"

testcase window_in_a_time_zone {
    got =
        csv.from(csv: zoned)
            |> range(start: 2021-07-01T00:00:00Z, stop: 2021-07-03T00:00:00Z)
            |> window(every: 1d, location: {zone: "Europe/Paris", offset: 0h})
            |> count()
    want =
        array.from(
            rows: [
                {_start: 2021-07-01T00:00:00Z, _stop: 2021-07-01T22:00:00Z, t: "z", _value: 1},
                {_start: 2021-07-01T22:00:00Z, _stop: 2021-07-02T22:00:00Z, t: "z", _value: 1},
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase window_with_a_fixed_offset {
    got =
        csv.from(csv: zoned)
            |> range(start: 2021-07-01T00:00:00Z, stop: 2021-07-03T00:00:00Z)
            |> window(every: 1d, location: {zone: "UTC", offset: 2h})
            |> count()
    want =
        array.from(
            rows: [
                {_start: 2021-07-01T00:00:00Z, _stop: 2021-07-01T22:00:00Z, t: "z", _value: 1},
                {_start: 2021-07-01T22:00:00Z, _stop: 2021-07-02T22:00:00Z, t: "z", _value: 1},
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

// The day clocks move forward in Los Angeles lasts 23 hours.
testcase window_across_a_dst_change {
    got =
        array.from(
            rows: [
                {_time: 2021-03-14T12:00:00Z, t: "la", _value: 1.0},
                {_time: 2021-03-15T08:00:00Z, t: "la", _value: 2.0},
            ],
        )
            |> range(start: 2021-03-14T08:00:00Z, stop: 2021-03-16T07:00:00Z)
            |> window(every: 1d, location: {zone: "America/Los_Angeles", offset: 0h})
            |> count()
    want =
        array.from(
            rows: [
                {_start: 2021-03-14T08:00:00Z, _stop: 2021-03-15T07:00:00Z, _value: 1},
                {_start: 2021-03-15T07:00:00Z, _stop: 2021-03-16T07:00:00Z, _value: 1},
            ],
        )
            |> group(columns: ["_start", "_stop"])

    testing.diff(got, want)
}

testcase aggregate_window_in_a_time_zone {
    got =
        csv.from(csv: zoned)
            |> range(start: 2021-07-01T00:00:00Z, stop: 2021-07-03T00:00:00Z)
            |> aggregateWindow(every: 1d, fn: sum, location: {zone: "Europe/Paris", offset: 0h})
            |> map(
                fn: (r) =>
                    ({
                        _start: r._start,
                        _stop: r._stop,
                        _time: r._time,
                        t: r.t,
                        _value: if exists r._value then r._value else -1.0,
                    }),
            )
    want =
        array.from(
            rows: [
                {
                    _start: 2021-07-01T00:00:00Z,
                    _stop: 2021-07-03T00:00:00Z,
                    t: "z",
                    _value: 1.0,
                    _time: 2021-07-01T22:00:00Z,
                },
                {
                    _start: 2021-07-01T00:00:00Z,
                    _stop: 2021-07-03T00:00:00Z,
                    t: "z",
                    _value: 2.0,
                    _time: 2021-07-02T22:00:00Z,
                },
                {
                    _start: 2021-07-01T00:00:00Z,
                    _stop: 2021-07-03T00:00:00Z,
                    t: "z",
                    _value: -1.0,
                    _time: 2021-07-03T00:00:00Z,
                },
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

// aggregateWindow: every window's result stamped with its stop.
stamped = (rows) => array.from(rows: rows) |> group(columns: ["_start", "_stop", "t"])

testcase aggregate_window_mean {
    got = input() |> aggregateWindow(every: 20s, fn: mean)
    want =
        stamped(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 2.0,
                    _time: 2021-01-01T00:00:20Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 8.0,
                    _time: 2021-01-01T00:00:40Z,
                },
            ],
        )

    testing.diff(got, want)
}

testcase aggregate_window_count_fills_empty_windows {
    got = input() |> filter(fn: (r) => r._value > 5.0) |> aggregateWindow(every: 10s, fn: count)
    want =
        stamped(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 0,
                    _time: 2021-01-01T00:00:10Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 0,
                    _time: 2021-01-01T00:00:20Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 0,
                    _time: 2021-01-01T00:00:30Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 1,
                    _time: 2021-01-01T00:00:40Z,
                },
            ],
        )

    testing.diff(got, want)
}

testcase aggregate_window_without_empty_windows {
    got =
        input()
            |> filter(fn: (r) => r._value > 5.0)
            |> aggregateWindow(every: 10s, fn: count, createEmpty: false)
    want =
        stamped(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 1,
                    _time: 2021-01-01T00:00:40Z,
                },
            ],
        )

    testing.diff(got, want)
}

testcase aggregate_window_selector_fills_empty_windows_with_nulls {
    got =
        input()
            |> filter(fn: (r) => r._value > 5.0)
            |> aggregateWindow(every: 10s, fn: first)
            |> map(
                fn: (r) =>
                    ({
                        _start: r._start,
                        _stop: r._stop,
                        _time: r._time,
                        t: r.t,
                        _value: if exists r._value then r._value else -1.0,
                    }),
            )
    want =
        stamped(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    _time: 2021-01-01T00:00:10Z,
                    t: "a",
                    _value: -1.0,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    _time: 2021-01-01T00:00:20Z,
                    t: "a",
                    _value: -1.0,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    _time: 2021-01-01T00:00:30Z,
                    t: "a",
                    _value: -1.0,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    _time: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 8.0,
                },
            ],
        )

    testing.diff(got, want)
}

testcase aggregate_window_time_from_start {
    got = input() |> aggregateWindow(every: 20s, fn: max, timeSrc: "_start")
    want =
        stamped(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    _time: 2021-01-01T00:00:00Z,
                    t: "a",
                    _value: 3.0,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    _time: 2021-01-01T00:00:20Z,
                    t: "a",
                    _value: 8.0,
                },
            ],
        )

    testing.diff(got, want)
}

testcase aggregate_window_own_function {
    got =
        input()
            |> aggregateWindow(every: 20s, fn: (tables=<-, column) => tables |> sum(column: column))
    want =
        stamped(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 4.0,
                    _time: 2021-01-01T00:00:20Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 8.0,
                    _time: 2021-01-01T00:00:40Z,
                },
            ],
        )

    testing.diff(got, want)
}

testcase aggregate_window_other_column {
    got =
        input()
            |> rename(columns: {_value: "v"})
            |> aggregateWindow(every: 20s, fn: count, column: "v", timeDst: "at")
    want =
        array.from(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    v: 2,
                    at: 2021-01-01T00:00:20Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    v: 2,
                    at: 2021-01-01T00:00:40Z,
                },
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase aggregate_window_with_offset {
    got = input() |> aggregateWindow(every: 20s, offset: 10s, fn: count)
    want =
        stamped(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 1,
                    _time: 2021-01-01T00:00:10Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 2,
                    _time: 2021-01-01T00:00:30Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 1,
                    _time: 2021-01-01T00:00:40Z,
                },
            ],
        )

    testing.diff(got, want)
}

testcase timed_moving_average {
    got = input() |> timedMovingAverage(every: 20s, period: 20s)
    want =
        stamped(
            rows: [
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 2.0,
                    _time: 2021-01-01T00:00:20Z,
                },
                {
                    _start: 2021-01-01T00:00:00Z,
                    _stop: 2021-01-01T00:00:40Z,
                    t: "a",
                    _value: 8.0,
                    _time: 2021-01-01T00:00:40Z,
                },
            ],
        )

    testing.diff(got, want)
}

hours =
    array.from(
        rows: [
            {_time: 2021-01-01T00:00:00Z, _value: 0},
            {_time: 2021-01-01T06:00:00Z, _value: 6},
            {_time: 2021-01-01T12:00:00Z, _value: 12},
            {_time: 2021-01-01T18:00:00Z, _value: 18},
        ],
    )

testcase hour_selection_within_a_day {
    got = hours |> hourSelection(start: 5, stop: 12)
    want = hours |> filter(fn: (r) => r._value == 6 or r._value == 12)

    testing.diff(got, want)
}

testcase hour_selection_past_midnight {
    got = hours |> hourSelection(start: 17, stop: 1)
    want = hours |> filter(fn: (r) => r._value == 0 or r._value == 18)

    testing.diff(got, want)
}

testcase hour_selection_in_a_time_zone {
    // 18:00 UTC is 03:00 in Tokyo.
    got = hours |> hourSelection(start: 3, stop: 3, location: {zone: "Asia/Tokyo", offset: 0h})
    want = hours |> filter(fn: (r) => r._value == 18)

    testing.diff(got, want)
}

testcase hour_selection_rejects_bad_hours {
    testing.shouldError(
        fn: () => hours |> hourSelection(start: 0, stop: 24) |> testing.assertEmpty(),
        want: /stop must be between 0 and 23/,
    )
}

// A location's fixed offset may hold months: years then start on the first of February.
testcase window_location_offset_in_months {
    got =
        csv.from(csv: monthly)
            |> range(start: 2020-01-01T00:00:00Z, stop: 2023-01-01T00:00:00Z)
            |> window(every: 1y, location: {zone: "UTC", offset: -1mo})
            |> count()
    want =
        array.from(
            rows: [
                {_start: 2020-02-01T00:00:00Z, _stop: 2021-02-01T00:00:00Z, t: "m", _value: 1},
                {_start: 2021-02-01T00:00:00Z, _stop: 2022-02-01T00:00:00Z, t: "m", _value: 3},
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase window_uses_the_location_option {
    option location = {zone: "Europe/Paris", offset: 0h}

    got =
        csv.from(csv: zoned)
            |> range(start: 2021-07-01T00:00:00Z, stop: 2021-07-03T00:00:00Z)
            |> window(every: 1d)
            |> count()
    want =
        array.from(
            rows: [
                {_start: 2021-07-01T00:00:00Z, _stop: 2021-07-01T22:00:00Z, t: "z", _value: 1},
                {_start: 2021-07-01T22:00:00Z, _stop: 2021-07-02T22:00:00Z, t: "z", _value: 1},
            ],
        )
            |> group(columns: ["_start", "_stop", "t"])

    testing.diff(got, want)
}

testcase fill_empty_gives_empty_tables_a_row {
    got =
        input()
            |> filter(fn: (r) => r._value > 100.0, onEmpty: "keep")
            |> _fillEmpty(createEmpty: true)
            |> map(fn: (r) => ({t: r.t, filled: not exists r._value}))
    want = array.from(rows: [{t: "a", filled: true}]) |> group(columns: ["t"])

    testing.diff(got, want)
}
