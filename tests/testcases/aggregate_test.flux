package aggregate_test


import "testing"
import "csv"
import "array"
import "experimental"

// Three series by tag t: a has a null in the middle, b two values, c a trailing null.
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
,,1,2021-01-01T00:00:00Z,b,10.0
,,1,2021-01-01T00:00:10Z,b,4.0
,,2,2021-01-01T00:00:00Z,c,5.0
,,2,2021-01-01T00:00:10Z,c,
"

// One value per tag, as aggregates give it: the key column and `_value`.
perTag = (a, b, c) =>
    array.from(rows: [{t: "a", _value: a}, {t: "b", _value: b}, {t: "c", _value: c}])
        |> group(columns: ["t"])

input = () => csv.from(csv: data)

testcase count_counts_nulls {
    got = input() |> count()
    want = perTag(a: 4, b: 2, c: 2)

    testing.diff(got, want)
}

testcase sum_skips_nulls {
    got = input() |> sum()
    want = perTag(a: 12.0, b: 14.0, c: 5.0)

    testing.diff(got, want)
}

testcase mean_skips_nulls {
    got = input() |> mean()
    want = perTag(a: 4.0, b: 7.0, c: 5.0)

    testing.diff(got, want)
}

testcase spread_of_floats {
    got = input() |> spread()
    want = perTag(a: 7.0, b: 6.0, c: 0.0)

    testing.diff(got, want)
}

testcase median_estimates_like_tdigest {
    got = input() |> median()
    want = perTag(a: 3.0, b: 7.0, c: 5.0)

    testing.diff(got, want)
}

testcase quantile_exact_mean_interpolates {
    got = input() |> quantile(q: 0.75, method: "exact_mean")
    want = perTag(a: 5.5, b: 8.5, c: 5.0)

    testing.diff(got, want)
}

testcase quantile_tdigest_extremes {
    got = input() |> quantile(q: 1.0)
    want = perTag(a: 8.0, b: 10.0, c: 5.0)

    testing.diff(got, want)
}

testcase quantile_exact_selector_keeps_the_row {
    got = input() |> quantile(q: 0.5, method: "exact_selector")
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:10Z, t: "a", _value: 3.0},
                {_time: 2021-01-01T00:00:10Z, t: "b", _value: 4.0},
                {_time: 2021-01-01T00:00:00Z, t: "c", _value: 5.0},
            ],
        )
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase quantile_rejects_a_bad_q {
    testing.shouldError(
        fn: () => input() |> quantile(q: 1.5) |> testing.assertEmpty(),
        want: /quantile must be between 0 and 1/,
    )
}

testcase stddev_sample {
    got = input() |> filter(fn: (r) => r.t != "c") |> stddev()
    want =
        array.from(rows: [{t: "a", _value: 3.605551275463989}, {t: "b", _value: 4.242640687119285}])
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase stddev_population {
    got = input() |> filter(fn: (r) => r.t != "c") |> stddev(mode: "population")
    want =
        array.from(rows: [{t: "a", _value: 2.943920288775949}, {t: "b", _value: 3.0}])
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase skew_of_three_values {
    got = input() |> filter(fn: (r) => r.t != "c") |> skew()
    want =
        array.from(rows: [{t: "a", _value: 0.4703304603369859}, {t: "b", _value: 0.0}])
            |> group(columns: ["t"])

    testing.diff(got, want)
}

// Selectors keep whole rows.
selected = (a, b, c) =>
    array.from(
        rows: [
            {_time: a, t: "a", _value: 0.0},
            {_time: b, t: "b", _value: 0.0},
            {_time: c, t: "c", _value: 0.0},
        ],
    )
        |> drop(columns: ["_value"])
        |> group(columns: ["t"])

testcase min_selects_the_smallest_row {
    got = input() |> min() |> drop(columns: ["_value"])
    want = selected(a: 2021-01-01T00:00:00Z, b: 2021-01-01T00:00:10Z, c: 2021-01-01T00:00:00Z)

    testing.diff(got, want)
}

testcase max_selects_the_largest_row {
    got = input() |> max() |> drop(columns: ["_value"])
    want = selected(a: 2021-01-01T00:00:30Z, b: 2021-01-01T00:00:00Z, c: 2021-01-01T00:00:00Z)

    testing.diff(got, want)
}

testcase first_selects_the_first_row {
    got = input() |> first() |> drop(columns: ["_value"])
    want = selected(a: 2021-01-01T00:00:00Z, b: 2021-01-01T00:00:00Z, c: 2021-01-01T00:00:00Z)

    testing.diff(got, want)
}

testcase last_skips_a_trailing_null {
    got = input() |> last() |> drop(columns: ["_value"])
    want = selected(a: 2021-01-01T00:00:30Z, b: 2021-01-01T00:00:10Z, c: 2021-01-01T00:00:00Z)

    testing.diff(got, want)
}

testcase min_on_another_column {
    got =
        array.from(rows: [{x: 3, y: "p"}, {x: 1, y: "q"}, {x: 1, y: "r"}, {x: 2, y: "s"}])
            |> min(column: "x")
    want = array.from(rows: [{x: 1, y: "q"}])

    testing.diff(got, want)
}

testcase max_of_times {
    got =
        array.from(rows: [{_time: 2021-01-01T00:00:00Z, n: 1}, {_time: 2021-01-03T00:00:00Z, n: 2}])
            |> max(column: "_time")
    want = array.from(rows: [{_time: 2021-01-03T00:00:00Z, n: 2}])

    testing.diff(got, want)
}

testcase aggregate_of_a_missing_column_fails {
    testing.shouldError(
        fn: () => input() |> sum(column: "nope") |> testing.assertEmpty(),
        want: /column "nope" does not exist/,
    )
}

testcase aggregate_of_a_key_column_fails {
    testing.shouldError(
        fn: () => input() |> count(column: "t") |> testing.assertEmpty(),
        want: /cannot aggregate columns that are part of the group key/,
    )
}

testcase sum_of_strings_fails {
    testing.shouldError(
        fn: () => array.from(rows: [{_value: "x"}]) |> sum() |> testing.assertEmpty(),
        want: /unsupported aggregate column type string/,
    )
}

// Every table kept, without rows.
empty = () => input() |> filter(fn: (r) => r._value > 100.0, onEmpty: "keep")

testcase count_of_an_empty_table_is_zero {
    got = empty() |> count()
    want = perTag(a: 0, b: 0, c: 0)

    testing.diff(got, want)
}

testcase sum_of_an_empty_table_is_null {
    got = empty() |> sum() |> map(fn: (r) => ({t: r.t, isNull: not exists r._value}))
    want =
        array.from(rows: [{t: "a", isNull: true}, {t: "b", isNull: true}, {t: "c", isNull: true}])
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase first_of_an_empty_table_has_no_rows {
    empty() |> first() |> testing.assertEmpty()
}

ints =
    array.from(
        rows: [
            {t: "a", _value: 1},
            {t: "a", _value: 2},
            {t: "a", _value: 2},
            {t: "a", _value: 3},
            {t: "b", _value: 5},
            {t: "b", _value: 5},
            {t: "b", _value: 6},
            {t: "b", _value: 6},
            {t: "c", _value: 7},
        ],
    )
        |> group(columns: ["t"])

testcase sum_of_ints_stays_int {
    got = ints |> sum()
    want = perTag(a: 8, b: 22, c: 7)

    testing.diff(got, want)
}

testcase spread_of_ints_stays_int {
    got = ints |> spread()
    want = perTag(a: 2, b: 1, c: 0)

    testing.diff(got, want)
}

testcase mean_of_ints_is_float {
    got = ints |> mean()
    want = perTag(a: 2.0, b: 5.5, c: 7.0)

    testing.diff(got, want)
}

testcase mode_most_frequent_or_null {
    got = ints |> mode() |> map(fn: (r) => ({t: r.t, m: if exists r._value then r._value else -1}))
    want =
        array.from(rows: [{t: "a", m: 2}, {t: "b", m: -1}, {t: "c", m: -1}])
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase mode_ties_come_sorted {
    got =
        array.from(
            rows: [
                {_value: "y"},
                {_value: "x"},
                {_value: "y"},
                {_value: "x"},
                {_value: "z"},
            ],
        )
            |> mode()
    want = array.from(rows: [{_value: "x"}, {_value: "y"}])

    testing.diff(got, want)
}

testcase distinct_in_order_met {
    got = ints |> distinct()
    want =
        array.from(
            rows: [
                {t: "a", _value: 1},
                {t: "a", _value: 2},
                {t: "a", _value: 3},
                {t: "b", _value: 5},
                {t: "b", _value: 6},
                {t: "c", _value: 7},
            ],
        )
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase distinct_of_a_key_column {
    got = ints |> distinct(column: "t")
    want =
        array.from(rows: [{t: "a", _value: "a"}, {t: "b", _value: "b"}, {t: "c", _value: "c"}])
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase distinct_counts_null_once {
    got =
        input()
            |> distinct()
            |> filter(fn: (r) => r.t == "c")
            |> map(fn: (r) => ({t: r.t, v: exists r._value}))
    want = array.from(rows: [{t: "c", v: true}, {t: "c", v: false}]) |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase unique_keeps_first_rows {
    got =
        array.from(
            rows: [
                {n: 1, _value: "x"},
                {n: 2, _value: "y"},
                {n: 3, _value: "x"},
                {n: 4, _value: "z"},
            ],
        )
            |> unique()
    want = array.from(rows: [{n: 1, _value: "x"}, {n: 2, _value: "y"}, {n: 4, _value: "z"}])

    testing.diff(got, want)
}

testcase sample_every_second_row {
    got =
        array.from(
            rows: [
                {_value: 1},
                {_value: 2},
                {_value: 3},
                {_value: 4},
                {_value: 5},
            ],
        )
            |> sample(n: 2, pos: 1)
    want = array.from(rows: [{_value: 2}, {_value: 4}])

    testing.diff(got, want)
}

testcase sample_rejects_pos_past_n {
    testing.shouldError(
        fn: () => array.from(rows: [{_value: 1}]) |> sample(n: 2, pos: 2) |> testing.assertEmpty(),
        want: /pos must be less than n/,
    )
}

ranged = () =>
    input()
        |> range(start: 2021-01-01T00:00:00Z, stop: 2021-01-01T00:00:40Z)
        |> filter(fn: (r) => r.t == "a")

testcase integral_trapezoids {
    got = ranged() |> integral(unit: 10s) |> keep(columns: ["t", "_value"])
    want = array.from(rows: [{t: "a", _value: 13.0}]) |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase integral_linear_extends_to_stop {
    got = ranged() |> integral(unit: 1s, interpolate: "linear") |> keep(columns: ["t", "_value"])
    want = array.from(rows: [{t: "a", _value: 222.5}]) |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase integral_needs_start_and_stop {
    testing.shouldError(
        fn: () => input() |> integral() |> testing.assertEmpty(),
        want: /integral function needs _start column to be part of group key/,
    )
}

testcase histogram_cumulative_counts {
    got = input() |> filter(fn: (r) => r.t == "a") |> histogram(bins: [10.0, 2.0, 5.0])
    want =
        array.from(
            rows: [
                {t: "a", le: 2.0, _value: 1.0},
                {t: "a", le: 5.0, _value: 2.0},
                {t: "a", le: 10.0, _value: 3.0},
            ],
        )
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase histogram_normalized {
    got =
        input()
            |> filter(fn: (r) => r.t == "b")
            |> histogram(
                bins: linearBins(start: 0.0, width: 5.0, count: 3, infinity: false),
                normalize: true,
            )
    want =
        array.from(
            rows: [
                {t: "b", le: 0.0, _value: 0.0},
                {t: "b", le: 5.0, _value: 0.5},
                {t: "b", le: 10.0, _value: 1.0},
            ],
        )
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase histogram_with_logarithmic_bins {
    got =
        input()
            |> filter(fn: (r) => r.t == "b")
            |> histogram(bins: logarithmicBins(start: 1.0, factor: 10.0, count: 3, infinity: false))
    want =
        array.from(
            rows: [
                {t: "b", le: 1.0, _value: 0.0},
                {t: "b", le: 10.0, _value: 2.0},
                {t: "b", le: 100.0, _value: 2.0},
            ],
        )
            |> group(columns: ["t"])

    testing.diff(got, want)
}

buckets =
    csv.from(
        csv:
            "
#datatype,string,long,string,double,double
#group,false,false,true,false,false
#default,_result,,,,
,result,table,s,le,_value
,,0,x,1.0,1.0
,,0,x,2.0,3.0
,,0,x,3.0,4.0
,,0,x,+Inf,4.0
",
    )

testcase histogram_quantile_interpolates {
    got = buckets |> histogramQuantile(quantile: 0.5)
    want = array.from(rows: [{s: "x", _value: 1.5}]) |> group(columns: ["s"])

    testing.diff(got, want)
}

testcase histogram_quantile_below_the_first_bucket {
    got = buckets |> histogramQuantile(quantile: 0.1, minValue: -1.0)
    want = array.from(rows: [{s: "x", _value: -0.2}]) |> group(columns: ["s"])

    testing.diff(got, want)
}

pairs = array.from(rows: [{x: 1.0, y: 2.0}, {x: 2.0, y: 4.0}, {x: 3.0, y: 6.0}])

testcase covariance_of_two_columns {
    got = pairs |> covariance(columns: ["x", "y"])
    want = array.from(rows: [{_value: 2.0}])

    testing.diff(got, want)
}

testcase covariance_as_pearsonr {
    got = pairs |> covariance(columns: ["x", "y"], pearsonr: true, valueDst: "r")
    want = array.from(rows: [{r: 1.0}])

    testing.diff(got, want)
}

// The floats 1, 2, 3, 2, 5 and 1 to 6, numbered by `n`.
zigzag =
    array.from(
        rows: [
            {n: 0, _value: 1.0},
            {n: 1, _value: 2.0},
            {n: 2, _value: 3.0},
            {n: 3, _value: 2.0},
            {n: 4, _value: 5.0},
        ],
    )
rising =
    array.from(
        rows: [
            {n: 0, _value: 1.0},
            {n: 1, _value: 2.0},
            {n: 2, _value: 3.0},
            {n: 3, _value: 4.0},
            {n: 4, _value: 5.0},
            {n: 5, _value: 6.0},
        ],
    )

testcase moving_average_skips_nulls {
    got =
        input()
            |> filter(fn: (r) => r.t == "a")
            |> movingAverage(n: 2)
            |> keep(columns: ["_time", "_value"])
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:10Z, _value: 2.0},
                {_time: 2021-01-01T00:00:20Z, _value: 3.0},
                {_time: 2021-01-01T00:00:30Z, _value: 8.0},
            ],
        )

    testing.diff(got, want)
}

testcase moving_average_of_a_short_table {
    got = array.from(rows: [{n: 0, _value: 2}, {n: 1, _value: 4}]) |> movingAverage(n: 5)
    want = array.from(rows: [{n: 1, _value: 3.0}])

    testing.diff(got, want)
}

testcase exponential_moving_average {
    got = rising |> limit(n: 4) |> exponentialMovingAverage(n: 2)
    want = array.from(rows: [{n: 1, _value: 1.5}, {n: 2, _value: 2.5}, {n: 3, _value: 3.5}])

    testing.diff(got, want)
}

testcase double_ema {
    got = rising |> limit(n: 4) |> doubleEMA(n: 2)
    want = array.from(rows: [{n: 2, _value: 3.0}, {n: 3, _value: 4.0}])

    testing.diff(got, want)
}

testcase triple_ema {
    got = rising |> limit(n: 5) |> tripleEMA(n: 2)
    want = array.from(rows: [{n: 3, _value: 4.0}, {n: 4, _value: 5.0}])

    testing.diff(got, want)
}

testcase chande_momentum_oscillator {
    got = zigzag |> limit(n: 4) |> chandeMomentumOscillator(n: 2)
    want = array.from(rows: [{n: 2, _value: 100.0}, {n: 3, _value: 0.0}])

    testing.diff(got, want)
}

testcase kaufmans_er {
    got = zigzag |> limit(n: 4) |> kaufmansER(n: 2) |> map(fn: (r) => ({n: r.n, _value: r._value}))
    want = array.from(rows: [{n: 2, _value: 1.0}, {n: 3, _value: 0.0}])

    testing.diff(got, want)
}

testcase kaufmans_ama {
    got = zigzag |> kaufmansAMA(n: 2)
    want =
        array.from(
            rows: [
                {n: 2, _value: 2.444444444444444},
                {n: 3, _value: 2.442594519597641},
                {n: 4, _value: 2.7844098433743927},
            ],
        )

    testing.diff(got, want)
}

testcase relative_strength_index {
    got = zigzag |> limit(n: 4) |> relativeStrengthIndex(n: 2)
    want = array.from(rows: [{n: 2, _value: 100.0}, {n: 3, _value: 50.0}])

    testing.diff(got, want)
}

testcase triple_exponential_derivative {
    got = rising |> tripleExponentialDerivative(n: 2)
    want = array.from(rows: [{n: 4, _value: 40.0}, {n: 5, _value: 28.57142857142857}])

    testing.diff(got, want)
}

testcase moving_average_rejects_a_zero_period {
    testing.shouldError(
        fn: () => zigzag |> movingAverage(n: 0) |> testing.assertEmpty(),
        want: /cannot take moving average with a period of 0 \(must be greater than 0\)/,
    )
}

// The experimental variants work on `_value`.
onTag = (tag, want) => array.from(rows: [{t: tag, _value: want}]) |> group(columns: ["t"])

testcase experimental_count {
    got = input() |> experimental.count()
    want = perTag(a: 4, b: 2, c: 2)

    testing.diff(got, want)
}

testcase experimental_sum {
    testing.diff(got: input() |> experimental.sum(), want: perTag(a: 12.0, b: 14.0, c: 5.0))
}

testcase experimental_mean {
    testing.diff(got: input() |> experimental.mean(), want: perTag(a: 4.0, b: 7.0, c: 5.0))
}

testcase experimental_spread {
    testing.diff(got: input() |> experimental.spread(), want: perTag(a: 7.0, b: 6.0, c: 0.0))
}

b = () => input() |> filter(fn: (r) => r.t == "b")

testcase experimental_max {
    testing.diff(
        got: b() |> experimental.max() |> drop(columns: ["_time"]),
        want: onTag(tag: "b", want: 10.0),
    )
}

testcase experimental_min {
    testing.diff(
        got: b() |> experimental.min() |> drop(columns: ["_time"]),
        want: onTag(tag: "b", want: 4.0),
    )
}

testcase experimental_first {
    testing.diff(
        got: b() |> experimental.first() |> drop(columns: ["_time"]),
        want: onTag(tag: "b", want: 10.0),
    )
}

testcase experimental_last {
    testing.diff(
        got: b() |> experimental.last() |> drop(columns: ["_time"]),
        want: onTag(tag: "b", want: 4.0),
    )
}

testcase experimental_stddev {
    testing.diff(
        got: b() |> experimental.stddev(mode: "population"),
        want: onTag(tag: "b", want: 3.0),
    )
}

testcase experimental_skew {
    testing.diff(got: b() |> experimental.skew(), want: onTag(tag: "b", want: 0.0))
}

testcase experimental_quantile {
    testing.diff(
        got: b() |> experimental.quantile(q: 0.5, method: "exact_mean"),
        want: onTag(tag: "b", want: 7.0),
    )
}

testcase experimental_mode {
    testing.diff(
        got: ints |> filter(fn: (r) => r.t == "a") |> experimental.mode(),
        want: onTag(tag: "a", want: 2),
    )
}

testcase experimental_distinct {
    got = ints |> filter(fn: (r) => r.t == "b") |> experimental.distinct()
    want = array.from(rows: [{t: "b", _value: 5}, {t: "b", _value: 6}]) |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase experimental_unique {
    got = ints |> filter(fn: (r) => r.t == "b") |> experimental.unique()
    want = array.from(rows: [{t: "b", _value: 5}, {t: "b", _value: 6}]) |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase experimental_histogram {
    got = input() |> filter(fn: (r) => r.t == "a") |> experimental.histogram(bins: [2.0, 5.0, 10.0])
    want =
        array.from(
            rows: [
                {t: "a", le: 2.0, _value: 1.0},
                {t: "a", le: 5.0, _value: 2.0},
                {t: "a", le: 10.0, _value: 3.0},
            ],
        )
            |> group(columns: ["t"])

    testing.diff(got, want)
}

testcase experimental_histogram_quantile {
    got = buckets |> experimental.histogramQuantile(quantile: 0.5)
    want = array.from(rows: [{s: "x", _value: 1.5}]) |> group(columns: ["s"])

    testing.diff(got, want)
}

testcase experimental_integral {
    got = ranged() |> experimental.integral(unit: 10s) |> keep(columns: ["t", "_value"])

    testing.diff(got: got, want: onTag(tag: "a", want: 13.0))
}

testcase experimental_kaufmans_ama {
    got = zigzag |> experimental.kaufmansAMA(n: 2) |> filter(fn: (r) => r.n == 2)

    testing.diff(got: got, want: array.from(rows: [{n: 2, _value: 2.444444444444444}]))
}

seriesA = () => input() |> filter(fn: (r) => r.t == "a")

testcase holt_winters_forecasts_after_the_last_value {
    got = seriesA() |> holtWinters(n: 3, interval: 10s) |> keep(columns: ["_time"])
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:40Z},
                {_time: 2021-01-01T00:00:50Z},
                {_time: 2021-01-01T00:01:00Z},
            ],
        )

    testing.diff(got, want)
}

testcase holt_winters_with_fit_starts_at_the_first_value {
    got = seriesA() |> holtWinters(n: 1, interval: 10s, withFit: true) |> keep(columns: ["_time"])
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:00Z},
                {_time: 2021-01-01T00:00:10Z},
                {_time: 2021-01-01T00:00:20Z},
                {_time: 2021-01-01T00:00:30Z},
                {_time: 2021-01-01T00:00:40Z},
            ],
        )

    testing.diff(got, want)
}

testcase holt_winters_needs_two_values {
    input()
        |> filter(fn: (r) => r.t == "b" and r._time == 2021-01-01T00:00:00Z)
        |> holtWinters(n: 3, interval: 10s)
        |> testing.assertEmpty()
}
