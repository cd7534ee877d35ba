//! Smaller table functions of several packages: `generate.from`, `interpolate.linear` and
//! `contrib/tomhollingworth/events.duration`, and the native half of `influxdata/influxdb/tasks`.

use super::{Args, Builtin, Failure, stream_of};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, GroupKey, Table};
use crate::time::add_duration;
use crate::tz::Location;
use crate::value::{Duration, Value};

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "generate", name: "from", run: generate_from },
    Builtin { package: "interpolate", name: "linear", run: interpolate_linear },
    Builtin { package: "contrib/tomhollingworth/events", name: "duration", run: events_duration },
    Builtin { package: "influxdata/influxdb/tasks", name: "_lastSuccess", run: last_success },
    Builtin { package: "runtime", name: "version", run: runtime_version },
    Builtin { package: "http", name: "basicAuth", run: basic_auth },
    Builtin { package: "experimental/iox", name: "sqlInterval", run: sql_interval },
];

/// `iox.sqlInterval(d:)`: a duration as an SQL interval, `1y2mo` as `1 years 2 months`.
fn sql_interval(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Value::Duration(d) = args.required("d")? else { return Err("`d` must be a duration".into()) };
    let text = Value::Duration(d).to_string();
    let mut words = Vec::new();
    let mut rest = text.as_str();
    if let Some(positive) = rest.strip_prefix('-') {
        words.push("-".to_owned());
        rest = positive;
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let (number, after) = rest.split_at(digits);
        let unit_len = after.find(|c: char| c.is_ascii_digit()).unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_len);
        let unit = match unit {
            "y" => "years",
            "mo" => "months",
            "w" => "weeks",
            "d" => "days",
            "h" => "hours",
            "m" => "minutes",
            "s" => "seconds",
            "ms" => "milliseconds",
            "us" | "µs" => "microseconds",
            "ns" => "nanoseconds",
            other => return Err(format!("unexpected unit `{other}` in the duration {text}").into()),
        };
        words.push(format!("{number} {unit}"));
        rest = after;
    }
    Ok(Value::String(words.join(" ").into()))
}

/// `runtime.version()`: the engine's version.
fn runtime_version(_: &Evaluator, _: &mut Args) -> Result<Value, Failure> {
    Ok(Value::string(concat!("flx ", env!("CARGO_PKG_VERSION"))))
}

/// `http.basicAuth(u:, p:)`: the `Authorization` header value for HTTP basic authentication.
fn basic_auth(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let user = args.string("u")?.ok_or("missing required argument `u`")?;
    let password = args.string("p")?.ok_or("missing required argument `p`")?;
    Ok(Value::String(format!("Basic {}", super::convert::base64(format!("{user}:{password}").as_bytes())).into()))
}

/// A time argument that may also be a duration from now.
fn timeable(evaluator: &Evaluator, name: &str, value: Value) -> Result<i64, Failure> {
    match value {
        Value::Time(t) => Ok(t),
        Value::Duration(d) => add_duration(evaluator.now(), &d)
            .ok_or_else(|| Failure::from(format!("`{name}` is outside the times Flux can hold"))),
        other => Err(format!("`{name}` must be a time, not a {}", other.type_name()).into()),
    }
}

/// `generate.from(start:, stop:, count:, fn:)`: one table of `count` rows evenly spaced from
/// `start`, `_value` being `fn(n)` for the row's index `n`; `_start` and `_stop` form its key.
fn generate_from(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let start = timeable(evaluator, "start", args.required("start")?)?;
    let stop = timeable(evaluator, "stop", args.required("stop")?)?;
    let count = args.int("count")?.ok_or("missing required argument `count`")?;
    let function = args.function("fn")?.ok_or("missing required argument `fn`")?;
    if count <= 0 {
        return Err(format!("`count` must be positive, not {count}").into());
    }
    let step = (stop - start) / count;
    let bounds = [Column::new("_start", ColType::Time), Column::new("_stop", ColType::Time)];
    let key = GroupKey { columns: bounds.to_vec(), values: vec![Value::Time(start), Value::Time(stop)] };
    let mut columns = bounds.to_vec();
    columns.push(Column::new("_time", ColType::Time));
    columns.push(Column::new("_value", ColType::Int));
    let mut rows = Vec::new();
    for n in 0..count {
        let value = evaluator.apply(&function, vec![("n".into(), Value::Int(n))], None).map_err(Failure::Runtime)?;
        if !matches!(value, Value::Int(_) | Value::Null) {
            return Err(format!("`fn` must return an int, not a {}", value.type_name()).into());
        }
        rows.push(vec![Value::Time(start), Value::Time(stop), Value::Time(start + n * step), value]);
    }
    Ok(stream_of(vec![Table::from_rows(key, columns, rows)?]))
}

/// `interpolate.linear(every:)`: between each two rows, rows at every window boundary of
/// `every` (UTC, epoch-aligned) with values on the straight line joining the two. Every
/// column but `_time` and `_value` must be in the group key.
fn interpolate_linear(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let every = match args.required("every")? {
        Value::Duration(d) if !d.negative && !d.is_zero() => d,
        Value::Duration(d) => return Err(format!("`every` must be positive, not {d}").into()),
        other => return Err(format!("`every` must be a duration, not a {}", other.type_name()).into()),
    };
    let utc = Location::utc();
    let mut out = Vec::new();
    for table in &stream.tables {
        if let Some(c) = table
            .columns
            .iter()
            .find(|c| c.label != "_time" && c.label != "_value" && table.key.value(&c.label).is_none())
        {
            return Err(format!("interpolate.linear requires column \"{}\" to be in group key", c.label).into());
        }
        let time = table.column_index("_time").ok_or("_time column does not exist")?;
        let value = table.column_index("_value").ok_or("_value column does not exist")?;
        if table.columns[value].ty != ColType::Float {
            return Err(
                format!("cannot interpolate {} values; expected float values", table.columns[value].ty.name()).into()
            );
        }
        let mut points = Vec::new();
        let mut previous: Option<(i64, f64)> = None;
        for row in 0..table.len() {
            let Value::Time(x) = table.cell(row, time) else {
                return Err("null _time found during linear interpolation".into());
            };
            let Value::Float(y) = table.cell(row, value) else {
                return Err("null _value found during linear interpolation".into());
            };
            if let Some((x0, y0)) = previous {
                let slope = (y - y0) / (x - x0) as f64;
                let mut xi = window_stop(x0, &every, &utc)?;
                while xi < x {
                    points.push((xi, y0 + slope * (xi - x0) as f64));
                    xi = add_duration(xi, &every).ok_or("a time outside the times Flux can hold")?;
                }
            }
            points.push((x, y));
            previous = Some((x, y));
        }
        let rows = points.into_iter().map(|(x, y)| {
            let mut cells: Vec<Value> =
                table.columns.iter().map(|c| table.key.value(&c.label).cloned().unwrap_or(Value::Null)).collect();
            cells[time] = Value::Time(x);
            cells[value] = Value::Float(y);
            cells
        });
        out.push(Table::from_rows(table.key.clone(), table.columns.clone(), rows)?);
    }
    Ok(stream_of(out))
}

/// The end of the window of length `every` that holds `t`.
fn window_stop(t: i64, every: &Duration, utc: &Location) -> Result<i64, Failure> {
    let start = super::date::truncate_time(t, every, utc)?;
    Ok(add_duration(start, every).ok_or("a time outside the times Flux can hold")?)
}

/// `events.duration(unit: 1s, timeColumn: "_time", columnName: "duration", stopColumn:
/// "_stop", stop:)`: how long each row's state lasted — until the next row's time, or for
/// the last row until `stop` (by default the last row's `stopColumn`) — in whole `unit`s, in
/// a new int column.
fn events_duration(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let unit = match args.take("unit") {
        None => 1e9,
        Some(Value::Duration(d)) if d.months == 0 && d.nanos != 0 => d.signed_nanos() as f64,
        Some(Value::Duration(d)) => {
            return Err(format!("`unit` must be a non-zero duration without months, not {d}").into());
        }
        Some(other) => return Err(format!("`unit` must be a duration, not a {}", other.type_name()).into()),
    };
    let name = |args: &mut Args, n: &str, default: &str| -> Result<String, Failure> {
        Ok(args.string(n)?.map_or_else(|| default.to_owned(), |s| s.to_string()))
    };
    let time_column = name(args, "timeColumn", "_time")?;
    let column_name = name(args, "columnName", "duration")?;
    let stop_column = name(args, "stopColumn", "_stop")?;
    let fixed_stop = match args.take("stop") {
        None => None,
        Some(Value::Time(t)) => Some(t),
        Some(other) => return Err(format!("`stop` must be a time, not a {}", other.type_name()).into()),
    };
    let mut out = Vec::new();
    for table in &stream.tables {
        let time =
            table.column_index(&time_column).ok_or_else(|| format!("column \"{time_column}\" does not exist"))?;
        if table.columns[time].ty != ColType::Time {
            return Err(format!("column \"{time_column}\" must be of type time").into());
        }
        let stop_index = match fixed_stop {
            Some(_) => None,
            None => {
                let i = table
                    .column_index(&stop_column)
                    .ok_or_else(|| format!("column \"{stop_column}\" does not exist"))?;
                if table.columns[i].ty != ColType::Time {
                    return Err(format!(
                        "stop column \"{stop_column}\" must be of type time, got {}",
                        table.columns[i].ty.name()
                    )
                    .into());
                }
                Some(i)
            }
        };
        let times = (0..table.len())
            .map(|row| match table.cell(row, time) {
                Value::Time(t) => Ok(t),
                _ => Err(Failure::from(format!("null in column \"{time_column}\""))),
            })
            .collect::<Result<Vec<i64>, Failure>>()?;
        let end = match (fixed_stop, stop_index, table.len()) {
            (Some(t), _, _) => Some(t),
            (None, _, 0) => None,
            (None, Some(i), n) => match table.cell(n - 1, i) {
                Value::Time(t) => Some(t),
                _ => return Err(format!("null in column \"{stop_column}\"").into()),
            },
            (None, None, _) => None,
        };
        if table.column_index(&column_name).is_some() {
            return Err(format!("the table already has a column \"{column_name}\"").into());
        }
        let mut columns = table.columns.clone();
        columns.push(Column::new(column_name.clone(), ColType::Int));
        let rows = (0..table.len()).map(|row| {
            let next = times.get(row + 1).copied().or(end).unwrap_or(times[row]);
            let mut cells = table.row(row);
            cells.push(Value::Int(((next as f64 - times[row] as f64) / unit) as i64));
            cells
        });
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

/// `tasks._lastSuccess(orTime:, lastSuccessTime:)`: the time of the task's last success, or
/// `orTime` (a duration counting from now) when there was none.
fn last_success(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let or_time = timeable(evaluator, "orTime", args.required("orTime")?)?;
    match args.required("lastSuccessTime")? {
        Value::Null => Ok(Value::Time(or_time)),
        Value::Time(t) => Ok(Value::Time(t)),
        other => Err(format!("`lastSuccessTime` must be a time, not a {}", other.type_name()).into()),
    }
}
