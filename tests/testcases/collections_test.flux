package collections_test


import "testing"
import "array"
import earray "experimental/array"
import "dict"
import "experimental"
import "experimental/record"
import "pagerduty"
import "system"
import "internal/debug"

data =
    array.from(
        rows: [
            {t: "a", _value: 1, _time: 2021-01-01T00:00:00Z},
            {t: "a", _value: 2, _time: 2021-01-01T00:01:00Z},
            {t: "b", _value: 3, _time: 2021-01-01T00:00:00Z},
            {t: "b", _value: 4, _time: 2021-01-01T00:01:00Z},
        ],
    )
        |> group(columns: ["t"])

testcase length_of_arrays {
    got = display(v: [length(arr: [1, 2, 3]), length(arr: array.filter(arr: [1], fn: (x) => false))])

    testing.assertEqualValues(got: got, want: "[3, 0]")
}

testcase contains_values {
    got =
        display(
            v: [
                contains(value: 2, set: [1, 2]),
                contains(value: "é", set: ["e", "è"]),
                contains(value: debug.null(), set: [1]),
            ],
        )

    testing.assertEqualValues(got: got, want: "[true, false, false]")
}

testcase array_concat_map_filter {
    got =
        display(
            v: {
                concat: array.concat(arr: [1, 2], v: [3]),
                map: array.map(arr: ["a", "bé"], fn: (x) => x + "!"),
                filter: [1, 2, 3, 4] |> array.filter(fn: (x) => x % 2 == 0),
            },
        )

    testing.assertEqualValues(got: got, want: "{concat: [1, 2, 3], filter: [2, 4], map: [a!, bé!]}")
}

testcase array_map_to_records {
    got = array.from(rows: array.map(arr: [1, 2], fn: (x) => ({v: x * 10})))
    want = array.from(rows: [{v: 10}, {v: 20}])

    testing.diff(got: got, want: want)
}

testcase experimental_array_from {
    got = earray.from(rows: [{a: "ü"}])
    want = array.from(rows: [{a: "ü"}])

    testing.diff(got: got, want: want)
}

testcase experimental_array_conversions {
    got =
        display(
            v: {
                i: ["1", "-2"] |> earray.toInt(),
                s: [1.5, 2.0] |> earray.toString(),
                b: [0, 1] |> earray.toBool(),
            },
        )

    testing.assertEqualValues(got: got, want: "{b: [false, true], i: [1, -2], s: [1.5, 2]}")
}

testcase experimental_array_conversion_fails {
    testing.shouldError(fn: () => ["x"] |> earray.toFloat(), want: /cannot convert string "x" to float/)
}

testcase experimental_array_map_filter_concat {
    got = [1, 2, 3] |> earray.filter(fn: (x) => x > 1) |> earray.map(fn: (x) => x * 2) |> earray.concat(v: [0])

    testing.assertEqualValues(got: display(v: got), want: "[4, 6, 0]")
}

testcase dict_from_list_and_get {
    d = dict.fromList(pairs: [{key: "b", value: 2}, {key: "a", value: 1}, {key: "b", value: 3}])

    testing.assertEqualValues(got: display(v: d), want: "[a: 1, b: 3]")
}

testcase dict_get_default {
    d = ["a": 1]

    testing.assertEqualValues(
        got: display(v: [dict.get(dict: d, key: "a", default: 0), dict.get(dict: d, key: "z", default: 0)]),
        want: "[1, 0]",
    )
}

testcase dict_insert_remove_leave_original {
    d = ["a": 1]
    inserted = dict.insert(dict: d, key: "日", value: 2)
    removed = dict.remove(dict: inserted, key: "a")

    testing.assertEqualValues(got: display(v: [d, inserted, removed]), want: "[[a: 1], [a: 1, 日: 2], [日: 2]]")
}

testcase record_get_and_default {
    r = {x: 1}

    testing.assertEqualValues(
        got: display(v: [record.get(r: r, key: "x", default: 0), record.get(r: r, key: "y", default: -1)]),
        want: "[1, -1]",
    )
}

testcase record_any_default {
    f = (r=record.any) => ({r with ok: true})

    testing.assertEqualValues(got: display(v: f()), want: "{ok: true}")
}

testcase object_keys_in_order {
    testing.assertEqualValues(got: display(v: experimental.objectKeys(o: {b: 1, a: "x", é: 2.0})), want: "[b, a, é]")
}

testcase table_find_get_column {
    got = data |> tableFind(fn: (key) => key.t == "b") |> getColumn(column: "_value")

    testing.assertEqualValues(got: display(v: got), want: "[3, 4]")
}

testcase table_find_get_record {
    r = data |> tableFind(fn: (key) => key.t == "a") |> getRecord(idx: 1)

    testing.assertEqualValues(got: display(v: r), want: "{_time: 2021-01-01T00:01:00.000000000Z, _value: 2, t: a}")
}

testcase table_find_none_fails {
    testing.shouldError(fn: () => data |> tableFind(fn: (key) => key.t == "z"), want: /no table found/)
}

testcase get_record_out_of_bounds_fails {
    testing.shouldError(
        fn: () => data |> tableFind(fn: (key) => true) |> getRecord(idx: 5),
        want: /index out of bounds: 5/,
    )
}

testcase get_column_missing_fails {
    testing.shouldError(
        fn: () => data |> tableFind(fn: (key) => true) |> getColumn(column: "nope"),
        want: /cannot find column nope/,
    )
}

testcase find_record_and_column {
    got =
        display(
            v: {
                r: (data |> findRecord(fn: (key) => key.t == "b", idx: 0))._value,
                c: data |> findColumn(fn: (key) => key.t == "a", column: "_value"),
                none: data |> findColumn(fn: (key) => false, column: "_value"),
            },
        )

    testing.assertEqualValues(got: got, want: "{c: [1, 2], none: [], r: 3}")
}

testcase find_record_missing_is_empty {
    r = data |> findRecord(fn: (key) => key.t == "b", idx: 9)

    testing.assertEqualValues(got: exists r._value, want: false)
}

testcase pagerduty_dedup_key {
    got =
        array.from(rows: [{_measurement: "m0", _field: "f0", host: "a", _level: "ok", _value: 1.0}])
            |> group(columns: ["_measurement", "_field", "host", "_level"])
            |> pagerduty.dedupKey()
            |> group()
            |> keep(columns: ["_pagerdutyDedupKey"])
    want =
        array.from(
            rows: [{_pagerdutyDedupKey: "4989af42de08cdfbcd8cf398809af7b87bc256ea226fbca5f528185cac9d4a7f"}],
        )

    testing.diff(got: got, want: want)
}

testcase system_time_is_now {
    testing.assertEqualValues(got: system.time() > 2024-01-01T00:00:00Z, want: true)
}
