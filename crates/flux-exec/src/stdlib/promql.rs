//! `internal/promql`: the natives PromQL's transpiler calls — per-series summaries (rates,
//! changes, regression, smoothing), label rewriting, bucket quantiles and calendar parts of
//! PromQL timestamps (float seconds).

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Args, Builtin, Failure, stream_of};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, GroupKey, Table};
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "internal/promql", name: "changes", run: changes },
    Builtin { package: "internal/promql", name: "emptyTable", run: empty_table },
    Builtin { package: "internal/promql", name: "extrapolatedRate", run: extrapolated_rate },
    Builtin { package: "internal/promql", name: "holtWinters", run: holt_winters },
    Builtin { package: "internal/promql", name: "instantRate", run: instant_rate },
    Builtin { package: "internal/promql", name: "labelReplace", run: label_replace },
    Builtin { package: "internal/promql", name: "linearRegression", run: linear_regression },
    Builtin { package: "internal/promql", name: "promHistogramQuantile", run: histogram_quantile },
    Builtin { package: "internal/promql", name: "resets", run: resets },
    Builtin { package: "internal/promql", name: "timestamp", run: timestamp },
    Builtin { package: "internal/promql", name: "promqlDayOfMonth", run: |_, a| date_part(a, |z| z.day().into()) },
    Builtin {
        package: "internal/promql",
        name: "promqlDayOfWeek",
        run: |_, a| date_part(a, |z| z.weekday().to_sunday_zero_offset().into()),
    },
    Builtin {
        package: "internal/promql",
        name: "promqlDaysInMonth",
        run: |_, a| date_part(a, |z| z.days_in_month().into()),
    },
    Builtin { package: "internal/promql", name: "promqlHour", run: |_, a| date_part(a, |z| z.hour().into()) },
    Builtin { package: "internal/promql", name: "promqlMinute", run: |_, a| date_part(a, |z| z.minute().into()) },
    Builtin { package: "internal/promql", name: "promqlMonth", run: |_, a| date_part(a, |z| z.month().into()) },
    Builtin { package: "internal/promql", name: "promqlYear", run: |_, a| date_part(a, |z| z.year().into()) },
];

/// A calendar part (UTC) of `timestamp:`, float seconds since the epoch, as a float.
fn date_part(args: &mut Args, part: fn(&jiff::Zoned) -> i64) -> Result<Value, Failure> {
    let seconds = match args.required("timestamp")? {
        Value::Float(x) => x,
        other => return Err(format!("cannot convert argument of type {} to float", other.type_name()).into()),
    };
    // Whole nanoseconds, as upstream converts; `as` saturates where Go's conversion is undefined.
    let nanos = (seconds * 1e9) as i64;
    let zoned = Timestamp::from_nanosecond(i128::from(nanos))
        .map_err(|e| format!("timestamp {seconds} is out of range: {e}"))?
        .to_zoned(TimeZone::UTC);
    Ok(Value::Float(part(&zoned) as f64))
}

/// The index of a column that must exist.
fn column(table: &Table, label: &str, what: &str) -> Result<usize, Failure> {
    table.column_index(label).ok_or_else(|| Failure::from(format!("{what} column not found: {label}")))
}

/// The index of `_value`, which must be a float column.
fn float_value_column(table: &Table) -> Result<usize, Failure> {
    let index = column(table, "_value", "value")?;
    if table.columns[index].ty != ColType::Float {
        return Err(format!("the value column must be of type float, not {}", table.columns[index].ty.name()).into());
    }
    Ok(index)
}

/// The time column at `index`, which must hold times.
fn time_column(table: &Table, index: usize) -> Result<(), Failure> {
    if table.columns[index].ty != ColType::Time {
        return Err(format!("column `{}` must be of type time", table.columns[index].label).into());
    }
    Ok(())
}

/// The non-null (time, value) samples of a table, in row order; with no time column the
/// times are zero.
fn samples(table: &Table, time: Option<usize>, value: usize) -> Vec<(i64, f64)> {
    (0..table.len())
        .filter_map(|row| {
            let Value::Float(v) = table.cell(row, value) else { return None };
            match time.map(|t| table.cell(row, t)) {
                None => Some((0, v)),
                Some(Value::Time(t)) => Some((t, v)),
                Some(_) => None,
            }
        })
        .collect()
}

/// A table of the key's columns plus a float `_value` holding `value` in one row; without a
/// value, the key's columns alone and no rows, as upstream leaves a series too short to
/// summarize.
fn summary(key: &GroupKey, value: Option<f64>) -> Result<Table, Failure> {
    let mut columns = key.columns.clone();
    let Some(value) = value else { return Ok(Table::empty(key.clone(), columns)) };
    columns.push(Column::new("_value", ColType::Float));
    let mut row = key.values.clone();
    row.push(Value::Float(value));
    Ok(Table::from_rows(key.clone(), columns, [row])?)
}

/// Applies `summarize` to each table's samples.
fn summarize_each(
    args: &mut Args,
    with_time: bool,
    mut summarize: impl FnMut(&Table, &[(i64, f64)]) -> Result<Option<f64>, Failure>,
) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let time = if with_time {
            let index = column(table, "_time", "time")?;
            time_column(table, index)?;
            Some(index)
        } else {
            None
        };
        let value = float_value_column(table)?;
        let samples = samples(table, time, value);
        out.push(summary(&table.key, summarize(table, &samples)?)?);
    }
    Ok(stream_of(out))
}

/// `changes()`: how many times each series' value changed (NaN to NaN is no change).
fn changes(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    summarize_each(args, false, |_, samples| {
        if samples.is_empty() {
            return Ok(None);
        }
        let count = samples
            .windows(2)
            .filter(|w| {
                let (prev, current) = (w[0].1, w[1].1);
                current != prev && !(current.is_nan() && prev.is_nan())
            })
            .count();
        Ok(Some(count as f64))
    })
}

/// `resets()`: how many times each series' value dropped.
fn resets(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    summarize_each(args, false, |_, samples| {
        if samples.is_empty() {
            return Ok(None);
        }
        Ok(Some(samples.windows(2).filter(|w| w[1].1 < w[0].1).count() as f64))
    })
}

/// A time bound in the table's group key.
fn key_time(table: &Table, label: &str) -> Result<i64, Failure> {
    column(table, label, label.trim_start_matches('_'))?;
    match table.key.value(label) {
        Some(Value::Time(t)) => Ok(*t),
        _ => Err(format!("{} column is not of time type", label.trim_start_matches('_')).into()),
    }
}

/// `extrapolatedRate(isCounter: false, isRate: false)`: PromQL's `rate`, `increase` and
/// `delta`: the change over the samples, extrapolated towards the table's `_start` and
/// `_stop` (not past half a sampling interval beyond them), counter resets corrected when
/// `isCounter`, per second when `isRate`.
fn extrapolated_rate(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let is_counter = args.bool("isCounter")?.unwrap_or(false);
    let is_rate = args.bool("isRate")?.unwrap_or(false);
    summarize_each(args, true, |table, samples| {
        let (start, stop) = (key_time(table, "_start")?, key_time(table, "_stop")?);
        let (Some(&(first_time, first)), Some(&(last_time, last))) = (samples.first(), samples.last()) else {
            return Ok(None);
        };
        if samples.len() < 2 {
            return Ok(None);
        }
        let mut correction = 0.0;
        if is_counter {
            // The value before the first sample counts as zero, as upstream starts from it.
            let mut previous = 0.0;
            for &(_, v) in samples {
                if v < previous {
                    correction += previous;
                }
                previous = v;
            }
        }
        let mut result = last - first + correction;
        let mut to_start = (first_time - start) as f64;
        let to_end = (stop - last_time) as f64;
        let sampled = (last_time - first_time) as f64;
        let average = sampled / (samples.len() - 1) as f64;
        if is_counter && result > 0.0 && first >= 0.0 {
            // A counter cannot be extrapolated below zero.
            to_start = to_start.min(sampled * (first / result));
        }
        let threshold = average * 1.1;
        let mut interval = sampled;
        interval += if to_start < threshold { to_start } else { average / 2.0 };
        interval += if to_end < threshold { to_end } else { average / 2.0 };
        result *= interval / sampled;
        if is_rate {
            result /= (stop - start) as f64 / 1e9;
        }
        Ok(Some(result))
    })
}

/// `instantRate(isRate: false)`: PromQL's `irate` and `idelta`, from the last two samples.
fn instant_rate(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let is_rate = args.bool("isRate")?.unwrap_or(false);
    summarize_each(args, true, |_, samples| {
        let [.., (prev_time, prev), (last_time, last)] = *samples else { return Ok(None) };
        let mut result = if is_rate && last < prev { last } else { last - prev };
        let interval = last_time - prev_time;
        if interval == 0 {
            return Ok(None);
        }
        if is_rate {
            result /= interval as f64 / 1e9;
        }
        Ok(Some(result))
    })
}

/// `linearRegression(predict: false, fromNow: 0.0)`: PromQL's `deriv` (the least-squares
/// slope per second) and `predict_linear` (the line's value `fromNow` seconds after `_stop`).
fn linear_regression(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let predict = args.bool("predict")?.unwrap_or(false);
    let from_now = args.float("fromNow")?.unwrap_or(0.0);
    summarize_each(args, true, |table, samples| {
        let stop = key_time(table, "_stop")?;
        let Some(&(first_time, _)) = samples.first() else { return Ok(None) };
        if samples.len() < 2 {
            return Ok(None);
        }
        let origin = if predict { stop } else { first_time };
        let (mut sum_x, mut sum_y, mut sum_xy, mut sum_x2) = (0.0, 0.0, 0.0, 0.0);
        for &(t, v) in samples {
            let x = (t - origin) as f64 / 1e9;
            sum_x += x;
            sum_y += v;
            sum_xy += x * v;
            sum_x2 += x * x;
        }
        let n = samples.len() as f64;
        let slope = (sum_xy - sum_x * sum_y / n) / (sum_x2 - sum_x * sum_x / n);
        if predict {
            let intercept = sum_y / n - slope * sum_x / n;
            return Ok(Some(slope * from_now + intercept));
        }
        Ok(Some(slope))
    })
}

/// `holtWinters(smoothingFactor:, trendFactor:)`: PromQL's double exponential smoothing; the
/// last smoothed value.
fn holt_winters(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let sf = args.float("smoothingFactor")?.unwrap_or(0.0);
    let tf = args.float("trendFactor")?.unwrap_or(0.0);
    if sf <= 0.0 || sf >= 1.0 {
        return Err(format!("invalid smoothing factor. Expected: 0 < sf < 1, got: {sf:.6}").into());
    }
    if tf <= 0.0 || tf >= 1.0 {
        return Err(format!("invalid trend factor. Expected: 0 < tf < 1, got: {tf:.6}").into());
    }
    summarize_each(args, true, |_, samples| {
        if samples.len() < 2 {
            return Ok(None);
        }
        let mut smoothed = samples[0].1;
        let mut previous = 0.0;
        let mut trend = samples[1].1 - smoothed;
        for (i, &(_, v)) in samples.iter().enumerate().skip(1) {
            // The first trend is the first difference; later ones blend in the last step.
            if i > 1 {
                trend = tf * (smoothed - previous) + (1.0 - tf) * trend;
            }
            let next = sf * v + (1.0 - sf) * (smoothed + trend);
            previous = smoothed;
            smoothed = next;
        }
        Ok(Some(smoothed))
    })
}

/// `timestamp()`: each row's `_value` becomes its time (`_time`, else `_stop`) in float
/// seconds, at millisecond precision as PromQL keeps timestamps.
fn timestamp(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let time = match table.column_index("_time").or_else(|| table.column_index("_stop")) {
            Some(index) => index,
            None => return Err("neither \"_time\" nor \"_stop\" column found".into()),
        };
        time_column(table, time)?;
        let value = column(table, "_value", "value")?;
        let mut columns = table.columns.clone();
        columns[value].ty = ColType::Float;
        let rows = (0..table.len()).map(|row| {
            let mut cells = table.row(row);
            cells[value] = match &cells[time] {
                Value::Time(t) => Value::Float((t / 1_000_000) as f64 / 1e3),
                _ => Value::Null,
            };
            cells
        });
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

/// `labelReplace(source:, destination:, regex:, replacement:)`: PromQL's `label_replace`.
/// When `regex` matches the whole of the key's `source` value (empty when absent), the key's
/// `destination` becomes the expanded `replacement`, or leaves the key when that is empty.
/// The tables keep their key columns and `_value`.
fn label_replace(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let mut text = |name: &str| -> Result<String, Failure> {
        Ok(args.string(name)?.ok_or_else(|| format!("missing required argument `{name}`"))?.to_string())
    };
    let (source, destination) = (text("source")?, text("destination")?);
    let (pattern, replacement) = (text("regex")?, text("replacement")?);
    let regex = regex::Regex::new(&format!("^(?:{pattern})$"))
        .map_err(|_| format!("invalid regular expression in label_replace(): {pattern}"))?;
    let mut out: Vec<Table> = Vec::new();
    for table in &stream.tables {
        let source_value = match table.key.value(&source) {
            Some(Value::String(s)) => s.to_string(),
            _ => String::new(),
        };
        let mut key = table.key.clone();
        if let Some(captures) = regex.captures(&source_value) {
            let mut expanded = String::new();
            captures.expand(&replacement, &mut expanded);
            if let Some(i) = key.columns.iter().position(|c| c.label == destination) {
                key.columns.remove(i);
                key.values.remove(i);
            }
            if !expanded.is_empty() {
                key.columns.push(Column::new(destination.clone(), ColType::String));
                key.values.push(Value::string(&expanded));
            }
        }
        if out.iter().any(|t| t.key == key) {
            return Err(format!("labelReplace found duplicate table with key: {}", super::key_text(&key)).into());
        }
        let value = column(table, "_value", "value")?;
        let mut columns = key.columns.clone();
        columns.push(Column::new("_value", table.columns[value].ty));
        let rows: Vec<Vec<Value>> = (0..table.len())
            .map(|row| {
                let mut cells = key.values.clone();
                cells.push(table.cell(row, value));
                cells
            })
            .collect();
        out.push(Table::from_rows(key, columns, rows)?);
    }
    Ok(stream_of(out))
}

/// `promHistogramQuantile(quantile:, countColumn: "_value", upperBoundColumn: "le",
/// valueColumn: "_value")`: PromQL's `histogram_quantile` over each table's cumulative
/// buckets (upper bounds as strings, counts as floats).
fn histogram_quantile(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let q = args.float("quantile")?.ok_or("missing required argument `quantile`")?;
    let count_column = args.string("countColumn")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let bound_column = args.string("upperBoundColumn")?.map_or_else(|| "le".to_owned(), |s| s.to_string());
    let value_column = args.string("valueColumn")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let mut out = Vec::new();
    for table in &stream.tables {
        let mut columns = table.key.columns.clone();
        columns.push(Column::new(value_column.clone(), ColType::Float));
        let count = table
            .column_index(&count_column)
            .ok_or_else(|| format!("table is missing count column \"{count_column}\""))?;
        if table.columns[count].ty != ColType::Float {
            return Err(format!("count column \"{count_column}\" must be of type float").into());
        }
        let Some(bound) = table.column_index(&bound_column) else {
            out.push(Table::empty(table.key.clone(), columns));
            continue;
        };
        if table.columns[bound].ty != ColType::String {
            return Err(format!("upper bound column \"{bound_column}\" must be of type string").into());
        }
        let mut buckets = Vec::with_capacity(table.len());
        for row in 0..table.len() {
            let Value::Float(count) = table.cell(row, count) else {
                return Err("unexpected null in the countColumn".into());
            };
            // A row whose bound is null or not a number still takes a place, as an empty
            // bucket at zero, as upstream leaves it.
            let bucket = match table.cell(row, bound) {
                Value::String(s) => s.parse::<f64>().map_or((0.0, 0.0), |le| (le, count)),
                _ => (0.0, 0.0),
            };
            buckets.push(bucket);
        }
        buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut row = table.key.values.clone();
        row.push(Value::Float(bucket_quantile(q, buckets)));
        out.push(Table::from_rows(table.key.clone(), columns, [row])?);
    }
    Ok(stream_of(out))
}

/// The `q` quantile of cumulative buckets `(upper bound, count)` sorted by bound: linear
/// interpolation inside the bucket that holds the rank, as Prometheus computes it.
fn bucket_quantile(q: f64, mut buckets: Vec<(f64, f64)>) -> f64 {
    if q < 0.0 {
        return f64::NEG_INFINITY;
    }
    if q > 1.0 {
        return f64::INFINITY;
    }
    if buckets.last().is_none_or(|b| b.0 != f64::INFINITY) {
        return f64::NAN;
    }
    // Buckets of one bound add up.
    buckets.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 += next.1;
        }
        same
    });
    // Counts must not fall: a lower one is raised to the highest before it (the last bucket
    // excepted, as upstream's loop stops short of it).
    let mut max = buckets[0].1;
    let last = buckets.len() - 1;
    for bucket in &mut buckets[..last] {
        if bucket.1 > max {
            max = bucket.1;
        } else if bucket.1 < max {
            bucket.1 = max;
        }
    }
    if buckets.len() < 2 {
        return f64::NAN;
    }
    let mut rank = q * buckets[last].1;
    let b = buckets[..last].iter().position(|bucket| bucket.1 >= rank).unwrap_or(last);
    if b == last {
        return buckets[last - 1].0;
    }
    if b == 0 && buckets[0].0 <= 0.0 {
        return buckets[0].0;
    }
    let (mut start, end, mut count) = (0.0, buckets[b].0, buckets[b].1);
    if b > 0 {
        start = buckets[b - 1].0;
        count -= buckets[b - 1].1;
        rank -= buckets[b - 1].1;
    }
    start + (end - start) * (rank / count)
}

/// `emptyTable()`: one table without rows, of the columns a PromQL range query gives; its
/// bounds are Go's zero time as upstream converts it to nanoseconds.
fn empty_table(_: &Evaluator, _: &mut Args) -> Result<Value, Failure> {
    const GO_ZERO_TIME: i64 = -6_795_364_578_871_345_152;
    let bounds = [Column::new("_start", ColType::Time), Column::new("_stop", ColType::Time)];
    let key = GroupKey { columns: bounds.to_vec(), values: vec![Value::Time(GO_ZERO_TIME); 2] };
    let mut columns = bounds.to_vec();
    columns.push(Column::new("_time", ColType::Time));
    columns.push(Column::new("_value", ColType::Float));
    Ok(stream_of(vec![Table::empty(key, columns)]))
}
