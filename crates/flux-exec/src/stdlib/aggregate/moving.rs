//! Moving averages and momentum indicators: each output row is an input row with its value
//! column replaced by a float computed over the rows before it.

use super::float_cells;
use crate::eval::Evaluator;
use crate::stdlib::{Args, Failure, stream_of, strings};
use crate::table::{ColType, ColumnBuilder, Table};
use crate::value::Value;

/// The required period `n`, which must be positive.
fn period(args: &mut Args, what: &str) -> Result<usize, Failure> {
    let n = args.int("n")?.ok_or("missing required argument `n`")?;
    if n <= 0 {
        return Err(format!("cannot take {what} with a period of {n} (must be greater than 0)").into());
    }
    usize::try_from(n).map_err(|_| Failure::from("the period is too large"))
}

/// The index of the numeric column `label`, checked as upstream checks it.
fn numeric_column(table: &Table, label: &str, what: &str) -> Result<usize, Failure> {
    let col = table.column_index(label).ok_or_else(|| Failure::from(format!("cannot find {label} column")))?;
    let ty = table.columns[col].ty;
    if !matches!(ty, ColType::Int | ColType::UInt | ColType::Float) {
        return Err(format!("cannot take {what} of column {label} (type {})", ty.name()).into());
    }
    Ok(col)
}

/// A table of the input's rows `rows` (by index), the columns `computed` (by index)
/// replaced by floats.
fn derived_table(table: &Table, rows: &[usize], computed: &[(usize, Vec<Option<f64>>)]) -> Result<Table, Failure> {
    let mut columns = table.columns.clone();
    for (col, _) in computed {
        columns[*col].ty = ColType::Float;
    }
    let mut data = Vec::with_capacity(columns.len());
    for (i, column) in columns.iter().enumerate() {
        let mut builder = ColumnBuilder::new(column.ty);
        match computed.iter().find(|(col, _)| *col == i) {
            Some((_, values)) => {
                for v in values {
                    builder.append(&v.map_or(Value::Null, Value::Float))?;
                }
            }
            None => {
                for &row in rows {
                    builder.append(&table.cell(row, i))?;
                }
            }
        }
        data.push(builder.finish());
    }
    Ok(Table { key: table.key.clone(), columns, data })
}

/// `movingAverage(n:)`: the mean of the non-null `_value`s among each row and the `n - 1`
/// before it, from the `n`th row on; a shorter table gives one row, the mean of all.
pub(super) fn moving_average(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = period(args, "moving average")?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let col = numeric_column(table, "_value", "moving average")?;
        let values = float_cells(table, col)?;
        let mean = |window: &[Option<f64>]| {
            let present: Vec<f64> = window.iter().flatten().copied().collect();
            (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64)
        };
        let (rows, averages): (Vec<usize>, Vec<Option<f64>>) = if values.is_empty() {
            (Vec::new(), Vec::new())
        } else if values.len() < n {
            (vec![values.len() - 1], vec![mean(&values)])
        } else {
            (n - 1..values.len()).map(|i| (i, mean(&values[i + 1 - n..=i]))).unzip()
        };
        out.push(derived_table(table, &rows, &[(col, averages)])?);
    }
    Ok(stream_of(out))
}

/// Upstream's exponential moving average over a sequence: the first output is the mean of
/// the first `n` values (at the `n`th position), then each value is blended into the
/// previous average; a null repeats it. A sequence shorter than `n` gives one output, the
/// mean, at its last position. Gives `(position, value)` pairs.
fn ema(values: &[Option<f64>], n: usize) -> Vec<(usize, Option<f64>)> {
    let multiplier = 2.0 / (n as f64 + 1.0);
    let mut out = Vec::new();
    let (mut sum, mut count) = (0.0, 0.0);
    for v in values.iter().take(n).flatten() {
        sum += v;
        count += 1.0;
    }
    if values.len() < n {
        if !values.is_empty() {
            out.push((values.len() - 1, (count != 0.0).then(|| sum / count)));
        }
        return out;
    }
    let mut current = (count != 0.0).then(|| sum / count);
    out.push((n - 1, current));
    for (i, v) in values.iter().enumerate().skip(n) {
        match (v, current) {
            (None, _) => {}
            (Some(v), None) => current = Some(*v),
            (Some(v), Some(previous)) => current = Some(v * multiplier + previous * (1.0 - multiplier)),
        }
        out.push((i, current));
    }
    out
}

/// `exponentialMovingAverage(n:)`.
pub(super) fn exponential_moving_average(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    chained_ema(args, 1)
}

/// `doubleEMA(n:)`: `2 * EMA - EMA(EMA)`.
pub(super) fn double_ema(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    chained_ema(args, 2)
}

/// `tripleEMA(n:)`: `3 * EMA - 3 * EMA(EMA) + EMA(EMA(EMA))`.
pub(super) fn triple_ema(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    chained_ema(args, 3)
}

/// Applies the EMA `depth` times, each to the previous one's output rows, and combines the
/// levels as the double and triple EMA do, on the rows of the last level.
fn chained_ema(args: &mut Args, depth: usize) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = period(args, "moving average")?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let col = numeric_column(table, "_value", "exponential moving average")?;
        // Each level: the input row and every level's value up to it, for each output row.
        let mut levels: Vec<(usize, Vec<Option<f64>>)> =
            float_cells(table, col)?.into_iter().enumerate().map(|(i, v)| (i, vec![v])).collect();
        if levels.is_empty() {
            out.push(derived_table(table, &[], &[(col, Vec::new())])?);
            continue;
        }
        for _ in 0..depth {
            let input: Vec<Option<f64>> = levels.iter().map(|(_, vs)| vs[vs.len() - 1]).collect();
            levels = ema(&input, n)
                .into_iter()
                .map(|(i, v)| {
                    let (row, mut vs) = levels[i].clone();
                    vs.push(v);
                    (row, vs)
                })
                .collect();
        }
        let rows: Vec<usize> = levels.iter().map(|(row, _)| *row).collect();
        let values = levels
            .iter()
            .map(|(_, vs)| match (depth, &vs[1..]) {
                (1, [a]) => *a,
                (2, [Some(a), Some(b)]) => Some(2.0 * a - b),
                (3, [Some(a), Some(b), Some(c)]) => Some(3.0 * a - 3.0 * b + c),
                _ => None,
            })
            .collect();
        out.push(derived_table(table, &rows, &[(col, values)])?);
    }
    Ok(stream_of(out))
}

/// Chande's momentum oscillator over a sequence, from position `n` on: `100 * (up - down) /
/// (up + down)` over the last `n` differences (nulls read as 0, as upstream reads them).
fn cmo(values: &[f64], n: usize) -> Vec<f64> {
    let (mut up, mut down) = (0.0f64, 0.0f64);
    let mut out = Vec::new();
    let Some(&first) = values.first() else { return out };
    let mut previous = first;
    for (i, &current) in values.iter().enumerate() {
        let diff = current - previous;
        if diff > 0.0 {
            up += diff;
        } else if diff < 0.0 {
            down -= diff;
        }
        if i >= n {
            out.push(100.0 * (up - down) / (up + down));
            let dropped = values[i + 1 - n] - values[i - n];
            if dropped > 0.0 {
                up -= dropped;
            } else {
                down += dropped;
            }
        }
        previous = current;
    }
    out
}

/// A numeric column as floats for the momentum indicators, nulls read as 0 (upstream reads
/// the slot under a null).
fn momentum_inputs(table: &Table, col: usize) -> Result<Vec<f64>, Failure> {
    Ok(float_cells(table, col)?.into_iter().map(|v| v.unwrap_or(0.0)).collect())
}

/// `chandeMomentumOscillator(n:, columns: ["_value"])`.
pub(super) fn chande_momentum_oscillator(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = period(args, "chande momentum oscillator")?;
    let columns = columns_arg(args)?;
    Ok(stream_of(momentum_tables(&stream.tables, n, &columns, |v| v)?))
}

/// `kaufmansER(n:)`: `|CMO| / 100`.
pub(super) fn kaufmans_er(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = period(args, "chande momentum oscillator")?;
    Ok(stream_of(momentum_tables(&stream.tables, n, &["_value".to_owned()], |v| v.abs() / 100.0)?))
}

fn columns_arg(args: &mut Args) -> Result<Vec<String>, Failure> {
    Ok(args.take("columns").map(|v| strings(v, "columns")).transpose()?.unwrap_or_else(|| vec!["_value".to_owned()]))
}

fn momentum_tables(
    tables: &[Table],
    n: usize,
    columns: &[String],
    f: impl Fn(f64) -> f64,
) -> Result<Vec<Table>, Failure> {
    let mut out = Vec::new();
    for table in tables {
        let mut computed = Vec::new();
        for (col, column) in table.columns.iter().enumerate() {
            if !columns.contains(&column.label) {
                continue;
            }
            if !matches!(column.ty, ColType::Int | ColType::UInt | ColType::Float) {
                return Err(format!(
                    "cannot take chande momentum oscillator of column {} (type {})",
                    column.label,
                    column.ty.name()
                )
                .into());
            }
            let values = momentum_inputs(table, col)?;
            computed.push((col, cmo(&values, n).into_iter().map(|v| Some(f(v))).collect()));
        }
        let rows: Vec<usize> = (n..table.len()).collect();
        out.push(derived_table(table, &rows, &computed)?);
    }
    Ok(out)
}

/// `kaufmansAMA(n:, column: "_value")`: Kaufman's adaptive moving average, from row `n` on.
pub(super) fn kaufmans_ama(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = args.int("n")?.ok_or("missing required argument `n`")?;
    if n <= 0 {
        return Err(format!("cannot take KaufmansAMA with a period of {n} (must be greater than 0)").into());
    }
    let n = usize::try_from(n).map_err(|_| Failure::from("the period is too large"))?;
    let label = args.string("column")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let mut out = Vec::new();
    for table in &stream.tables {
        let Some(col) = table.column_index(&label) else {
            // Nothing to average: the rows pass through past the first `n`, as upstream's.
            let rows: Vec<usize> = (n..table.len()).collect();
            out.push(derived_table(table, &rows, &[])?);
            continue;
        };
        let ty = table.columns[col].ty;
        if !matches!(ty, ColType::Int | ColType::UInt | ColType::Float) {
            return Err(format!("cannot take KAMA of column {label} (type {})", ty.name()).into());
        }
        let values = momentum_inputs(table, col)?;
        let rows: Vec<usize> = (n..values.len()).collect();
        out.push(derived_table(table, &rows, &[(col, kama(&values, n))])?);
    }
    Ok(stream_of(out))
}

/// The adaptive average: an efficiency ratio from the momentum sums sets how far each value
/// pulls the previous average (between the 2- and 30-period EMA constants).
fn kama(values: &[f64], n: usize) -> Vec<Option<f64>> {
    let (mut up, mut down) = (0.0f64, 0.0f64);
    // Only the first `len + 1` slots are ever reached when `n` is longer than the table.
    let mut diffs = vec![0.0; n.min(values.len() + 1)];
    let mut out = Vec::new();
    let Some(&first) = values.first() else { return out };
    let (mut previous, mut previous_kama) = (first, 0.0);
    let (fast, slow) = (2.0 / 3.0, 2.0 / 31.0);
    for (count, &current) in values.iter().enumerate() {
        let diff = current - previous;
        if diff > 0.0 {
            up += diff;
        } else if diff < 0.0 {
            down -= diff;
        }
        let ratio = (100.0 * (up - down) / (up + down)).abs() / 100.0;
        // Upstream drops the difference one place past the oldest once the window is full.
        let dropped = if count >= n { diffs[(count + 1) % n] } else { 0.0 };
        if dropped > 0.0 {
            up -= dropped;
        } else {
            down += dropped;
        }
        if count >= n {
            if count == n {
                previous_kama = previous;
            }
            let sc = (ratio * (fast - slow) + slow).powi(2);
            let value = previous_kama + sc * (current - previous_kama);
            out.push(Some(value));
            previous_kama = value;
        }
        diffs[count % n] = diff;
        previous = current;
    }
    out
}

/// Upstream's running average for the RSI: a plain mean until the `n`th value, then Wilder's
/// smoothing with weight `1 / n`.
struct Smoothed {
    n: usize,
    seen: usize,
    count: f64,
    value: f64,
    reached: bool,
}

impl Smoothed {
    fn new(n: usize) -> Smoothed {
        Smoothed { n, seen: 0, count: 0.0, value: 0.0, reached: false }
    }

    fn add(&mut self, v: f64) {
        self.value = if self.count == 0.0 {
            v
        } else if !self.reached {
            (self.value * self.count + v) / (self.count + 1.0)
        } else {
            v / self.n as f64 + self.value * (1.0 - 1.0 / self.n as f64)
        };
        if self.count < self.n as f64 {
            self.count += 1.0;
        }
        self.skip();
    }

    fn skip(&mut self) {
        if self.seen + 1 == self.n {
            self.reached = true;
        }
        self.seen += 1;
    }
}

/// `relativeStrengthIndex(n:, columns: ["_value"])`: `100 - 100 / (1 + up / down)` of the
/// smoothed gains and losses, from row `n` on (the first value is compared to 0, as
/// upstream compares it); a table of at most `n` rows gives one row.
pub(super) fn relative_strength_index(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = period(args, "relative strength index")?;
    let columns = columns_arg(args)?;
    let mut out = Vec::new();
    for table in &stream.tables {
        if table.is_empty() {
            out.push(derived_table(table, &[], &[])?);
            continue;
        }
        let mut computed = Vec::new();
        for (col, column) in table.columns.iter().enumerate() {
            if !columns.contains(&column.label) {
                continue;
            }
            if !matches!(column.ty, ColType::Int | ColType::UInt | ColType::Float) {
                return Err(format!(
                    "cannot take relative strength index of column {} (type {})",
                    column.label,
                    column.ty.name()
                )
                .into());
            }
            let (mut gains, mut losses) = (Smoothed::new(n), Smoothed::new(n));
            let mut last: Option<f64> = None;
            let mut values = Vec::new();
            for (i, v) in float_cells(table, col)?.into_iter().enumerate() {
                match v {
                    Some(v) => {
                        let previous = last.unwrap_or(0.0);
                        gains.add(if v > previous { v - previous } else { 0.0 });
                        losses.add(if v < previous { previous - v } else { 0.0 });
                        last = Some(v);
                    }
                    None => {
                        gains.skip();
                        losses.skip();
                    }
                }
                if i >= n {
                    values.push(last.map(|_| 100.0 - 100.0 / (1.0 + gains.value / losses.value)));
                }
            }
            if table.len() <= n {
                values.push(Some(100.0 - 100.0 / (1.0 + gains.value / losses.value)));
            }
            computed.push((col, values));
        }
        let rows: Vec<usize> = if table.len() <= n { vec![table.len() - 1] } else { (n..table.len()).collect() };
        let mut result = derived_table(table, &rows, &computed)?;
        // With a single row upstream has no earlier row to carry through: the other cells
        // come out null.
        if table.len() == 1 {
            result = null_except(&result, &computed)?;
        }
        out.push(result);
    }
    Ok(stream_of(out))
}

/// The table with every cell outside the `computed` columns null.
fn null_except(table: &Table, computed: &[(usize, Vec<Option<f64>>)]) -> Result<Table, Failure> {
    let mut data = table.data.clone();
    for (i, column) in table.columns.iter().enumerate() {
        if computed.iter().any(|(col, _)| *col == i) {
            continue;
        }
        let mut builder = ColumnBuilder::new(column.ty);
        for _ in 0..table.len() {
            builder.append_null();
        }
        data[i] = builder.finish();
    }
    Ok(Table { key: table.key.clone(), columns: table.columns.clone(), data })
}

/// `tripleExponentialDerivative(n:)`: the percentage change between successive values of
/// the triple EMA of `_value` (EMAs kept as sequences, without the short-input mean); one
/// null row when there are too few values.
pub(super) fn triple_exponential_derivative(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = period(args, "exponential moving average")?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let col = table.column_index("_value").ok_or("cannot find _value column")?;
        let ty = table.columns[col].ty;
        if !matches!(ty, ColType::Int | ColType::UInt | ColType::Float) {
            return Err(format!("cannot take exponential moving average of column _value (type {})", ty.name()).into());
        }
        if table.is_empty() {
            out.push(derived_table(table, &[], &[(col, Vec::new())])?);
            continue;
        }
        let mut level = float_cells(table, col)?;
        for _ in 0..3 {
            level = if level.len() < n { Vec::new() } else { ema(&level, n).into_iter().map(|(_, v)| v).collect() };
        }
        let skip = (n - 1).saturating_mul(3).saturating_add(1);
        let (rows, values): (Vec<usize>, Vec<Option<f64>>) = if level.is_empty() {
            (vec![table.len() - 1], vec![None])
        } else {
            let values = level
                .windows(2)
                .map(|w| match (w[0], w[1]) {
                    (Some(a), Some(b)) => Some((b / a - 1.0) * 100.0),
                    _ => None,
                })
                .collect();
            ((skip..table.len()).collect(), values)
        };
        out.push(derived_table(table, &rows, &[(col, values)])?);
    }
    Ok(stream_of(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Column, GroupKey};

    fn table(values: &[f64]) -> Table {
        let rows: Vec<Vec<Value>> = values.iter().map(|v| vec![Value::Float(*v)]).collect();
        Table::from_rows(GroupKey::default(), vec![Column::new("_value", ColType::Float)], rows).unwrap()
    }

    #[test]
    fn ema_starts_with_the_mean() {
        let values: Vec<Option<f64>> = [1.0, 2.0, 3.0, 4.0].iter().map(|v| Some(*v)).collect();
        let out = ema(&values, 2);
        assert_eq!(out, vec![(1, Some(1.5)), (2, Some(2.5)), (3, Some(3.5))]);
        let t = derived_table(&table(&[1.0, 2.0]), &[1], &[(0, vec![Some(1.5)])]).unwrap();
        assert_eq!(float_cells(&t, 0).unwrap(), vec![Some(1.5)]);
    }
}
