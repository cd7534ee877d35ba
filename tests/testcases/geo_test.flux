package geo_test


import "array"
import "testing"
import "experimental/geo"

testcase as_tracks_groups_and_orders {
    got =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:20Z, id: "a", tid: "1", lat: 1.0},
                {_time: 2021-01-01T00:00:10Z, id: "b", tid: "1", lat: 2.0},
                {_time: 2021-01-01T00:00:00Z, id: "a", tid: "1", lat: 3.0},
            ],
        )
            |> geo.asTracks()
    want =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:00Z, id: "a", tid: "1", lat: 3.0},
                {_time: 2021-01-01T00:00:20Z, id: "a", tid: "1", lat: 1.0},
                {_time: 2021-01-01T00:00:10Z, id: "b", tid: "1", lat: 2.0},
            ],
        )
            |> group(columns: ["id", "tid"])

    testing.diff(got: got, want: want)
}

testcase as_tracks_custom_columns {
    got =
        array.from(rows: [{vehicle: "x", seq: 2, lat: 1.0}, {vehicle: "x", seq: 1, lat: 2.0}])
            |> geo.asTracks(groupBy: ["vehicle"], orderBy: ["seq"])
    want = array.from(rows: [{vehicle: "x", seq: 1, lat: 2.0}, {vehicle: "x", seq: 2, lat: 1.0}]) |> group(columns: ["vehicle"])

    testing.diff(got: got, want: want)
}

testcase to_rows_pivots_fields {
    got =
        array.from(
            rows: [
                {_time: 2021-01-01T00:00:00Z, _measurement: "m", _field: "lat", _value: 10.0},
                {_time: 2021-01-01T00:00:00Z, _measurement: "m", _field: "lon", _value: 20.0},
            ],
        )
            |> group(columns: ["_measurement"])
            |> geo.toRows()
    want =
        array.from(rows: [{_time: 2021-01-01T00:00:00Z, _measurement: "m", lat: 10.0, lon: 20.0}])
            |> group(columns: ["_measurement"])

    testing.diff(got: got, want: want)
}

testcase units_default_to_km {
    got = array.from(rows: [{distance: geo.units.distance}])
    want = array.from(rows: [{distance: "km"}])

    testing.diff(got: got, want: want)
}
