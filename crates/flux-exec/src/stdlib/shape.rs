//! Transformations that reshape tables row by row or column by column: pivot, union, fill,
//! set, the running computations (difference, derivative, cumulativeSum, elapsed), timeShift,
//! tail, and the schema tables (keys, columns).

use std::collections::HashMap;
use std::sync::Arc;

use super::{Args, Builtin, Failure, key_text, stream_of, strings, take_rows};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, GroupKey, Table};
use crate::time::add_duration;
use crate::value::{Duration, Value};

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "universe", name: "columns", run: columns },
    Builtin { package: "universe", name: "cumulativeSum", run: cumulative_sum },
    Builtin { package: "universe", name: "derivative", run: derivative },
    Builtin { package: "universe", name: "difference", run: difference },
    Builtin { package: "universe", name: "elapsed", run: elapsed },
    Builtin { package: "universe", name: "fill", run: fill },
    Builtin { package: "universe", name: "keys", run: keys },
    Builtin { package: "universe", name: "keyValues", run: key_values },
    Builtin { package: "experimental", name: "fill", run: experimental_fill },
    Builtin { package: "influxdata/influxdb/secrets", name: "get", run: secret },
    Builtin { package: "universe", name: "pivot", run: pivot },
    Builtin { package: "universe", name: "reduce", run: reduce },
    Builtin { package: "universe", name: "set", run: set },
    Builtin { package: "universe", name: "stateTracking", run: state_tracking },
    Builtin { package: "universe", name: "tail", run: tail },
    Builtin { package: "universe", name: "timeShift", run: time_shift },
    Builtin { package: "universe", name: "union", run: union },
];

fn columns_arg(args: &mut Args, name: &str, default: &[&str]) -> Result<Vec<String>, Failure> {
    match args.take(name) {
        Some(value) => strings(value, name),
        None => Ok(default.iter().map(|s| (*s).to_owned()).collect()),
    }
}

fn duration_arg(args: &mut Args, name: &str) -> Result<Option<Duration>, Failure> {
    match args.take(name) {
        None => Ok(None),
        Some(Value::Duration(d)) => Ok(Some(d)),
        Some(other) => Err(format!("`{name}` must be a duration, not a {}", other.type_name()).into()),
    }
}

/// A unit in nanoseconds, which must be fixed and positive.
fn unit_nanos(unit: Option<Duration>, name: &str) -> Result<f64, Failure> {
    let unit = unit.unwrap_or(Duration::from_nanos(1_000_000_000));
    if unit.months != 0 || unit.negative || unit.nanos == 0 {
        return Err(format!("`{name}` must be a positive duration without months, not {unit}").into());
    }
    Ok(unit.nanos as f64)
}

/// `pivot(rowKey:, columnKey:, valueColumn:)`: one row per distinct row key, one column per
/// distinct column key, holding the value column. Tables whose keys lose the column-key
/// columns are pivoted together; rows and columns come in the order first met.
fn pivot(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let row_key = strings(args.required("rowKey")?, "rowKey")?;
    let column_key = strings(args.required("columnKey")?, "columnKey")?;
    let value_column = args.string("valueColumn")?.ok_or("missing required argument `valueColumn`")?;
    struct Pivoted {
        key: GroupKey,
        /// How many columns come from the input, before the pivoted ones.
        base: usize,
        columns: Vec<Column>,
        rows: Vec<Vec<Value>>,
        row_index: HashMap<String, usize>,
        column_index: HashMap<String, usize>,
    }
    let mut outputs: Vec<Pivoted> = Vec::new();
    for table in &stream.tables {
        for label in &row_key {
            if table.column_index(label).is_none() {
                return Err(format!("specified row key column does not exist in table: {label}").into());
            }
        }
        let value_index = table
            .column_index(&value_column)
            .ok_or_else(|| format!("specified value column does not exist in table: {value_column}"))?;
        let column_key_indices: Vec<usize> = column_key
            .iter()
            .map(|label| {
                table.column_index(label).ok_or_else(|| format!("specified column does not exist in table: {label}"))
            })
            .collect::<Result<_, _>>()?;
        // The columns kept: key columns outside the column key, and the row key's columns.
        let kept: Vec<usize> = (0..table.columns.len())
            .filter(|&i| {
                let label = &table.columns[i].label;
                *label != *value_column
                    && !column_key.contains(label)
                    && (table.key.value(label).is_some() || row_key.contains(label))
            })
            .collect();
        let mut key = GroupKey::default();
        for &i in &kept {
            if let Some(value) = table.key.value(&table.columns[i].label) {
                key.columns.push(table.columns[i].clone());
                key.values.push(value.clone());
            }
        }
        let position = match outputs.iter().position(|o| o.key == key) {
            Some(p) => p,
            None => {
                outputs.push(Pivoted {
                    key,
                    base: kept.len(),
                    columns: kept.iter().map(|&i| table.columns[i].clone()).collect(),
                    rows: Vec::new(),
                    row_index: HashMap::new(),
                    column_index: HashMap::new(),
                });
                outputs.len() - 1
            }
        };
        let out = &mut outputs[position];
        let value_type = table.columns[value_index].ty;
        for row in 0..table.len() {
            let cells = table.row(row);
            // As upstream: the row key's values written one after the other, the column key's
            // joined with `_`.
            let row_label: String =
                row_key.iter().map(|l| pivot_label(&cells[table.column_index(l).expect("checked above")])).collect();
            let column_label: Vec<String> = column_key_indices.iter().map(|&i| pivot_label(&cells[i])).collect();
            let column_label = column_label.join("_");
            let column = match out.column_index.get(&column_label) {
                Some(&c) => c,
                None => {
                    if out.columns.iter().any(|c| c.label == column_label) {
                        return Err(format!(
                            "value \"{column_label}\" appears in a column key column, but a column named \"{column_label}\" already exists; consider renaming \"{column_label}\" to something else before pivoting"
                        )
                        .into());
                    }
                    out.columns.push(Column::new(column_label.clone(), value_type));
                    out.column_index.insert(column_label, out.columns.len() - 1);
                    out.columns.len() - 1
                }
            };
            if out.columns[column].ty != value_type {
                return Err(format!(
                    "column \"{}\" is a {} in one table and a {} in another",
                    out.columns[column].label,
                    out.columns[column].ty.name(),
                    value_type.name()
                )
                .into());
            }
            let r = match out.row_index.get(&row_label) {
                Some(&r) => r,
                None => {
                    // By label: tables pivoted together may order their columns differently.
                    let copied = out.columns[..out.base]
                        .iter()
                        .map(|c| table.column_index(&c.label).map_or(Value::Null, |i| cells[i].clone()));
                    out.rows.push(copied.collect());
                    out.row_index.insert(row_label, out.rows.len() - 1);
                    out.rows.len() - 1
                }
            };
            let row_cells = &mut out.rows[r];
            if row_cells.len() <= column {
                row_cells.resize(column + 1, Value::Null);
            }
            row_cells[column] = cells[value_index].clone();
        }
    }
    let tables =
        outputs.into_iter().map(|o| Table::from_rows(o.key, o.columns, o.rows)).collect::<Result<Vec<_>, _>>()?;
    Ok(stream_of(tables))
}

/// A cell as upstream's pivot names columns and rows after it.
fn pivot_label(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        // Go's `%E` form with the shortest precision.
        Value::Float(x) => go_exponent(*x),
        other => other.to_string(),
    }
}

fn go_exponent(x: f64) -> String {
    if !x.is_finite() {
        return crate::table::format_float(x);
    }
    let formatted = format!("{x:E}");
    let (mantissa, exponent) = formatted.split_once('E').unwrap_or((&formatted, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}E{sign}{:02}", exponent.abs())
}

/// `union(tables:)`: every table of every stream, in order.
fn union(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Value::Array(streams) = args.required("tables")? else { return Err("`tables` must be an array".into()) };
    if streams.len() < 2 {
        return Err("union needs at least two streams".into());
    }
    let mut out = Vec::new();
    for stream in streams.iter() {
        let Value::Stream(stream) = stream else { return Err("`tables` must hold streams of tables".into()) };
        out.extend(stream.tables.iter().cloned());
    }
    Ok(stream_of(out))
}

/// `fill(column:, value:)` or `fill(column:, usePrevious: true)`: nulls replaced.
fn fill(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let label = args.string("column")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let value = args.take("value");
    let use_previous = args.bool("usePrevious")?.unwrap_or(false);
    if value.is_some() == use_previous {
        return Err("give exactly one of `value` and `usePrevious: true`".into());
    }
    let mut out = Vec::new();
    for table in &stream.tables {
        let index = table.column_index(&label);
        if index.is_none() && use_previous {
            out.push(table.clone());
            continue;
        }
        let mut table = table.clone();
        if let Some(k) = table.key.columns.iter().position(|c| c.label == label) {
            // A key column holds one value: fill it only where it is null.
            if !matches!(table.key.values[k], Value::Null) {
                out.push(table);
                continue;
            }
        }
        let mut columns = table.columns.clone();
        let index = match index {
            Some(i) => {
                if let Some(v) = &value
                    && let Some(ty) = ColType::of(v)
                    && ty != columns[i].ty
                {
                    return Err(format!("fill column type mismatch: {}/{}", columns[i].ty.name(), ty.name()).into());
                }
                i
            }
            None => {
                let ty = value.as_ref().and_then(ColType::of).ok_or("`value` must be a basic value")?;
                columns.push(Column::new(label.clone(), ty));
                columns.len() - 1
            }
        };
        let mut previous = Value::Null;
        let rows: Vec<Vec<Value>> = (0..table.len())
            .map(|row| {
                let mut cells = table.row(row);
                cells.resize(columns.len(), Value::Null);
                if matches!(cells[index], Value::Null) {
                    cells[index] = match &value {
                        Some(v) => v.clone(),
                        None => previous.clone(),
                    };
                } else {
                    previous = cells[index].clone();
                }
                cells
            })
            .collect();
        if let Some(k) = table.key.columns.iter().position(|c| c.label == label)
            && let Some(v) = &value
        {
            table.key.values[k] = v.clone();
        }
        out.push(Table::from_rows(table.key, columns, rows)?);
    }
    Ok(stream_of(super::merge_same_keys(out)?))
}

/// `set(key:, value:)`: a string column set to `value` on every row (in the group key too
/// when it is a key column).
fn set(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let label = args.string("key")?.ok_or("missing required argument `key`")?.to_string();
    let value = Value::String(args.string("value")?.ok_or("missing required argument `value`")?);
    let mut out = Vec::new();
    for table in &stream.tables {
        let mut key = table.key.clone();
        if let Some(k) = key.columns.iter().position(|c| c.label == label) {
            key.columns[k].ty = ColType::String;
            key.values[k] = value.clone();
        }
        let mut columns = table.columns.clone();
        let index = match table.column_index(&label) {
            Some(i) => {
                columns[i].ty = ColType::String;
                i
            }
            None => {
                columns.push(Column::new(label.clone(), ColType::String));
                columns.len() - 1
            }
        };
        let width = columns.len();
        let rows: Vec<Vec<Value>> = (0..table.len())
            .map(|row| {
                let mut cells = table.row(row);
                cells.resize(width, Value::Null);
                cells[index] = value.clone();
                cells
            })
            .collect();
        out.push(Table::from_rows(key, columns, rows)?);
    }
    Ok(stream_of(super::merge_same_keys(out)?))
}

/// `difference(columns:, nonNegative:, keepFirst:, initialZero:)`: each value minus the one
/// before it (ints and uints give ints); the first row is dropped unless `keepFirst`.
fn difference(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let listed = columns_arg(args, "columns", &["_value"])?;
    let non_negative = args.bool("nonNegative")?.unwrap_or(false);
    let keep_first = args.bool("keepFirst")?.unwrap_or(false);
    let initial_zero = args.bool("initialZero")?.unwrap_or(false);
    let mut out = Vec::new();
    for table in &stream.tables {
        let mut columns = table.columns.clone();
        let mut differenced = Vec::new();
        for (i, column) in columns.iter_mut().enumerate() {
            if !listed.contains(&column.label) {
                continue;
            }
            column.ty = match column.ty {
                ColType::Int | ColType::UInt => ColType::Int,
                ColType::Float => ColType::Float,
                ColType::Time => {
                    return Err("difference does not support time columns. Try the elapsed function".into());
                }
                other => {
                    return Err(format!(
                        "difference does not support column \"{}\" of type \"{}\"",
                        column.label,
                        other.name()
                    )
                    .into());
                }
            };
            differenced.push(i);
        }
        // Per column: the previous valid value, once one was seen.
        let mut previous: Vec<Option<Value>> = vec![None; columns.len()];
        let mut rows = Vec::with_capacity(table.len());
        for row in 0..table.len() {
            let mut cells = table.row(row);
            for &i in &differenced {
                let current = std::mem::replace(&mut cells[i], Value::Null);
                if matches!(current, Value::Null) {
                    continue;
                }
                let before = previous[i].replace(current.clone());
                cells[i] = match before {
                    None if keep_first && initial_zero => zero_like(&current),
                    None => Value::Null,
                    Some(before) => {
                        let diff = subtract(&current, &before);
                        let negative =
                            matches!(diff, Value::Int(d) if d < 0) || matches!(diff, Value::Float(d) if d < 0.0);
                        if !negative || !non_negative {
                            diff
                        } else if initial_zero && !is_negative(&current) {
                            as_difference(&current)
                        } else {
                            Value::Null
                        }
                    }
                };
            }
            if row > 0 || keep_first {
                rows.push(cells);
            }
        }
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

fn zero_like(value: &Value) -> Value {
    match value {
        Value::Float(_) => Value::Float(0.0),
        _ => Value::Int(0),
    }
}

fn is_negative(value: &Value) -> bool {
    match value {
        Value::Int(i) => *i < 0,
        Value::UInt(u) => (*u as i64) < 0,
        Value::Float(x) => *x < 0.0,
        _ => false,
    }
}

/// A value in a difference column's type (uints become ints).
fn as_difference(value: &Value) -> Value {
    match value {
        Value::UInt(u) => Value::Int(*u as i64),
        other => other.clone(),
    }
}

/// `a - b` as difference computes it: ints and uints wrap to an int, floats subtract.
fn subtract(a: &Value, b: &Value) -> Value {
    match (a, b) {
        (Value::Int(a), Value::Int(b)) => Value::Int(a.wrapping_sub(*b)),
        (Value::UInt(a), Value::UInt(b)) => Value::Int(a.wrapping_sub(*b) as i64),
        (Value::Float(a), Value::Float(b)) => Value::Float(a - b),
        _ => Value::Null,
    }
}

fn as_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Int(i) => Some(*i as f64),
        Value::UInt(u) => Some(*u as f64),
        Value::Float(x) => Some(*x),
        _ => None,
    }
}

/// `derivative(unit:, nonNegative:, columns:, timeColumn:, initialZero:)`: the rate of change
/// of each listed column per `unit`, as floats; the first row is dropped, as are rows whose
/// time repeats the previous one.
fn derivative(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let unit = unit_nanos(duration_arg(args, "unit")?, "unit")?;
    let non_negative = args.bool("nonNegative")?.unwrap_or(false);
    let listed = columns_arg(args, "columns", &["_value"])?;
    let time_column = args.string("timeColumn")?.map_or_else(|| "_time".to_owned(), |s| s.to_string());
    let initial_zero = args.bool("initialZero")?.unwrap_or(false);
    let mut out = Vec::new();
    for table in &stream.tables {
        let time_index =
            table.column_index(&time_column).ok_or_else(|| format!("no column \"{time_column}\" exists"))?;
        if table.columns[time_index].ty != ColType::Time {
            return Err(format!(
                "time column \"{time_column}\" is type {} and not time",
                table.columns[time_index].ty.name()
            )
            .into());
        }
        let mut columns = table.columns.clone();
        let mut derived = Vec::new();
        for (i, column) in columns.iter_mut().enumerate() {
            if listed.contains(&column.label) {
                if !matches!(column.ty, ColType::Int | ColType::UInt | ColType::Float) {
                    return Err(
                        format!("unsupported derivative column type {}:{}", column.label, column.ty.name()).into()
                    );
                }
                column.ty = ColType::Float;
                derived.push(i);
            }
        }
        // Rows whose time does not increase are left out; times must not go back.
        let mut kept = Vec::new();
        let mut last_time: Option<i64> = None;
        for row in 0..table.len() {
            let Value::Time(t) = table.cell(row, time_index) else {
                return Err("derivative found null time in time column".into());
            };
            match last_time {
                Some(last) if t < last => {
                    return Err("derivative found out-of-order times in time column".into());
                }
                Some(last) if t == last => continue,
                _ => {}
            }
            last_time = Some(t);
            kept.push(row);
        }
        // Per column: the time and value of the last valid value.
        let mut previous: Vec<Option<(i64, f64)>> = vec![None; columns.len()];
        let mut rows = Vec::with_capacity(kept.len());
        for (n, &row) in kept.iter().enumerate() {
            let mut cells = table.row(row);
            let Value::Time(t) = cells[time_index] else { continue };
            for &i in &derived {
                let current = as_f64(&cells[i]);
                cells[i] = Value::Null;
                let Some(current) = current else { continue };
                let Some((pt, pv)) = previous[i].replace((t, current)) else { continue };
                if non_negative && pv > current {
                    cells[i] = if initial_zero { Value::Float(0.0) } else { Value::Null };
                } else {
                    cells[i] = Value::Float((current - pv) / ((t - pt) as f64 / unit));
                }
            }
            // The first row only starts the derivative.
            if n > 0 {
                rows.push(cells);
            }
        }
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

/// `cumulativeSum(columns:)`: each listed column's running total (nulls stay null).
fn cumulative_sum(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let listed = columns_arg(args, "columns", &["_value"])?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let summed: Vec<usize> =
            (0..table.columns.len()).filter(|&i| listed.contains(&table.columns[i].label)).collect();
        for &i in &summed {
            if !matches!(table.columns[i].ty, ColType::Int | ColType::UInt | ColType::Float) {
                return Err(format!(
                    "cumulativeSum: column \"{}\" is a {}, not a number",
                    table.columns[i].label,
                    table.columns[i].ty.name()
                )
                .into());
            }
        }
        let mut totals: Vec<Option<Value>> = vec![None; table.columns.len()];
        let rows: Vec<Vec<Value>> = (0..table.len())
            .map(|row| {
                let mut cells = table.row(row);
                for &i in &summed {
                    if matches!(cells[i], Value::Null) {
                        continue;
                    }
                    let total = match (&totals[i], &cells[i]) {
                        (None, v) => v.clone(),
                        (Some(Value::Int(a)), Value::Int(b)) => Value::Int(a.wrapping_add(*b)),
                        (Some(Value::UInt(a)), Value::UInt(b)) => Value::UInt(a.wrapping_add(*b)),
                        (Some(Value::Float(a)), Value::Float(b)) => Value::Float(a + b),
                        (Some(_), v) => v.clone(),
                    };
                    totals[i] = Some(total.clone());
                    cells[i] = total;
                }
                cells
            })
            .collect();
        out.push(Table::from_rows(table.key.clone(), table.columns.clone(), rows)?);
    }
    Ok(stream_of(out))
}

/// `elapsed(unit:, timeColumn:, columnName:)`: the time since the previous row, in units, as
/// a new int column; the first row is dropped.
fn elapsed(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let unit = unit_nanos(duration_arg(args, "unit")?, "unit")? as i64;
    let time_column = args.string("timeColumn")?.map_or_else(|| "_time".to_owned(), |s| s.to_string());
    let column_name = args.string("columnName")?.map_or_else(|| "elapsed".to_owned(), |s| s.to_string());
    let mut out = Vec::new();
    for table in &stream.tables {
        let time_index = table
            .column_index(&time_column)
            .filter(|&i| table.columns[i].ty == ColType::Time)
            .ok_or_else(|| format!("column \"{time_column}\" does not exist or is not a time column"))?;
        let mut columns = table.columns.clone();
        columns.push(Column::new(column_name.clone(), ColType::Int));
        let mut previous: Option<i64> = None;
        let mut rows = Vec::new();
        for row in 0..table.len() {
            let mut cells = table.row(row);
            let Value::Time(t) = cells[time_index] else {
                return Err("elapsed found a null time".into());
            };
            if let Some(p) = previous.replace(t) {
                cells.push(Value::Int((t - p) / unit));
                rows.push(cells);
            }
        }
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

/// `timeShift(duration:, columns:)`: the listed time columns moved by `duration`, in the key too.
fn time_shift(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let shift = duration_arg(args, "duration")?.ok_or("missing required argument `duration`")?;
    let listed = columns_arg(args, "columns", &["_start", "_stop", "_time"])?;
    let shifted = |value: &Value| -> Result<Value, Failure> {
        match value {
            Value::Time(t) => add_duration(*t, &shift)
                .map(Value::Time)
                .ok_or_else(|| Failure::from("the shifted time is outside the times Flux can hold")),
            other => Ok(other.clone()),
        }
    };
    let mut out = Vec::new();
    for table in &stream.tables {
        for label in &listed {
            if let Some(i) = table.column_index(label)
                && table.columns[i].ty != ColType::Time
            {
                return Err(format!("column \"{label}\" is not of type time").into());
            }
        }
        let mut key = table.key.clone();
        for (column, value) in key.columns.iter().zip(key.values.iter_mut()) {
            if listed.contains(&column.label) {
                *value = shifted(value)?;
            }
        }
        let targets: Vec<usize> =
            (0..table.columns.len()).filter(|&i| listed.contains(&table.columns[i].label)).collect();
        let mut rows = Vec::with_capacity(table.len());
        for row in 0..table.len() {
            let mut cells = table.row(row);
            for &i in &targets {
                cells[i] = shifted(&cells[i])?;
            }
            rows.push(cells);
        }
        out.push(Table::from_rows(key, table.columns.clone(), rows)?);
    }
    Ok(stream_of(out))
}

/// `tail(n:, offset:)`: the last `n` rows of each table, after leaving out the last `offset`.
fn tail(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = args.int("n")?.ok_or("missing required argument `n`")?;
    let offset = args.int("offset")?.unwrap_or(0);
    if n < 0 || offset < 0 {
        return Err("`n` and `offset` must not be negative".into());
    }
    let mut out = Vec::new();
    for table in &stream.tables {
        let end = table.len().saturating_sub(offset as usize);
        let start = end.saturating_sub(n as usize);
        let rows: Vec<usize> = (start..end).collect();
        out.push(take_rows(table, &rows)?);
    }
    Ok(stream_of(out))
}

/// `keys(column:)`: per table, its group key's labels, one per row, beside the key's values.
fn keys(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    label_table(args, |table| table.key.columns.iter().map(|c| c.label.clone()).collect())
}

/// `columns(column:)`: per table, its column labels, one per row, beside the key's values.
fn columns(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    label_table(args, |table| table.columns.iter().map(|c| c.label.clone()).collect())
}

fn label_table(args: &mut Args, labels: impl Fn(&Table) -> Vec<String>) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let column = args.string("column")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let mut out: Vec<Table> = Vec::new();
    for table in &stream.tables {
        if out.iter().any(|t| t.key == table.key) {
            return Err(format!("found a second table with the key {}", key_text(&table.key)).into());
        }
        let mut columns = table.key.columns.clone();
        columns.push(Column::new(column.clone(), ColType::String));
        let rows = labels(table).into_iter().map(|label| {
            let mut cells = table.key.values.clone();
            cells.push(Value::String(Arc::from(label.as_str())));
            cells
        });
        out.push(Table::from_rows(table.key.clone(), columns, rows.collect::<Vec<_>>())?);
    }
    Ok(stream_of(out))
}

/// `stateTracking(fn:, countColumn:, durationColumn:, durationUnit: 1s, timeColumn: "_time")`:
/// for each row, how many consecutive rows (and how long, in units) `fn` has held, or -1
/// where it does not hold.
fn state_tracking(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let function = args.function("fn")?.ok_or("missing required argument `fn`")?;
    let count_column = args.string("countColumn")?.map(|s| s.to_string());
    let duration_column = args.string("durationColumn")?.map(|s| s.to_string());
    let unit = unit_nanos(duration_arg(args, "durationUnit")?, "durationUnit")? as i64;
    let time_column = args.string("timeColumn")?.map_or_else(|| "_time".to_owned(), |s| s.to_string());
    if count_column.is_none() && duration_column.is_none() {
        return Err("give `countColumn`, `durationColumn` or both".into());
    }
    let mut out = Vec::new();
    for table in &stream.tables {
        let time_index =
            table.column_index(&time_column).ok_or_else(|| format!("column \"{time_column}\" does not exist"))?;
        let labels: Vec<Arc<str>> = table.columns.iter().map(|c| Arc::from(c.label.as_str())).collect();
        let mut columns = table.columns.clone();
        for label in [&count_column, &duration_column].into_iter().flatten() {
            columns.retain(|c| c.label != *label);
            columns.push(Column::new(label.clone(), ColType::Int));
        }
        let (mut count, mut duration) = (-1i64, -1i64);
        let mut started: Option<i64> = None;
        let mut previous = i64::MIN;
        let mut rows = Vec::with_capacity(table.len());
        for row in 0..table.len() {
            let record = super::row_record(table, &labels, row);
            let holds = match evaluator.apply(&function, vec![("r".into(), record)], None).map_err(Failure::Runtime)? {
                Value::Bool(b) => b,
                Value::Null => false,
                other => return Err(format!("`fn` must return a boolean, not a {}", other.type_name()).into()),
            };
            if duration_column.is_some() {
                let Value::Time(t) = table.cell(row, time_index) else { return Err("got a null timestamp".into()) };
                if t < previous {
                    return Err("got an out-of-order timestamp".into());
                }
                previous = t;
                duration = match (holds, started) {
                    (true, Some(start)) => (t - start) / unit,
                    (true, None) => {
                        started = Some(t);
                        0
                    }
                    (false, _) => {
                        started = None;
                        -1
                    }
                };
            }
            count = if holds { if count > 0 { count + 1 } else { 1 } } else { -1 };
            let mut cells: Vec<Value> = table
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| Some(&c.label) != count_column.as_ref() && Some(&c.label) != duration_column.as_ref())
                .map(|(i, _)| table.cell(row, i))
                .collect();
            if count_column.is_some() {
                cells.push(Value::Int(count));
            }
            if duration_column.is_some() {
                cells.push(Value::Int(duration));
            }
            rows.push(cells);
        }
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

/// `reduce(fn: (r, accumulator) => record, identity:)`: each table folded into one row, its
/// key's values (replaced by the accumulator's where it has them) beside the accumulator's
/// other fields, sorted by label.
fn reduce(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let function = args.function("fn")?.ok_or("missing required argument `fn`")?;
    let identity = args.required("identity")?;
    let mut out: Vec<Table> = Vec::new();
    for table in &stream.tables {
        let labels: Vec<Arc<str>> = table.columns.iter().map(|c| Arc::from(c.label.as_str())).collect();
        let mut accumulator = identity.clone();
        for row in 0..table.len() {
            let record = super::row_record(table, &labels, row);
            let arguments = vec![("r".into(), record), ("accumulator".into(), accumulator)];
            accumulator = evaluator.apply(&function, arguments, None).map_err(Failure::Runtime)?;
        }
        let Value::Record(result) = &accumulator else {
            return Err(format!("`fn` must return a record, not a {}", accumulator.type_name()).into());
        };
        let mut key = table.key.clone();
        for (column, value) in key.columns.iter_mut().zip(key.values.iter_mut()) {
            if let Some(v) = result.get(&column.label) {
                if let Some(ty) = ColType::of(v) {
                    column.ty = ty;
                }
                *value = v.clone();
            }
        }
        if out.iter().any(|t| t.key == key) {
            return Err("two reducers writing result to the same table".into());
        }
        let mut fields: Vec<&(Arc<str>, Value)> =
            result.fields.iter().filter(|(label, _)| key.value(label).is_none()).collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        let mut columns = key.columns.clone();
        let mut cells = key.values.clone();
        for (label, value) in fields {
            let ty = match value {
                Value::Null => {
                    return Err(
                        format!("null values are not supported for \"{label}\" in the reduce() function").into()
                    );
                }
                v => ColType::of(v)
                    .ok_or_else(|| format!("`{label}` would hold a {}, which no column can", v.type_name()))?,
            };
            columns.push(Column::new(label.to_string(), ty));
            cells.push(value.clone());
        }
        out.push(Table::from_rows(key, columns, [cells])?);
    }
    Ok(stream_of(out))
}

/// `keyValues(keyColumns:)`: per table, the distinct values of the listed columns, one row per
/// column and value: its label in `_key`, the value in `_value` (the columns must share a type).
fn key_values(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let listed = columns_arg(args, "keyColumns", &[])?;
    let mut out: Vec<Table> = Vec::new();
    for table in &stream.tables {
        if out.iter().any(|t| t.key == table.key) {
            return Err(format!("found a second table with the key {}", key_text(&table.key)).into());
        }
        let present: Vec<(usize, &String)> =
            listed.iter().filter_map(|label| table.column_index(label).map(|i| (i, label))).collect();
        let Some(&(first, _)) = present.first() else {
            let labels: Vec<&str> = table.columns.iter().map(|c| c.label.as_str()).collect();
            return Err(format!(
                "received table with columns [{}] not having key columns [{}]",
                labels.join(" "),
                listed.join(" ")
            )
            .into());
        };
        let ty = table.columns[first].ty;
        if present.iter().any(|&(i, _)| table.columns[i].ty != ty) {
            return Err("keyColumns must all be the same type".into());
        }
        let mut columns = table.key.columns.clone();
        columns.push(Column::new("_key", ColType::String));
        columns.push(Column::new("_value", ty));
        let mut seen: std::collections::BTreeSet<(String, Option<crate::value::DictKey>)> = Default::default();
        let mut null_seen = false;
        let mut rows = Vec::new();
        for row in 0..table.len() {
            for &(i, label) in &present {
                let value = table.cell(row, i);
                // One null in all, as upstream counts nulls once for the table.
                let new = match crate::value::DictKey::of(&value) {
                    None => !std::mem::replace(&mut null_seen, true),
                    Some(key) => seen.insert((label.clone(), Some(key))),
                };
                if new {
                    let mut cells = table.key.values.clone();
                    cells.push(Value::string(label));
                    cells.push(value);
                    rows.push(cells);
                }
            }
        }
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

/// `experimental.fill(value:)` or `(usePrevious:)`: `fill` on `_value`.
fn experimental_fill(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    args.named.push(("column".into(), Value::string("_value")));
    fill(evaluator, args)
}

/// `secrets.get(key:)`: the secret from the run's secret store.
fn secret(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let key = args.string("key")?.ok_or("missing required argument `key`")?;
    match evaluator.secret(&key) {
        Some(value) => Ok(Value::string(&value)),
        None if evaluator.has_secrets() => Err(format!("secret key \"{key}\" not found").into()),
        None => Err("no secret store is configured for this run".into()),
    }
}
