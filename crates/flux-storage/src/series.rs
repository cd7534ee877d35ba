//! Points gathered by series: one column of times and one of values per measurement, tag set
//! and field, the shape in which they are written, compacted and read.

use std::collections::HashMap;

use crate::line_protocol::{FieldValue, Point};

/// A series of one field: what Flux reads as one table of `from(bucket:)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey {
    pub measurement: String,
    /// Sorted by key.
    pub tags: Vec<(String, String)>,
    pub field: String,
}

impl SeriesKey {
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldType {
    Float,
    Int,
    UInt,
    String,
    Bool,
}

impl FieldType {
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Float => "float",
            FieldType::Int => "integer",
            FieldType::UInt => "unsigned",
            FieldType::String => "string",
            FieldType::Bool => "boolean",
        }
    }

    pub fn parse(name: &str) -> Option<FieldType> {
        Some(match name {
            "float" => FieldType::Float,
            "integer" => FieldType::Int,
            "unsigned" => FieldType::UInt,
            "string" => FieldType::String,
            "boolean" => FieldType::Bool,
            _ => return None,
        })
    }

    pub fn of(value: &FieldValue) -> FieldType {
        match value {
            FieldValue::Float(_) => FieldType::Float,
            FieldValue::Int(_) => FieldType::Int,
            FieldValue::UInt(_) => FieldType::UInt,
            FieldValue::String(_) => FieldType::String,
            FieldValue::Bool(_) => FieldType::Bool,
        }
    }
}

/// The values of one field, all of its type.
#[derive(Clone, Debug, PartialEq)]
pub enum Values {
    Float(Vec<f64>),
    Int(Vec<i64>),
    UInt(Vec<u64>),
    String(Vec<String>),
    Bool(Vec<bool>),
}

/// Applies the same code to whichever vector a `Values` holds.
macro_rules! each {
    ($values:expr, $v:ident => $body:expr) => {
        match $values {
            Values::Float($v) => $body,
            Values::Int($v) => $body,
            Values::UInt($v) => $body,
            Values::String($v) => $body,
            Values::Bool($v) => $body,
        }
    };
}

/// The same, building a `Values` of the same type.
macro_rules! map_each {
    ($values:expr, $v:ident => $body:expr) => {
        match $values {
            Values::Float($v) => Values::Float($body),
            Values::Int($v) => Values::Int($body),
            Values::UInt($v) => Values::UInt($body),
            Values::String($v) => Values::String($body),
            Values::Bool($v) => Values::Bool($body),
        }
    };
}

impl Values {
    pub fn new(ty: FieldType) -> Values {
        match ty {
            FieldType::Float => Values::Float(Vec::new()),
            FieldType::Int => Values::Int(Vec::new()),
            FieldType::UInt => Values::UInt(Vec::new()),
            FieldType::String => Values::String(Vec::new()),
            FieldType::Bool => Values::Bool(Vec::new()),
        }
    }

    pub fn ty(&self) -> FieldType {
        match self {
            Values::Float(_) => FieldType::Float,
            Values::Int(_) => FieldType::Int,
            Values::UInt(_) => FieldType::UInt,
            Values::String(_) => FieldType::String,
            Values::Bool(_) => FieldType::Bool,
        }
    }

    pub fn len(&self) -> usize {
        each!(self, v => v.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Appends a value of the same type; `false` (and nothing appended) for another type.
    pub fn push(&mut self, value: FieldValue) -> bool {
        match (self, value) {
            (Values::Float(v), FieldValue::Float(x)) => v.push(x),
            (Values::Int(v), FieldValue::Int(x)) => v.push(x),
            (Values::UInt(v), FieldValue::UInt(x)) => v.push(x),
            (Values::String(v), FieldValue::String(x)) => v.push(x),
            (Values::Bool(v), FieldValue::Bool(x)) => v.push(x),
            _ => return false,
        }
        true
    }

    pub fn get(&self, i: usize) -> FieldValue {
        match self {
            Values::Float(v) => FieldValue::Float(v[i]),
            Values::Int(v) => FieldValue::Int(v[i]),
            Values::UInt(v) => FieldValue::UInt(v[i]),
            Values::String(v) => FieldValue::String(v[i].clone()),
            Values::Bool(v) => FieldValue::Bool(v[i]),
        }
    }

    /// The values at `indices`, in that order.
    fn gather(&self, indices: &[usize]) -> Values {
        map_each!(self, v => gather(v, indices))
    }

    fn slice(&self, range: std::ops::Range<usize>) -> Values {
        map_each!(self, v => v[range].to_vec())
    }

    /// Appends `other`, which must hold the same type.
    fn append(&mut self, other: Values) {
        match (self, other) {
            (Values::Float(a), Values::Float(b)) => a.extend(b),
            (Values::Int(a), Values::Int(b)) => a.extend(b),
            (Values::UInt(a), Values::UInt(b)) => a.extend(b),
            (Values::String(a), Values::String(b)) => a.extend(b),
            (Values::Bool(a), Values::Bool(b)) => a.extend(b),
            (a, b) => panic!("appending {} values to {} values", b.ty().name(), a.ty().name()),
        }
    }
}

fn gather<T: Clone>(values: &[T], indices: &[usize]) -> Vec<T> {
    indices.iter().map(|&i| values[i].clone()).collect()
}

/// One series' points: times and values side by side.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub times: Vec<i64>,
    pub values: Values,
}

impl Column {
    pub fn new(ty: FieldType) -> Column {
        Column { times: Vec::new(), values: Values::new(ty) }
    }

    pub fn len(&self) -> usize {
        self.times.len()
    }

    pub fn is_empty(&self) -> bool {
        self.times.is_empty()
    }

    /// In time order with one value per time: of points written at the same time, the last
    /// one wins, as InfluxDB keeps one value per series, field and time.
    pub fn normalize(&mut self) {
        if self.times.windows(2).all(|w| w[0] < w[1]) {
            return;
        }
        let mut order: Vec<usize> = (0..self.times.len()).collect();
        // Stable: of equal times, the later write stays later.
        order.sort_by_key(|&i| self.times[i]);
        let mut keep: Vec<usize> = Vec::with_capacity(order.len());
        for i in order {
            match keep.last_mut() {
                Some(last) if self.times[*last] == self.times[i] => *last = i,
                _ => keep.push(i),
            }
        }
        self.times = keep.iter().map(|&i| self.times[i]).collect();
        self.values = self.values.gather(&keep);
    }

    /// The points with `start <= time < stop`; the column must be in time order.
    pub fn trim(self, start: i64, stop: i64) -> Column {
        let from = self.times.partition_point(|&t| t < start);
        let to = self.times.partition_point(|&t| t < stop);
        if from == 0 && to == self.times.len() {
            return self;
        }
        Column { times: self.times[from..to].to_vec(), values: self.values.slice(from..to) }
    }

    /// The points at `range` of positions.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Column {
        Column { times: self.times[range.clone()].to_vec(), values: self.values.slice(range) }
    }

    /// The points whose position `keep` accepts.
    pub fn filter(&self, keep: impl Fn(usize) -> bool) -> Column {
        let kept: Vec<usize> = (0..self.len()).filter(|&i| keep(i)).collect();
        if kept.len() == self.len() {
            return self.clone();
        }
        Column { times: gather(&self.times, &kept), values: self.values.gather(&kept) }
    }

    /// Appends the points of `later`, which must hold the same type.
    pub fn append(&mut self, later: Column) {
        self.times.extend(later.times);
        self.values.append(later.values);
    }
}

/// Points gathered by series, each series in the order its points were added.
#[derive(Clone, Debug, Default)]
pub struct Batch {
    series: Vec<(SeriesKey, Column)>,
    index: HashMap<SeriesKey, usize>,
    points: usize,
}

/// A field given a value of another type than the series (or the bucket) holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeConflict {
    pub measurement: String,
    pub field: String,
    pub holds: FieldType,
    pub given: FieldType,
}

impl std::fmt::Display for TypeConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the field `{}` of `{}` holds {} values, not {}",
            self.field,
            self.measurement,
            self.holds.name(),
            self.given.name()
        )
    }
}

impl Batch {
    /// The number of points added (a point of several fields counts once).
    pub fn points(&self) -> usize {
        self.points
    }

    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// The series, in the order first seen.
    pub fn series(&self) -> &[(SeriesKey, Column)] {
        &self.series
    }

    pub fn into_series(self) -> Vec<(SeriesKey, Column)> {
        self.series
    }

    /// The number of values of all series.
    pub fn values(&self) -> usize {
        self.series.iter().map(|(_, c)| c.len()).sum()
    }

    /// Each series in time order with one value per time (see [`Column::normalize`]).
    pub fn normalize(&mut self) {
        for (_, column) in &mut self.series {
            column.normalize();
        }
    }

    /// Keeps the series `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&SeriesKey, &Column) -> bool) {
        self.series.retain(|(key, column)| keep(key, column));
        self.index = self.series.iter().enumerate().map(|(i, (key, _))| (key.clone(), i)).collect();
    }

    /// The type of a series' values, when the batch has the series.
    pub fn type_of(&self, key: &SeriesKey) -> Option<FieldType> {
        self.index.get(key).map(|&i| self.series[i].1.values.ty())
    }

    /// The position of a series' column, made (empty, of type `ty`) when new; an error when
    /// the series holds another type.
    pub fn column_of(&mut self, key: &SeriesKey, ty: FieldType) -> Result<usize, TypeConflict> {
        match self.index.get(key) {
            Some(&i) if self.series[i].1.values.ty() == ty => Ok(i),
            Some(&i) => Err(TypeConflict {
                measurement: key.measurement.clone(),
                field: key.field.clone(),
                holds: self.series[i].1.values.ty(),
                given: ty,
            }),
            None => {
                self.series.push((key.clone(), Column::new(ty)));
                self.index.insert(key.clone(), self.series.len() - 1);
                Ok(self.series.len() - 1)
            }
        }
    }

    /// The column at `position` (from [`Batch::column_of`]).
    pub fn column_mut(&mut self, position: usize) -> &mut Column {
        &mut self.series[position].1
    }

    /// Counts a point added through [`Batch::column_mut`].
    pub fn count_point(&mut self) {
        self.points += 1;
    }

    /// Adds a point, its time `now` when it has none; a field whose type differs from what
    /// the batch holds for its series is an error and nothing of the point is added.
    pub fn push(&mut self, point: Point, now: i64) -> Result<(), TypeConflict> {
        let time = point.time.unwrap_or(now);
        let mut key = SeriesKey { measurement: point.measurement, tags: point.tags, field: String::new() };
        let mut positions = Vec::with_capacity(point.fields.len());
        for (n, (field, value)) in point.fields.iter().enumerate() {
            key.field.clone_from(field);
            // The type the batch holds, or an earlier field of the same name in this point.
            let holds = match self.index.get(&key) {
                Some(&i) => Some(self.series[i].1.values.ty()),
                None => point.fields[..n].iter().find(|(f, _)| f == field).map(|(_, v)| FieldType::of(v)),
            };
            if let Some(holds) = holds.filter(|&t| t != FieldType::of(value)) {
                return Err(TypeConflict {
                    measurement: key.measurement,
                    field: key.field,
                    holds,
                    given: FieldType::of(value),
                });
            }
            positions.push(self.index.get(&key).copied());
        }
        for ((field, value), position) in point.fields.into_iter().zip(positions) {
            key.field = field;
            let position = match position {
                Some(position) => position,
                // New to the batch (perhaps made by an earlier field of this point).
                None => self.column_of(&key, FieldType::of(&value)).expect("checked above"),
            };
            let column = &mut self.series[position].1;
            column.times.push(time);
            column.values.push(value);
        }
        self.points += 1;
        Ok(())
    }

    /// The batch as points, one per series, field and time.
    pub fn to_points(&self) -> Vec<Point> {
        let mut out = Vec::new();
        for (key, column) in &self.series {
            for (i, &time) in column.times.iter().enumerate() {
                out.push(Point {
                    measurement: key.measurement.clone(),
                    tags: key.tags.clone(),
                    fields: vec![(key.field.clone(), column.values.get(i))],
                    time: Some(time),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_sorts_and_keeps_the_last_write_of_a_time() {
        let mut column = Column { times: vec![3, 1, 2, 1, 3], values: Values::Int(vec![30, 10, 20, 11, 31]) };
        column.normalize();
        assert_eq!(column.times, vec![1, 2, 3]);
        assert_eq!(column.values, Values::Int(vec![11, 20, 31]));
        let trimmed = column.trim(2, 3);
        assert_eq!((trimmed.times, trimmed.values), (vec![2], Values::Int(vec![20])));
    }

    #[test]
    fn a_field_keeps_its_type_within_a_batch() {
        let mut batch = Batch::default();
        let point = |value| Point {
            measurement: "m".into(),
            tags: vec![],
            fields: vec![("a".into(), FieldValue::Int(1)), ("b".into(), value)],
            time: Some(1),
        };
        batch.push(point(FieldValue::Float(1.0)), 0).unwrap();
        let conflict = batch.push(point(FieldValue::Bool(true)), 0).unwrap_err();
        assert_eq!(conflict.to_string(), "the field `b` of `m` holds float values, not boolean");
        // Nothing of the rejected point was added.
        assert_eq!(batch.values(), 2);
        assert_eq!(batch.points(), 1);
    }
}
