package packages_test


import "array"
import "csv"
import "testing"
import "generate"
import "interpolate"
import "sampledata"
import "internal/influxql"
import "influxdata/influxdb/tasks"
import "contrib/tomhollingworth/events"
import "contrib/bonitoo-io/tickscript"

option now = () => 2030-01-01T00:00:00Z

t0 = 2021-01-01T00:00:00Z

testcase generate_from_spaces_rows_evenly {
    got =
        generate.from(start: t0, stop: 2021-01-01T00:00:03Z, count: 3, fn: (n) => n * n)
            |> drop(columns: ["_start", "_stop"])
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:00Z, _value: 0},
                {_time: 2021-01-01T00:00:01Z, _value: 1},
                {_time: 2021-01-01T00:00:02Z, _value: 4},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase generate_from_bad_count {
    testing.shouldError(
        fn: () => generate.from(start: t0, stop: 2021-01-01T00:00:03Z, count: 0, fn: (n) => n),
        want: /count/,
    )
}

testcase interpolate_linear_fills_boundaries {
    got =
        array.from(rows: [{_time: t0, _value: 0.0}, {_time: 2021-01-01T00:03:00Z, _value: 3.0}])
            |> interpolate.linear(every: 1m)
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:00Z, _value: 0.0},
                {_time: 2021-01-01T00:01:00Z, _value: 1.0},
                {_time: 2021-01-01T00:02:00Z, _value: 2.0},
                {_time: 2021-01-01T00:03:00Z, _value: 3.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase interpolate_linear_unaligned_points {
    // The first new row is at the end of the window holding the first point.
    got =
        array.from(rows: [{_time: 2021-01-01T00:00:30Z, _value: 0.0}, {_time: 2021-01-01T00:02:30Z, _value: 4.0}])
            |> interpolate.linear(every: 1m)
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:30Z, _value: 0.0},
                {_time: 2021-01-01T00:01:00Z, _value: 1.0},
                {_time: 2021-01-01T00:02:00Z, _value: 3.0},
                {_time: 2021-01-01T00:02:30Z, _value: 4.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase interpolate_linear_needs_key_columns {
    testing.shouldError(
        fn: () => array.from(rows: [{_time: t0, _value: 0.0, host: "a"}]) |> interpolate.linear(every: 1m),
        want: /group key/,
    )
}

testcase interpolate_linear_rejects_null_values {
    testing.shouldError(
        fn: () =>
            csv.from(
                csv:
                    "#datatype,string,long,dateTime:RFC3339,double
#group,false,false,false,false
#default,_result,,,
,result,table,_time,_value
,,0,2021-01-01T00:00:00Z,1
,,0,2021-01-01T00:01:00Z,
",
            )
                |> interpolate.linear(every: 1m),
        want: /null _value/,
    )
}

testcase events_duration_until_next_and_stop {
    got =
        array.from(rows: [{_time: t0, state: "on"}, {_time: 2021-01-01T00:00:10Z, state: "off"}, {_time: 2021-01-01T00:00:25Z, state: "on"}])
            |> events.duration(stop: 2021-01-01T00:01:00Z)
    want =
        array.from(
            rows: [
                {_time: t0, state: "on", duration: 10},
                {_time: 2021-01-01T00:00:10Z, state: "off", duration: 15},
                {_time: 2021-01-01T00:00:25Z, state: "on", duration: 35},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase events_duration_unit_and_stop_column {
    // Whole minutes, truncated; the last row lasts until its `_stop`.
    got =
        array.from(rows: [{_time: t0, _stop: 2021-01-01T00:05:00Z}, {_time: 2021-01-01T00:01:30Z, _stop: 2021-01-01T00:05:00Z}])
            |> events.duration(unit: 1m, columnName: "minutes")
    want =
        array.from(
            rows: [
                {_time: t0, _stop: 2021-01-01T00:05:00Z, minutes: 1},
                {_time: 2021-01-01T00:01:30Z, _stop: 2021-01-01T00:05:00Z, minutes: 3},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase events_duration_without_stop {
    testing.shouldError(fn: () => array.from(rows: [{_time: t0}]) |> events.duration(), want: /does not exist/)
}

testcase tasks_last_success_falls_back {
    // The option is unset: the fallback time, or now plus a duration.
    got = array.from(rows: [{a: tasks.lastSuccess(orTime: t0), b: tasks.lastSuccess(orTime: -1h)}])
    want = array.from(rows: [{a: t0, b: 2029-12-31T23:00:00Z}])

    testing.diff(got: got, want: want)
}

testcase influxql_time_bounds {
    got = array.from(rows: [{epoch: influxql.epoch, min: influxql.minTime, max: influxql.maxTime}])
    want =
        array.from(
            rows: [
                {
                    epoch: 1970-01-01T00:00:00Z,
                    min: 1677-09-21T00:12:43.145224194Z,
                    max: 2262-04-11T23:47:16.854775806Z,
                },
            ],
        )

    testing.diff(got: got, want: want)
}

testcase sampledata_float_row {
    got =
        sampledata.float()
            |> filter(fn: (r) => r._time == 2021-01-01T00:00:20Z)
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:20Z, tag: "t1", _value: 7.35},
                {_time: 2021-01-01T00:00:20Z, tag: "t2", _value: -3.75},
            ],
        )
            |> group(columns: ["tag"])

    testing.diff(got: got, want: want)
}

testcase sampledata_string_nulls {
    got =
        sampledata.string(includeNull: true)
            |> filter(fn: (r) => not exists r._value)
            |> drop(columns: ["_value"])
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:10Z, tag: "t1"},
                {_time: 2021-01-01T00:00:30Z, tag: "t1"},
                {_time: 2021-01-01T00:00:40Z, tag: "t1"},
                {_time: 2021-01-01T00:00:00Z, tag: "t2"},
                {_time: 2021-01-01T00:00:40Z, tag: "t2"},
            ],
        )
            |> group(columns: ["tag"])

    testing.diff(got: got, want: want)
}

testcase sampledata_bool_true_rows {
    got =
        sampledata.bool()
            |> filter(fn: (r) => r.tag == "t2" and r._value)
            |> keep(columns: ["_time", "tag"])
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:10Z, tag: "t2"},
                {_time: 2021-01-01T00:00:30Z, tag: "t2"},
                {_time: 2021-01-01T00:00:40Z, tag: "t2"},
            ],
        )
            |> group(columns: ["tag"])

    testing.diff(got: got, want: want)
}

testcase tickscript_define_check {
    check = tickscript.defineCheck(id: "cpu-1", name: "CPU high")
    got = array.from(rows: [{id: check._check_id, name: check._check_name, type: check._type}])
    want = array.from(rows: [{id: "cpu-1", name: "CPU high", type: "custom"}])

    testing.diff(got: got, want: want)
}

testcase tickscript_select_renames {
    got = array.from(rows: [{_time: t0, _value: 1.5}]) |> tickscript.select(as: "usage")
    want = array.from(rows: [{_time: t0, usage: 1.5}])

    testing.diff(got: got, want: want)
}

testcase tickscript_group_by_keeps_measurement {
    got =
        array.from(rows: [{_measurement: "cpu", host: "a", _value: 1.0}, {_measurement: "cpu", host: "b", _value: 2.0}])
            |> tickscript.groupBy(columns: ["host"])
    want =
        array.from(rows: [{_measurement: "cpu", host: "a", _value: 1.0}, {_measurement: "cpu", host: "b", _value: 2.0}])
            |> group(columns: ["host", "_measurement"])

    testing.diff(got: got, want: want)
}
