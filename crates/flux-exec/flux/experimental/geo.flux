// `experimental/geo`: S2 cells, regions and distances. The geometry is native (`geo.rs`);
// the table functions compose it with the universe's functions.
package geo

import "experimental"
import "influxdata/influxdb/v1"

// The unit of distances the ST_* functions take and give.
option units = {distance: "km"}

builtin stContains : (region: A, geometry: B, units: {distance: string}) => bool
    where
    A: Record,
    B: Record
builtin stDistance : (region: A, geometry: B, units: {distance: string}) => float
    where
    A: Record,
    B: Record
builtin stLength : (geometry: A, units: {distance: string}) => float where A: Record
builtin getGrid : (
        region: T,
        ?minSize: int,
        ?maxSize: int,
        ?level: int,
        ?maxLevel: int,
        units: {distance: string},
    ) => {level: int, set: [string]}
    where
    T: Record
builtin getLevel : (token: string) => int
builtin s2CellIDToken : (?token: string, ?point: {lat: float, lon: float}, level: int) => string
builtin s2CellLatLon : (token: string) => {lat: float, lon: float}

ST_Contains = (region, geometry, units=units) => stContains(region, geometry, units)
ST_Distance = (region, geometry, units=units) => stDistance(region, geometry, units)
ST_DWithin = (region, geometry, distance, units=units) => stDistance(region, geometry, units) <= distance
ST_Intersects = (region, geometry, units=units) => stDistance(region, geometry, units) <= 0.0
ST_Length = (geometry, units=units) => stLength(geometry, units)

// Joins each table's points into one WKT-style "lon lat, lon lat, ..." string.
ST_LineString = (tables=<-) =>
    tables
        |> reduce(
            identity: {__linestring: "", __count: 0},
            fn: (r, accumulator) => {
                sep = if accumulator.__count == 0 then "" else ", "
                point = string(v: r.lon) + " " + string(v: r.lat)

                return {__linestring: accumulator.__linestring + sep + point, __count: accumulator.__count + 1}
            },
        )
        |> drop(columns: ["__count"])
        |> rename(columns: {__linestring: "st_linestring"})

// The level of the first `s2_cell_id` in the stream; 666 (no level) when there is none.
_detectLevel = (tables=<-) => {
    first = tables |> tableFind(fn: (key) => exists key.s2_cell_id) |> getRecord(idx: 0)

    return if exists first then getLevel(token: first.s2_cell_id) else 666
}

// Pivots each row's fields (`lat`, `lon` among them) into columns.
toRows = (tables=<-) => tables |> v1.fieldsAsCols()

// Renames the position fields to `lat` and `lon`, pivots, and adds each row's S2 cell at `level`
// to the group key.
shapeData = (tables=<-, latField, lonField, level) =>
    tables
        |> map(
            fn: (r) =>
                ({r with _field:
                        if r._field == latField then
                            "lat"
                        else if r._field == lonField then
                            "lon"
                        else
                            r._field,
                }),
        )
        |> toRows()
        |> map(fn: (r) => ({r with s2_cell_id: s2CellIDToken(point: {lat: r.lat, lon: r.lon}, level: level)}))
        |> experimental.group(columns: ["s2_cell_id"], mode: "extend")

// Keeps the rows whose cell lies in a grid of cells covering `region`: fast, but it may keep
// rows just outside the region.
gridFilter = (
        tables=<-,
        region,
        minSize=24,
        maxSize=-1,
        level=-1,
        s2cellIDLevel=-1,
        units=units,
    ) =>
    {
        cellLevel = if s2cellIDLevel == -1 then tables |> _detectLevel() else s2cellIDLevel
        grid =
            getGrid(
                region: region,
                minSize: minSize,
                maxSize: maxSize,
                level: level,
                maxLevel: cellLevel,
                units: units,
            )

        return
            tables
                |> filter(
                    fn: (r) => {
                        cell =
                            if grid.level == cellLevel then
                                r.s2_cell_id
                            else
                                s2CellIDToken(token: r.s2_cell_id, level: grid.level)

                        return contains(value: cell, set: grid.set)
                    },
                )
    }

// Keeps the rows whose point lies in `region`.
strictFilter = (tables=<-, region) =>
    tables |> filter(fn: (r) => ST_Contains(region: region, geometry: {lat: r.lat, lon: r.lon}))

// `gridFilter`, pivoting fields into columns unless `lat` is one already, then (when `strict`)
// `strictFilter`.
filterRows = (
        tables=<-,
        region,
        minSize=24,
        maxSize=-1,
        level=-1,
        s2cellIDLevel=-1,
        strict=true,
    ) =>
    {
        columns = tables |> columns(column: "columns") |> findColumn(column: "columns", fn: (key) => true)
        gridded =
            tables
                |> gridFilter(
                    region: region,
                    minSize: minSize,
                    maxSize: maxSize,
                    level: level,
                    s2cellIDLevel: s2cellIDLevel,
                )
        rows = if contains(value: "lat", set: columns) then gridded else gridded |> toRows()

        return if strict then rows |> strictFilter(region) else rows
    }

// Groups rows by their S2 cell at `level`, kept in `newColumn`.
groupByArea = (tables=<-, newColumn, level, s2cellIDLevel=-1) => {
    cellLevel = if s2cellIDLevel == -1 then tables |> _detectLevel() else s2cellIDLevel
    labelled =
        if level == cellLevel then
            tables |> duplicate(column: "s2_cell_id", as: newColumn)
        else
            tables
                |> map(fn: (r) => ({r with __area: s2CellIDToken(point: {lat: r.lat, lon: r.lon}, level: level)}))
                |> rename(columns: {__area: newColumn})

    return labelled |> group(columns: [newColumn])
}

// Groups rows into tracks by `groupBy`, each ordered by `orderBy`.
asTracks = (tables=<-, groupBy=["id", "tid"], orderBy=["_time"]) =>
    tables
        |> group(columns: groupBy)
        |> sort(columns: orderBy)

// The length of each table's track, point after point, in `outputColumn`.
totalDistance = (tables=<-, outputColumn="_value") =>
    tables
        |> reduce(
            identity: {index: 0, lat: 0.0, lon: 0.0, totalDistance: 0.0},
            fn: (r, accumulator) => {
                last = if accumulator.index == 0 then {lat: r.lat, lon: r.lon} else {lat: accumulator.lat, lon: accumulator.lon}
                step = ST_Distance(region: last, geometry: {lat: r.lat, lon: r.lon})

                return {
                    index: accumulator.index + 1,
                    lat: r.lat,
                    lon: r.lon,
                    totalDistance: accumulator.totalDistance + step,
                }
            },
        )
        |> drop(columns: ["index", "lat", "lon"])
        |> rename(columns: {totalDistance: outputColumn})
