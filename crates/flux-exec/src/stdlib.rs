//! The standard library's functions the engine implements natively, by package and name.

use std::sync::Arc;

use flux_syntax::smol_str::SmolStr;

use crate::csv;
use crate::eval::{Evaluator, RuntimeError};
use crate::table::{ColType, Column, ColumnBuilder, GroupKey, NamedResult, Table};
use crate::time::add_duration;
use crate::value::{Record, Stream, Value};

/// A native function.
#[derive(Debug)]
pub struct Builtin {
    pub package: &'static str,
    pub name: &'static str,
    pub run: fn(&Evaluator, &mut Args) -> Result<Value, Failure>,
}

/// Why a native function failed: a message about the call, or an error inside a Flux
/// function it called (which keeps its own place).
#[derive(Debug)]
pub enum Failure {
    Message(String),
    Runtime(RuntimeError),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Message(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Failure {
        Failure::Message(message.to_owned())
    }
}

/// The arguments of a call, by name, and the piped value.
pub struct Args {
    pub named: Vec<(SmolStr, Value)>,
    pub piped: Option<Value>,
}

impl Args {
    /// The argument `name`, or the piped value for the pipe parameter.
    pub fn take(&mut self, name: &str) -> Option<Value> {
        let i = self.named.iter().position(|(n, _)| n == name)?;
        Some(self.named.swap_remove(i).1)
    }

    pub fn required(&mut self, name: &str) -> Result<Value, String> {
        self.take(name).ok_or_else(|| format!("missing required argument `{name}`"))
    }

    pub fn string(&mut self, name: &str) -> Result<Option<Arc<str>>, String> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(format!("`{name}` must be a string, not a {}", other.type_name())),
        }
    }

    /// The stream piped in (or given as `tables`).
    pub fn tables(&mut self) -> Result<Arc<Stream>, String> {
        match self.piped.take().or_else(|| self.take("tables")) {
            Some(Value::Stream(s)) => Ok(s),
            Some(other) => Err(format!("expected a stream of tables, not a {}", other.type_name())),
            None => Err("missing the piped stream of tables".to_owned()),
        }
    }
}

static BUILTINS: &[Builtin] = &[
    Builtin { package: "array", name: "from", run: array_from },
    Builtin { package: "csv", name: "from", run: csv_from },
    Builtin { package: "universe", name: "filter", run: filter },
    Builtin { package: "universe", name: "now", run: now },
    Builtin { package: "universe", name: "range", run: range },
    Builtin { package: "universe", name: "yield", run: yield_ },
];

/// The native implementation of `package.name`, if the engine has one.
pub fn lookup(package: &str, name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.package == package && b.name == name)
}

/// `array.from(rows:)`: one table with an empty group key, its columns those of the records.
fn array_from(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let rows = match args.piped.take().or_else(|| args.take("rows")) {
        Some(Value::Array(rows)) => rows,
        Some(other) => return Err(format!("`rows` must be an array of records, not a {}", other.type_name()).into()),
        None => return Err("missing required argument `rows`".into()),
    };
    let mut columns: Vec<Column> = Vec::new();
    for row in rows.iter() {
        let Value::Record(record) = row else {
            return Err(format!("`rows` must hold records, not a {}", row.type_name()).into());
        };
        for (label, value) in &record.fields {
            let ty = match value {
                Value::Null => continue,
                Value::Bool(_) => ColType::Bool,
                Value::Int(_) => ColType::Int,
                Value::UInt(_) => ColType::UInt,
                Value::Float(_) => ColType::Float,
                Value::String(_) => ColType::String,
                Value::Time(_) => ColType::Time,
                other => {
                    return Err(format!(
                        "column `{label}` would hold a {}; table cells are booleans, numbers, strings and times",
                        other.type_name()
                    )
                    .into());
                }
            };
            if !columns.iter().any(|c| *c.label == **label) {
                columns.push(Column::new(label.to_string(), ty));
            }
        }
    }
    let mut builders: Vec<ColumnBuilder> = columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
    for row in rows.iter() {
        let Value::Record(record) = row else { continue };
        for (column, builder) in columns.iter().zip(&mut builders) {
            let value = record.get(&column.label).unwrap_or(&Value::Null);
            builder.append(value).map_err(|e| format!("column `{}`: {e}", column.label))?;
        }
    }
    let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
    let table = Table { key: GroupKey::default(), columns, data };
    Ok(Value::Stream(Arc::new(Stream { tables: vec![table], yielded: false })))
}

/// `csv.from(csv:, mode:)`: the tables of annotated (or raw) CSV, which must hold one result.
fn csv_from(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    if args.take("file").is_some() {
        return Err("csv.from(file:) is not supported yet: pass the text with `csv:`".into());
    }
    let text = args.string("csv")?.ok_or("missing required argument `csv`")?;
    let mode = match args.string("mode")?.as_deref() {
        None | Some("annotations") => csv::Mode::Annotations,
        Some("raw") => csv::Mode::Raw,
        Some(other) => return Err(format!("`mode` must be \"annotations\" or \"raw\", not \"{other}\"").into()),
    };
    let mut results = csv::decode(&text, mode).map_err(|e| format!("invalid CSV at {e}"))?;
    let tables = match results.len() {
        0 => Vec::new(),
        1 => results.remove(0).tables,
        _ => return Err("csv.from() can only parse one result".into()),
    };
    Ok(Value::Stream(Arc::new(Stream { tables, yielded: false })))
}

/// `yield(name:)`: makes the stream a result of the script.
fn yield_(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let name = args.string("name")?.map_or_else(|| "_result".to_owned(), |n| n.to_string());
    evaluator.add_result(NamedResult { name, tables: stream.tables.clone() })?;
    Ok(Value::Stream(Arc::new(Stream { tables: stream.tables.clone(), yielded: true })))
}

/// `now()`: the time the script runs at (the `now` option).
fn now(evaluator: &Evaluator, _: &mut Args) -> Result<Value, Failure> {
    Ok(Value::Time(evaluator.now()))
}

/// A `range` bound: a time, a duration from now, or seconds since the epoch.
fn bound(evaluator: &Evaluator, name: &str, value: Value) -> Result<i64, Failure> {
    match value {
        Value::Time(t) => Ok(t),
        Value::Duration(d) => add_duration(evaluator.now(), &d)
            .ok_or_else(|| Failure::from(format!("`{name}` is outside the times Flux can hold"))),
        Value::Int(seconds) => seconds
            .checked_mul(1_000_000_000)
            .ok_or_else(|| Failure::from(format!("`{name}` is outside the times Flux can hold"))),
        other => Err(format!("`{name}` must be a time, a duration or an int, not a {}", other.type_name()).into()),
    }
}

/// `range(start:, stop: now())`: the rows whose time is in [start, stop), each table with
/// `_start` and `_stop` in its group key (the bounds, or their overlap with the table's own).
fn range(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let start = bound(evaluator, "start", args.required("start")?)?;
    let stop = match args.take("stop") {
        Some(value) => bound(evaluator, "stop", value)?,
        None => evaluator.now(),
    };
    let (time_column, start_column, stop_column) = ("_time".to_owned(), "_start".to_owned(), "_stop".to_owned());
    let mut out: Vec<Table> = Vec::new();
    for table in &stream.tables {
        let time_index = table
            .column_index(&time_column)
            .ok_or_else(|| Failure::from(format!("the time column `{time_column}` does not exist")))?;
        if table.columns[time_index].ty != ColType::Time {
            return Err(format!("the time column `{time_column}` is not of type time").into());
        }
        for label in [&start_column, &stop_column] {
            if table.column_index(label).is_some_and(|i| table.columns[i].ty != ColType::Time) {
                return Err(format!("the column `{label}` is not of type time").into());
            }
        }
        let key = range_key(&table.key, &start_column, &stop_column, start, stop);
        if out.iter().any(|t| t.key == key) {
            return Err(format!("two tables would have the same group key {}", key_text(&table.key)).into());
        }
        let (key_start, key_stop) = (key.value(&start_column).cloned(), key.value(&stop_column).cloned());
        let mut columns: Vec<Column> = Vec::new();
        for label in [&start_column, &stop_column] {
            if table.column_index(label).is_none() {
                columns.push(Column::new(label.clone(), ColType::Time));
            }
        }
        columns.extend(table.columns.iter().cloned());
        let mut builders: Vec<ColumnBuilder> = columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
        for row in 0..table.len() {
            let Value::Time(t) = table.cell(row, time_index) else { continue };
            if t < start || t >= stop {
                continue;
            }
            for (column, builder) in columns.iter().zip(&mut builders) {
                let value = if column.label == start_column {
                    key_start.clone().unwrap_or(Value::Null)
                } else if column.label == stop_column {
                    key_stop.clone().unwrap_or(Value::Null)
                } else {
                    table.cell(row, table.column_index(&column.label).expect("a column of the table"))
                };
                builder.append(&value)?;
            }
        }
        let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
        out.push(Table { key, columns, data });
    }
    Ok(Value::Stream(Arc::new(Stream { tables: out, yielded: false })))
}

/// The group key after `range`: with `_start` and `_stop` set to the bounds, or to their
/// overlap with the bounds the key already had.
fn range_key(key: &GroupKey, start_column: &str, stop_column: &str, start: i64, stop: i64) -> GroupKey {
    match (key.value(start_column), key.value(stop_column)) {
        (Some(old_start), Some(old_stop)) => {
            let (mut s, mut e) = (start, stop);
            if let (Value::Time(a), Value::Time(b)) = (old_start, old_stop)
                && *a < stop
                && start < *b
            {
                s = s.max(*a);
                e = e.min(*b);
            }
            let mut out = key.clone();
            for (column, value) in out.columns.iter().zip(out.values.iter_mut()) {
                if column.label == start_column {
                    *value = Value::Time(s);
                } else if column.label == stop_column {
                    *value = Value::Time(e);
                }
            }
            out
        }
        (old_start, old_stop) => {
            let mut out = GroupKey::default();
            if old_start.is_none() {
                out.columns.push(Column::new(start_column, ColType::Time));
                out.values.push(Value::Time(start));
            }
            if old_stop.is_none() {
                out.columns.push(Column::new(stop_column, ColType::Time));
                out.values.push(Value::Time(stop));
            }
            out.columns.extend(key.columns.iter().cloned());
            out.values.extend(key.values.iter().cloned());
            out
        }
    }
}

fn key_text(key: &GroupKey) -> String {
    let pairs: Vec<String> = key.columns.iter().zip(&key.values).map(|(c, v)| format!("{}={v}", c.label)).collect();
    format!("{{{}}}", pairs.join(", "))
}

/// `filter(fn:, onEmpty: "drop")`: the rows for which `fn` is true (null counts as false);
/// a table left without rows is dropped unless `onEmpty` is "keep".
fn filter(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let function = match args.required("fn")? {
        Value::Function(f) => f,
        other => return Err(format!("`fn` must be a function, not a {}", other.type_name()).into()),
    };
    let keep_empty = match args.string("onEmpty")?.as_deref() {
        None | Some("drop") => false,
        Some("keep") => true,
        Some(other) => return Err(format!("`onEmpty` must be \"drop\" or \"keep\", not \"{other}\"").into()),
    };
    let mut out = Vec::new();
    for table in &stream.tables {
        let labels: Vec<Arc<str>> = table.columns.iter().map(|c| Arc::from(c.label.as_str())).collect();
        let mut builders: Vec<ColumnBuilder> = table.columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
        for row in 0..table.len() {
            let cells: Vec<Value> = (0..table.columns.len()).map(|col| table.cell(row, col)).collect();
            let record = Record { fields: labels.iter().cloned().zip(cells.iter().cloned()).collect() };
            let verdict = evaluator
                .apply(&function, vec![("r".into(), Value::Record(Arc::new(record)))], None)
                .map_err(Failure::Runtime)?;
            match verdict {
                Value::Bool(true) => {
                    for (builder, cell) in builders.iter_mut().zip(&cells) {
                        builder.append(cell)?;
                    }
                }
                Value::Bool(false) | Value::Null => {}
                other => return Err(format!("`fn` must return a boolean, not a {}", other.type_name()).into()),
            }
        }
        if builders.first().is_some_and(|b| b.is_empty()) && !keep_empty {
            continue;
        }
        let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
        out.push(Table { key: table.key.clone(), columns: table.columns.clone(), data });
    }
    Ok(Value::Stream(Arc::new(Stream { tables: out, yielded: false })))
}

#[cfg(test)]
mod tests;
