//! The natives of `experimental/geo`: S2 cell tokens, grids of cells covering a region, and
//! containment, distance and length of points and linestrings on the sphere. A geometry is a
//! record whose fields tell its kind, as upstream reads them: `{lat, lon}` a point,
//! `{minLat, minLon, maxLat, maxLon}` a box, `{lat, lon, radius}` a circle, `{points}` a
//! polygon, `{linestring: "lon lat, lon lat, ..."}` a linestring.

mod s2;

use std::sync::Arc;

use s2::{Cap, CellId, Loop, Rect, Region, Vector};

use super::{Args, Builtin, Failure};
use crate::eval::Evaluator;
use crate::value::{Record, Value};

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "experimental/geo", name: "getGrid", run: get_grid },
    Builtin { package: "experimental/geo", name: "getLevel", run: get_level },
    Builtin { package: "experimental/geo", name: "s2CellIDToken", run: s2_cell_id_token },
    Builtin { package: "experimental/geo", name: "s2CellLatLon", run: s2_cell_lat_lon },
    Builtin { package: "experimental/geo", name: "stContains", run: st_contains },
    Builtin { package: "experimental/geo", name: "stDistance", run: st_distance },
    Builtin { package: "experimental/geo", name: "stLength", run: st_length },
];

/// The Earth's mean radius in kilometers, as upstream takes it.
const EARTH_RADIUS_KM: f64 = 6371.01;

/// Grids are searched up to this many cells (upstream's coverer budget).
const MAX_GRID_SIZE: i64 = 100;

/// An explicit grid level over a large region asks for more cells than is sensible to list.
const GRID_CELL_LIMIT: usize = 1 << 20;

/// The Earth's radius in the distance unit `units` names.
fn earth_radius(units: &Record) -> Result<f64, Failure> {
    let distance = match (units.fields.len(), units.get("distance")) {
        (1, Some(Value::String(s))) => s.clone(),
        (1, Some(Value::Null)) => return Err("invalid units parameter: distance field is null".into()),
        _ => return Err("invalid units parameter: missing field: distance".into()),
    };
    match &*distance {
        "m" => Ok(EARTH_RADIUS_KM * 1000.0),
        "km" => Ok(EARTH_RADIUS_KM),
        "mile" => Ok(EARTH_RADIUS_KM / 1.609344),
        other => Err(format!("invalid units parameter: unsupported distance unit '{other}'").into()),
    }
}

/// A linestring's vertex, with its latitude and longitude (radians).
type Vertex = (Vector, (f64, f64));

enum Geometry {
    Point(Vector),
    Box(Rect),
    Circle(Cap),
    Polygon(Loop),
    Linestring(Vec<Vertex>),
}

/// A number field of a geometry record; `None` when missing or null.
fn number(record: &Record, field: &str, what: &str) -> Result<Option<f64>, Failure> {
    match record.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Float(x)) => Ok(Some(*x)),
        Some(Value::Int(i)) => Ok(Some(*i as f64)),
        Some(other) => {
            Err(format!("invalid {what} specification - `{field}` must be a float, not a {}", other.type_name()).into())
        }
    }
}

/// The fields `names` of a geometry record, all present and not null.
fn numbers<const N: usize>(record: &Record, names: [&str; N], what: &str) -> Result<[f64; N], Failure> {
    let mut out = [0.0; N];
    for (slot, name) in out.iter_mut().zip(names) {
        *slot = number(record, name, what)?.ok_or_else(|| {
            Failure::from(format!("invalid {what} specification - {} must be given and not null", names.join(", ")))
        })?;
    }
    Ok(out)
}

fn degrees_point(lat: f64, lon: f64) -> Vector {
    s2::point(s2::radians(lat), s2::radians(lon))
}

fn geometry(name: &str, value: &Value, radius: f64) -> Result<Geometry, Failure> {
    let Value::Record(record) = value else {
        return Err(format!("`{name}` must be a record, not a {}", value.type_name()).into());
    };
    let has = |field: &str| record.get(field).is_some();
    match record.fields.len() {
        2 if has("lat") && has("lon") => {
            let [lat, lon] = numbers(record, ["lat", "lon"], "point")?;
            Ok(Geometry::Point(degrees_point(lat, lon)))
        }
        4 if has("minLat") => {
            let [a, b, c, d] = numbers(record, ["minLat", "minLon", "maxLat", "maxLon"], "box")?;
            // Corners given the wrong way round are swapped, as upstream does.
            let lat = (s2::radians(a.min(c)), s2::radians(a.max(c)));
            let lng = (s2::radians(b.min(d)), s2::radians(b.max(d)));
            Ok(Geometry::Box(Rect { lat, lng }))
        }
        3 if has("radius") => {
            let [lat, lon, r] = numbers(record, ["lat", "lon", "radius"], "circle")?;
            Ok(Geometry::Circle(Cap { center: degrees_point(lat, lon), radius2: s2::angle_to_chord(r / radius) }))
        }
        1 if has("points") => {
            let Some(Value::Array(points)) = record.get("points") else {
                return Err("invalid polygon specification - `points` must be an array".into());
            };
            if points.len() < 3 {
                return Err("polygon must have at least 3 points".into());
            }
            let mut vertices = Vec::with_capacity(points.len());
            for p in points.iter() {
                let Value::Record(p) = p else {
                    return Err("invalid polygon point specification - must have lat, lon fields".into());
                };
                let [lat, lon] = numbers(p, ["lat", "lon"], "polygon point")?;
                vertices.push(degrees_point(lat, lon));
            }
            Ok(Geometry::Polygon(Loop::new(vertices)))
        }
        1 if has("linestring") => match record.get("linestring") {
            Some(Value::String(s)) => linestring(s).map(Geometry::Linestring),
            _ => Err("empty linestring".into()),
        },
        _ => Err(format!("unsupported geometry specified for '{name}'").into()),
    }
}

/// The vertices of "lon lat, lon lat, ...".
fn linestring(text: &str) -> Result<Vec<Vertex>, Failure> {
    text.split(',')
        .map(|pair| {
            let mut fields = pair.split_whitespace();
            let (Some(lon), Some(lat)) = (fields.next(), fields.next()) else {
                return Err(Failure::from(format!("invalid linestring - bad part {pair:?}")));
            };
            match (lon.parse::<f64>(), lat.parse::<f64>()) {
                (Ok(lon), Ok(lat)) => {
                    let ll = (s2::radians(lat), s2::radians(lon));
                    Ok((s2::point(ll.0, ll.1), ll))
                }
                _ => Err(Failure::from(format!("invalid linestring - bad number in {pair:?}"))),
            }
        })
        .collect()
}

fn record_arg(args: &mut Args, name: &str) -> Result<Arc<Record>, Failure> {
    match args.required(name)? {
        Value::Record(r) => Ok(r),
        other => Err(format!("`{name}` must be a record, not a {}", other.type_name()).into()),
    }
}

/// The region of a geometry, when it is one (box, circle or polygon).
fn region(geometry: Geometry) -> Result<Region, Failure> {
    match geometry {
        Geometry::Box(rect) => Ok(Region::Rect(rect)),
        Geometry::Circle(cap) => Ok(Region::Cap(cap)),
        Geometry::Polygon(l) => Ok(Region::Loop(l)),
        Geometry::Point(_) | Geometry::Linestring(_) => {
            Err("unsupported region type: must be a box, circle or polygon".into())
        }
    }
}

/// The Earth's radius for the call's `units`, the region and the geometry.
fn two_geometries(args: &mut Args) -> Result<(f64, Geometry, Geometry), Failure> {
    let radius = earth_radius(&*record_arg(args, "units")?)?;
    let region = geometry("region", &args.required("region")?, radius)?;
    let geometry = geometry("geometry", &args.required("geometry")?, radius)?;
    Ok((radius, region, geometry))
}

/// `stContains(region:, geometry:, units:)`: whether the region holds the point, or every
/// vertex of the linestring.
fn st_contains(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let (_, region_geometry, geometry) = two_geometries(args)?;
    let region = region(region_geometry)?;
    let contained = match geometry {
        Geometry::Point(p) => region.contains_point(p),
        Geometry::Linestring(line) => line.iter().all(|(p, _)| region.contains_point(*p)),
        _ => return Err("unsupported geometry type: must be a point or a linestring".into()),
    };
    Ok(Value::Bool(contained))
}

/// `stDistance(region:, geometry:, units:)`: the distance between a region (point, box,
/// circle or polygon) and a point or linestring; zero where they meet.
fn st_distance(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let (radius, region, geometry) = two_geometries(args)?;
    let angle = match geometry {
        Geometry::Point(to) => match region {
            Geometry::Point(from) => s2::angle(from, to),
            Geometry::Box(rect) => rect.distance(s2::lat_lng(to)),
            Geometry::Circle(cap) => (s2::angle(cap.center, to) - s2::chord_to_angle(cap.radius2)).max(0.0),
            Geometry::Polygon(l) => s2::chord_to_angle(l.distance2(to)),
            Geometry::Linestring(_) => return Err("unsupported region type: a linestring".into()),
        },
        Geometry::Linestring(line) => {
            let line: Vec<Vector> = line.into_iter().map(|(p, _)| p).collect();
            match region {
                Geometry::Point(from) => s2::chord_to_angle(s2::polyline_distance2(&line, from)),
                Geometry::Box(rect) => s2::chord_to_angle(Loop::new(rect.corners().to_vec()).polyline_distance2(&line)),
                Geometry::Circle(cap) => {
                    let center = s2::chord_to_angle(s2::polyline_distance2(&line, cap.center));
                    (center - s2::chord_to_angle(cap.radius2)).max(0.0)
                }
                Geometry::Polygon(l) => s2::chord_to_angle(l.polyline_distance2(&line)),
                Geometry::Linestring(_) => return Err("unsupported region type: a linestring".into()),
            }
        }
        _ => return Err("unsupported geometry type: must be a point or a linestring".into()),
    };
    Ok(Value::Float(angle * radius))
}

/// `stLength(geometry:, units:)`: the length of a linestring (zero for a point).
fn st_length(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let radius = earth_radius(&*record_arg(args, "units")?)?;
    let length = match geometry("geometry", &args.required("geometry")?, radius)? {
        Geometry::Point(_) => 0.0,
        Geometry::Linestring(line) => line.windows(2).map(|w| s2::haversine(w[0].1, w[1].1)).sum(),
        _ => return Err("unsupported geometry type: must be a point or a linestring".into()),
    };
    Ok(Value::Float(length * radius))
}

fn token_arg(args: &mut Args) -> Result<CellId, Failure> {
    let token = args.string("token")?.ok_or("missing required argument `token`")?;
    CellId::from_token(&token).ok_or_else(|| format!("invalid token specified: {token:?}").into())
}

/// `getLevel(token:)`: the level of an S2 cell.
fn get_level(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(Value::Int(i64::from(token_arg(args)?.level())))
}

/// `s2CellLatLon(token:)`: the center of an S2 cell.
fn s2_cell_lat_lon(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let (lat, lon) = token_arg(args)?.center();
    let fields =
        vec![(Arc::from("lat"), Value::Float(s2::degrees(lat))), (Arc::from("lon"), Value::Float(s2::degrees(lon)))];
    Ok(Value::Record(Arc::new(Record { fields })))
}

/// `s2CellIDToken(token: | point:, level:)`: the token of the cell at `level` holding a
/// point, or holding the cell of a token.
fn s2_cell_id_token(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let token = args.string("token")?.filter(|t| !t.is_empty());
    let point = match args.take("point") {
        Some(Value::Record(r)) if !r.fields.is_empty() => Some(r),
        Some(Value::Record(_)) | None => None,
        Some(other) => return Err(format!("`point` must be a record, not a {}", other.type_name()).into()),
    };
    let level = args.int("level")?.ok_or("missing required argument `level`")?;
    if !(1..=30).contains(&level) {
        return Err("level value must be [1, 30]".into());
    }
    let level = level as u32;
    let cell = match (token, point) {
        (Some(token), None) => match CellId::from_token(&token) {
            Some(cell) if level <= cell.level() => cell,
            _ => return Err("invalid token specified or requested level greater then current level".into()),
        },
        (None, Some(point)) => {
            let [lat, lon] = numbers(&point, ["lat", "lon"], "point")?;
            CellId::from_point(degrees_point(lat, lon))
        }
        _ => return Err("either token or point parameter must be specified and must not be empty".into()),
    };
    Ok(Value::string(&cell.parent(level).token()))
}

/// `getGrid(region:, units:, level:, maxLevel:, minSize:, maxSize:)`: the S2 cells of one
/// level covering a region, as `{level, set}`: at `level` when given, else at the first level
/// (up to `maxLevel`) whose grid has at least `minSize` cells, or the last one with at most
/// `maxSize`; `{level: -1, set: []}` when there is none.
fn get_grid(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let radius = earth_radius(&*record_arg(args, "units")?)?;
    let region = region(geometry("region", &args.required("region")?, radius)?)?;
    let level = args.int("level")?.unwrap_or(-1);
    let max_level = args.int("maxLevel")?.unwrap_or(-1);
    if max_level > 30 {
        return Err(format!("invalid maxLevel ({max_level}, must be < 30)").into());
    }
    let min_size = args.int("minSize")?.unwrap_or(-1);
    let max_size = args.int("maxSize")?.unwrap_or(-1);
    if min_size > 0 && max_size > 0 && min_size > max_size {
        return Err(format!("minSize > maxSize ({min_size} > {max_size})").into());
    }
    let grid = if level > -1 {
        if level > 30 {
            return Err(format!("invalid level ({level}, must be <= 30)").into());
        }
        let cells = s2::covering(&region, level as u32, GRID_CELL_LIMIT)
            .ok_or_else(|| format!("a grid of level {level} over this region has more than {GRID_CELL_LIMIT} cells"))?;
        Some((level, cells))
    } else if min_size > 0 || max_size > 0 {
        let max_size = if max_size <= 0 { MAX_GRID_SIZE } else { max_size };
        let mut found = None;
        for l in 1..=(if max_level <= 0 { 30 } else { max_level }) {
            // More than `max_size` cells at this level: the previous level's grid stands.
            let Some(cells) = s2::covering(&region, l as u32, max_size as usize) else { break };
            let n = cells.len() as i64;
            found = Some((l, cells));
            if min_size > 0 && n >= min_size {
                break;
            }
        }
        // Too few cells everywhere: no grid, unless `maxLevel` was given as a fallback.
        match found {
            Some((_, cells)) if (cells.len() as i64) < min_size && max_level <= 0 => None,
            found => found,
        }
    } else {
        return Err("either minSize or maxSize must be specified".into());
    };
    let (level, set) = match grid {
        Some((level, cells)) if !cells.is_empty() => {
            (level, cells.into_iter().map(|c| Value::string(&c.token())).collect())
        }
        _ => (-1, Vec::new()),
    };
    let fields = vec![(Arc::from("level"), Value::Int(level)), (Arc::from("set"), Value::Array(Arc::new(set)))];
    Ok(Value::Record(Arc::new(Record { fields })))
}
