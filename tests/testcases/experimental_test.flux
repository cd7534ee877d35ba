package experimental_test


import "array"
import "experimental"
import "experimental/table"
import "testing"

option now = () => 2030-01-01T00:00:00Z

data =
    array.from(
        rows: [
            {_time: 2030-01-01T00:00:00Z, host: "a", cpu: 1.0, mem: 10.0},
            {_time: 2030-01-01T00:01:00Z, host: "a", cpu: 2.0, mem: 20.0},
        ],
    )
        |> group(columns: ["host"])

testcase group_extend_adds_key_columns {
    got =
        data
            |> experimental.group(mode: "extend", columns: ["cpu"])
            |> keys()
            |> group()
            |> distinct()
    want = array.from(rows: [{_value: "cpu"}, {_value: "host"}])

    testing.diff(got: got |> sort(), want: want)
}

testcase group_needs_the_extend_mode {
    testing.shouldError(
        fn: () => data |> experimental.group(mode: "by", columns: ["cpu"]) |> yield(),
        want: /requires mode "extend"/,
    )
}

testcase set_writes_every_row {
    got = data |> experimental.set(o: {host: "b", note: "x"}) |> keep(columns: ["host", "note"])
    want =
        array.from(rows: [{host: "b", note: "x"}, {host: "b", note: "x"}])
            |> group(columns: ["host"])

    testing.diff(got: got, want: want)
}

testcase unpivot_makes_a_table_per_field {
    got = data |> experimental.unpivot() |> group() |> sort(columns: ["_field", "_time"])
    want =
        array.from(
            rows: [
                {host: "a", _field: "cpu", _time: 2030-01-01T00:00:00Z, _value: 1.0},
                {host: "a", _field: "cpu", _time: 2030-01-01T00:01:00Z, _value: 2.0},
                {host: "a", _field: "mem", _time: 2030-01-01T00:00:00Z, _value: 10.0},
                {host: "a", _field: "mem", _time: 2030-01-01T00:01:00Z, _value: 20.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase join_on_time_calls_fn_per_pair {
    left = data |> keep(columns: ["_time", "host", "cpu"])
    right = data |> keep(columns: ["_time", "host", "mem"])
    got =
        experimental.join(
            left: left,
            right: right,
            fn: (left, right) => ({left with total: left.cpu + right.mem}),
        )
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, host: "a", cpu: 1.0, total: 11.0},
                {_time: 2030-01-01T00:01:00Z, host: "a", cpu: 2.0, total: 22.0},
            ],
        )
            |> group(columns: ["host"])

    testing.diff(got: got, want: want)
}

testcase align_time_starts_each_table_at_the_given_time {
    got =
        data
            |> experimental.alignTime(alignTo: 2000-01-01T00:00:00Z)
            |> keep(columns: ["_time", "host"])
    want =
        array.from(
            rows: [
                {_time: 2000-01-01T00:00:00Z, host: "a"},
                {_time: 2000-01-01T00:01:00Z, host: "a"},
            ],
        )
            |> group(columns: ["host"])

    testing.diff(got: got, want: want)
}

testcase preview_limits_rows {
    got = data |> experimental.preview(nrows: 1)
    want =
        array.from(rows: [{_time: 2030-01-01T00:00:00Z, host: "a", cpu: 1.0, mem: 10.0}])
            |> group(columns: ["host"])

    testing.diff(got: got, want: want)
}

testcase table_fill_gives_an_empty_table_a_row {
    got =
        data
            |> filter(fn: (r) => r.cpu > 5.0, onEmpty: "keep")
            |> table.fill()
            |> keep(columns: ["host"])
    want = array.from(rows: [{host: "a"}]) |> group(columns: ["host"])

    testing.diff(got: got, want: want)
}

testcase add_duration_is_date_add {
    testing.assertEqualValues(
        got: experimental.addDuration(d: 1mo, to: 2030-01-31T00:00:00Z),
        want: 2030-02-28T00:00:00Z,
    )
}

testcase chain_returns_the_second_stream {
    got = experimental.chain(first: data, second: array.from(rows: [{v: 1}]))
    want = array.from(rows: [{v: 1}])

    testing.diff(got: got, want: want)
}
