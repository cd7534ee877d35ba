package promql_test


import "array"
import "csv"
import "testing"
import "internal/promql"

option now = () => 2030-01-01T00:00:00Z

t0 = 2021-01-01T00:00:00Z

// One series (tag "a") of float samples ten seconds apart.
series = (values) =>
    array.from(
        rows: [
            {_time: 2021-01-01T00:00:00Z, tag: "a", _value: values[0]},
            {_time: 2021-01-01T00:00:10Z, tag: "a", _value: values[1]},
            {_time: 2021-01-01T00:00:20Z, tag: "a", _value: values[2]},
        ],
    )
        |> group(columns: ["tag"])

one = (v) => array.from(rows: [{tag: "a", _value: v}]) |> group(columns: ["tag"])

testcase changes_counts_value_changes {
    got =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:00Z, tag: "a", _value: 1.0},
                {_time: 2021-01-01T00:00:10Z, tag: "a", _value: 2.0},
                {_time: 2021-01-01T00:00:20Z, tag: "a", _value: 2.0},
                {_time: 2021-01-01T00:00:30Z, tag: "a", _value: 3.0},
                {_time: 2021-01-01T00:00:40Z, tag: "a", _value: 1.0},
            ],
        )
            |> group(columns: ["tag"])
            |> promql.changes()

    testing.diff(got: got, want: one(v: 3.0))
}

testcase changes_skips_nulls {
    got =
        csv.from(
            csv:
                "#datatype,string,long,dateTime:RFC3339,string,double
#group,false,false,false,true,false
#default,_result,,,,
,result,table,_time,tag,_value
,,0,2021-01-01T00:00:00Z,a,1
,,0,2021-01-01T00:00:10Z,a,
,,0,2021-01-01T00:00:20Z,a,1
,,0,2021-01-01T00:00:30Z,a,2
",
        )
            |> promql.changes()

    testing.diff(got: got, want: one(v: 1.0))
}

testcase changes_needs_float_values {
    testing.shouldError(
        fn: () =>
            csv.from(
                csv:
                    "#datatype,string,long,dateTime:RFC3339,long
#group,false,false,false,false
#default,_result,,,
,result,table,_time,_value
,,0,2021-01-01T00:00:00Z,1
",
            )
                |> promql.changes(),
        want: /float/,
    )
}

testcase resets_counts_drops {
    got =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:00Z, tag: "a", _value: 5.0},
                {_time: 2021-01-01T00:00:10Z, tag: "a", _value: 3.0},
                {_time: 2021-01-01T00:00:20Z, tag: "a", _value: 4.0},
                {_time: 2021-01-01T00:00:30Z, tag: "a", _value: 1.0},
                {_time: 2021-01-01T00:00:40Z, tag: "a", _value: 2.0},
            ],
        )
            |> group(columns: ["tag"])
            |> promql.resets()

    testing.diff(got: got, want: one(v: 2.0))
}

testcase resets_single_sample {
    got = one(v: 7.0) |> promql.resets()

    testing.diff(got: got, want: one(v: 0.0))
}

testcase instant_rate_per_second {
    got = series(values: [10.0, 20.0, 50.0]) |> promql.instantRate(isRate: true)

    testing.diff(got: got, want: one(v: 3.0))
}

testcase instant_delta {
    got = series(values: [10.0, 20.0, 50.0]) |> promql.instantRate(isRate: false)

    testing.diff(got: got, want: one(v: 30.0))
}

testcase instant_rate_after_counter_reset {
    // After a reset the last value itself is the increase.
    got = series(values: [10.0, 40.0, 20.0]) |> promql.instantRate(isRate: true)

    testing.diff(got: got, want: one(v: 2.0))
}

testcase linear_regression_slope {
    got =
        series(values: [1.0, 3.0, 5.0])
            |> range(start: t0, stop: 2021-01-01T00:00:30Z)
            |> promql.linearRegression()
            |> drop(columns: ["_start", "_stop"])

    testing.diff(got: got, want: one(v: 0.2))
}

testcase linear_regression_predict {
    // x counts seconds from _stop: -30, -20, -10; the line is y = 0.2x + 7.
    got =
        series(values: [1.0, 3.0, 5.0])
            |> range(start: t0, stop: 2021-01-01T00:00:30Z)
            |> promql.linearRegression(predict: true, fromNow: 10.0)
            |> drop(columns: ["_start", "_stop"])

    testing.diff(got: got, want: one(v: 9.0))
}

// Samples at 15s, 30s and 45s of a one-minute range.
ranged = (values) =>
    array.from(
        rows: [
            {_time: 2021-01-01T00:00:15Z, tag: "a", _value: values[0]},
            {_time: 2021-01-01T00:00:30Z, tag: "a", _value: values[1]},
            {_time: 2021-01-01T00:00:45Z, tag: "a", _value: values[2]},
        ],
    )
        |> group(columns: ["tag"])
        |> range(start: t0, stop: 2021-01-01T00:01:00Z)

testcase extrapolated_delta {
    // 20 over 30s of samples, extrapolated by 15s at each end to the whole minute.
    got =
        ranged(values: [10.0, 20.0, 30.0])
            |> promql.extrapolatedRate()
            |> drop(columns: ["_start", "_stop"])

    testing.diff(got: got, want: one(v: 40.0))
}

testcase extrapolated_increase_with_counter_reset {
    // The drop from 20 to 5 is a reset: the increase is 5 - 10 + 20 = 15, doubled.
    got =
        ranged(values: [10.0, 20.0, 5.0])
            |> promql.extrapolatedRate(isCounter: true)
            |> drop(columns: ["_start", "_stop"])

    testing.diff(got: got, want: one(v: 30.0))
}

testcase extrapolated_rate_needs_bounds {
    testing.shouldError(
        fn: () =>
            csv.from(
                csv:
                    "#datatype,string,long,dateTime:RFC3339,double
#group,false,false,false,false
#default,_result,,,
,result,table,_time,_value
,,0,2021-01-01T00:00:00Z,1
,,0,2021-01-01T00:00:10Z,2
",
            )
                |> promql.extrapolatedRate(isRate: true),
        want: /start/,
    )
}

testcase holt_winters_linear_series {
    got = series(values: [1.0, 2.0, 3.0]) |> promql.holtWinters(smoothingFactor: 0.5, trendFactor: 0.5)

    testing.diff(got: got, want: one(v: 3.0))
}

testcase holt_winters_bad_factor {
    testing.shouldError(
        fn: () => series(values: [1.0, 2.0, 3.0]) |> promql.holtWinters(smoothingFactor: 1.5, trendFactor: 0.5),
        want: /invalid smoothing factor/,
    )
}

testcase label_replace_captures {
    got =
        array.from(rows: [{_time: t0, src: "host-12", _value: 1.0}])
            |> group(columns: ["src"])
            |> promql.labelReplace(source: "src", destination: "id", regex: "host-(.*)", replacement: "$1")
    want = array.from(rows: [{src: "host-12", id: "12", _value: 1.0}]) |> group(columns: ["src", "id"])

    testing.diff(got: got, want: want)
}

testcase label_replace_no_match_keeps_key {
    // The regex must match the whole value; the time column goes either way.
    got =
        array.from(rows: [{_time: t0, src: "host-12", _value: 1.0}])
            |> group(columns: ["src"])
            |> promql.labelReplace(source: "src", destination: "id", regex: "12", replacement: "x")
    want = array.from(rows: [{src: "host-12", _value: 1.0}]) |> group(columns: ["src"])

    testing.diff(got: got, want: want)
}

testcase label_replace_bad_regex {
    testing.shouldError(
        fn: () =>
            array.from(rows: [{_time: t0, _value: 1.0}])
                |> promql.labelReplace(source: "src", destination: "id", regex: "(", replacement: ""),
        want: /invalid regular expression/,
    )
}

testcase timestamp_in_milliseconds {
    got =
        array.from(
            rows: [
                {_time: 1970-01-01T00:00:01.5Z, _value: 0.0},
                {_time: 1970-01-01T00:00:02.000999999Z, _value: 0.0},
            ],
        )
            |> promql.timestamp()
    want =
        array.from(
            rows: [
                {_time: 1970-01-01T00:00:01.5Z, _value: 1.5},
                {_time: 1970-01-01T00:00:02.000999999Z, _value: 2.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase date_parts_of_timestamps {
    // 0 is Thursday 1970-01-01 00:00; 1582118100 is Wednesday 2020-02-19 13:15 UTC.
    got =
        array.from(
            rows: [
                {
                    year: promql.promqlYear(timestamp: 1582118100.0),
                    month: promql.promqlMonth(timestamp: 1582118100.0),
                    day: promql.promqlDayOfMonth(timestamp: 1582118100.0),
                    weekday: promql.promqlDayOfWeek(timestamp: 1582118100.0),
                    hour: promql.promqlHour(timestamp: 1582118100.0),
                    minute: promql.promqlMinute(timestamp: 1582118100.0),
                    days: promql.promqlDaysInMonth(timestamp: 1582118100.0),
                    epochWeekday: promql.promqlDayOfWeek(timestamp: 0.0),
                },
            ],
        )
    want =
        array.from(
            rows: [
                {
                    year: 2020.0,
                    month: 2.0,
                    day: 19.0,
                    weekday: 3.0,
                    hour: 13.0,
                    minute: 15.0,
                    days: 29.0,
                    epochWeekday: 4.0,
                },
            ],
        )

    testing.diff(got: got, want: want)
}

testcase histogram_quantile_interpolates {
    // The rank 0.75 × 4 = 3 falls halfway into the bucket (1, 2].
    got =
        array.from(
            rows: [
                {tag: "a", le: "1", _value: 2.0},
                {tag: "a", le: "+Inf", _value: 4.0},
                {tag: "a", le: "2", _value: 4.0},
            ],
        )
            |> group(columns: ["tag"])
            |> promql.promHistogramQuantile(quantile: 0.75)

    testing.diff(got: got, want: one(v: 1.5))
}

testcase histogram_quantile_needs_float_counts {
    testing.shouldError(
        fn: () =>
            array.from(rows: [{le: "1", _value: 2}]) |> promql.promHistogramQuantile(quantile: 0.5),
        want: /must be of type float/,
    )
}
