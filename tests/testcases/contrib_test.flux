package contrib_test


import "array"
import "contrib/bonitoo-io/hex"
import "contrib/rhajek/bigpanda"
import "contrib/sranka/teams"
import "internal/testutil"
import "pagerduty"
import "slack"
import "testing"

testcase hex_numbers_both_ways {
    got =
        array.from(
            rows: [
                {
                    i: hex.int(v: "ff"),
                    j: hex.int(v: "-0x10"),
                    u: hex.uint(v: "0xFFFFFFFFFFFFFFFF"),
                    s: hex.string(v: 255),
                    n: hex.string(v: -16),
                    b: hex.string(v: hex.bytes(v: "c0ffee")),
                },
            ],
        )
    want =
        array.from(
            rows: [
                {
                    i: 255,
                    j: -16,
                    u: uint(v: "18446744073709551615"),
                    s: "ff",
                    n: "-10",
                    b: "c0ffee",
                },
            ],
        )

    testing.diff(got: got, want: want)
}

testcase hex_rejects_what_is_not_hexadecimal {
    testing.shouldError(fn: () => hex.int(v: "0xzz"), want: /cannot convert string "0xzz" to int/)
}

testcase odd_hex_digits_are_not_bytes {
    testing.shouldError(fn: () => hex.bytes(v: "abc"), want: /not an even number of hex digits/)
}

testcase notification_helpers {
    got =
        array.from(
            rows: [
                {
                    severity: pagerduty.severityFromLevel(level: "WARN"),
                    action: pagerduty.actionFromLevel(level: "ok"),
                    status: bigpanda.statusFromLevel(level: "info"),
                    cutoff: teams.summaryCutoff,
                    url: slack.defaultURL,
                },
            ],
        )
    want =
        array.from(
            rows: [
                {
                    severity: "warning",
                    action: "resolve",
                    status: "ok",
                    cutoff: 70,
                    url: "https://slack.com/api/chat.postMessage",
                },
            ],
        )

    testing.diff(got: got, want: want)
}

testcase testutil_makes_values_and_fails {
    testing.shouldError(fn: () => testutil.fail(), want: /fail/)
}

testcase testutil_passes_values_through {
    testing.assertEqualValues(got: testutil.yield(v: 5) + testutil.makeAny(typ: "int"), want: 15)
}
