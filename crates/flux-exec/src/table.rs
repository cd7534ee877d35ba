//! Flux tables: columns of one of six types, stored as arrow arrays, and the group key that
//! names the table in its stream.

use std::sync::Arc;

use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Float64Builder, Int64Builder, StringBuilder, TimestampNanosecondBuilder,
    UInt64Builder,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray, TimestampNanosecondArray, UInt64Array,
};

use crate::value::Value;

/// The type of a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColType {
    Bool,
    Int,
    UInt,
    Float,
    String,
    Time,
}

impl ColType {
    /// The column type a value would have in a table; `None` for null and for values no
    /// table cell can hold (records, arrays, functions ...).
    pub fn of(value: &Value) -> Option<ColType> {
        Some(match value {
            Value::Bool(_) => ColType::Bool,
            Value::Int(_) => ColType::Int,
            Value::UInt(_) => ColType::UInt,
            Value::Float(_) => ColType::Float,
            Value::String(_) => ColType::String,
            Value::Time(_) => ColType::Time,
            _ => return None,
        })
    }

    /// The annotated-CSV name of the type (`#datatype`), which InfluxDB's clients know.
    pub fn datatype(self) -> &'static str {
        match self {
            ColType::Bool => "boolean",
            ColType::Int => "long",
            ColType::UInt => "unsignedLong",
            ColType::Float => "double",
            ColType::String => "string",
            ColType::Time => "dateTime:RFC3339",
        }
    }

    /// The Flux name of the type.
    pub fn name(self) -> &'static str {
        match self {
            ColType::Bool => "bool",
            ColType::Int => "int",
            ColType::UInt => "uint",
            ColType::Float => "float",
            ColType::String => "string",
            ColType::Time => "time",
        }
    }
}

/// A column's label and type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    pub label: String,
    pub ty: ColType,
}

impl Column {
    pub fn new(label: impl Into<String>, ty: ColType) -> Column {
        Column { label: label.into(), ty }
    }
}

/// A float as Flux writes it: the shortest decimal that reads back the same, never with an
/// exponent; `NaN`, `+Inf` and `-Inf` for the others.
pub fn format_float(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_owned()
    } else if x.is_infinite() {
        if x > 0.0 { "+Inf".to_owned() } else { "-Inf".to_owned() }
    } else {
        // Rust's `Display` for floats is the shortest round-trip decimal without exponent.
        x.to_string()
    }
}

/// The columns and values that all rows of a table share, in column order.
#[derive(Clone, Debug, Default)]
pub struct GroupKey {
    pub columns: Vec<Column>,
    pub values: Vec<Value>,
}

impl PartialEq for GroupKey {
    /// Two keys are equal when they have the same labels, types and values whatever the order
    /// of their columns, nulls equal to nulls, as upstream compares keys.
    fn eq(&self, other: &GroupKey) -> bool {
        self.columns.len() == other.columns.len()
            && self.columns.iter().zip(&self.values).all(|(column, value)| {
                other.columns.iter().position(|c| c.label == column.label).is_some_and(|i| {
                    other.columns[i].ty == column.ty
                        && match (value, &other.values[i]) {
                            (Value::Null, Value::Null) => true,
                            (a, b) => a == b,
                        }
                })
            })
    }
}

impl GroupKey {
    pub fn value(&self, label: &str) -> Option<&Value> {
        self.columns.iter().position(|c| c.label == label).map(|i| &self.values[i])
    }
}

/// A table: its group key, its columns and their data, one arrow array per column.
#[derive(Clone, Debug)]
pub struct Table {
    pub key: GroupKey,
    pub columns: Vec<Column>,
    pub data: Vec<ArrayRef>,
}

impl Table {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.data.first().map_or(0, |a| a.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value in column `col` of row `row`.
    pub fn cell(&self, row: usize, col: usize) -> Value {
        cell(&self.data[col], self.columns[col].ty, row)
    }

    pub fn column_index(&self, label: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.label == label)
    }

    /// A table with these columns and no rows.
    pub fn empty(key: GroupKey, columns: Vec<Column>) -> Table {
        let data = columns.iter().map(|c| ColumnBuilder::new(c.ty).finish()).collect();
        Table { key, columns, data }
    }

    /// A table built row by row; a cell of the wrong type is an error naming its column.
    pub fn from_rows<R: AsRef<[Value]>>(
        key: GroupKey,
        columns: Vec<Column>,
        rows: impl IntoIterator<Item = R>,
    ) -> Result<Table, String> {
        let mut builders: Vec<ColumnBuilder> = columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
        for row in rows {
            let row = row.as_ref();
            for (i, (builder, column)) in builders.iter_mut().zip(&columns).enumerate() {
                builder
                    .append(row.get(i).unwrap_or(&Value::Null))
                    .map_err(|e| format!("column `{}`: {e}", column.label))?;
            }
        }
        let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
        Ok(Table { key, columns, data })
    }

    /// The cells of one row, in column order.
    pub fn row(&self, row: usize) -> Vec<Value> {
        (0..self.columns.len()).map(|col| self.cell(row, col)).collect()
    }

    /// The cells of one column, top to bottom.
    pub fn column_values(&self, col: usize) -> Vec<Value> {
        (0..self.len()).map(|row| self.cell(row, col)).collect()
    }
}

/// The value at `row` of an array holding a column of type `ty`.
pub fn cell(array: &ArrayRef, ty: ColType, row: usize) -> Value {
    if array.is_null(row) {
        return Value::Null;
    }
    let any = array.as_any();
    match ty {
        ColType::Bool => Value::Bool(any.downcast_ref::<BooleanArray>().expect("a bool column").value(row)),
        ColType::Int => Value::Int(any.downcast_ref::<Int64Array>().expect("an int column").value(row)),
        ColType::UInt => Value::UInt(any.downcast_ref::<UInt64Array>().expect("a uint column").value(row)),
        ColType::Float => Value::Float(any.downcast_ref::<Float64Array>().expect("a float column").value(row)),
        ColType::String => Value::String(any.downcast_ref::<StringArray>().expect("a string column").value(row).into()),
        ColType::Time => Value::Time(any.downcast_ref::<TimestampNanosecondArray>().expect("a time column").value(row)),
    }
}

/// Builds one column, value by value.
pub enum ColumnBuilder {
    Bool(BooleanBuilder),
    Int(Int64Builder),
    UInt(UInt64Builder),
    Float(Float64Builder),
    String(StringBuilder),
    Time(TimestampNanosecondBuilder),
}

impl ColumnBuilder {
    pub fn new(ty: ColType) -> ColumnBuilder {
        match ty {
            ColType::Bool => ColumnBuilder::Bool(BooleanBuilder::new()),
            ColType::Int => ColumnBuilder::Int(Int64Builder::new()),
            ColType::UInt => ColumnBuilder::UInt(UInt64Builder::new()),
            ColType::Float => ColumnBuilder::Float(Float64Builder::new()),
            ColType::String => ColumnBuilder::String(StringBuilder::new()),
            ColType::Time => ColumnBuilder::Time(TimestampNanosecondBuilder::new()),
        }
    }

    pub fn append_null(&mut self) {
        match self {
            ColumnBuilder::Bool(b) => b.append_null(),
            ColumnBuilder::Int(b) => b.append_null(),
            ColumnBuilder::UInt(b) => b.append_null(),
            ColumnBuilder::Float(b) => b.append_null(),
            ColumnBuilder::String(b) => b.append_null(),
            ColumnBuilder::Time(b) => b.append_null(),
        }
    }

    /// Appends `value`, which must be null or of the column's type.
    pub fn append(&mut self, value: &Value) -> Result<(), String> {
        match (self, value) {
            (b, Value::Null) => b.append_null(),
            (ColumnBuilder::Bool(b), Value::Bool(v)) => b.append_value(*v),
            (ColumnBuilder::Int(b), Value::Int(v)) => b.append_value(*v),
            (ColumnBuilder::UInt(b), Value::UInt(v)) => b.append_value(*v),
            (ColumnBuilder::Float(b), Value::Float(v)) => b.append_value(*v),
            (ColumnBuilder::String(b), Value::String(v)) => b.append_value(v),
            (ColumnBuilder::Time(b), Value::Time(v)) => b.append_value(*v),
            (b, v) => return Err(format!("a {} value in a {} column", v.type_name(), b.ty().name())),
        }
        Ok(())
    }

    pub fn ty(&self) -> ColType {
        match self {
            ColumnBuilder::Bool(_) => ColType::Bool,
            ColumnBuilder::Int(_) => ColType::Int,
            ColumnBuilder::UInt(_) => ColType::UInt,
            ColumnBuilder::Float(_) => ColType::Float,
            ColumnBuilder::String(_) => ColType::String,
            ColumnBuilder::Time(_) => ColType::Time,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            ColumnBuilder::Bool(b) => b.len(),
            ColumnBuilder::Int(b) => b.len(),
            ColumnBuilder::UInt(b) => b.len(),
            ColumnBuilder::Float(b) => b.len(),
            ColumnBuilder::String(b) => b.len(),
            ColumnBuilder::Time(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn finish(&mut self) -> ArrayRef {
        match self {
            ColumnBuilder::Bool(b) => Arc::new(b.finish()),
            ColumnBuilder::Int(b) => Arc::new(b.finish()),
            ColumnBuilder::UInt(b) => Arc::new(b.finish()),
            ColumnBuilder::Float(b) => Arc::new(b.finish()),
            ColumnBuilder::String(b) => Arc::new(b.finish()),
            ColumnBuilder::Time(b) => Arc::new(b.finish()),
        }
    }
}

/// The tables of one result, by its name (`_result` unless `yield` names it).
#[derive(Clone, Debug)]
pub struct NamedResult {
    pub name: String,
    pub tables: Vec<Table>,
}

/// The results cut to at most `max_rows` rows in all, in order (the table where the limit
/// falls keeps its first rows; the tables after it are left out), and how many rows there were.
pub fn limit_rows(results: &[NamedResult], max_rows: usize) -> (Vec<NamedResult>, usize) {
    let total = results.iter().flat_map(|r| &r.tables).map(Table::len).sum();
    let mut left = max_rows;
    let mut out = Vec::new();
    for result in results {
        let mut tables = Vec::new();
        for table in &result.tables {
            if left == 0 && !table.is_empty() {
                break;
            }
            let keep = table.len().min(left);
            left -= keep;
            let data = table.data.iter().map(|array| array.slice(0, keep)).collect();
            tables.push(Table { key: table.key.clone(), columns: table.columns.clone(), data });
        }
        out.push(NamedResult { name: result.name.clone(), tables });
    }
    (out, total)
}
