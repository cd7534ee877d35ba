package shape_test


import "array"
import "csv"
import "internal/debug"
import "testing"

option now = () => 2030-01-01T00:00:00Z

series =
    array.from(
        rows: [
            {_time: 2030-01-01T00:00:00Z, host: "a", _field: "cpu", _value: 1.0},
            {_time: 2030-01-01T00:00:00Z, host: "a", _field: "mem", _value: 10.0},
            {_time: 2030-01-01T00:01:00Z, host: "a", _field: "cpu", _value: 3.0},
            {_time: 2030-01-01T00:02:00Z, host: "a", _field: "mem", _value: 30.0},
        ],
    )

testcase pivot_fields_into_columns {
    got = series |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, cpu: 1.0, mem: 10.0},
                {_time: 2030-01-01T00:01:00Z, cpu: 3.0, mem: debug.null(type: "float")},
                {_time: 2030-01-01T00:02:00Z, cpu: debug.null(type: "float"), mem: 30.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase pivot_keeps_the_group_key_and_joins_column_keys {
    got =
        series
            |> group(columns: ["host"])
            |> pivot(rowKey: ["_time"], columnKey: ["host", "_field"], valueColumn: "_value")
            |> keep(columns: ["_time", "a_cpu"])
            |> filter(fn: (r) => exists r.a_cpu)
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, a_cpu: 1.0},
                {_time: 2030-01-01T00:01:00Z, a_cpu: 3.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase pivot_rejects_a_missing_value_column {
    testing.shouldError(
        fn: () =>
            series
                |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "nope")
                |> yield(),
        want: /value column does not exist/,
    )
}

testcase union_concatenates_streams {
    a = array.from(rows: [{v: 1}])
    b = array.from(rows: [{v: 2}])
    got = union(tables: [a, b]) |> sort(columns: ["v"])
    want = array.from(rows: [{v: 1}, {v: 2}])

    testing.diff(got: got, want: want)
}

testcase fill_with_a_value {
    got = array.from(rows: [{v: 1}, {v: debug.null(type: "int")}]) |> fill(column: "v", value: -1)
    want = array.from(rows: [{v: 1}, {v: -1}])

    testing.diff(got: got, want: want)
}

testcase fill_with_the_previous_value {
    got =
        array.from(rows: [{v: debug.null(type: "int")}, {v: 1}, {v: debug.null(type: "int")}])
            |> fill(column: "v", usePrevious: true)
    want = array.from(rows: [{v: debug.null(type: "int")}, {v: 1}, {v: 1}])

    testing.diff(got: got, want: want)
}

testcase set_overwrites_a_string_column {
    got = array.from(rows: [{v: 1, tag: "x"}]) |> set(key: "tag", value: "y")
    want = array.from(rows: [{v: 1, tag: "y"}])

    testing.diff(got: got, want: want)
}

testcase difference_drops_the_first_row {
    got = array.from(rows: [{v: 1}, {v: 4}, {v: 2}]) |> difference(columns: ["v"])
    want = array.from(rows: [{v: 3}, {v: -2}])

    testing.diff(got: got, want: want)
}

testcase difference_non_negative_and_keep_first {
    got =
        array.from(rows: [{v: 1.0}, {v: 4.0}, {v: 2.0}])
            |> difference(columns: ["v"], nonNegative: true, keepFirst: true)
    want =
        array.from(rows: [{v: debug.null(type: "float")}, {v: 3.0}, {v: debug.null(type: "float")}])

    testing.diff(got: got, want: want)
}

testcase difference_of_uints_is_an_int {
    got = array.from(rows: [{v: uint(v: 5)}, {v: uint(v: 2)}]) |> difference(columns: ["v"])
    want = array.from(rows: [{v: -3}])

    testing.diff(got: got, want: want)
}

testcase derivative_per_second_skips_repeated_times {
    got =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, _value: 0},
                {_time: 2030-01-01T00:00:10Z, _value: 20},
                {_time: 2030-01-01T00:00:10Z, _value: 99},
                {_time: 2030-01-01T00:00:20Z, _value: 10},
            ],
        )
            |> derivative()
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:10Z, _value: 2.0},
                {_time: 2030-01-01T00:00:20Z, _value: -1.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase derivative_non_negative_per_minute {
    got =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, _value: 10.0},
                {_time: 2030-01-01T00:01:00Z, _value: 5.0},
                {_time: 2030-01-01T00:02:00Z, _value: 8.0},
            ],
        )
            |> derivative(unit: 1m, nonNegative: true)
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:01:00Z, _value: debug.null(type: "float")},
                {_time: 2030-01-01T00:02:00Z, _value: 3.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase cumulative_sum_keeps_nulls {
    got = array.from(rows: [{v: 1}, {v: 2}, {v: 3}]) |> cumulativeSum(columns: ["v"])
    want = array.from(rows: [{v: 1}, {v: 3}, {v: 6}])

    testing.diff(got: got, want: want)
}

testcase elapsed_in_seconds {
    got =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z},
                {_time: 2030-01-01T00:00:30Z},
                {_time: 2030-01-01T00:02:00Z},
            ],
        )
            |> elapsed()
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:30Z, elapsed: 30},
                {_time: 2030-01-01T00:02:00Z, elapsed: 90},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase time_shift_moves_times_and_keys {
    got =
        array.from(rows: [{_time: 2030-01-31T00:00:00Z, v: 1}])
            |> range(start: 2030-01-01T00:00:00Z, stop: 2030-02-01T00:00:00Z)
            |> timeShift(duration: 1mo)
    want =
        array.from(
            rows: [
                {
                    _start: 2030-02-01T00:00:00Z,
                    _stop: 2030-03-01T00:00:00Z,
                    _time: 2030-02-28T00:00:00Z,
                    v: 1,
                },
            ],
        )
            |> group(columns: ["_start", "_stop"])

    testing.diff(got: got, want: want)
}

testcase tail_with_offset {
    got = array.from(rows: [{v: 1}, {v: 2}, {v: 3}, {v: 4}]) |> tail(n: 2, offset: 1)
    want = array.from(rows: [{v: 2}, {v: 3}])

    testing.diff(got: got, want: want)
}

testcase keys_and_columns_list_labels {
    data = array.from(rows: [{host: "a", v: 1}]) |> group(columns: ["host"])
    got =
        union(tables: [data |> keys(), data |> columns(column: "_value")])
            |> group()
            |> sort(columns: ["_value"])
    want =
        array.from(
            rows: [
                {host: "a", _value: "host"},
                {host: "a", _value: "host"},
                {host: "a", _value: "v"},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase reduce_sums_and_counts {
    got =
        array.from(rows: [{v: 1}, {v: 2}, {v: 3}])
            |> reduce(
                fn: (r, accumulator) => ({sum: accumulator.sum + r.v, n: accumulator.n + 1}),
                identity: {sum: 0, n: 0},
            )
    want = array.from(rows: [{n: 3, sum: 6}])

    testing.diff(got: got, want: want)
}

testcase reduce_rejects_a_null_result {
    testing.shouldError(
        fn: () =>
            array.from(rows: [{v: 1}])
                |> reduce(
                    fn: (r, accumulator) =>
                        ({last: if r.v > 5 then r.v else debug.null(type: "int")}),
                    identity: {last: 0},
                )
                |> yield(),
        want: /null values are not supported/,
    )
}

testcase state_count_and_duration {
    data =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, v: 1},
                {_time: 2030-01-01T00:00:10Z, v: 1},
                {_time: 2030-01-01T00:00:20Z, v: 0},
                {_time: 2030-01-01T00:00:30Z, v: 1},
            ],
        )
    got = data |> stateCount(fn: (r) => r.v == 1) |> stateDuration(fn: (r) => r.v == 1)
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, v: 1, stateCount: 1, stateDuration: 0},
                {_time: 2030-01-01T00:00:10Z, v: 1, stateCount: 2, stateDuration: 10},
                {_time: 2030-01-01T00:00:20Z, v: 0, stateCount: -1, stateDuration: -1},
                {_time: 2030-01-01T00:00:30Z, v: 1, stateCount: 1, stateDuration: 0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase increase_ignores_resets {
    got = array.from(rows: [{_value: 1}, {_value: 3}, {_value: 2}, {_value: 5}]) |> increase()
    want = array.from(rows: [{_value: 0}, {_value: 2}, {_value: 4}, {_value: 7}])

    testing.diff(got: got, want: want)
}

testcase top_and_bottom {
    data = array.from(rows: [{_value: 3}, {_value: 9}, {_value: 1}, {_value: 5}])

    // union keeps the tables apart: group() makes one table to sort.
    got = union(tables: [data |> top(n: 2), data |> bottom(n: 1)]) |> group() |> sort()
    want = array.from(rows: [{_value: 1}, {_value: 5}, {_value: 9}])

    testing.diff(got: got, want: want)
}

testcase truncate_time_column_to_minutes {
    got =
        csv.from(
            csv:
                "#datatype,string,long,dateTime:RFC3339
#group,false,false,false
#default,_result,,
,result,table,_time
,,0,2030-01-01T00:01:59Z
",
        )
            |> truncateTimeColumn(unit: 1m)
    want =
        csv.from(
            csv:
                "#datatype,string,long,dateTime:RFC3339
#group,false,false,false
#default,_result,,
,result,table,_time
,,0,2030-01-01T00:01:00Z
",
        )

    testing.diff(got: got, want: want)
}
