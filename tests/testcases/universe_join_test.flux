package universe_join_test


import "array"
import "testing"

left =
    array.from(
        rows: [
            {_time: 2030-01-01T00:00:00Z, host: "a", cpu: 1.0},
            {_time: 2030-01-01T00:01:00Z, host: "a", cpu: 2.0},
            {_time: 2030-01-01T00:02:00Z, host: "b", cpu: 3.0},
        ],
    )
right =
    array.from(
        rows: [
            {_time: 2030-01-01T00:00:00Z, host: "a", mem: 10.0},
            {_time: 2030-01-01T00:02:00Z, host: "b", mem: 30.0},
            {_time: 2030-01-01T00:03:00Z, host: "c", mem: 40.0},
        ],
    )

testcase universe_join_renames_shared_columns {
    got = join(tables: {l: left, r: right}, on: ["_time"])
    want =
        array.from(
            rows: [
                {
                    _time: 2030-01-01T00:00:00Z,
                    cpu: 1.0,
                    host_l: "a",
                    host_r: "a",
                    mem: 10.0,
                },
                {
                    _time: 2030-01-01T00:02:00Z,
                    cpu: 3.0,
                    host_l: "b",
                    host_r: "b",
                    mem: 30.0,
                },
            ],
        )

    testing.diff(got: got, want: want)
}

testcase universe_join_on_two_columns {
    got = join(tables: {l: left, r: right}, on: ["_time", "host"])
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, cpu: 1.0, host: "a", mem: 10.0},
                {_time: 2030-01-01T00:02:00Z, cpu: 3.0, host: "b", mem: 30.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase universe_join_pairs_tables_by_key {
    got =
        join(
            tables: {l: left |> group(columns: ["host"]), r: right |> group(columns: ["host"])},
            on: ["_time", "host"],
        )
            |> group()
            |> sort(columns: ["_time"])
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, cpu: 1.0, host: "a", mem: 10.0},
                {_time: 2030-01-01T00:02:00Z, cpu: 3.0, host: "b", mem: 30.0},
            ],
        )

    testing.diff(got: got, want: want)
}
