package convert_test


import "testing"
import "internal/debug"
import "types"
import "json"
import ejson "experimental/json"
import "experimental/dynamic"

testcase int_from_strings {
    testing.assertEqualValues(got: display(v: [int(v: "-42"), int(v: "+7"), int(v: "0")]), want: "[-42, 7, 0]")
}

testcase int_rejects_exponent {
    testing.shouldError(fn: () => int(v: "1e3"), want: /cannot convert string "1e3" to int/)
}

testcase int_rejects_overflow {
    testing.shouldError(fn: () => int(v: "9223372036854775808"), want: /invalid syntax/)
}

testcase int_truncates_floats {
    testing.assertEqualValues(got: display(v: [int(v: 3.9), int(v: -3.9)]), want: "[3, -3]")
}

testcase int_of_time_duration_bool {
    got = display(v: [int(v: 1970-01-01T00:00:01Z), int(v: 1h), int(v: -1ms)]) + display(v: [int(v: true), int(v: false)])

    testing.assertEqualValues(got: got, want: "[1000000000, 3600000000000, -1000000][1, 0]")
}

testcase uint_wraps_negative_ints {
    testing.assertEqualValues(got: uint(v: -1), want: uint(v: "18446744073709551615"))
}

testcase uint_rejects_sign {
    testing.shouldError(fn: () => uint(v: "+1"), want: /cannot convert string "\+1" to uint/)
}

testcase float_from_strings {
    got = display(v: [float(v: "1e3"), float(v: "-2.5"), float(v: ".5")])

    testing.assertEqualValues(got: got, want: "[1000, -2.5, 0.5]")
}

testcase float_from_infinity {
    testing.assertEqualValues(got: string(v: float(v: "-Inf")), want: "-Inf")
}

testcase float_rejects_overflow {
    testing.shouldError(fn: () => float(v: "1e400"), want: /cannot convert string "1e400" to float/)
}

testcase float_rejects_words {
    testing.shouldError(fn: () => float(v: "one"), want: /invalid syntax/)
}

testcase string_of_floats_has_no_exponent {
    got = display(v: [string(v: 1.0), string(v: float(v: "1e21")), string(v: 0.000001)])

    testing.assertEqualValues(got: got, want: "[1, 1000000000000000000000, 0.000001]")
}

testcase string_of_time_has_nine_digits {
    testing.assertEqualValues(
        got: string(v: 2020-01-01T00:00:00.5Z),
        want: "2020-01-01T00:00:00.500000000Z",
    )
}

testcase string_of_durations {
    testing.assertEqualValues(got: display(v: [string(v: 1h30m), string(v: 0s), string(v: -1mo2d)]), want: "[1h30m, 0ns, -1mo2d]")
}

testcase string_of_unicode_bytes {
    testing.assertEqualValues(got: string(v: bytes(v: "héllo ✓ 日本")), want: "héllo ✓ 日本")
}

testcase string_interpolation_uses_string {
    x = 2020-01-01T01:01:01Z

    testing.assertEqualValues(got: "at ${x} after ${90m}", want: "at 2020-01-01T01:01:01.000000000Z after 1h30m")
}

testcase bool_from_strings_and_numbers {
    got = display(v: [bool(v: "true"), bool(v: "false"), bool(v: 1)]) + display(v: [bool(v: uint(v: 0)), bool(v: 1.0)])

    testing.assertEqualValues(got: got, want: "[true, false, true][false, true]")
}

testcase bool_is_case_sensitive {
    testing.shouldError(fn: () => bool(v: "TRUE"), want: /cannot convert string "TRUE" to bool/)
}

testcase bool_rejects_other_floats {
    testing.shouldError(fn: () => bool(v: 2.0), want: /cannot convert float 2.000000 to bool, must be 0 or 1/)
}

testcase time_from_date {
    testing.assertEqualValues(got: time(v: "2021-03-04"), want: 2021-03-04T00:00:00Z)
}

testcase time_from_offset {
    testing.assertEqualValues(got: time(v: "2021-03-04T05:06:07.25+02:00"), want: 2021-03-04T03:06:07.25Z)
}

testcase time_from_int {
    testing.assertEqualValues(got: time(v: 1000000000), want: 1970-01-01T00:00:01Z)
}

testcase time_rejects_bad_month {
    testing.shouldError(fn: () => time(v: "2021-13-01"), want: /cannot convert string "2021-13-01" to time/)
}

testcase duration_from_strings {
    got = display(v: [int(v: duration(v: "1h30m")), int(v: duration(v: "-2d")), int(v: duration(v: "5µs"))])

    testing.assertEqualValues(got: got, want: "[5400000000000, -172800000000000, 5000]")
}

testcase duration_from_int {
    testing.assertEqualValues(got: display(v: duration(v: 18000000)), want: "18ms")
}

testcase duration_rejects_inner_sign {
    testing.shouldError(fn: () => duration(v: "1h-5m"), want: /cannot convert string "1h-5m" to duration/)
}

testcase duration_needs_a_unit {
    testing.shouldError(fn: () => duration(v: "15"), want: /to duration due to invalid syntax/)
}

testcase conversions_keep_null {
    got = display(v: {a: int(v: debug.null()), b: float(v: debug.null()), c: time(v: debug.null())})

    testing.assertEqualValues(got: got, want: "{a: <null>, b: <null>, c: <null>}")
}

testcase bytes_of_null_fails {
    testing.shouldError(fn: () => bytes(v: debug.null()), want: /cannot convert null to bytes/)
}

testcase display_sorts_fields_over_lines {
    got = display(v: {z: 1, a: "x", m: [1.5, 2.0], b: true})
    want =
        "{
    a: x,
    b: true,
    m: [1.5, 2],
    z: 1
}"

    testing.assertEqualValues(got: got, want: want)
}

testcase display_floats_as_go {
    want = "[
    1e+06,
    1e-05,
    2.5,
    123456
]"

    testing.assertEqualValues(got: display(v: [1000000.0, 0.00001, 2.5, 123456.0]), want: want)
}

testcase display_dict_bytes_unicode {
    got = display(v: {d: ["b": 2, "a": 1], by: bytes(v: "é"), s: "日本"})

    testing.assertEqualValues(got: got, want: "{by: 0xc3a9, d: [a: 1, b: 2], s: 日本}")
}

testcase types_is_type {
    got =
        display(
            v: [
                types.isType(v: 1, type: "int"),
                types.isType(v: 1.0, type: "int"),
                types.isType(v: /a/, type: "regexp"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[true, false, true]")
}

testcase types_is_numeric {
    got = display(v: [types.isNumeric(v: uint(v: 1)), types.isNumeric(v: "1")])

    testing.assertEqualValues(got: got, want: "[true, false]")
}

testcase json_encode_sorts_and_escapes {
    got = string(v: json.encode(v: {b: 1, a: "x<y & ü", c: [1.5, 2.0]}))

    testing.assertEqualValues(got: got, want: "{\"a\":\"x\\u003cy \\u0026 ü\",\"b\":1,\"c\":[1.5,2]}")
}

testcase json_encode_times_durations_bytes {
    got = string(v: json.encode(v: {t: 2020-01-01T00:00:00.5Z, d: 1h, by: bytes(v: "hi")}))

    testing.assertEqualValues(got: got, want: "{\"by\":\"aGk=\",\"d\":\"1h\",\"t\":\"2020-01-01T00:00:00.5Z\"}")
}

testcase json_encode_float_exponents {
    testing.assertEqualValues(got: string(v: json.encode(v: [float(v: "1e21"), 0.0000001, 100.0])), want: "[1e+21,1e-7,100]")
}

testcase json_parse_numbers_are_floats {
    data = ejson.parse(data: bytes(v: "{\"a\": [1, 2], \"b\": \"ü\"}"))

    testing.assertEqualValues(got: display(v: data), want: "{a: [1, 2], b: ü}")
}

testcase json_parse_mixed_array_fails {
    testing.shouldError(fn: () => ejson.parse(data: bytes(v: "[1, \"a\"]")), want: /same type/)
}

testcase json_parse_invalid_fails {
    testing.shouldError(fn: () => ejson.parse(data: bytes(v: "{")), want: /EOF|end of JSON/)
}

testcase dynamic_fields_convert {
    raw = dynamic.jsonParse(data: bytes(v: "{\"n\": 3, \"s\": \"é\"}"))

    testing.assertEqualValues(got: display(v: [string(v: raw.s), string(v: int(v: raw.n))]), want: "[é, 3]")
}

testcase dynamic_missing_field_is_null {
    raw = dynamic.jsonParse(data: bytes(v: "{\"n\": 3}"))

    testing.assertEqualValues(got: exists raw.missing, want: false)
}

testcase dynamic_as_array {
    raw = dynamic.jsonParse(data: bytes(v: "[1, \"two\", null]"))

    testing.assertEqualValues(got: length(arr: dynamic.asArray(v: raw)), want: 3)
}

testcase dynamic_json_roundtrip {
    got = string(v: dynamic.jsonEncode(v: dynamic.jsonParse(data: bytes(v: "{\"b\":[true,null],\"a\":1.5}"))))

    testing.assertEqualValues(got: got, want: "{\"a\":1.5,\"b\":[true,null]}")
}

testcase dynamic_is_type {
    got =
        display(
            v: [
                dynamic.isType(v: dynamic.dynamic(v: {a: 1}), type: "object"),
                dynamic.isType(v: dynamic.dynamic(v: [1]), type: "array"),
                dynamic.isType(v: dynamic.dynamic(v: debug.null()), type: "int"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[true, true, false]")
}
