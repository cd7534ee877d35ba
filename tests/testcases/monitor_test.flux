package monitor_test


import "array"
import "influxdata/influxdb/monitor"
import "influxdata/influxdb/schema"
import "testing"

option now = () => 2030-01-01T00:00:00Z

option monitor.write = (tables=<-) => tables

statuses =
    array.from(
        rows: [
            {_time: 2030-01-01T00:00:00Z, _source_timestamp: 1, _level: "ok", host: "a"},
            {_time: 2030-01-01T00:00:00Z, _source_timestamp: 2, _level: "crit", host: "a"},
            {_time: 2030-01-01T00:00:00Z, _source_timestamp: 3, _level: "crit", host: "a"},
            {_time: 2030-01-01T00:00:00Z, _source_timestamp: 4, _level: "ok", host: "a"},
        ],
    )

testcase state_changes_any_to_any {
    got =
        statuses
            |> monitor.stateChanges()
            |> group()
            |> keep(columns: ["_source_timestamp", "_level"])
    want =
        array.from(
            rows: [{_source_timestamp: 2, _level: "crit"}, {_source_timestamp: 4, _level: "ok"}],
        )

    testing.diff(got: got, want: want)
}

testcase state_changes_to_a_level {
    got =
        statuses
            |> monitor.stateChanges(toLevel: "crit")
            |> group()
            |> keep(columns: ["_source_timestamp"])
    want = array.from(rows: [{_source_timestamp: 2}])

    testing.diff(got: got, want: want)
}

testcase check_writes_statuses_through_the_write_option {
    got =
        array.from(
            rows: [
                {_time: 2029-12-31T23:00:00Z, _measurement: "cpu", _field: "usage", _value: 95.0},
            ],
        )
            |> monitor.check(
                data: {
                    _check_id: "id",
                    _check_name: "high",
                    _type: "threshold",
                    tags: {team: "ops"},
                },
                messageFn: (r) => "usage is ${r._value}",
                crit: (r) => r._value > 90.0,
            )
            |> group()
            |> keep(columns: ["_level", "_message", "team", "_measurement"])
    want =
        array.from(
            rows: [
                {_measurement: "statuses", _level: "crit", _message: "usage is 95", team: "ops"},
            ],
        )

    testing.diff(got: got, want: want)
}

testcase fields_as_columns {
    got =
        array.from(
            rows: [
                {_time: 2030-01-01T00:00:00Z, _field: "a", _value: 1},
                {_time: 2030-01-01T00:00:00Z, _field: "b", _value: 2},
            ],
        )
            |> schema.fieldsAsCols()
    want = array.from(rows: [{_time: 2030-01-01T00:00:00Z, a: 1, b: 2}])

    testing.diff(got: got, want: want)
}

testcase tag_keys_read_through_the_from_option {
    option schema._from = (bucket) =>
        array.from(
            rows: [
                {
                    _time: 2029-12-31T00:00:00Z,
                    _measurement: "m",
                    host: "a",
                    _field: "f",
                    _value: 1,
                },
            ],
        )
            |> group(columns: ["_measurement", "host", "_field"])

    got = schema.tagKeys(bucket: "b") |> sort()
    want =
        array.from(
            rows: [
                {_value: "_field"},
                {_value: "_measurement"},
                {_value: "_start"},
                {_value: "_stop"},
                {_value: "host"},
            ],
        )

    testing.diff(got: got, want: want)
}
