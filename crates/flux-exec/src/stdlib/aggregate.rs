//! Aggregates and selectors: `count`, `sum`, `mean`, `quantile` ... (one row per table, the
//! group key's columns plus the aggregated column) and `first`, `min`, `unique` ... (whole
//! rows of the table), with their `experimental` variants, which upstream registers as the
//! same transformations.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::{Array, Float64Array, Int64Array, TimestampNanosecondArray, UInt64Array};

use super::{Args, Builtin, Failure, stream_of, take_rows};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, GroupKey, Table};
use crate::value::{DictKey, Record, Value};

mod holt_winters;
mod moving;
mod tdigest;

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "experimental", name: "count", run: count },
    Builtin { package: "experimental", name: "distinct", run: distinct },
    Builtin { package: "experimental", name: "first", run: first },
    Builtin { package: "experimental", name: "histogram", run: histogram },
    Builtin { package: "experimental", name: "histogramQuantile", run: histogram_quantile },
    Builtin { package: "experimental", name: "integral", run: integral },
    Builtin { package: "experimental", name: "kaufmansAMA", run: moving::kaufmans_ama },
    Builtin { package: "experimental", name: "last", run: last },
    Builtin { package: "experimental", name: "max", run: max },
    Builtin { package: "experimental", name: "mean", run: mean },
    Builtin { package: "experimental", name: "min", run: min },
    Builtin { package: "experimental", name: "mode", run: mode },
    Builtin { package: "experimental", name: "quantile", run: quantile },
    Builtin { package: "experimental", name: "skew", run: skew },
    Builtin { package: "experimental", name: "spread", run: spread },
    Builtin { package: "experimental", name: "stddev", run: stddev },
    Builtin { package: "experimental", name: "sum", run: sum },
    Builtin { package: "experimental", name: "unique", run: unique },
    Builtin { package: "universe", name: "chandeMomentumOscillator", run: moving::chande_momentum_oscillator },
    Builtin { package: "universe", name: "count", run: count },
    Builtin { package: "universe", name: "cov", run: cov },
    Builtin { package: "universe", name: "covariance", run: covariance },
    Builtin { package: "universe", name: "distinct", run: distinct },
    Builtin { package: "universe", name: "doubleEMA", run: moving::double_ema },
    Builtin { package: "universe", name: "exponentialMovingAverage", run: moving::exponential_moving_average },
    Builtin { package: "universe", name: "first", run: first },
    Builtin { package: "universe", name: "histogram", run: histogram },
    Builtin { package: "universe", name: "histogramQuantile", run: histogram_quantile },
    Builtin { package: "universe", name: "holtWinters", run: holt_winters::holt_winters },
    Builtin { package: "universe", name: "integral", run: integral },
    Builtin { package: "universe", name: "kaufmansAMA", run: moving::kaufmans_ama },
    Builtin { package: "universe", name: "kaufmansER", run: moving::kaufmans_er },
    Builtin { package: "universe", name: "last", run: last },
    Builtin { package: "universe", name: "linearBins", run: linear_bins },
    Builtin { package: "universe", name: "logarithmicBins", run: logarithmic_bins },
    Builtin { package: "universe", name: "max", run: max },
    Builtin { package: "universe", name: "mean", run: mean },
    Builtin { package: "universe", name: "median", run: median },
    Builtin { package: "universe", name: "min", run: min },
    Builtin { package: "universe", name: "mode", run: mode },
    Builtin { package: "universe", name: "movingAverage", run: moving::moving_average },
    Builtin { package: "universe", name: "pearsonr", run: pearsonr },
    Builtin { package: "universe", name: "quantile", run: quantile },
    Builtin { package: "universe", name: "relativeStrengthIndex", run: moving::relative_strength_index },
    Builtin { package: "universe", name: "sample", run: sample },
    Builtin { package: "universe", name: "skew", run: skew },
    Builtin { package: "universe", name: "spread", run: spread },
    Builtin { package: "universe", name: "stddev", run: stddev },
    Builtin { package: "universe", name: "sum", run: sum },
    Builtin { package: "universe", name: "tripleEMA", run: moving::triple_ema },
    Builtin { package: "universe", name: "tripleExponentialDerivative", run: moving::triple_exponential_derivative },
    Builtin { package: "universe", name: "unique", run: unique },
];

/// The `column` argument, `_value` unless given.
fn column_arg(args: &mut Args) -> Result<String, Failure> {
    Ok(args.string("column")?.map_or_else(|| "_value".to_owned(), |s| s.to_string()))
}

/// A table of one row: the group key's values, then `extra` cells.
fn key_row(key: &GroupKey, extra: Vec<(Column, Value)>) -> Result<Table, Failure> {
    let mut columns = key.columns.clone();
    let mut row = key.values.clone();
    for (column, value) in extra {
        columns.push(column);
        row.push(value);
    }
    Ok(Table::from_rows(key.clone(), columns, [row])?)
}

/// The array of column `col`, as the type its column declares.
pub(super) fn array<T: 'static>(table: &Table, col: usize) -> Result<&T, Failure> {
    table.data[col].as_any().downcast_ref::<T>().ok_or_else(|| {
        Failure::from(format!(
            "column \"{}\" does not hold {} values",
            table.columns[col].label,
            table.columns[col].ty.name()
        ))
    })
}

/// The values of a numeric column as floats, nulls as `None`.
pub(super) fn float_cells(table: &Table, col: usize) -> Result<Vec<Option<f64>>, Failure> {
    Ok(match table.columns[col].ty {
        ColType::Float => array::<Float64Array>(table, col)?.iter().collect(),
        ColType::Int => array::<Int64Array>(table, col)?.iter().map(|v| v.map(|v| v as f64)).collect(),
        ColType::UInt => array::<UInt64Array>(table, col)?.iter().map(|v| v.map(|v| v as f64)).collect(),
        other => return Err(unsupported(other)),
    })
}

fn unsupported(ty: ColType) -> Failure {
    Failure::from(format!("unsupported aggregate column type {}", ty.name()))
}

/// Runs an aggregate over each table's `column`: `f` gives the result's type and value.
fn aggregate_each(
    args: &mut Args,
    f: impl Fn(&Table, usize) -> Result<(ColType, Value), Failure>,
) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let label = column_arg(args)?;
    aggregate_tables(&stream.tables, &label, f)
}

fn aggregate_tables(
    tables: &[Table],
    label: &str,
    f: impl Fn(&Table, usize) -> Result<(ColType, Value), Failure>,
) -> Result<Value, Failure> {
    let mut out = Vec::with_capacity(tables.len());
    for table in tables {
        let col =
            table.column_index(label).ok_or_else(|| Failure::from(format!("column \"{label}\" does not exist")))?;
        if table.key.value(label).is_some() {
            return Err("cannot aggregate columns that are part of the group key".into());
        }
        let (ty, value) = f(table, col)?;
        out.push(key_row(&table.key, vec![(Column::new(label, ty), value)])?);
    }
    Ok(stream_of(out))
}

/// `count(column:)`: the number of rows, nulls included.
fn count(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    aggregate_each(args, |table, _| Ok((ColType::Int, Value::Int(table.len() as i64))))
}

/// `sum(column:)`: the sum of the non-null values (wrapping as upstream's integers do); null
/// when there are none.
fn sum(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    aggregate_each(args, |table, col| {
        let ty = table.columns[col].ty;
        let value = match ty {
            ColType::Int => {
                let a = array::<Int64Array>(table, col)?;
                let mut it = a.iter().flatten().peekable();
                if it.peek().is_none() { Value::Null } else { Value::Int(it.fold(0, i64::wrapping_add)) }
            }
            ColType::UInt => {
                let a = array::<UInt64Array>(table, col)?;
                let mut it = a.iter().flatten().peekable();
                if it.peek().is_none() { Value::Null } else { Value::UInt(it.fold(0, u64::wrapping_add)) }
            }
            ColType::Float => {
                let a = array::<Float64Array>(table, col)?;
                let mut it = a.iter().flatten().peekable();
                if it.peek().is_none() { Value::Null } else { Value::Float(it.sum()) }
            }
            other => return Err(unsupported(other)),
        };
        Ok((ty, value))
    })
}

/// `mean(column:)`: the average of the non-null values, a float.
fn mean(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    aggregate_each(args, |table, col| {
        fn total(values: impl Iterator<Item = f64>) -> (f64, usize) {
            values.fold((0.0, 0), |(sum, n), v| (sum + v, n + 1))
        }
        let (sum, n) = match table.columns[col].ty {
            ColType::Float => total(array::<Float64Array>(table, col)?.iter().flatten()),
            // Without nulls upstream sums integers as integers (wrapping), then converts.
            ColType::Int => match array::<Int64Array>(table, col)? {
                a if a.null_count() == 0 => (a.values().iter().fold(0i64, |s, v| s.wrapping_add(*v)) as f64, a.len()),
                a => total(a.iter().flatten().map(|v| v as f64)),
            },
            ColType::UInt => match array::<UInt64Array>(table, col)? {
                a if a.null_count() == 0 => (a.values().iter().fold(0u64, |s, v| s.wrapping_add(*v)) as f64, a.len()),
                a => total(a.iter().flatten().map(|v| v as f64)),
            },
            other => return Err(unsupported(other)),
        };
        Ok((ColType::Float, if n == 0 { Value::Null } else { Value::Float(sum / n as f64) }))
    })
}

/// `spread(column:)`: the largest value less the smallest, in the column's type.
fn spread(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    aggregate_each(args, |table, col| {
        let ty = table.columns[col].ty;
        let value = match ty {
            ColType::Int => {
                let a = array::<Int64Array>(table, col)?;
                match (a.iter().flatten().min(), a.iter().flatten().max()) {
                    (Some(lo), Some(hi)) => Value::Int(hi.wrapping_sub(lo)),
                    _ => Value::Null,
                }
            }
            ColType::UInt => {
                let a = array::<UInt64Array>(table, col)?;
                match (a.iter().flatten().min(), a.iter().flatten().max()) {
                    (Some(lo), Some(hi)) => Value::UInt(hi - lo),
                    _ => Value::Null,
                }
            }
            ColType::Float => {
                let a = array::<Float64Array>(table, col)?;
                let mut range: Option<(f64, f64)> = None;
                for v in a.iter().flatten() {
                    range = Some(match range {
                        None => (v, v),
                        Some((lo, hi)) => (if v < lo { v } else { lo }, if v > hi { v } else { hi }),
                    });
                }
                range.map_or(Value::Null, |(lo, hi)| Value::Float(hi - lo))
            }
            other => return Err(unsupported(other)),
        };
        Ok((ty, value))
    })
}

/// `stddev(column:, mode: "sample")`: Welford's running mean and squares, as upstream
/// computes them (so that results agree to the last bit).
fn stddev(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let sample = match args.string("mode")?.as_deref() {
        None | Some("sample") => true,
        Some("population") => false,
        Some(other) => return Err(format!("\"{other}\" is not a valid standard deviation mode").into()),
    };
    aggregate_each(args, |table, col| {
        let (mut n, mut mean, mut m2) = (0.0f64, 0.0, 0.0);
        for v in float_cells(table, col)?.into_iter().flatten() {
            n += 1.0;
            let delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
        }
        if n == 0.0 {
            return Ok((ColType::Float, Value::Null));
        }
        let divisor = if sample { n - 1.0 } else { n };
        Ok((ColType::Float, Value::Float(if divisor < 1.0 { f64::NAN } else { (m2 / divisor).sqrt() })))
    })
}

/// `skew(column:)`: the skewness from running central moments, as upstream.
fn skew(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    aggregate_each(args, |table, col| {
        let (mut n, mut m1, mut m2, mut m3) = (0.0f64, 0.0, 0.0, 0.0);
        for v in float_cells(table, col)?.into_iter().flatten() {
            let n0 = n;
            n += 1.0;
            let delta = v - m1;
            let delta_n = delta / n;
            let t = delta * delta_n * n0;
            m3 += t * delta_n * (n - 2.0) - 3.0 * delta_n * m2;
            m2 += t;
            m1 += delta_n;
        }
        let value = if n == 0.0 {
            Value::Null
        } else if n < 2.0 {
            Value::Float(f64::NAN)
        } else {
            Value::Float(n.sqrt() * m3 / m2.powf(1.5))
        };
        Ok((ColType::Float, value))
    })
}

/// The quantile methods.
#[derive(Clone, Copy, PartialEq)]
enum Method {
    Tdigest,
    ExactMean,
    ExactSelector,
}

/// `quantile(q:, method:, compression:, column:)`.
fn quantile(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let q = args.float("q")?.ok_or("missing required argument `q`")?;
    quantile_with(evaluator, args, q)
}

/// `median(...)`: the 0.5 quantile.
fn median(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    quantile_with(evaluator, args, 0.5)
}

fn quantile_with(_: &Evaluator, args: &mut Args, q: f64) -> Result<Value, Failure> {
    if !(0.0..=1.0).contains(&q) {
        return Err("quantile must be between 0 and 1".into());
    }
    let method = match args.string("method")?.as_deref() {
        None | Some("estimate_tdigest") => Method::Tdigest,
        Some("exact_mean") => Method::ExactMean,
        Some("exact_selector") => Method::ExactSelector,
        Some(other) => return Err(format!("unknown method {other}").into()),
    };
    let mut compression = args.float("compression")?.unwrap_or(0.0);
    if compression > 0.0 && method != Method::Tdigest {
        return Err("compression parameter is only valid for method estimate_tdigest".into());
    }
    if compression == 0.0 {
        compression = 1000.0;
    }
    if method == Method::ExactSelector {
        return select_each(args, |table, col| {
            let mut rows: Vec<(usize, Value)> = (0..table.len())
                .map(|row| (row, table.cell(row, col)))
                .filter(|(_, v)| !matches!(v, Value::Null))
                .collect();
            if rows.is_empty() {
                return Ok(Selected::KeyOnly);
            }
            rows.sort_by(|a, b| super::compare_values(&a.1, &b.1));
            let index = (q * rows.len() as f64).ceil() as usize;
            Ok(Selected::Rows(vec![rows[index.saturating_sub(1).min(rows.len() - 1)].0]))
        });
    }
    aggregate_each(args, |table, col| {
        let ty = table.columns[col].ty;
        if method == Method::ExactMean && ty != ColType::Float {
            return Err(unsupported(ty));
        }
        let mut values: Vec<f64> = float_cells(table, col)?.into_iter().flatten().collect();
        if values.is_empty() {
            return Ok((ColType::Float, Value::Null));
        }
        let value = match method {
            Method::ExactMean => {
                values.sort_by(f64::total_cmp);
                let x = q * (values.len() - 1) as f64;
                let (x0, x1) = (x.floor(), x.ceil());
                let (y0, y1) = (values[x0 as usize], values[x1 as usize]);
                if x0 == x1 { y0 } else { y0 * (x1 - x) + y1 * (x - x0) }
            }
            _ => {
                let mut digest = tdigest::TDigest::new(compression);
                for v in values {
                    digest.add(v);
                }
                digest.quantile(q)
            }
        };
        Ok((ColType::Float, Value::Float(value)))
    })
}

/// What a selector picked from a table.
enum Selected {
    Rows(Vec<usize>),
    /// No row: one row of the key's values and nulls (`quantile`'s exact selector).
    KeyOnly,
}

/// Runs a selector over each table's `column`, keeping the rows it picks whole.
fn select_each(args: &mut Args, pick: impl Fn(&Table, usize) -> Result<Selected, Failure>) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let label = column_arg(args)?;
    let mut out = Vec::with_capacity(stream.tables.len());
    for table in &stream.tables {
        let col = table.column_index(&label).ok_or_else(|| Failure::from(format!("no column \"{label}\" exists")))?;
        out.push(match pick(table, col)? {
            Selected::Rows(rows) => take_rows(table, &rows)?,
            Selected::KeyOnly => {
                let row: Vec<Value> =
                    table.columns.iter().map(|c| table.key.value(&c.label).cloned().unwrap_or(Value::Null)).collect();
                Table::from_rows(table.key.clone(), table.columns.clone(), [row])?
            }
        });
    }
    Ok(stream_of(out))
}

/// `first(column:)`: the first row whose `column` is not null.
fn first(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    select_each(args, |table, col| {
        let a = &table.data[col];
        Ok(Selected::Rows((0..a.len()).find(|&i| a.is_valid(i)).into_iter().collect()))
    })
}

/// `last(column:)`: the last row whose `column` is not null.
fn last(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    select_each(args, |table, col| {
        let a = &table.data[col];
        Ok(Selected::Rows((0..a.len()).rev().find(|&i| a.is_valid(i)).into_iter().collect()))
    })
}

/// `min(column:)`: the first row with the smallest value.
fn min(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    select_each(args, |table, col| extreme(table, col, false))
}

/// `max(column:)`: the first row with the largest value.
fn max(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    select_each(args, |table, col| extreme(table, col, true))
}

/// The first row whose value is larger (`largest`) or smaller than every earlier one; a NaN
/// never is.
fn extreme(table: &Table, col: usize, largest: bool) -> Result<Selected, Failure> {
    fn pick<T: Copy + PartialOrd>(values: impl Iterator<Item = Option<T>>, largest: bool) -> Option<usize> {
        let mut best: Option<(usize, T)> = None;
        for (i, v) in values.enumerate() {
            if let Some(v) = v
                && best.is_none_or(|(_, b)| if largest { v > b } else { v < b })
            {
                best = Some((i, v));
            }
        }
        best.map(|(i, _)| i)
    }
    let row = match table.columns[col].ty {
        ColType::Int => pick(array::<Int64Array>(table, col)?.iter(), largest),
        ColType::UInt => pick(array::<UInt64Array>(table, col)?.iter(), largest),
        ColType::Time => pick(array::<TimestampNanosecondArray>(table, col)?.iter(), largest),
        ColType::Float => pick(array::<Float64Array>(table, col)?.iter(), largest),
        other => {
            let selector = if largest { "MaxSelector" } else { "MinSelector" };
            return Err(format!(
                "invalid use of function: *universe.{selector} has no implementation for type {}",
                other.name()
            )
            .into());
        }
    };
    Ok(Selected::Rows(row.into_iter().collect()))
}

/// `unique(column:)`: the rows whose value (null included) has not appeared before.
fn unique(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    select_each(args, |table, col| {
        let mut seen: std::collections::BTreeSet<Option<DictKey>> = std::collections::BTreeSet::new();
        let rows = (0..table.len()).filter(|&row| seen.insert(DictKey::of(&table.cell(row, col)))).collect();
        Ok(Selected::Rows(rows))
    })
}

/// `sample(n:, pos: -1, column:)`: every `n`th row from `pos` (random when negative).
fn sample(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let n = args.int("n")?.ok_or("missing required argument `n`")?;
    if n <= 0 {
        return Err(format!("n must be a positive integer, but was {n}").into());
    }
    let pos = args.int("pos")?.unwrap_or(-1);
    if pos >= n {
        return Err(format!("pos must be less than n, but {pos} >= {n}").into());
    }
    let step = n as usize;
    select_each(args, |table, _| {
        let start = if pos < 0 { random_below(step) } else { pos as usize };
        Ok(Selected::Rows((start..table.len()).step_by(step).collect()))
    })
}

/// A number in `0..n`, from the standard library's randomly keyed hasher (no generator
/// crate needed for one draw per table).
fn random_below(n: usize) -> usize {
    use std::hash::{BuildHasher, Hasher};
    let bits = std::collections::hash_map::RandomState::new().build_hasher().finish();
    (bits % n as u64) as usize
}

/// `mode(column:)`: the most frequent non-null values, sorted, in `_value`; one null when
/// every value is as frequent as the others.
fn mode(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let label = column_arg(args)?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let Some(col) = table.column_index(&label) else {
            out.push(key_row(&table.key, vec![(Column::new("_value", ColType::String), Value::string(""))])?);
            continue;
        };
        let column = Column::new("_value", table.columns[col].ty);
        if let Some(value) = table.key.value(&label) {
            out.push(key_row(&table.key, vec![(column, value.clone())])?);
            continue;
        }
        let mut counts: BTreeMap<DictKey, u64> = BTreeMap::new();
        for row in 0..table.len() {
            if let Some(key) = DictKey::of(&table.cell(row, col)) {
                *counts.entry(key).or_default() += 1;
            }
        }
        let most = counts.values().copied().max().unwrap_or(0);
        let mut modes: Vec<DictKey> = counts.iter().filter(|(_, n)| **n == most).map(|(k, _)| k.clone()).collect();
        let values: Vec<Value> = if modes.len() == counts.len() {
            vec![Value::Null]
        } else {
            modes.sort();
            modes.iter().map(DictKey::to_value).collect()
        };
        out.push(key_value_rows(&table.key, column, values)?);
    }
    Ok(stream_of(out))
}

/// A table of the key's values and one more column, a row per value.
fn key_value_rows(key: &GroupKey, column: Column, values: Vec<Value>) -> Result<Table, Failure> {
    let mut columns = key.columns.clone();
    columns.push(column);
    let rows = values.into_iter().map(|v| {
        let mut row = key.values.clone();
        row.push(v);
        row
    });
    Ok(Table::from_rows(key.clone(), columns, rows)?)
}

/// `distinct(column:)`: each value (null once) in the order met, in `_value`, with the key.
fn distinct(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let label = column_arg(args)?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let Some(col) = table.column_index(&label) else {
            out.push(key_row(&table.key, vec![(Column::new("_value", ColType::String), Value::string(""))])?);
            continue;
        };
        let column = Column::new("_value", table.columns[col].ty);
        if let Some(value) = table.key.value(&label) {
            out.push(key_row(&table.key, vec![(column, value.clone())])?);
            continue;
        }
        let mut seen: std::collections::BTreeSet<Option<DictKey>> = std::collections::BTreeSet::new();
        let values = (0..table.len()).map(|row| table.cell(row, col)).filter(|v| seen.insert(DictKey::of(v))).collect();
        out.push(key_value_rows(&table.key, column, values)?);
    }
    Ok(stream_of(out))
}

/// The nanoseconds of a duration argument (months left out, as Go's `Duration()` does).
fn nanos_arg(args: &mut Args, name: &str) -> Result<Option<i64>, Failure> {
    match args.take(name) {
        None => Ok(None),
        Some(Value::Duration(d)) => Ok(Some(d.signed_nanos())),
        Some(other) => Err(format!("`{name}` must be a duration, not a {}", other.type_name()).into()),
    }
}

/// `integral(column:, unit: 1s, interpolate: "", timeColumn:)`: the area under the curve
/// by the trapezoidal rule, per `unit`; with `interpolate: "linear"` the curve is extended
/// to the table's `_start` and `_stop`.
fn integral(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let label = column_arg(args)?;
    let unit = nanos_arg(args, "unit")?.unwrap_or(1_000_000_000) as f64;
    let interpolate = args.string("interpolate")?.as_deref() == Some("linear");
    let time_label = args.string("timeColumn")?.map_or_else(|| "_time".to_owned(), |s| s.to_string());
    let mut out = Vec::new();
    for table in &stream.tables {
        let bound = |name: &str| match table.key.value(name) {
            Some(Value::Time(t)) => Ok(*t),
            _ => Err(Failure::from(format!("integral function needs {name} column to be part of group key"))),
        };
        let (start, stop) = (bound("_start")?, bound("_stop")?);
        let col =
            table.column_index(&label).ok_or_else(|| Failure::from(format!("column \"{label}\" does not exist")))?;
        if table.key.value(&label).is_some() {
            return Err("cannot aggregate columns that are part of the group key".into());
        }
        let ty = table.columns[col].ty;
        if !matches!(ty, ColType::Float | ColType::Int | ColType::UInt) {
            return Err(format!("cannot perform integral over {}", ty.name()).into());
        }
        let time_col = table
            .column_index(&time_label)
            .ok_or_else(|| Failure::from(format!("no column \"{time_label}\" exists")))?;
        let times = array::<TimestampNanosecondArray>(table, time_col)?;
        if times.null_count() > 0 {
            return Err("integral found null time in time column".into());
        }
        let values = float_cells(table, col)?;
        let mut points: Vec<(i64, f64)> = Vec::new();
        let mut previous: Option<i64> = None;
        for (i, value) in values.iter().enumerate() {
            let t = times.value(i);
            match previous {
                Some(p) if p > t => return Err("integral found out-of-order times in time column".into()),
                // Only the first row of a repeated time counts.
                Some(p) if p == t => continue,
                _ => {}
            }
            previous = Some(t);
            if let Some(v) = value {
                points.push((t, *v));
            }
        }
        let area = match points.as_slice() {
            [] => 0.0,
            [(_, v)] if interpolate => v * (stop as f64 - start as f64) / unit,
            [_] => 0.0,
            [(t0, v0), (t1, v1), ..] => {
                let mut total = 0.0;
                for pair in points.windows(2) {
                    let ((ta, va), (tb, vb)) = (pair[0], pair[1]);
                    total += 0.5 * (va + vb) * (tb - ta) as f64 / unit;
                }
                if interpolate {
                    if start < *t0 {
                        let slope = (v1 - v0) / (t1 - t0) as f64;
                        let y = v0 - slope * (t0 - start) as f64;
                        total += 0.5 * (y + v0) * (t0 - start) as f64 / unit;
                    }
                    let n = points.len();
                    let ((ta, va), (tb, vb)) = (points[n - 2], points[n - 1]);
                    let slope = (vb - va) / (tb - ta) as f64;
                    let y = vb + slope * (stop - tb) as f64;
                    total += 0.5 * (y + vb) * (stop - tb) as f64 / unit;
                }
                total
            }
        };
        out.push(key_row(&table.key, vec![(Column::new(label.clone(), ColType::Float), Value::Float(area))])?);
    }
    Ok(stream_of(out))
}

/// The floats of an array argument.
fn floats_arg(value: Value, name: &str) -> Result<Vec<f64>, Failure> {
    let Value::Array(items) = value else {
        return Err(format!("`{name}` must be an array of floats, not a {}", value.type_name()).into());
    };
    items
        .iter()
        .map(|v| match v {
            Value::Float(x) => Ok(*x),
            other => Err(Failure::from(format!("`{name}` must hold floats, not a {}", other.type_name()))),
        })
        .collect()
}

/// `histogram(bins:, column:, upperBoundColumn: "le", countColumn: "_value", normalize:)`:
/// per table, the cumulative count of values at or below each (sorted) bin bound.
fn histogram(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let label = column_arg(args)?;
    let bound_label = args.string("upperBoundColumn")?.map_or_else(|| "le".to_owned(), |s| s.to_string());
    let count_label = args.string("countColumn")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let mut bins = floats_arg(args.required("bins")?, "bins")?;
    bins.sort_by(f64::total_cmp);
    let normalize = args.bool("normalize")?.unwrap_or(false);
    let mut out = Vec::new();
    for table in &stream.tables {
        let col = table.column_index(&label).ok_or_else(|| Failure::from(format!("column \"{label}\" is missing")))?;
        if table.columns[col].ty != ColType::Float {
            return Err(format!("column \"{label}\" must be a float got {}", table.columns[col].ty.name()).into());
        }
        let mut counts = vec![0.0f64; bins.len()];
        let mut total_rows = 0.0;
        for v in array::<Float64Array>(table, col)?.iter().flatten() {
            total_rows += 1.0;
            let i = bins.partition_point(|b| v > *b);
            let Some(slot) = counts.get_mut(i) else {
                return Err(format!("found value greater than any bin, {v}").into());
            };
            *slot += 1.0;
        }
        let mut columns = table.key.columns.clone();
        columns.push(Column::new(bound_label.clone(), ColType::Float));
        columns.push(Column::new(count_label.clone(), ColType::Float));
        let mut running = 0.0;
        let mut rows = Vec::with_capacity(bins.len());
        for (bound, n) in bins.iter().zip(&counts) {
            running += n;
            let mut row = table.key.values.clone();
            row.push(Value::Float(*bound));
            row.push(Value::Float(if normalize { running / total_rows } else { running }));
            rows.push(row);
        }
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

/// `linearBins(start:, width:, count:, infinity: true)`.
fn linear_bins(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let start = args.float("start")?.ok_or("start is required")?;
    let width = args.float("width")?.ok_or("width is required")?;
    bins(args, start, |b| b + width)
}

/// `logarithmicBins(start:, factor:, count:, infinity: true)`.
fn logarithmic_bins(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let start = args.float("start")?.ok_or("start is required")?;
    let factor = args.float("factor")?.ok_or("factor is required")?;
    bins(args, start, |b| b * factor)
}

/// More bins than this is taken as a mistake rather than allocated.
const MAX_BINS: usize = 10_000_000;

fn bins(args: &mut Args, start: f64, next: impl Fn(f64) -> f64) -> Result<Value, Failure> {
    let count = args.int("count")?.ok_or("count is required")?;
    let infinity = args.bool("infinity")?.unwrap_or(true);
    let count = usize::try_from(count).map_err(|_| "count must not be negative")?;
    if count > MAX_BINS {
        return Err(format!("count must be at most {MAX_BINS}").into());
    }
    let mut out = Vec::with_capacity(count + 1);
    let mut bound = start;
    for _ in 0..count {
        out.push(Value::Float(bound));
        bound = next(bound);
    }
    if infinity {
        out.push(Value::Float(f64::INFINITY));
    }
    Ok(Value::Array(Arc::new(out)))
}

/// `histogramQuantile(quantile:, countColumn:, upperBoundColumn:, valueColumn:, minValue:,
/// onNonmonotonic:)`: the quantile of a cumulative histogram, interpolated linearly
/// between bucket bounds.
fn histogram_quantile(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let q = args.float("quantile")?.ok_or("missing required argument `quantile`")?;
    let count_label = args.string("countColumn")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let bound_label = args.string("upperBoundColumn")?.map_or_else(|| "le".to_owned(), |s| s.to_string());
    let value_label = args.string("valueColumn")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let min_value = args.float("minValue")?.unwrap_or(0.0);
    let on_nonmonotonic = args.string("onNonmonotonic")?.map_or_else(|| "error".to_owned(), |s| s.to_string());
    if !matches!(on_nonmonotonic.as_str(), "error" | "force" | "drop") {
        return Err("value provided to histogramQuantile parameter onNonmonotonic is invalid; must be one of \"error\", \"force\" or \"drop\"".into());
    }
    let mut out = Vec::new();
    for table in &stream.tables {
        let float_column = |label: &str, what: &str| -> Result<Vec<Option<f64>>, Failure> {
            let col = table
                .column_index(label)
                .ok_or_else(|| Failure::from(format!("table is missing {what} column \"{label}\"")))?;
            if table.columns[col].ty != ColType::Float {
                return Err(format!("{what} column \"{label}\" must be of type float").into());
            }
            Ok(array::<Float64Array>(table, col)?.iter().collect())
        };
        let counts = float_column(&count_label, "count")?;
        let bounds = float_column(&bound_label, "upper bound")?;
        let mut cdf = Vec::with_capacity(counts.len());
        for (count, bound) in counts.into_iter().zip(bounds) {
            let count = count.ok_or("unexpected null in the countColumn")?;
            let bound = bound.ok_or("unexpected null in the upperBoundColumn")?;
            cdf.push((bound, count));
        }
        cdf.sort_by(|a, b| a.0.total_cmp(&b.0));
        if cdf.is_empty() {
            return Err("histogram is empty".into());
        }
        let mut monotonic = true;
        let mut previous = 0.0;
        for bucket in cdf.iter_mut() {
            if bucket.1 < previous {
                if on_nonmonotonic == "force" {
                    bucket.1 = previous;
                } else {
                    monotonic = false;
                    break;
                }
            } else {
                previous = bucket.1;
            }
        }
        if !monotonic {
            if on_nonmonotonic == "drop" {
                continue;
            }
            return Err("histogram records counts are not monotonic".into());
        }
        let value = histogram_rank(&cdf, q, min_value);
        out.push(key_row(&table.key, vec![(Column::new(value_label.clone(), ColType::Float), value)])?);
    }
    Ok(stream_of(out))
}

/// The quantile `q` of sorted cumulative buckets `(upper bound, count)`.
fn histogram_rank(cdf: &[(f64, f64)], q: f64, min_value: f64) -> Value {
    let total = cdf[cdf.len() - 1].1;
    if total == 0.0 {
        return Value::Null;
    }
    let rank = q * total;
    let rank_index = cdf.iter().rposition(|b| rank >= b.1);
    let (lower_count, lower_bound, upper_count, upper_bound) = match rank_index {
        None => (0.0, min_value, cdf[0].1, cdf[0].0),
        Some(i) if i == cdf.len() - 1 => return Value::Float(cdf[i].0),
        Some(i) => (cdf[i].1, cdf[i].0, cdf[i + 1].1, cdf[i + 1].0),
    };
    if rank == lower_count {
        return Value::Float(lower_bound);
    }
    if lower_bound == f64::NEG_INFINITY {
        return Value::Float(upper_bound);
    }
    if upper_bound == f64::INFINITY {
        return Value::Float(lower_bound);
    }
    let scale = (rank - lower_count) / (upper_count - lower_count);
    Value::Float(lower_bound + (upper_bound - lower_bound) * scale)
}

/// `covariance(columns:, pearsonr: false, valueDst: "_value")`.
fn covariance(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let columns = super::strings(args.required("columns")?, "columns")?;
    let pearsonr = args.bool("pearsonr")?.unwrap_or(false);
    let dst = args.string("valueDst")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    covariance_of(&stream.tables, &columns, pearsonr, &dst)
}

fn covariance_of(tables: &[Table], columns: &[String], pearsonr: bool, dst: &str) -> Result<Value, Failure> {
    let [x_label, y_label] = columns else {
        return Err("must provide exactly two columns".into());
    };
    let mut out = Vec::new();
    for table in tables {
        let find = |label: &str| {
            table
                .column_index(label)
                .ok_or_else(|| Failure::from(format!("specified column does not exist in table: {label}")))
        };
        let (x, y) = (find(x_label)?, find(y_label)?);
        if table.columns[x].ty != table.columns[y].ty {
            return Err("cannot compute the covariance between different types".into());
        }
        if table.columns[x].ty != ColType::Float {
            return Err(format!("covariance does not support {}", table.columns[x].ty.name()).into());
        }
        let (xs, ys) = (array::<Float64Array>(table, x)?, array::<Float64Array>(table, y)?);
        let (mut n, mut xm, mut ym, mut xm2, mut ym2, mut xym2) = (0.0f64, 0.0, 0.0, 0.0, 0.0, 0.0);
        for (xv, yv) in xs.iter().zip(ys.iter()) {
            let (Some(xv), Some(yv)) = (xv, yv) else { continue };
            n += 1.0;
            let (dx, dy) = (xv - xm, yv - ym);
            xm += dx / n;
            ym += dy / n;
            xm2 += dx * (xv - xm);
            ym2 += dy * (yv - ym);
            xym2 += dx * (yv - ym);
        }
        let value = if n < 2.0 {
            f64::NAN
        } else if pearsonr {
            xym2 / (xm2 * ym2).sqrt()
        } else {
            xym2 / (n - 1.0)
        };
        out.push(key_row(&table.key, vec![(Column::new(dst, ColType::Float), Value::Float(value))])?);
    }
    Ok(stream_of(out))
}

/// `cov(x:, y:, on:, pearsonr: false)`: joins the streams on `on`, then `covariance` of the
/// joined `_value_x` and `_value_y`.
fn cov(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let pearsonr = args.bool("pearsonr")?.unwrap_or(false);
    cov_with(evaluator, args, pearsonr)
}

/// `pearsonr(x:, y:, on:)`.
fn pearsonr(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    cov_with(evaluator, args, true)
}

fn cov_with(evaluator: &Evaluator, args: &mut Args, pearsonr: bool) -> Result<Value, Failure> {
    let x = args.required("x")?;
    let y = args.required("y")?;
    let on = args.required("on")?;
    let join = super::lookup("universe", "join").ok_or("`join` of package \"universe\" is not implemented")?;
    let tables = Value::Record(Arc::new(Record { fields: vec![("x".into(), x), ("y".into(), y)] }));
    let mut join_args = Args { named: vec![("tables".into(), tables), ("on".into(), on)], piped: None };
    let Value::Stream(joined) = (join.run)(evaluator, &mut join_args)? else {
        return Err("join did not return a stream".into());
    };
    covariance_of(&joined.tables, &["_value_x".to_owned(), "_value_y".to_owned()], pearsonr, "_value")
}
