package date_test


import "array"
import "date"
import "experimental/date/boundaries"
import "testing"
import "timezone"

option now = () => 2030-03-14T15:30:45.123456789Z

testcase parts_of_a_time_in_utc {
    t = 2030-03-14T15:30:45.123456789Z

    testing.diff(
        got:
            array.from(
                rows: [
                    {
                        v0: date.year(t: t),
                        v1: date.month(t: t),
                        v2: date.monthDay(t: t),
                        v3: date.yearDay(t: t),
                        v4: date.weekDay(t: t),
                        v5: date.week(t: t),
                        v6: date.quarter(t: t),
                        v7: date.hour(t: t),
                        v8: date.minute(t: t),
                        v9: date.second(t: t),
                        v10: date.millisecond(t: t),
                        v11: date.microsecond(t: t),
                        v12: date.nanosecond(t: t),
                    },
                ],
            ),
        want:
            array.from(
                rows: [
                    {
                        v0: 2030,
                        v1: 3,
                        v2: 14,
                        v3: 73,
                        v4: 4,
                        v5: 11,
                        v6: 1,
                        v7: 15,
                        v8: 30,
                        v9: 45,
                        v10: 123,
                        v11: 123456,
                        v12: 123456789,
                    },
                ],
            ),
    )
}

testcase a_duration_is_from_now {
    testing.assertEqualValues(got: date.hour(t: -1h), want: 14)
}

testcase parts_on_a_zone_clock {
    paris = timezone.location(name: "Europe/Paris")

    // In March Paris is an hour ahead of UTC; in July two.
    testing.diff(
        got:
            array.from(
                rows: [
                    {
                        v0: date.hour(t: 2030-03-14T23:30:00Z, location: paris),
                        v1: date.hour(t: 2030-07-01T12:00:00Z, location: paris),
                    },
                ],
            ),
        want: array.from(rows: [{v0: 0, v1: 14}]),
    )
}

testcase the_location_option_is_the_default {
    option location = timezone.location(name: "Asia/Tokyo")

    testing.assertEqualValues(got: date.monthDay(t: 2030-03-14T20:00:00Z), want: 15)
}

testcase fixed_offsets {
    testing.assertEqualValues(
        got: date.hour(t: 2030-03-14T20:00:00Z, location: timezone.fixed(offset: -5h)),
        want: 15,
    )
}

testcase an_unknown_zone_is_an_error {
    testing.shouldError(
        fn: () => timezone.location(name: "Mars/Olympus"),
        want: /unknown time zone/,
    )
}

testcase adding_months_clamps_the_day {
    testing.diff(
        got:
            array.from(
                rows: [
                    {
                        v0: date.add(d: 1mo, to: 2030-01-31T00:00:00Z),
                        v1: date.sub(d: 1mo, from: 2030-03-31T12:00:00Z),
                    },
                ],
            ),
        want: array.from(rows: [{v0: 2030-02-28T00:00:00Z, v1: 2030-02-28T12:00:00Z}]),
    )
}

testcase adding_a_day_across_a_clock_change_keeps_the_local_hour {
    ny = timezone.location(name: "America/New_York")

    // New York moves to summer time on 2030-03-10: a day later is 23 hours later in UTC.
    testing.assertEqualValues(
        got: date.add(d: 1d, to: 2030-03-09T17:00:00Z, location: ny),
        want: 2030-03-10T16:00:00Z,
    )
}

testcase scale_multiplies_each_unit {
    testing.assertEqualValues(
        got: date.add(d: date.scale(d: 1mo2h, n: 3), to: 2030-01-01T00:00:00Z),
        want: 2030-04-01T06:00:00Z,
    )
}

testcase truncate_to_units {
    t = 2030-03-14T15:30:45Z

    testing.diff(
        got:
            array.from(
                rows: [
                    {
                        v0: date.truncate(t: t, unit: 1m),
                        v1: date.truncate(t: t, unit: 1d),
                        v2: date.truncate(t: t, unit: 1mo),
                        v3: date.truncate(t: t, unit: 1y),
                    },
                ],
            ),
        want:
            array.from(
                rows: [
                    {
                        v0: 2030-03-14T15:30:00Z,
                        v1: 2030-03-14T00:00:00Z,
                        v2: 2030-03-01T00:00:00Z,
                        v3: 2030-01-01T00:00:00Z,
                    },
                ],
            ),
    )
}

testcase truncate_on_a_zone_clock {
    testing.assertEqualValues(
        got:
            date.truncate(
                t: 2030-03-14T02:00:00Z,
                unit: 1d,
                location: timezone.location(name: "America/Los_Angeles"),
            ),
        want: 2030-03-13T07:00:00Z,
    )
}

testcase date_time_is_the_clock_reading {
    testing.assertEqualValues(
        got: date.time(t: 2030-01-01T00:00:00Z, location: timezone.location(name: "Asia/Kolkata")),
        want: 2030-01-01T05:30:00Z,
    )
}

testcase today_and_yesterday {
    testing.diff(
        got:
            array.from(
                rows: [
                    {
                        v0: today(),
                        v1: boundaries.yesterday().start,
                        v2: boundaries.yesterday().stop,
                    },
                ],
            ),
        want:
            array.from(
                rows: [
                    {v0: 2030-03-14T00:00:00Z, v1: 2030-03-13T00:00:00Z, v2: 2030-03-14T00:00:00Z},
                ],
            ),
    )
}

testcase last_monday_and_this_month {
    // 2030-03-14 is a Thursday.
    testing.diff(
        got:
            array.from(
                rows: [
                    {
                        v0: boundaries.monday().start,
                        v1: boundaries.month().start,
                        v2: boundaries.month(month_offset: -1).stop,
                    },
                ],
            ),
        want:
            array.from(
                rows: [
                    {v0: 2030-03-11T00:00:00Z, v1: 2030-03-01T00:00:00Z, v2: 2030-03-01T00:00:00Z},
                ],
            ),
    )
}

testcase weeks_start_on_monday_or_sunday {
    testing.diff(
        got:
            array.from(
                rows: [
                    {
                        v0: boundaries.week().start,
                        v1: boundaries.week(start_sunday: true).start,
                        v2: boundaries.week(week_offset: -1).start,
                    },
                ],
            ),
        want:
            array.from(
                rows: [
                    {v0: 2030-03-11T00:00:00Z, v1: 2030-03-10T00:00:00Z, v2: 2030-03-04T00:00:00Z},
                ],
            ),
    )
}
