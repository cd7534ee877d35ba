package polyline_test


import "array"
import "testing"
import "experimental/polyline"

// The line is drawn in (nanoseconds, value): over seconds it is so flat that a point's distance
// from a line is, to a few parts in 10⁹, its vertical distance.
line = (values) =>
    array.from(
        rows:
            values
                |> array.map(fn: (x) => ({_time: time(v: x.t * 1000000000), _value: x.v})),
    )

peak = line(values: [{t: 0, v: 0.0}, {t: 1, v: 0.1}, {t: 2, v: 5.0}, {t: 3, v: 0.0}, {t: 4, v: 0.0}])
spike = line(values: [{t: 0, v: 0.0}, {t: 1, v: 1.0}, {t: 2, v: 8.0}, {t: 3, v: 0.0}, {t: 4, v: 0.0}])
at = (t, v) => ({_time: time(v: t * 1000000000), _value: v})

// Epsilon 1: 5.0 splits the line; 0.1 is 2.4 below the line 0→5 and (3s, 0) 2.5 below 5→0.
testcase epsilon_keeps_every_corner {
    got = peak |> polyline.rdp(epsilon: 1.0)
    want = array.from(rows: [at(t: 0, v: 0.0), at(t: 1, v: 0.1), at(t: 2, v: 5.0), at(t: 3, v: 0.0), at(t: 4, v: 0.0)])

    testing.diff(got: got, want: want)
}

testcase larger_epsilon_keeps_the_peak {
    got = peak |> polyline.rdp(epsilon: 3.0)
    want = array.from(rows: [at(t: 0, v: 0.0), at(t: 2, v: 5.0), at(t: 4, v: 0.0)])

    testing.diff(got: got, want: want)
}

testcase epsilon_above_everything_keeps_the_ends {
    got = peak |> polyline.rdp(epsilon: 6.0)

    testing.diff(got: got, want: array.from(rows: [at(t: 0, v: 0.0), at(t: 4, v: 0.0)]))
}

// Weights: the ends infinite, 8.0 the peak's, about 4 for (3s, 0), about 3 for (1s, 1).
testcase retention_keeps_the_heaviest {
    got = spike |> polyline.rdp(retention: 60.0)

    testing.diff(got: got, want: array.from(rows: [at(t: 0, v: 0.0), at(t: 2, v: 8.0), at(t: 4, v: 0.0)]))
}

testcase more_retention_keeps_more {
    got = spike |> polyline.rdp(retention: 80.0)
    want = array.from(rows: [at(t: 0, v: 0.0), at(t: 2, v: 8.0), at(t: 3, v: 0.0), at(t: 4, v: 0.0)])

    testing.diff(got: got, want: want)
}

// With neither, the tolerance of a flat line over seconds is about one unit of value.
testcase learned_tolerance_drops_small_bumps {
    got = line(values: [{t: 0, v: 0.0}, {t: 1, v: 0.5}, {t: 2, v: 0.0}]) |> polyline.rdp()

    testing.diff(got: got, want: array.from(rows: [at(t: 0, v: 0.0), at(t: 2, v: 0.0)]))
}

testcase learned_tolerance_keeps_large_bumps {
    got = line(values: [{t: 0, v: 0.0}, {t: 1, v: 3.0}, {t: 2, v: 0.0}]) |> polyline.rdp()

    testing.diff(got: got, want: array.from(rows: [at(t: 0, v: 0.0), at(t: 1, v: 3.0), at(t: 2, v: 0.0)]))
}

// The group key stays; other columns go; values come out as floats in `_value`.
testcase keeps_the_key_and_renames {
    got =
        array.from(
            rows: [
                {id: "a", ts: 1970-01-01T00:00:00Z, n: 2, other: "x"},
                {id: "a", ts: 1970-01-01T00:00:01Z, n: 2, other: "y"},
            ],
        )
            |> group(columns: ["id"])
            |> polyline.rdp(valColumn: "n", timeColumn: "ts", epsilon: 1.0)
    want = array.from(rows: [{id: "a", _time: 1970-01-01T00:00:00Z, _value: 2.0}, {id: "a", _time: 1970-01-01T00:00:01Z, _value: 2.0}])

    testing.diff(got: got, want: want |> group(columns: ["id"]))
}

testcase epsilon_and_retention_fail {
    testing.shouldError(fn: () => peak |> polyline.rdp(epsilon: 1.0, retention: 50.0) |> tableFind(fn: (key) => true), want: /either epsilon or retention/)
}

testcase zero_epsilon_fails {
    testing.shouldError(fn: () => peak |> polyline.rdp(epsilon: 0.0) |> tableFind(fn: (key) => true), want: /greater than 0.0/)
}

testcase full_retention_fails {
    testing.shouldError(fn: () => peak |> polyline.rdp(retention: 100.0) |> tableFind(fn: (key) => true), want: /between 0.0 and 100.0/)
}

// 10% of five points is none.
testcase retention_below_one_point_fails {
    testing.shouldError(fn: () => peak |> polyline.rdp(retention: 10.0) |> tableFind(fn: (key) => true), want: /less than 1/)
}

testcase string_values_fail {
    data = array.from(rows: [{_time: 1970-01-01T00:00:00Z, _value: "a"}])

    testing.shouldError(fn: () => data |> polyline.rdp() |> tableFind(fn: (key) => true), want: /only on numerical types/)
}

testcase missing_column_fails {
    testing.shouldError(fn: () => peak |> polyline.rdp(valColumn: "v") |> tableFind(fn: (key) => true), want: /cannot find column v/)
}
