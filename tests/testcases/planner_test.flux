package planner_test


import "array"
import "internal/debug"
import "experimental/table"
import "planner"
import "testing"
import "testing/expect"

data =
    array.from(
        rows: [
            {_time: 2030-01-01T00:00:00Z, i: 3, s: "c"},
            {_time: 2030-01-01T00:00:10Z, i: 1, s: "a"},
            {_time: 2030-01-01T00:01:10Z, i: 2, s: "b"},
        ],
    )

testcase consecutive_filters_run_as_one {
    expect.planner(rules: ["MergeFiltersRule": 2])

    got =
        data
            |> filter(fn: (r) => r.i > 1)
            |> filter(fn: (r) => r.s != "b")
            |> filter(fn: (r) => r.i < 10)
    want = array.from(rows: [{_time: 2030-01-01T00:00:00Z, i: 3, s: "c"}])

    testing.diff(got: got, want: want)
}

testcase filters_merge_only_as_upstream_allows {
    // A filter that keeps empty tables above one that drops them cannot merge.
    expect.planner(rules: ["MergeFiltersRule": 0])

    got = data |> filter(fn: (r) => r.i > 5) |> filter(fn: (r) => r.i > 0, onEmpty: "keep")
    want =
        array.from(rows: [{_time: 2030-01-01T00:00:00Z, i: 3, s: "c"}]) |> filter(fn: (r) => false)

    testing.diff(got: got, want: want)
}

testcase disabled_rules_do_not_apply {
    option planner.disableLogicalRules = ["MergeFiltersRule"]
    option planner.disablePhysicalRules = ["vectorizeMapRule"]

    expect.planner(rules: ["MergeFiltersRule": 0, "vectorizeMapRule": 0])

    got =
        data
            |> filter(fn: (r) => r.i > 1)
            |> filter(fn: (r) => r.i < 3)
            |> map(fn: (r) => ({r with j: r.i * 10}))
    want = array.from(rows: [{_time: 2030-01-01T00:01:10Z, i: 2, s: "b", j: 20}])

    testing.diff(got: got, want: want)
}

testcase a_sort_the_rows_already_satisfy_is_skipped {
    expect.planner(rules: ["universe/RemoveRedundantSort": 2])

    sorted = data |> sort(columns: ["i", "s"])
    got =
        sorted
            |> filter(fn: (r) => r.i > 0)
            |> sort(columns: ["i"])
            |> limit(n: 2)
            |> sort(columns: ["i", "s"])
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:10Z, i: 1, s: "a"},
                {_time: 2030-01-01T00:01:10Z, i: 2, s: "b"},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase a_sort_in_another_order_runs {
    expect.planner(rules: ["universe/RemoveRedundantSort": 0])

    got =
        data
            |> sort(columns: ["i"])
            |> sort(columns: ["i"], desc: true)
            |> map(fn: (r) => ({r with t: r.s + "!"}))
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, i: 3, s: "c", t: "c!"},
                {_time: 2030-01-01T00:01:10Z, i: 2, s: "b", t: "b!"},
                {_time: 2030-01-01T00:00:10Z, i: 1, s: "a", t: "a!"},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase aggregate_window_computes_windows_as_it_reads {
    expect.planner(rules: ["AggregateWindowRule": 1, "AggregateWindowCreateEmptyRule": 1])

    windowed = data |> range(start: 2030-01-01T00:00:00Z, stop: 2030-01-01T00:03:00Z)
    counted = windowed |> aggregateWindow(every: 1m, fn: count, column: "i", createEmpty: false)
    summed = windowed |> aggregateWindow(every: 1m, fn: sum, column: "i")
    got =
        union(tables: [counted |> map(fn: (r) => ({r with i: r.i * 100})), summed])
            |> group()
            |> keep(columns: ["_time", "i"])
            |> sort(columns: ["i"])
    want =
        array.from(
            rows: [
                {_time: 2030-01-01T00:03:00Z, i: debug.null(type: "int")},
                {_time: 2030-01-01T00:02:00Z, i: 2},
                {_time: 2030-01-01T00:01:00Z, i: 4},
                {_time: 2030-01-01T00:02:00Z, i: 100},
                {_time: 2030-01-01T00:01:00Z, i: 200},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase other_aggregates_window_first {
    expect.planner(rules: ["AggregateWindowRule": 0, "AggregateWindowCreateEmptyRule": 0])

    got =
        data
            |> range(start: 2030-01-01T00:00:00Z, stop: 2030-01-01T00:02:00Z)
            |> aggregateWindow(every: 1m, fn: max, column: "i")
            |> keep(columns: ["_time", "i"])
    want =
        array.from(rows: [{_time: 2030-01-01T00:01:00Z, i: 3}, {_time: 2030-01-01T00:02:00Z, i: 2}])

    testing.diff(got: got, want: want)
}

testcase a_second_table_fill_does_not_run {
    expect.planner(rules: ["experimental/table.IdempotentTableFill": 1])

    // One row of nulls for the empty table, not two.
    got =
        data
            |> filter(fn: (r) => r.i > 5, onEmpty: "keep")
            |> table.fill()
            |> table.fill()
            |> count(column: "i")
    want = array.from(rows: [{i: 1}])

    testing.diff(got: got, want: want)
}
