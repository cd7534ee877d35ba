package join_test


import "array"
import "join"
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

testcase inner_join_with_a_record_per_pair {
    got =
        join.inner(
            left: left,
            right: right,
            on: (l, r) => l._time == r._time and l.host == r.host,
            as: (l, r) => ({l with mem: r.mem}),
        )
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, host: "a", cpu: 1.0, mem: 10.0},
                {_time: 2030-01-01T00:02:00Z, host: "b", cpu: 3.0, mem: 30.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase left_join_keeps_unmatched_left_rows {
    got =
        join.left(
            left: left,
            right: right,
            on: (l, r) => l._time == r._time,
            as: (l, r) => ({_time: l._time, cpu: l.cpu, matched: exists r.mem}),
        )
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, cpu: 1.0, matched: true},
                {_time: 2030-01-01T00:01:00Z, cpu: 2.0, matched: false},
                {_time: 2030-01-01T00:02:00Z, cpu: 3.0, matched: true},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase full_join_keeps_both_sides {
    got =
        join.full(
            left: left,
            right: right,
            on: (l, r) => l._time == r._time,
            as: (l, r) =>
                ({_time: if exists l._time then l._time else r._time, cpu: l.cpu, mem: r.mem}),
        )
            |> count(column: "_time")
    want = array.from(rows: [{_time: 4}])

    testing.diff(got: got, want: want)
}

testcase join_time_matches_on_time {
    got = join.time(left: left, right: right, as: (l, r) => ({_time: l._time, sum: l.cpu + r.mem}))
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, sum: 11.0},
                {_time: 2030-01-01T00:02:00Z, sum: 33.0},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase a_predicate_other_than_equality_is_an_error {
    testing.shouldError(
        fn: () =>
            join.inner(left: left, right: right, on: (l, r) => l._time > r._time, as: (l, r) => l)
                |> yield(),
        want: /only `==` joined by `and`/,
    )
}
