// Geotemporal tools built on S2 geometry: filter, group and measure data by location, using
// `lat`/`lon` values in decimal degrees (WGS 84) and `s2_cell_id` tokens.
package geo

// The unit of distance used by the `geo` functions, as a record `{distance: "km"}` (the
// default); `"m"` and `"mile"` are also accepted. Set it with `option geo.units = {...}`.
@option()
builtin units : {distance: string}

// Reports whether `region` contains the point or linestring `geometry`, interpreting distances
// in `units`. Low-level form of `ST_Contains`, with `units` required.
builtin stContains : (
    geometry: B,
    region: A,
    units: {distance: string},
) => bool where A: Record, B: Record

// Returns the distance from `region` to the point or linestring `geometry`, in the distance
// unit given by `units`. Low-level form of `ST_Distance`, with `units` required.
builtin stDistance : (
    geometry: B,
    region: A,
    units: {distance: string},
) => float where A: Record, B: Record

// Returns the spherical length of the linestring `geometry` (0 for a point), in the distance
// unit given by `units`. Low-level form of `ST_Length`, with `units` required.
builtin stLength : (geometry: A, units: {distance: string}) => float where A: Record

// Returns `true` when `region` contains the point or linestring `geometry`.
// `units` defaults to the `geo.units` option.
@default("units", "units")
builtin ST_Contains : (
    geometry: A,
    region: B,
    ?units: {distance: string},
) => bool where A: Record, B: Record

// Returns the distance between `region` and the point or linestring `geometry`, expressed in
// the unit set by `units` (default: the `geo.units` option, kilometers unless changed).
@default("units", "units")
builtin ST_Distance : (
    geometry: A,
    region: B,
    ?units: {distance: string},
) => float where A: Record, B: Record

// Returns `true` when `geometry` lies no farther than `distance` from `region`, with the
// distance measured in `units` (default: the `geo.units` option).
@default("units", "units")
builtin ST_DWithin : (
    distance: A,
    geometry: B,
    region: C,
    ?units: {distance: string},
) => bool where A: Comparable + Equatable, B: Record, C: Record

// Returns `true` when the point or linestring `geometry` touches or overlaps `region`, that is
// when the distance between them is zero.
@default("units", "units")
builtin ST_Intersects : (
    geometry: A,
    region: B,
    ?units: {distance: string},
) => bool where A: Record, B: Record

// Returns the spherical length of a linestring `geometry` in the `units` distance unit
// (default: the `geo.units` option).
@default("units", "units")
builtin ST_Length : (geometry: A, ?units: {distance: string}) => float where A: Record

// Collapses each input table into a single row whose `st_linestring` column lists the rows'
// points as `"lon lat"` pairs separated by commas. Sort and group rows into paths first.
builtin ST_LineString : (<-tables: stream[{C with lon: A, lat: B}]) => stream[D] where D: Record

// Returns the S2 cell tokens covering `region` as `{set, level}`. The cell level is `level` if
// given, otherwise chosen so the cell count fits `minSize`/`maxSize` (one of them is required).
// Cells on the edge may be only partly inside the region.
builtin getGrid : (
    region: T,
    units: {distance: string},
    ?level: int,
    ?maxLevel: int,
    ?maxSize: int,
    ?minSize: int,
) => {set: [string], level: int} where T: Record

// Returns the S2 cell level (0 to 30) encoded in the cell ID `token`.
builtin getLevel : (token: string) => int

// Returns the S2 cell ID token at `level` for either a `point` (`lat`/`lon` record) or an
// existing `token`; a token is converted to its parent cell, so `level` must not exceed its own.
builtin s2CellIDToken : (level: int, ?point: {lon: float, lat: float}, ?token: string) => string

// Returns the `lat` and `lon` of the center of the S2 cell identified by `token`.
builtin s2CellLatLon : (token: string) => {lon: float, lat: float}

// Internal helper that finds the S2 cell level of the first `s2_cell_id` in the input,
// used by `gridFilter` and `groupByArea`; not meant to be called directly.
builtin _detectLevel : (<-tables: stream[{A with s2_cell_id: string}]) => int

// Pivots fields into columns by time, so each row carries its `lat`, `lon` and other field
// values side by side, as most `geo` transformations expect.
builtin toRows : (<-tables: stream[A]) => stream[B] where A: Record, B: Record

// Prepares raw data for the `geo` package: renames the `latField` and `lonField` fields to `lat`
// and `lon`, pivots fields into columns and adds an `s2_cell_id` column at the given `level`,
// which is added to the group key.
builtin shapeData : (
    <-tables: stream[{C with _field: string}],
    latField: A,
    level: int,
    lonField: B,
) => stream[{D with s2_cell_id: string, lon: float, lat: float}] where A: Equatable, B: Equatable

// Keeps rows whose `s2_cell_id` falls in the S2 cells covering `region`. It is fast but coarse:
// points just outside the region can pass. Follow with `strictFilter` for exact results.
@default("minSize", "24")
@default("maxSize", "-1")
@default("level", "-1")
@default("s2cellIDLevel", "-1")
@default("units", "units")
builtin gridFilter : (
    <-tables: stream[{B with s2_cell_id: string}],
    region: A,
    ?level: int,
    ?maxSize: int,
    ?minSize: int,
    ?s2cellIDLevel: int,
    ?units: {distance: string},
) => stream[{B with s2_cell_id: string}] where A: Record

// Keeps only rows whose `lat`/`lon` point lies inside `region`. Precise but slower than
// `gridFilter`, so it is best run after it.
builtin strictFilter : (
    <-tables: stream[{D with lon: B, lat: C}],
    region: A,
) => stream[{D with lon: B, lat: C}] where A: Record

// Filters rows to those in `region` by combining `gridFilter` and, when `strict` is `true` (the
// default), `strictFilter`. Pivots fields into columns first if the input has no `lat` column.
@default("minSize", "24")
@default("maxSize", "-1")
@default("level", "-1")
@default("s2cellIDLevel", "-1")
@default("strict", "true")
builtin filterRows : (
    <-tables: stream[{D with s2_cell_id: string, lon: B, lat: C}],
    region: A,
    ?level: int,
    ?maxSize: int,
    ?minSize: int,
    ?s2cellIDLevel: int,
    ?strict: bool,
) => stream[{D with lon: B, lat: C, s2_cell_id: string}] where A: Record

// Groups rows by geographic area: stores the S2 cell token at `level` for each row in
// `newColumn` and regroups the data by that column.
@default("s2cellIDLevel", "-1")
builtin groupByArea : (
    <-tables: stream[{A with s2_cell_id: string, lon: float, lat: float}],
    level: int,
    newColumn: string,
    ?s2cellIDLevel: int,
) => stream[B] where B: Record

// Groups rows into tracks using the `groupBy` columns (default `["id", "tid"]`) and sorts each
// track by `orderBy` (default `["_time"]`).
@default("groupBy", "[\"id\", \"tid\"]")
@default("orderBy", "[\"_time\"]")
builtin asTracks : (
    <-tables: stream[A],
    ?groupBy: [string],
    ?orderBy: [string],
) => stream[A] where A: Record

// Returns, for each table, the total distance travelled between consecutive `lat`/`lon` points
// in row order, in the `geo.units` unit. The result goes in `outputColumn` (default `_value`).
@default("outputColumn", "\"_value\"")
builtin totalDistance : (
    <-tables: stream[{B with lon: float, lat: float}],
    ?outputColumn: A,
) => stream[C] where C: Record
