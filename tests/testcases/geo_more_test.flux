package geo_more_test


import "array"
import "math"
import "strings"
import "testing"
import "experimental/geo"

// Distances cut to three decimals, as upstream's geo testcases compare them.
milli = (v) => float(v: int(v: v * 1000.0)) / 1000.0

// One degree of a great circle is 6371.01 km × π / 180 = 111.19510 km.
one = (v) => array.from(rows: [{v: v}])

box = {minLat: 40.5880775, minLon: -73.80014, maxLat: 40.8247008, maxLon: -73.4630336}
level9 = "89c264,89c26c,89c274,89c27c,89c284,89c28c,89e82c,89e9d4"
triangle = {points: [{lat: 0.0, lon: 0.0}, {lat: 0.0, lon: 2.0}, {lat: 2.0, lon: 1.0}]}

testcase level_of_a_token {
    testing.diff(got: one(v: geo.getLevel(token: "89c28c")), want: one(v: 9))
}

testcase token_parent_of_a_token {
    got = one(v: geo.s2CellIDToken(token: "89c284", level: 7))

    testing.diff(got: got, want: one(v: "89c2c"))
}

// The face (3 bits) and the first level's position (2 bits) of 0x89..., then the level's 1 bit.
testcase token_at_the_coarsest_levels {
    got =
        array.from(
            rows: [
                {v: geo.s2CellIDToken(token: "89c284", level: 1)},
                {v: geo.s2CellIDToken(token: "89c284", level: 2)},
            ],
        )

    testing.diff(got: got, want: array.from(rows: [{v: "8c"}, {v: "89"}]))
}

testcase token_of_a_point {
    got = one(v: geo.s2CellIDToken(point: {lat: 40.808978, lon: -73.558041}, level: 7))

    testing.diff(got: got, want: one(v: "89c2c"))
}

testcase center_of_a_cell {
    c = geo.s2CellLatLon(token: "89c284")
    got = array.from(rows: [{lat: math.round(x: c.lat * 1000000.0), lon: math.round(x: c.lon * 1000000.0)}])

    testing.diff(got: got, want: array.from(rows: [{lat: 40812536.0, lon: -73559413.0}]))
}

testcase grid_of_a_box_at_a_level {
    g = geo.getGrid(region: box, level: 9, units: geo.units)
    got = array.from(rows: [{level: g.level, set: strings.joinStr(arr: g.set, v: ",")}])

    testing.diff(got: got, want: array.from(rows: [{level: 9, set: level9}]))
}

testcase grid_of_a_circle_at_a_level {
    g = geo.getGrid(region: {lat: 40.7090214, lon: -73.61846, radius: 15.0}, level: 9, units: geo.units)

    testing.diff(got: one(v: strings.joinStr(arr: g.set, v: ",")), want: one(v: level9))
}

// Level 8 has fewer than 7 cells and level 9 eight, within the 10 allowed.
testcase grid_by_size {
    g = geo.getGrid(region: box, minSize: 7, maxSize: 10, maxLevel: 11, units: geo.units)

    testing.diff(got: one(v: g.level), want: one(v: 9))
}

// No level up to 30 gives 1000 cells without passing 100: no grid, unless maxLevel stands in.
testcase grid_size_unreachable {
    none = geo.getGrid(region: box, minSize: 1000, units: geo.units)
    fallback = geo.getGrid(region: box, minSize: 1000, maxLevel: 9, units: geo.units)
    got =
        array.from(
            rows: [
                {level: none.level, n: length(arr: none.set)},
                {level: fallback.level, n: length(arr: fallback.set)},
            ],
        )

    testing.diff(got: got, want: array.from(rows: [{level: -1, n: 0}, {level: 9, n: 8}]))
}

testcase grid_bad_sizes_fail {
    testing.shouldError(
        fn: () => geo.getGrid(region: box, minSize: 11, maxSize: 9, units: geo.units),
        want: /minSize > maxSize/,
    )
}

testcase grid_of_a_point_fails {
    testing.shouldError(fn: () => geo.getGrid(region: {lat: 1.0, lon: 2.0}, level: 3, units: geo.units), want: /region/)
}

testcase polygon_of_two_points_fails {
    testing.shouldError(
        fn: () => geo.ST_Contains(region: {points: [{lat: 0.0, lon: 0.0}, {lat: 1.0, lon: 1.0}]}, geometry: {lat: 0.5, lon: 0.5}),
        want: /at least 3 points/,
    )
}

testcase token_level_out_of_range_fails {
    testing.shouldError(fn: () => geo.s2CellIDToken(token: "89c284", level: 0), want: /level value must be/)
}

testcase token_finer_than_its_cell_fails {
    testing.shouldError(fn: () => geo.s2CellIDToken(token: "89c284", level: 11), want: /greater then current level/)
}

testcase bad_token_fails {
    testing.shouldError(fn: () => geo.getLevel(token: "89c28"), want: /invalid token/)
}

testcase unknown_unit_fails {
    testing.shouldError(
        fn: () => geo.ST_Distance(region: {lat: 0.0, lon: 0.0}, geometry: {lat: 0.0, lon: 1.0}, units: {distance: "furlong"}),
        want: /unsupported distance unit/,
    )
}

testcase bad_linestring_fails {
    testing.shouldError(fn: () => geo.ST_Length(geometry: {linestring: "0 0, 1 x"}), want: /invalid linestring/)
}

testcase distance_between_points {
    got =
        array.from(
            rows: [
                {v: milli(v: geo.ST_Distance(region: {lat: 0.0, lon: 0.0}, geometry: {lat: 0.0, lon: 1.0}))},
                {v: milli(v: geo.ST_Distance(region: {lat: 0.0, lon: 0.0}, geometry: {lat: 0.0, lon: 1.0}, units: {distance: "mile"}))},
                {v: geo.ST_Distance(region: {lat: 10.0, lon: 20.0}, geometry: {lat: 10.0, lon: 20.0})},
            ],
        )

    testing.diff(got: got, want: array.from(rows: [{v: 111.195}, {v: 69.093}, {v: 0.0}]))
}

// A circle's distance is from its rim; a box's along the meridian when the point is above it.
testcase distance_from_regions {
    got =
        array.from(
            rows: [
                {v: milli(v: geo.ST_Distance(region: {lat: 0.0, lon: 0.0, radius: 100.0}, geometry: {lat: 0.0, lon: 1.0}))},
                {v: geo.ST_Distance(region: {lat: 0.0, lon: 0.0, radius: 200.0}, geometry: {lat: 0.0, lon: 1.0})},
                {v: milli(v: geo.ST_Distance(region: {minLat: 0.0, minLon: 0.0, maxLat: 1.0, maxLon: 1.0}, geometry: {lat: 2.0, lon: 0.5}))},
                {v: geo.ST_Distance(region: triangle, geometry: {lat: 0.5, lon: 1.0})},
            ],
        )

    testing.diff(got: got, want: array.from(rows: [{v: 11.195}, {v: 0.0}, {v: 111.195}, {v: 0.0}]))
}

// The nearest point of a linestring may lie inside a segment: (1°, 0) is 1° from the line
// along the equator from (0, -1°) to (0, 1°).
testcase distance_to_a_linestring {
    got = one(v: milli(v: geo.ST_Distance(region: {lat: 1.0, lon: 0.0}, geometry: {linestring: "-1 0, 1 0"})))

    testing.diff(got: got, want: one(v: 111.195))
}

testcase contains_points {
    got =
        array.from(
            rows: [
                {v: geo.ST_Contains(region: box, geometry: {lat: 40.7, lon: -73.6})},
                {v: geo.ST_Contains(region: box, geometry: {lat: 40.9, lon: -73.6})},
                {v: geo.ST_Contains(region: {lat: 0.0, lon: 0.0, radius: 112.0}, geometry: {lat: 0.0, lon: 1.0})},
                {v: geo.ST_Contains(region: {lat: 0.0, lon: 0.0, radius: 111.0}, geometry: {lat: 0.0, lon: 1.0})},
                {v: geo.ST_Contains(region: triangle, geometry: {lat: 0.5, lon: 1.0})},
                {v: geo.ST_Contains(region: triangle, geometry: {lat: 1.5, lon: 0.2})},
            ],
        )

    testing.diff(got: got, want: array.from(rows: [{v: true}, {v: false}, {v: true}, {v: false}, {v: true}, {v: false}]))
}

// A polygon given clockwise still means the smaller region.
testcase polygon_either_way_round {
    clockwise = {points: [{lat: 2.0, lon: 1.0}, {lat: 0.0, lon: 2.0}, {lat: 0.0, lon: 0.0}]}

    testing.diff(got: one(v: geo.ST_Contains(region: clockwise, geometry: {lat: 0.5, lon: 1.0})), want: one(v: true))
}

testcase linestrings_and_polygons {
    got =
        array.from(
            rows: [
                {v: geo.ST_Contains(region: triangle, geometry: {linestring: "0.5 0.5, 1.5 0.5"})},
                {v: geo.ST_Contains(region: triangle, geometry: {linestring: "0.5 0.5, 3 0.5"})},
                {v: geo.ST_Intersects(region: triangle, geometry: {linestring: "-1 0.5, 3 0.5"})},
                {v: geo.ST_Intersects(region: triangle, geometry: {linestring: "-1 3, 3 3"})},
                {v: geo.ST_DWithin(region: {lat: 0.0, lon: 0.0}, geometry: {linestring: "1 0, 2 0"}, distance: 112.0)},
                {v: geo.ST_DWithin(region: {lat: 0.0, lon: 0.0}, geometry: {linestring: "1 0, 2 0"}, distance: 111.0)},
            ],
        )

    testing.diff(got: got, want: array.from(rows: [{v: true}, {v: false}, {v: true}, {v: false}, {v: true}, {v: false}]))
}

testcase length_of_a_linestring {
    got =
        array.from(
            rows: [
                {v: milli(v: geo.ST_Length(geometry: {linestring: "0 0, 1 0, 1 1"}))},
                {v: geo.ST_Length(geometry: {lat: 1.0, lon: 2.0})},
            ],
        )

    testing.diff(got: got, want: array.from(rows: [{v: 222.39}, {v: 0.0}]))
}

testcase linestring_of_a_track {
    got =
        array.from(rows: [{id: "a", lat: 1.5, lon: 2.0}, {id: "a", lat: 3.0, lon: -4.25}])
            |> group(columns: ["id"])
            |> geo.ST_LineString()
    want = array.from(rows: [{id: "a", st_linestring: "2 1.5, -4.25 3"}]) |> group(columns: ["id"])

    testing.diff(got: got, want: want)
}

testcase strict_filter_keeps_points_inside {
    got =
        array.from(rows: [{n: 1, lat: 40.7, lon: -73.6}, {n: 2, lat: 41.5, lon: -73.6}, {n: 3, lat: 40.6, lon: -73.5}])
            |> geo.strictFilter(region: box)
    want = array.from(rows: [{n: 1, lat: 40.7, lon: -73.6}, {n: 3, lat: 40.6, lon: -73.5}])

    testing.diff(got: got, want: want)
}

testcase total_distance_along_the_equator {
    got =
        array.from(rows: [{id: "a", lat: 0.0, lon: 0.0}, {id: "a", lat: 0.0, lon: 0.5}, {id: "a", lat: 0.0, lon: 1.0}])
            |> group(columns: ["id"])
            |> geo.totalDistance()
            |> map(fn: (r) => ({id: r.id, d: milli(v: r._value)}))
    want = array.from(rows: [{id: "a", d: 111.195}]) |> group(columns: ["id"])

    testing.diff(got: got, want: want)
}
