//! The part of S2 geometry (the cube-face cell hierarchy on the unit sphere) that
//! `experimental/geo` needs, computed as golang/geo computes it: upstream's results (cell
//! tokens, grid coverings, distances) depend on its formulas, down to their rounding.

use std::f64::consts::PI;

/// A point in space; on the unit sphere for points of the sphere.
pub type Vector = [f64; 3];

pub fn dot(a: Vector, b: Vector) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

pub fn cross(a: Vector, b: Vector) -> Vector {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

fn sub(a: Vector, b: Vector) -> Vector {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

fn add(a: Vector, b: Vector) -> Vector {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}

fn scale(a: Vector, k: f64) -> Vector {
    [a[0] * k, a[1] * k, a[2] * k]
}

fn norm2(a: Vector) -> f64 {
    dot(a, a)
}

fn normalize(a: Vector) -> Vector {
    let n = norm2(a).sqrt();
    if n == 0.0 { a } else { scale(a, 1.0 / n) }
}

/// The index of the component of largest magnitude (ties go to the later axis).
fn largest_axis(a: Vector) -> usize {
    let t = a.map(f64::abs);
    if t[0] > t[1] {
        if t[0] > t[2] { 0 } else { 2 }
    } else if t[1] > t[2] {
        1
    } else {
        2
    }
}

/// Radians of `degrees`, as `s1.Angle(x) * s1.Degree`.
pub fn radians(degrees: f64) -> f64 {
    degrees * (PI / 180.0)
}

/// Degrees of `radians`, as `s1.Angle.Degrees` (a division, for the same rounding).
pub fn degrees(radians: f64) -> f64 {
    radians / (PI / 180.0)
}

/// The point at latitude `lat` and longitude `lng`, in radians.
pub fn point(lat: f64, lng: f64) -> Vector {
    let cos_lat = lat.cos();
    [lng.cos() * cos_lat, lng.sin() * cos_lat, lat.sin()]
}

/// Latitude and longitude of a (not necessarily unit) vector, in radians.
pub fn lat_lng(p: Vector) -> (f64, f64) {
    (p[2].atan2((p[0] * p[0] + p[1] * p[1]).sqrt()), p[1].atan2(p[0]))
}

/// The angle between two points, in radians.
pub fn angle(a: Vector, b: Vector) -> f64 {
    norm2(cross(a, b)).sqrt().atan2(dot(a, b))
}

/// The haversine distance of two latitude/longitude pairs, in radians (`LatLng.Distance`).
pub fn haversine((lat1, lng1): (f64, f64), (lat2, lng2): (f64, f64)) -> f64 {
    let dlat = (0.5 * (lat2 - lat1)).sin();
    let dlng = (0.5 * (lng2 - lng1)).sin();
    let x = dlat * dlat + dlng * dlng * lat1.cos() * lat2.cos();
    2.0 * x.sqrt().atan2((1.0 - x).max(0.0).sqrt())
}

/// A squared chord length as an angle, in radians.
pub fn chord_to_angle(chord2: f64) -> f64 {
    2.0 * (0.5 * chord2.sqrt()).asin()
}

/// A angle as a squared chord length.
pub fn angle_to_chord(angle: f64) -> f64 {
    let l = 2.0 * (0.5 * angle.min(PI)).sin();
    l * l
}

// ---- cube faces and the (u,v), (s,t) and (i,j) coordinates of S2 ----

const MAX_LEVEL: u32 = 30;
const MAX_SIZE: f64 = (1u64 << MAX_LEVEL) as f64;

fn face_of(p: Vector) -> usize {
    let axis = largest_axis(p);
    if p[axis] < 0.0 { axis + 3 } else { axis }
}

fn face_xyz_to_uv(face: usize, p: Vector) -> (f64, f64) {
    match face {
        0 => (p[1] / p[0], p[2] / p[0]),
        1 => (-p[0] / p[1], p[2] / p[1]),
        2 => (-p[0] / p[2], -p[1] / p[2]),
        3 => (p[2] / p[0], p[1] / p[0]),
        4 => (p[2] / p[1], -p[0] / p[1]),
        _ => (-p[1] / p[2], -p[0] / p[2]),
    }
}

fn face_uv_to_xyz(face: usize, u: f64, v: f64) -> Vector {
    match face {
        0 => [1.0, u, v],
        1 => [-u, 1.0, v],
        2 => [-u, -v, 1.0],
        3 => [-1.0, -v, -u],
        4 => [v, -1.0, -u],
        _ => [v, u, -1.0],
    }
}

/// The normal of the plane through the origin and the face's line `u = const` (growing v).
fn u_norm(face: usize, u: f64) -> Vector {
    match face {
        0 => [u, -1.0, 0.0],
        1 => [1.0, u, 0.0],
        2 => [1.0, 0.0, u],
        3 => [-u, 0.0, 1.0],
        4 => [0.0, -u, 1.0],
        _ => [0.0, -1.0, -u],
    }
}

/// The normal of the plane through the origin and the face's line `v = const` (growing u).
fn v_norm(face: usize, v: f64) -> Vector {
    match face {
        0 => [-v, 0.0, 1.0],
        1 => [0.0, -v, 1.0],
        2 => [0.0, -1.0, -v],
        3 => [v, -1.0, 0.0],
        4 => [1.0, v, 0.0],
        _ => [1.0, 0.0, v],
    }
}

// The quadratic projection between (s,t) and (u,v), which evens out cell areas.
fn st_to_uv(s: f64) -> f64 {
    if s >= 0.5 { (1.0 / 3.0) * (4.0 * s * s - 1.0) } else { (1.0 / 3.0) * (1.0 - 4.0 * (1.0 - s) * (1.0 - s)) }
}

fn uv_to_st(u: f64) -> f64 {
    if u >= 0.0 { 0.5 * (1.0 + 3.0 * u).sqrt() } else { 1.0 - 0.5 * (1.0 - 3.0 * u).sqrt() }
}

fn st_to_ij(s: f64) -> u32 {
    (MAX_SIZE * s).floor().clamp(0.0, MAX_SIZE - 1.0) as u32
}

// The Hilbert curve's order of the four sub-squares (as `i << 1 | j`) for each orientation,
// and how a sub-square's orientation differs from its parent's.
const POS_TO_IJ: [[u32; 4]; 4] = [[0, 1, 3, 2], [0, 2, 3, 1], [3, 2, 0, 1], [3, 1, 0, 2]];
const POS_TO_ORIENTATION: [u32; 4] = [1, 0, 0, 3];

/// An S2 cell id: 3 bits of face, then 2 bits per level of Hilbert-curve position, then a
/// 1 marking the level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellId(pub u64);

impl CellId {
    /// The leaf cell holding `p`.
    pub fn from_point(p: Vector) -> CellId {
        let face = face_of(p);
        let (u, v) = face_xyz_to_uv(face, p);
        let (i, j) = (st_to_ij(uv_to_st(u)), st_to_ij(uv_to_st(v)));
        let mut orientation = (face & 1) as u32;
        let mut id = face as u64;
        for bit in (0..MAX_LEVEL).rev() {
            let ij = (((i >> bit) & 1) << 1) | ((j >> bit) & 1);
            let pos = (0..4u32).find(|&p| POS_TO_IJ[orientation as usize][p as usize] == ij).unwrap_or(0);
            id = (id << 2) | u64::from(pos);
            orientation ^= POS_TO_ORIENTATION[pos as usize];
        }
        CellId((id << 1) | 1)
    }

    /// The cell of a token (hex digits, trailing zeros left out); `None` unless valid.
    pub fn from_token(token: &str) -> Option<CellId> {
        if token.is_empty() || token.len() > 16 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let n = u64::from_str_radix(token, 16).ok()? << (4 * (16 - token.len()));
        let id = CellId(n);
        id.is_valid().then_some(id)
    }

    pub fn token(self) -> String {
        let hex = format!("{:016x}", self.0);
        let trimmed = hex.trim_end_matches('0');
        if trimmed.is_empty() { "X".to_owned() } else { trimmed.to_owned() }
    }

    fn lsb(self) -> u64 {
        self.0 & self.0.wrapping_neg()
    }

    pub fn is_valid(self) -> bool {
        self.face() < 6 && self.lsb() & 0x1555_5555_5555_5555 != 0
    }

    pub fn face(self) -> usize {
        (self.0 >> 61) as usize
    }

    pub fn level(self) -> u32 {
        MAX_LEVEL - self.0.trailing_zeros() / 2
    }

    /// The ancestor at `level` (at most the cell's own level).
    pub fn parent(self, level: u32) -> CellId {
        let lsb = 1u64 << (2 * (MAX_LEVEL - level));
        CellId((self.0 & lsb.wrapping_neg()) | lsb)
    }

    fn face_cell(face: usize) -> CellId {
        CellId(((face as u64) << 61) | (1 << 60))
    }

    fn children(self) -> [CellId; 4] {
        let lsb = self.lsb();
        let first = self.0 - lsb + (lsb >> 2);
        std::array::from_fn(|k| CellId(first + (k as u64) * (lsb >> 1)))
    }

    /// The (i,j) coordinates of the leaf cell the id's bits (marker included) lead to.
    fn face_ij(self) -> (usize, u32, u32) {
        let face = self.face();
        let mut orientation = (face & 1) as u32;
        let (mut i, mut j) = (0u32, 0u32);
        for level in 1..=MAX_LEVEL {
            let pos = ((self.0 >> (2 * (MAX_LEVEL - level) + 1)) & 3) as usize;
            let ij = POS_TO_IJ[orientation as usize][pos];
            i = (i << 1) | (ij >> 1);
            j = (j << 1) | (ij & 1);
            orientation ^= POS_TO_ORIENTATION[pos];
        }
        (face, i, j)
    }

    /// The latitude and longitude of the cell's center, in radians.
    pub fn center(self) -> (f64, f64) {
        let (face, i, j) = self.face_ij();
        let delta = if self.0 & 1 != 0 {
            1
        } else if (u64::from(i) ^ (self.0 >> 2)) & 1 != 0 {
            2
        } else {
            0
        };
        let (si, ti) = (2 * u64::from(i) + delta, 2 * u64::from(j) + delta);
        let st = |x: u64| st_to_uv((0.5 / MAX_SIZE) * x as f64);
        lat_lng(face_uv_to_xyz(face, st(si), st(ti)))
    }
}

/// A cell's geometry: its face and its bounds in (u,v).
pub struct Cell {
    face: usize,
    u: (f64, f64),
    v: (f64, f64),
}

impl Cell {
    pub fn new(id: CellId) -> Cell {
        let (face, i, j) = id.face_ij();
        let size = 1u32 << (MAX_LEVEL - id.level());
        let bounds = |x: u32| {
            let lo = x & size.wrapping_neg();
            let st = |k: u64| st_to_uv(k as f64 / MAX_SIZE);
            (st(u64::from(lo)), st(u64::from(lo) + u64::from(size)))
        };
        Cell { face, u: bounds(i), v: bounds(j) }
    }

    /// Corner `k`, counterclockwise from (u lo, v lo).
    pub fn vertex(&self, k: usize) -> Vector {
        let (u, v) = match k & 3 {
            0 => (self.u.0, self.v.0),
            1 => (self.u.1, self.v.0),
            2 => (self.u.1, self.v.1),
            _ => (self.u.0, self.v.1),
        };
        normalize(face_uv_to_xyz(self.face, u, v))
    }

    /// The inward normal of the edge from corner `k` to corner `k + 1`.
    fn edge(&self, k: usize) -> Vector {
        match k & 3 {
            0 => v_norm(self.face, self.v.0),
            1 => u_norm(self.face, self.u.1),
            2 => scale(v_norm(self.face, self.v.1), -1.0),
            _ => scale(u_norm(self.face, self.u.0), -1.0),
        }
    }

    pub fn contains_point(&self, p: Vector) -> bool {
        let axis = self.face % 3;
        let positive = if self.face < 3 { p[axis] > 0.0 } else { p[axis] < 0.0 };
        if !positive {
            return false;
        }
        let (u, v) = face_xyz_to_uv(self.face, p);
        // Widened so that the leaf cell computed from a point contains it despite rounding.
        let margin = (1.125 + f64::EPSILON) * f64::EPSILON;
        u >= self.u.0 - margin && u <= self.u.1 + margin && v >= self.v.0 - margin && v <= self.v.1 + margin
    }
}

// ---- predicates and distances on edges ----

/// The orientation of the triangle ABC: 1 counterclockwise, -1 clockwise, 0 degenerate.
fn sign(a: Vector, b: Vector, c: Vector) -> i32 {
    let det = dot(cross(a, b), c);
    if det > 0.0 {
        1
    } else if det < 0.0 {
        -1
    } else {
        0
    }
}

/// A unit vector orthogonal to `a`, the same for the same `a`.
fn ortho(a: Vector) -> Vector {
    let mut k = [0.012, 0.0053, 0.00457];
    k[(largest_axis(a) + 1) % 3] = 1.0;
    normalize(cross(a, k))
}

/// Whether A, B and C are met in this order turning counterclockwise around O.
fn ordered_ccw(a: Vector, b: Vector, c: Vector, o: Vector) -> bool {
    let sum = usize::from(sign(b, o, a) >= 0) + usize::from(sign(c, o, b) >= 0) + usize::from(sign(a, o, c) > 0);
    sum >= 2
}

/// Whether edges AB and CD that share a vertex count as crossing for containment tests.
fn vertex_crossing(a: Vector, b: Vector, c: Vector, d: Vector) -> bool {
    if a == b || c == d {
        false
    } else if a == d {
        ordered_ccw(ortho(a), c, b, a)
    } else if b == c {
        ordered_ccw(ortho(b), d, a, b)
    } else if a == c {
        ordered_ccw(ortho(a), d, b, a)
    } else if b == d {
        ordered_ccw(ortho(b), c, a, b)
    } else {
        false
    }
}

/// Whether edges AB and CD cross at a point interior to both.
fn crosses(a: Vector, b: Vector, c: Vector, d: Vector) -> bool {
    let acb = -sign(a, b, c);
    let bda = sign(a, b, d);
    if acb == 0 || acb != bda {
        return false;
    }
    let cbd = -sign(c, d, b);
    let dac = sign(c, d, a);
    cbd == acb && dac == acb
}

fn shares_vertex(a: Vector, b: Vector, c: Vector, d: Vector) -> bool {
    a == c || a == d || b == c || b == d
}

fn edge_or_vertex_crossing(a: Vector, b: Vector, c: Vector, d: Vector) -> bool {
    if shares_vertex(a, b, c, d) { vertex_crossing(a, b, c, d) } else { crosses(a, b, c, d) }
}

/// The squared chord distance from X to the edge AB, as S2's `DistanceFromSegment` finds it:
/// to the closest interior point when X projects into the edge, else to the nearer end.
pub fn edge_distance2(x: Vector, a: Vector, b: Vector) -> f64 {
    let xa2 = norm2(sub(x, a));
    let xb2 = norm2(sub(x, b));
    let ab2 = norm2(sub(a, b));
    let max_error = 4.75 * f64::EPSILON * (xa2 + xb2 + ab2) + 8.0 * f64::EPSILON * f64::EPSILON;
    if (xa2 - xb2).abs() < ab2 + max_error {
        let mut c = cross(add(a, b), sub(b, a));
        if c == [0.0; 3] {
            c = ortho(a);
        }
        let c2 = norm2(c);
        let x_dot_c = dot(x, c);
        let cx = cross(c, x);
        if dot(sub(a, x), cx) < 0.0 && dot(sub(b, x), cx) > 0.0 {
            let qr = 1.0 - (norm2(cx) / c2).sqrt();
            return (x_dot_c * x_dot_c / c2) + qr * qr;
        }
    }
    xa2.min(xb2).min(4.0)
}

/// The squared chord distance between the edges AB and CD: zero when they cross.
fn edge_pair_distance2(a: Vector, b: Vector, c: Vector, d: Vector) -> f64 {
    if crosses(a, b, c, d) {
        return 0.0;
    }
    edge_distance2(a, c, d).min(edge_distance2(b, c, d)).min(edge_distance2(c, a, b)).min(edge_distance2(d, a, b))
}

/// The edges of a polyline, or of a loop when `closed`.
fn edges(vertices: &[Vector], closed: bool) -> impl Iterator<Item = (Vector, Vector)> + '_ {
    let n = vertices.len();
    let count = if closed { n } else { n.saturating_sub(1) };
    (0..count).map(move |k| (vertices[k], vertices[(k + 1) % n]))
}

/// The squared chord distance from `x` to the nearest point of a polyline (one vertex or more).
pub fn polyline_distance2(vertices: &[Vector], x: Vector) -> f64 {
    if vertices.len() == 1 {
        return norm2(sub(x, vertices[0])).min(4.0);
    }
    edges(vertices, false).map(|(a, b)| edge_distance2(x, a, b)).fold(4.0, f64::min)
}

// ---- regions ----

/// A spherical cap: the points within a chord of the center.
pub struct Cap {
    pub center: Vector,
    /// The squared chord of the radius.
    pub radius2: f64,
}

impl Cap {
    pub fn contains_point(&self, p: Vector) -> bool {
        norm2(sub(self.center, p)).min(4.0) <= self.radius2
    }

    fn intersects_cell(&self, cell: &Cell) -> bool {
        let vertices: [Vector; 4] = std::array::from_fn(|k| cell.vertex(k));
        if vertices.iter().any(|&v| self.contains_point(v)) {
            return true;
        }
        // A cap of a hemisphere or more and the cell are both convex beyond their borders,
        // so with no corner in the cap nothing of the cell is.
        if self.radius2 >= 2.0 || self.radius2 < 0.0 {
            return false;
        }
        if cell.contains_point(self.center) {
            return true;
        }
        // Left: the cap crossing an edge's interior.
        let sin2 = self.radius2 * (1.0 - 0.25 * self.radius2);
        for k in 0..4 {
            let edge = cell.edge(k);
            let d = dot(self.center, edge);
            if d > 0.0 {
                continue;
            }
            if d * d > sin2 * norm2(edge) {
                return false;
            }
            let dir = cross(edge, self.center);
            if dot(dir, vertices[k]) < 0.0 && dot(dir, vertices[(k + 1) & 3]) > 0.0 {
                return true;
            }
        }
        false
    }
}

/// A simple closed chain of vertices enclosing the region on its left.
pub struct Loop {
    vertices: Vec<Vector>,
    origin_inside: bool,
}

/// The point containment counts edge crossings from this fixed point (golang/geo's).
const ORIGIN: Vector = [-0.009_999_466_435_025_02, 0.002_592_454_260_932_412, 0.999_946_643_502_502];

impl Loop {
    /// The loop of `vertices` (three or more), enclosing the smaller of the two regions they
    /// bound, whichever way they run (as upstream inverts a loop of area 2π or more).
    pub fn new(mut vertices: Vec<Vector>) -> Loop {
        if turning_angle(&vertices) <= 0.0 {
            vertices.reverse();
        }
        let mut l = Loop { vertices, origin_inside: false };
        let (v0, v1, v2) = (l.vertices[0], l.vertices[1], l.vertices[2]);
        let v1_inside = v0 != v1 && v2 != v1 && !ordered_ccw(ortho(v1), v2, v0, v1);
        l.origin_inside = v1_inside != l.contains_point(v1);
        l
    }

    pub fn contains_point(&self, p: Vector) -> bool {
        let mut inside = self.origin_inside;
        for (a, b) in edges(&self.vertices, true) {
            if edge_or_vertex_crossing(ORIGIN, p, a, b) {
                inside = !inside;
            }
        }
        inside
    }

    /// The squared chord distance from `x` to the loop's region (zero inside it).
    pub fn distance2(&self, x: Vector) -> f64 {
        if self.contains_point(x) {
            return 0.0;
        }
        edges(&self.vertices, true).map(|(a, b)| edge_distance2(x, a, b)).fold(4.0, f64::min)
    }

    /// The squared chord distance from the region to a polyline: zero when it starts inside
    /// or crosses the border.
    pub fn polyline_distance2(&self, line: &[Vector]) -> f64 {
        if self.contains_point(line[0]) {
            return 0.0;
        }
        if line.len() == 1 {
            return self.distance2(line[0]);
        }
        let mut best: f64 = 4.0;
        for (a, b) in edges(&self.vertices, true) {
            for (c, d) in edges(line, false) {
                best = best.min(edge_pair_distance2(a, b, c, d));
            }
        }
        best
    }

    fn intersects_cell(&self, cell: &Cell) -> bool {
        let corners: [Vector; 4] = std::array::from_fn(|k| cell.vertex(k));
        corners.iter().any(|&c| self.contains_point(c))
            || self.vertices.iter().any(|&v| cell.contains_point(v))
            || edges(&self.vertices, true).any(|(a, b)| (0..4).any(|k| crosses(a, b, corners[k], corners[(k + 1) & 3])))
    }
}

/// The sum of the turns at the vertices of a loop: about 2π for a small counterclockwise loop,
/// -2π for a small clockwise one.
fn turning_angle(vertices: &[Vector]) -> f64 {
    let n = vertices.len();
    (0..n)
        .map(|k| {
            let (a, b, c) = (vertices[(k + n - 1) % n], vertices[k], vertices[(k + 1) % n]);
            let turn = angle(cross(a, b), cross(b, c));
            if sign(a, b, c) > 0 { turn } else { -turn }
        })
        .sum()
}

/// A latitude/longitude box, in radians, `lng.0 <= lng.1`.
pub struct Rect {
    pub lat: (f64, f64),
    pub lng: (f64, f64),
}

impl Rect {
    pub fn contains_lat_lng(&self, (lat, lng): (f64, f64)) -> bool {
        lat >= self.lat.0 && lat <= self.lat.1 && lng >= self.lng.0 && lng <= self.lng.1
    }

    /// The corners, counterclockwise from the south-west one.
    pub fn corners(&self) -> [Vector; 4] {
        [
            point(self.lat.0, self.lng.0),
            point(self.lat.0, self.lng.1),
            point(self.lat.1, self.lng.1),
            point(self.lat.1, self.lng.0),
        ]
    }

    /// The distance in radians from a point to the box: along the meridian when it is
    /// within the box's longitudes, else to the nearer side meridian.
    pub fn distance(&self, (lat, lng): (f64, f64)) -> f64 {
        if lng >= self.lng.0 && lng <= self.lng.1 {
            return 0f64.max(lat - self.lat.1).max(self.lat.0 - lat);
        }
        let p = point(lat, lng);
        let side = |m: f64| chord_to_angle(edge_distance2(p, point(self.lat.0, m), point(self.lat.1, m)));
        side(self.lng.0).min(side(self.lng.1))
    }

    fn intersects_cell(&self, cell: &Cell) -> bool {
        let corners: [Vector; 4] = std::array::from_fn(|k| cell.vertex(k));
        let center = point(0.5 * (self.lat.0 + self.lat.1), 0.5 * (self.lng.0 + self.lng.1));
        if cell.contains_point(center) || corners.iter().any(|&c| self.contains_lat_lng(lat_lng(c))) {
            return true;
        }
        if self.corners().iter().any(|&c| cell.contains_point(c)) {
            return true;
        }
        // Left: a cell edge crossing a side meridian or a side parallel.
        (0..4).any(|k| {
            let (a, b) = (corners[k], corners[(k + 1) & 3]);
            [self.lng.0, self.lng.1].iter().any(|&m| crosses(a, b, point(self.lat.0, m), point(self.lat.1, m)))
                || [self.lat.0, self.lat.1].iter().any(|&lat| self.edge_meets_parallel(a, b, lat))
        })
    }

    /// Whether the great-circle edge AB meets the parallel `lat` within the box's longitudes.
    fn edge_meets_parallel(&self, a: Vector, b: Vector, lat: f64) -> bool {
        // Points of the edge are cos(θ)·a + sin(θ)·w for θ in [0, |AB|]; solve z = sin(lat).
        let n = cross(a, b);
        if norm2(n) == 0.0 {
            return false;
        }
        let w = normalize(cross(normalize(n), a));
        let (r, phase) = (a[2].hypot(w[2]), w[2].atan2(a[2]));
        let ratio = lat.sin() / r;
        if r == 0.0 || ratio.abs() > 1.0 {
            return false;
        }
        let length = angle(a, b);
        let spread = ratio.acos();
        [phase + spread, phase - spread].iter().any(|&theta| {
            let theta = theta.rem_euclid(2.0 * PI);
            if theta > length {
                return false;
            }
            let p = add(scale(a, theta.cos()), scale(w, theta.sin()));
            let lng = lat_lng(p).1;
            lng >= self.lng.0 && lng <= self.lng.1
        })
    }
}

/// A region a grid of cells can cover.
pub enum Region {
    Cap(Cap),
    Loop(Loop),
    Rect(Rect),
}

impl Region {
    pub fn contains_point(&self, p: Vector) -> bool {
        match self {
            Region::Cap(cap) => cap.contains_point(p),
            Region::Loop(l) => l.contains_point(p),
            Region::Rect(rect) => rect.contains_lat_lng(lat_lng(p)),
        }
    }

    fn intersects_cell(&self, cell: &Cell) -> bool {
        match self {
            Region::Cap(cap) => cap.intersects_cell(cell),
            Region::Loop(l) => l.intersects_cell(cell),
            Region::Rect(rect) => rect.intersects_cell(cell),
        }
    }
}

/// The cells of `level` that meet the region, in id order, as S2's region coverer gives them
/// when its minimum and maximum levels are both `level` (it then ignores its cell budget).
/// `None` once there are more than `limit`.
pub fn covering(region: &Region, level: u32, limit: usize) -> Option<Vec<CellId>> {
    let mut cells: Vec<CellId> =
        (0..6).map(CellId::face_cell).filter(|&id| region.intersects_cell(&Cell::new(id))).collect();
    for _ in 0..level.min(MAX_LEVEL) {
        let mut next = Vec::new();
        for id in cells {
            for child in id.children() {
                if region.intersects_cell(&Cell::new(child)) {
                    next.push(child);
                    if next.len() > limit {
                        return None;
                    }
                }
            }
        }
        cells = next;
    }
    (cells.len() <= limit).then_some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token_at(lat: f64, lng: f64, level: u32) -> String {
        CellId::from_point(point(radians(lat), radians(lng))).parent(level).token()
    }

    fn tokens(region: &Region, level: u32) -> Vec<String> {
        covering(region, level, 100).unwrap_or_default().into_iter().map(CellId::token).collect()
    }

    fn degrees_point(lat: f64, lng: f64) -> Vector {
        point(radians(lat), radians(lng))
    }

    // The want-data below is upstream's (golang/geo's results in its Go tests).

    #[test]
    fn tokens_levels_and_centers() {
        assert_eq!(token_at(40.808978, -73.558041, 7), "89c2c");
        let cell = CellId::from_token("89c284").map(|c| (c.level(), c.parent(7).token()));
        assert_eq!(cell, Some((9, "89c2c".to_owned())));
        assert_eq!(CellId::from_token("89c28c").map(CellId::level), Some(9));
        assert!(CellId::from_token("89c28").is_none());
        assert!(CellId::from_token("%*^&(*^*%&$").is_none());
        let round = |(lat, lng): (f64, f64)| ((degrees(lat) * 1e6).round(), (degrees(lng) * 1e6).round());
        let center = CellId::from_token("89c284").map(|c| round(c.center()));
        assert_eq!(center, Some(((40.812535546624574f64 * 1e6).round(), (-73.55941282728273f64 * 1e6).round())));
    }

    #[test]
    fn coverings_at_a_level() {
        let want = ["89c264", "89c26c", "89c274", "89c27c", "89c284", "89c28c", "89e82c", "89e9d4"];
        let rect =
            Rect { lat: (radians(40.5880775), radians(40.8247008)), lng: (radians(-73.80014), radians(-73.4630336)) };
        assert_eq!(tokens(&Region::Rect(rect), 9), want);
        let cap = Cap { center: degrees_point(40.7090214, -73.61846), radius2: angle_to_chord(15.0 / 6371.01) };
        assert_eq!(tokens(&Region::Cap(cap), 9), want);
        let corners =
            [(40.776527, -73.338811), (40.788093, -73.776396), (40.475939, -73.751854), (40.576506, -73.573634)];
        let polygon = Loop::new(corners.iter().map(|&(lat, lng)| degrees_point(lat, lng)).collect());
        assert_eq!(tokens(&Region::Loop(polygon), 9), want);
    }

    #[test]
    fn loops_either_way_round() {
        let triangle = [(40.671659, -73.936631), (40.706543, -73.749177), (40.791333, -73.880327)];
        let points: Vec<Vector> = triangle.iter().map(|&(lat, lng)| degrees_point(lat, lng)).collect();
        let inside = degrees_point(40.72, -73.85);
        let outside = degrees_point(40.6, -73.85);
        for vertices in [points.clone(), points.into_iter().rev().collect()] {
            let l = Loop::new(vertices);
            assert!(l.contains_point(inside) && !l.contains_point(outside));
            assert_eq!(l.distance2(inside), 0.0);
            assert!(l.distance2(outside) > 0.0);
        }
    }
}
