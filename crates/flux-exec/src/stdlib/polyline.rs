//! `experimental/polyline.rdp`: Ramer–Douglas–Peucker downsampling of each table's
//! (time, value) line, by a distance `epsilon`, by the share of points to keep (`retention`),
//! or, with neither, by a tolerance each segment learns from its own length and slope.

use super::{Args, Builtin, Failure, stream_of};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, Table};
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[Builtin { package: "experimental/polyline", name: "rdp", run: rdp }];

/// A point of the line: time (nanoseconds, as a float) and value.
type Point = (f64, f64);

/// The distance from `p` to the straight line through `a` and `b`.
fn distance_to_line(a: Point, b: Point, p: Point) -> f64 {
    let (ca, cb) = (a.1 - b.1, b.0 - a.0);
    let cc = a.0 * b.1 - b.0 * a.1;
    (ca * p.0 + cb * p.1 + cc).abs() / (ca * ca + cb * cb).sqrt()
}

/// The index and distance of the point farthest from the line joining the first and last;
/// the first of equals, (0, 0) when none is off the line.
fn farthest(points: &[Point]) -> (usize, f64) {
    let (a, b) = (points[0], points[points.len() - 1]);
    let mut best = (0, 0.0);
    for (i, &p) in points.iter().enumerate() {
        let d = distance_to_line(a, b, p);
        if d > best.1 {
            best = (i, d);
        }
    }
    best
}

/// RDP: a point at least `tolerance(first, last)` off the line joining the ends splits it in
/// two, each simplified alike; else the ends alone stand for the stretch.
fn simplify(points: &[Point], tolerance: &dyn Fn(Point, Point) -> f64) -> Vec<Point> {
    if points.len() <= 2 {
        return points.to_vec();
    }
    let (index, distance) = farthest(points);
    let (first, last) = (points[0], points[points.len() - 1]);
    // A NaN tolerance (a line of no length) keeps the ends only, as upstream's comparison does.
    if distance >= tolerance(first, last) {
        let mut left = simplify(&points[..=index], tolerance);
        left.pop();
        left.extend(simplify(&points[index..], tolerance));
        left
    } else {
        vec![first, last]
    }
}

/// The automatic tolerance: the largest deviation a digitized line of this length and slope
/// can show (the bound upstream takes from Prasad et al.), times its length.
fn learned_tolerance(a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = (dx * dx + dy * dy).sqrt();
    let phi = if dx != 0.0 { (dy / dx).atan() } else { 0.0 };
    let (sin, cos) = (phi.sin(), phi.cos());
    let t_max = (1.0 / length) * (sin.abs() + cos.abs());
    let spread = 1.0 - t_max + t_max * t_max;
    let one = ((1.0 / length) * (sin + cos).abs() * spread).atan();
    let two = ((1.0 / length) * (sin - cos).abs() * spread).atan();
    length * one.max(two)
}

/// Each point's weight for retention: the distance it had from its stretch's line when it
/// split the stretch (ends weigh infinitely; points never splitting weigh zero).
fn weights(points: &[Point]) -> Vec<f64> {
    let n = points.len();
    let mut weights = vec![0.0; n];
    let mut stack = vec![(0, n - 1)];
    while let Some((start, end)) = stack.pop() {
        let (mut index, mut max) = (start, 0.0);
        for (i, &p) in points.iter().enumerate().take(end).skip(start + 1) {
            let d = distance_to_line(points[start], points[end], p);
            if d > max {
                (index, max) = (i, d);
            }
        }
        if max > 0.0 {
            weights[index] = max;
            stack.push((start, index));
            stack.push((index, end));
        }
    }
    weights[0] = f64::INFINITY;
    weights[n - 1] = f64::INFINITY;
    weights
}

/// The points whose weight is among the `keep` largest (ties all kept).
fn retain(points: &[Point], keep: usize) -> Vec<Point> {
    let weights = weights(points);
    let mut sorted = weights.clone();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let threshold = sorted[keep - 1];
    points.iter().zip(&weights).filter(|(_, w)| **w >= threshold).map(|(p, _)| *p).collect()
}

enum Mode {
    Epsilon(f64),
    Retention(f64),
    Learned,
}

fn rdp(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let value_column = args.string("valColumn")?.unwrap_or_else(|| "_value".into());
    let time_column = args.string("timeColumn")?.unwrap_or_else(|| "_time".into());
    let epsilon = args.float("epsilon")?;
    let retention = args.float("retention")?;
    let mode = match (epsilon, retention) {
        (Some(e), _) if e <= 0.0 => return Err("Epsilon values need to be greater than 0.0".into()),
        (_, Some(r)) if r <= 0.0 || r >= 100.0 => {
            return Err("Retention percentage should be between 0.0 and 100.0".into());
        }
        (Some(_), Some(_)) => return Err("Please provide either epsilon or retention rate and not both".into()),
        (Some(e), None) => Mode::Epsilon(e),
        (None, Some(r)) => Mode::Retention(r),
        (None, None) => Mode::Learned,
    };
    let mut out = Vec::with_capacity(stream.tables.len());
    for table in &stream.tables {
        let time = table.column_index(&time_column).ok_or_else(|| format!("cannot find time column {time_column}"))?;
        let value = table.column_index(&value_column).ok_or_else(|| format!("cannot find column {value_column}"))?;
        if !matches!(table.columns[value].ty, ColType::Int | ColType::UInt | ColType::Float) {
            return Err(format!("rdp can work only on numerical types, got {}", table.columns[value].ty.name()).into());
        }
        if table.columns[time].ty != ColType::Time {
            return Err(
                format!("time column {time_column} must hold times, not {}", table.columns[time].ty.name()).into()
            );
        }
        // Rows without a time are left out; a null value counts as zero, as upstream's does.
        let points: Vec<Point> = (0..table.len())
            .filter_map(|row| {
                let Value::Time(t) = table.cell(row, time) else { return None };
                let v = match table.cell(row, value) {
                    Value::Int(i) => i as f64,
                    Value::UInt(u) => u as f64,
                    Value::Float(x) => x,
                    _ => 0.0,
                };
                Some((t as f64, v))
            })
            .collect();
        let kept = match mode {
            Mode::Epsilon(e) => simplify(&points, &|_, _| e),
            Mode::Learned => simplify(&points, &learned_tolerance),
            Mode::Retention(r) => {
                let keep = ((r / 100.0) * points.len() as f64).floor();
                if keep < 1.0 {
                    return Err(
                        "The number of points to retain is less than 1. Please consider increasing the retention rate"
                            .into(),
                    );
                }
                retain(&points, keep as usize)
            }
        };
        let mut columns = table.key.columns.clone();
        for label in ["_time", "_value"] {
            if columns.iter().any(|c| c.label == label) {
                return Err(format!("rdp: the group key already has a column {label}").into());
            }
        }
        columns.push(Column::new("_time", ColType::Time));
        columns.push(Column::new("_value", ColType::Float));
        // Times went through floats, so they come back rounded as upstream's do.
        let rows = kept.into_iter().map(|(t, v)| {
            let mut row = table.key.values.clone();
            row.extend([Value::Time(t as i64), Value::Float(v)]);
            row
        });
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epsilon_keeps_the_corners() {
        let points = [(0.0, 0.0), (1.0, 0.1), (2.0, 5.0), (3.0, 0.0), (4.0, 0.0)];
        assert_eq!(simplify(&points, &|_, _| 0.9), vec![(0.0, 0.0), (2.0, 5.0), (3.0, 0.0), (4.0, 0.0)]);
        assert_eq!(simplify(&points, &|_, _| 1.0), vec![(0.0, 0.0), (2.0, 5.0), (4.0, 0.0)]);
        assert_eq!(simplify(&points, &|_, _| 10.0), vec![(0.0, 0.0), (4.0, 0.0)]);
    }

    #[test]
    fn retention_keeps_the_heaviest() {
        let points = [(0.0, 0.0), (1.0, 1.0), (2.0, 8.0), (3.0, 0.0), (4.0, 0.0)];
        assert_eq!(retain(&points, 2), vec![(0.0, 0.0), (4.0, 0.0)]);
        assert_eq!(retain(&points, 3), vec![(0.0, 0.0), (2.0, 8.0), (4.0, 0.0)]);
    }
}
