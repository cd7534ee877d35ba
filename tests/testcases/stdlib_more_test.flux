package stdlib_more_test


import "array"
import "experimental/iox"
import "http"
import "influxdata/influxdb/sample"
import "runtime"
import "socket"
import "strings"
import "testing"

option now = () => 2030-01-01T00:00:00Z

data =
    array.from(
        rows: [
            {_time: 2029-12-31T23:59:10Z, host: "a", _value: 1.0},
            {_time: 2029-12-31T23:59:20Z, host: "a", _value: 2.0},
            {_time: 2029-12-31T23:59:50Z, host: "b", _value: 4.0},
        ],
    )

testcase key_values_lists_distinct_values_per_column {
    got = data |> keyValues(keyColumns: ["host"]) |> keep(columns: ["_key", "_value"])
    want = array.from(rows: [{_key: "host", _value: "a"}, {_key: "host", _value: "b"}])

    testing.diff(got: got, want: want)
}

testcase windows_keep_to_the_range_after_windowing {
    got =
        data
            |> range(start: 2029-12-31T23:59:00Z)
            |> window(every: 30s)
            |> count()
            |> duplicate(column: "_start", as: "_time")
            |> window(every: inf)
            |> keep(columns: ["_start", "_stop", "_value"])
    want =
        array.from(
            rows: [
                {_start: 2029-12-31T23:59:00Z, _stop: 2030-01-01T00:00:00Z, _value: 2},
                {_start: 2029-12-31T23:59:00Z, _stop: 2030-01-01T00:00:00Z, _value: 1},
            ],
        )
            |> group(columns: ["_start", "_stop"])

    testing.diff(got: got, want: want)
}

testcase sort_orders_all_rows_of_a_key {
    got =
        union(
            tables: [
                data |> filter(fn: (r) => r.host == "b"),
                data |> filter(fn: (r) => r.host == "a"),
            ],
        )
            |> sort(columns: ["_time"])
    want = data

    testing.diff(got: got, want: want)
}

testcase align_to_now_moves_the_last_time_to_now {
    got = data |> sample.alignToNow() |> keep(columns: ["_time"])
    want =
        array.from(
            rows: [
                {_time: 2029-12-31T23:59:20Z},
                {_time: 2029-12-31T23:59:30Z},
                {_time: 2030-01-01T00:00:00Z},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase sql_intervals_spell_out_units {
    testing.assertEqualValues(
        got: iox.sqlInterval(d: 1y2mo36h5ms),
        want: "1 years 2 months 1 days 12 hours 5 milliseconds",
    )
}

testcase basic_auth_encodes_user_and_password {
    testing.assertEqualValues(got: http.basicAuth(u: "user", p: "pass"), want: "Basic dXNlcjpwYXNz")
}

testcase runtime_version_names_the_engine {
    testing.assertEqualValues(
        got: strings.hasPrefix(v: runtime.version(), prefix: "flx "),
        want: true,
    )
}

testcase renaming_a_dropped_column_is_an_error {
    testing.shouldError(
        fn: () =>
            data
                |> drop(columns: ["host"])
                |> rename(columns: {host: "h"})
                |> tableFind(fn: (key) => true),
        want: /rename error: column "host" doesn't exist/,
    )
}

testcase calling_a_service_says_what_it_needs {
    testing.shouldError(
        fn: () => socket.from(url: "tcp://127.0.0.1:9"),
        want: /needs network sockets/,
    )
}

testcase http_requests_need_permission {
    testing.shouldError(
        fn: () => http.post(url: "http://localhost:1", data: bytes(v: "x")),
        want: /only when allowed, with --allow-net/,
    )
}
