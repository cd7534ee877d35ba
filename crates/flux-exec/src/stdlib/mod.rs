//! The standard library's functions the engine implements natively, by package and name.

use std::collections::BTreeMap;
use std::sync::Arc;

use flux_syntax::smol_str::SmolStr;

use crate::csv;
use crate::eval::{Evaluator, RuntimeError};
use crate::table::{ColType, Column, ColumnBuilder, GroupKey, NamedResult, Table};
use crate::time::add_duration;
use crate::value::{DictKey, Record, Stream, Value};

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
    /// `die(msg:)`: the script's own message, reported as it is.
    Die(String),
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
        self.stream("tables")
    }

    /// The stream piped in, or given by the name of the pipe parameter.
    pub fn stream(&mut self, name: &str) -> Result<Arc<Stream>, String> {
        match self.piped.take().or_else(|| self.take(name)) {
            Some(Value::Stream(s)) => Ok(s),
            Some(other) => Err(format!("`{name}` must be a stream of tables, not a {}", other.type_name())),
            None => Err(format!("missing the piped stream of tables (`{name}`)")),
        }
    }

    /// An optional argument that must be a boolean.
    pub fn bool(&mut self, name: &str) -> Result<Option<bool>, String> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(other) => Err(format!("`{name}` must be a boolean, not a {}", other.type_name())),
        }
    }

    /// An optional argument that must be an int.
    pub fn int(&mut self, name: &str) -> Result<Option<i64>, String> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Int(i)) => Ok(Some(i)),
            Some(other) => Err(format!("`{name}` must be an int, not a {}", other.type_name())),
        }
    }

    /// An optional argument that must be a float.
    pub fn float(&mut self, name: &str) -> Result<Option<f64>, String> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Float(x)) => Ok(Some(x)),
            Some(other) => Err(format!("`{name}` must be a float, not a {}", other.type_name())),
        }
    }

    /// An optional argument that must be a function.
    pub fn function(&mut self, name: &str) -> Result<Option<Arc<crate::value::Function>>, String> {
        match self.take(name) {
            None => Ok(None),
            Some(Value::Function(f)) => Ok(Some(f)),
            Some(other) => Err(format!("`{name}` must be a function, not a {}", other.type_name())),
        }
    }
}

mod aggregate;
mod collections;
mod contrib;
pub(crate) mod convert;
mod date;
mod experimental;
pub mod flux;
mod geo;
mod influxql;
mod join;
mod math;
mod misc;
mod net;
mod polyline;
mod promql;
mod shape;
mod sql;
pub(crate) mod storage;
mod strings;
pub mod support;
mod testing;
mod window;

static BUILTINS: &[Builtin] = &[
    Builtin { package: "array", name: "from", run: array_from },
    Builtin { package: "csv", name: "from", run: csv_from },
    Builtin { package: "experimental", name: "catch", run: testing::catch },
    Builtin { package: "experimental", name: "diff", run: testing::experimental_diff },
    Builtin { package: "internal/debug", name: "getOption", run: testing::debug_get_option },
    Builtin { package: "internal/debug", name: "null", run: testing::debug_null },
    Builtin { package: "internal/debug", name: "opaque", run: testing::debug_pass },
    Builtin { package: "internal/debug", name: "pass", run: testing::debug_pass },
    Builtin { package: "internal/debug", name: "sink", run: testing::debug_sink },
    Builtin { package: "internal/debug", name: "slurp", run: testing::debug_pass },
    Builtin { package: "internal/testing", name: "assertMatches", run: testing::assert_matches },
    Builtin { package: "testing", name: "assertEmpty", run: testing::assert_empty },
    Builtin { package: "testing", name: "assertEqualValues", run: testing::assert_equal_values },
    Builtin { package: "testing", name: "assertEquals", run: testing::assert_equals },
    Builtin { package: "testing", name: "diff", run: testing::testing_diff },
    Builtin { package: "testing", name: "load", run: testing::load },
    Builtin { package: "testing", name: "shouldError", run: testing::should_error },
    Builtin { package: "testing/expect", name: "planner", run: testing::expect_planner },
    Builtin { package: "universe", name: "die", run: testing::die },
    Builtin { package: "universe", name: "drop", run: drop },
    Builtin { package: "universe", name: "duplicate", run: duplicate },
    Builtin { package: "universe", name: "filter", run: filter },
    Builtin { package: "universe", name: "group", run: group },
    Builtin { package: "universe", name: "keep", run: keep },
    Builtin { package: "universe", name: "limit", run: limit },
    Builtin { package: "universe", name: "map", run: map },
    Builtin { package: "universe", name: "now", run: now },
    Builtin { package: "universe", name: "range", run: range },
    Builtin { package: "universe", name: "rename", run: rename },
    Builtin { package: "universe", name: "sort", run: sort },
    Builtin { package: "universe", name: "yield", run: yield_ },
];

/// Every module's natives.
const MODULES: &[&[Builtin]] = &[
    BUILTINS,
    aggregate::BUILTINS,
    collections::BUILTINS,
    contrib::BUILTINS,
    convert::BUILTINS,
    date::BUILTINS,
    experimental::BUILTINS,
    geo::BUILTINS,
    join::BUILTINS,
    math::BUILTINS,
    math::BITWISE,
    math::EXPERIMENTAL_BITWISE,
    misc::BUILTINS,
    net::BUILTINS,
    polyline::BUILTINS,
    promql::BUILTINS,
    shape::BUILTINS,
    sql::BUILTINS,
    storage::BUILTINS,
    strings::BUILTINS,
    window::BUILTINS,
];

/// Packages upstream moved, by their newer path: the same values under both.
const MOVED: &[(&str, &str)] = &[("date/boundaries", "experimental/date/boundaries")];

/// The native implementation of `package.name`, if the engine has one.
pub fn lookup(package: &str, name: &str) -> Option<&'static Builtin> {
    let package = MOVED.iter().find(|(new, _)| *new == package).map_or(package, |(_, old)| old);
    MODULES.iter().flat_map(|m| m.iter()).find(|b| b.package == package && b.name == name)
}

/// The value of the standard library's `package.name`: a native function or a constant.
pub fn value(package: &str, name: &str) -> Option<Value> {
    match (package, name) {
        ("internal/location", "location") => Some(crate::tz::Location::utc().to_value()),
        // Upstream's switch between its row and vector paths; this engine decides per function.
        ("internal/debug", "vectorize") => Some(Value::Bool(false)),
        // Options whose default is an empty list.
        ("planner", "disableLogicalRules" | "disablePhysicalRules")
        | ("testing", "tags")
        | ("profiler", "enabledProfilers") => Some(Value::Array(Arc::new(Vec::new()))),
        ("math", name) => math::constant(name).or_else(|| lookup(package, name).map(Value::Builtin)),
        ("universe", "inf") => Some(window::inf()),
        _ => lookup(package, name)
            .map(Value::Builtin)
            .or_else(|| collections::constant(package, name))
            .or_else(|| date::constant(package, name)),
    }
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
            if matches!(value, Value::Null) {
                continue;
            }
            let ty = ColType::of(value).ok_or_else(|| {
                Failure::from(format!(
                    "column `{label}` would hold a {}; table cells are booleans, numbers, strings and times",
                    value.type_name()
                ))
            })?;
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
    Ok(stream_of(vec![table]))
}

/// `csv.from(csv:, mode:)`: the tables of annotated (or raw) CSV, which must hold one result.
fn csv_from(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let text: Arc<str> = match (args.string("csv")?, args.string("file")?) {
        (Some(text), None) => text,
        (None, Some(path)) => read_csv_file(&path)?.into(),
        _ => return Err("give exactly one of `csv` (the text) and `file` (a path)".into()),
    };
    if let Some(max) = evaluator.max_rows() {
        check_row_count(&text, max)?;
    }
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
    Ok(stream_of(tables))
}

/// The largest CSV file `csv.from(file:)` reads: the engine holds the text and its tables in
/// memory, so a larger file needs a bucket or a database instead.
const MAX_CSV_FILE: u64 = 4 << 30;

fn read_csv_file(path: &str) -> Result<String, Failure> {
    let size = std::fs::metadata(path).map_err(|e| format!("cannot read \"{path}\": {e}"))?.len();
    if size > MAX_CSV_FILE {
        return Err(format!(
            "\"{path}\" holds {:.1} GiB; csv.from reads at most {} GiB into memory: load it into a bucket instead",
            size as f64 / f64::from(1u32 << 30),
            MAX_CSV_FILE >> 30
        )
        .into());
    }
    std::fs::read_to_string(path).map_err(|e| format!("cannot read \"{path}\": {e}").into())
}

/// Fails before decoding when the text has more data lines than the run may read.
fn check_row_count(text: &str, max: usize) -> Result<(), Failure> {
    let mut rows = 0usize;
    // The first line is a header in raw CSV, and so is the line after annotations.
    let mut header_next = true;
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        if line.starts_with('#') {
            header_next = true;
            continue;
        }
        if std::mem::take(&mut header_next) {
            continue;
        }
        rows += 1;
        if rows > max {
            return Err(format!("line {}: more than {max} rows, the most this run may read (--max-rows)", n + 1).into());
        }
    }
    Ok(())
}

/// `yield(name:)`: makes the stream a result of the script.
fn yield_(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let name = args.string("name")?.map_or_else(|| "_result".to_owned(), |n| n.to_string());
    evaluator.add_result(NamedResult { name, tables: stream.tables.clone() })?;
    Ok(Value::Stream(Arc::new(Stream {
        tables: stream.tables.clone(),
        yielded: true,
        collation: stream.collation.clone(),
        bounds: stream.bounds,
    })))
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
    Ok(Value::Stream(Arc::new(Stream { tables: out, yielded: false, collation: None, bounds: Some((start, stop)) })))
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
    filter_all(evaluator, &stream, &[function], keep_empty)
}

/// The rows for which every predicate is true, in one pass (the predicates of merged
/// `filter`s, the outermost first, as upstream joins them with `and`).
pub(crate) fn filter_all(
    evaluator: &Evaluator,
    stream: &Stream,
    predicates: &[Arc<crate::value::Function>],
    keep_empty: bool,
) -> Result<Value, Failure> {
    let mut out = Vec::new();
    for table in &stream.tables {
        let labels: Vec<Arc<str>> = table.columns.iter().map(|c| Arc::from(c.label.as_str())).collect();
        let mut kept = Vec::new();
        'rows: for row in 0..table.len() {
            let r = row_record(table, &labels, row);
            for function in predicates {
                match evaluator.apply(function, vec![("r".into(), r.clone())], None).map_err(Failure::Runtime)? {
                    Value::Bool(true) => {}
                    Value::Bool(false) | Value::Null => continue 'rows,
                    other => return Err(format!("`fn` must return a boolean, not a {}", other.type_name()).into()),
                }
            }
            kept.push(row);
        }
        if kept.is_empty() && !keep_empty {
            continue;
        }
        out.push(take_rows(table, &kept)?);
    }
    Ok(stream_of(out))
}

/// The strings of an array argument (`columns: ["a", "b"]`).
fn strings(value: Value, name: &str) -> Result<Vec<String>, Failure> {
    let Value::Array(items) = value else {
        return Err(format!("`{name}` must be an array of strings, not a {}", value.type_name()).into());
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok(s.to_string()),
            other => Err(Failure::from(format!("`{name}` must hold strings, not a {}", other.type_name()))),
        })
        .collect()
}

/// Calls `function(column: label)`, as the schema functions' `fn` is called.
fn call_on_column(
    evaluator: &Evaluator,
    function: &Arc<crate::value::Function>,
    label: &str,
) -> Result<Value, Failure> {
    evaluator.apply(function, vec![("column".into(), Value::string(label))], None).map_err(Failure::Runtime)
}

fn function_arg(args: &mut Args, name: &str) -> Result<Option<Arc<crate::value::Function>>, Failure> {
    match args.take(name) {
        None => Ok(None),
        Some(Value::Function(f)) => Ok(Some(f)),
        Some(other) => Err(format!("`{name}` must be a function, not a {}", other.type_name()).into()),
    }
}

/// A table with only the columns `keep` says to keep, the group key losing those it drops.
fn select_columns(table: &Table, mut keep: impl FnMut(&str) -> Result<bool, Failure>) -> Result<Table, Failure> {
    let mut columns = Vec::new();
    let mut data = Vec::new();
    for (column, array) in table.columns.iter().zip(&table.data) {
        if keep(&column.label)? {
            columns.push(column.clone());
            data.push(array.clone());
        }
    }
    let mut key = GroupKey::default();
    for (column, value) in table.key.columns.iter().zip(&table.key.values) {
        if columns.iter().any(|c| c.label == column.label) {
            key.columns.push(column.clone());
            key.values.push(value.clone());
        }
    }
    Ok(Table { key, columns, data })
}

/// Tables that came out with the same group key become one, as upstream's table builders
/// merge them: the columns are those of both (the first table's first), a column one table
/// lacks is null in its rows, and a column of two types is an error.
fn merge_same_keys(tables: Vec<Table>) -> Result<Vec<Table>, Failure> {
    let mut out: Vec<Table> = Vec::new();
    for table in tables {
        let Some(existing) = out.iter_mut().find(|t| t.key == table.key) else {
            out.push(table);
            continue;
        };
        let mut columns = existing.columns.clone();
        for column in &table.columns {
            match columns.iter().find(|c| c.label == column.label) {
                Some(c) if c.ty != column.ty => {
                    return Err(format!(
                        "schema collision: column \"{}\" is both of type {} and {}",
                        column.label,
                        c.ty.name(),
                        column.ty.name()
                    )
                    .into());
                }
                Some(_) => {}
                None => columns.push(column.clone()),
            }
        }
        let mut builders: Vec<ColumnBuilder> = columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
        for source in [&*existing, &table] {
            let places: Vec<Option<usize>> = columns.iter().map(|c| source.column_index(&c.label)).collect();
            for row in 0..source.len() {
                for (place, builder) in places.iter().zip(builders.iter_mut()) {
                    match place {
                        Some(col) => builder.append(&source.cell(row, *col))?,
                        None => builder.append_null(),
                    }
                }
            }
        }
        existing.data = builders.iter_mut().map(ColumnBuilder::finish).collect();
        existing.columns = columns;
    }
    Ok(out)
}

fn stream_of(tables: Vec<Table>) -> Value {
    Value::Stream(Arc::new(Stream { tables, yielded: false, collation: None, bounds: None }))
}

/// `drop(columns:)` or `drop(fn:)`: removes columns (absent ones are ignored).
fn drop(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    drop_or_keep(evaluator, args, false)
}

/// `keep(columns:)` or `keep(fn:)`: removes every other column.
fn keep(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    drop_or_keep(evaluator, args, true)
}

fn drop_or_keep(evaluator: &Evaluator, args: &mut Args, keeping: bool) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let listed = args.take("columns").map(|v| strings(v, "columns")).transpose()?;
    let function = function_arg(args, "fn")?;
    if listed.is_none() && function.is_none() {
        return Err("give `columns` or `fn`".into());
    }
    let mut out = Vec::new();
    for table in &stream.tables {
        out.push(select_columns(table, |label| {
            let chosen = match (&listed, &function) {
                (Some(labels), _) => labels.iter().any(|l| l == label),
                (None, Some(f)) => matches!(call_on_column(evaluator, f, label)?, Value::Bool(true)),
                (None, None) => false,
            };
            Ok(chosen == keeping)
        })?);
    }
    Ok(stream_of(merge_same_keys(out)?))
}

/// `rename(columns: {old: "new"})` or `rename(fn:)`: renames columns, in the key too; renaming
/// a column the table does not have is an error.
fn rename(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let mapping: Option<Vec<(String, String)>> = match args.take("columns") {
        None => None,
        Some(Value::Record(record)) => Some(
            record
                .fields
                .iter()
                .map(|(old, new)| match new {
                    Value::String(new) => Ok((old.to_string(), new.to_string())),
                    other => Err(Failure::from(format!(
                        "the new name of `{old}` must be a string, not a {}",
                        other.type_name()
                    ))),
                })
                .collect::<Result<_, _>>()?,
        ),
        Some(other) => return Err(format!("`columns` must be a record, not a {}", other.type_name()).into()),
    };
    let function = function_arg(args, "fn")?;
    if mapping.is_none() && function.is_none() {
        return Err("give `columns` or `fn`".into());
    }
    let mut out = Vec::new();
    for table in &stream.tables {
        if let Some(mapping) = &mapping
            && let Some((old, _)) = mapping.iter().find(|(old, _)| table.column_index(old).is_none())
        {
            return Err(format!("rename error: column \"{old}\" doesn't exist").into());
        }
        let mut renamed = table.clone();
        for column in renamed.columns.iter_mut().chain(renamed.key.columns.iter_mut()) {
            let new = match (&mapping, &function) {
                (Some(mapping), _) => mapping.iter().find(|(old, _)| *old == column.label).map(|(_, new)| new.clone()),
                (None, Some(f)) => match call_on_column(evaluator, f, &column.label)? {
                    Value::String(new) => Some(new.to_string()),
                    other => return Err(format!("`fn` must return a string, not a {}", other.type_name()).into()),
                },
                (None, None) => None,
            };
            if let Some(new) = new {
                column.label = new;
            }
        }
        out.push(renamed);
    }
    Ok(stream_of(merge_same_keys(out)?))
}

/// `duplicate(column:, as:)`: copies a column under another name (replacing a column of that
/// name); the copy is in the group key only where the replaced column was.
fn duplicate(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let from = args.string("column")?.ok_or("missing required argument `column`")?.to_string();
    let to = args.string("as")?.ok_or("missing required argument `as`")?.to_string();
    let mut out = Vec::new();
    for table in &stream.tables {
        out.push(duplicate_column(table, &from, &to)?);
    }
    Ok(stream_of(merge_same_keys(out)?))
}

/// The table with column `from` copied as `to` (replacing a column of that name); the copy
/// is in the group key only where the replaced column was.
pub(super) fn duplicate_column(table: &Table, from: &str, to: &str) -> Result<Table, Failure> {
    let index = table.column_index(from).ok_or_else(|| Failure::from(format!("column \"{from}\" doesn't exist")))?;
    let mut copy = table.clone();
    let column = Column::new(to, table.columns[index].ty);
    match copy.column_index(to) {
        Some(existing) => {
            copy.columns[existing] = column.clone();
            copy.data[existing] = table.data[index].clone();
        }
        None => {
            copy.columns.push(column.clone());
            copy.data.push(table.data[index].clone());
        }
    }
    if let Some(k) = copy.key.columns.iter().position(|c| c.label == to) {
        match table.key.value(from).cloned() {
            Some(value) => {
                copy.key.columns[k] = column;
                copy.key.values[k] = value;
            }
            None => {
                copy.key.columns.remove(k);
                copy.key.values.remove(k);
            }
        }
    }
    Ok(copy)
}

/// `group(columns:, mode: "by")`: regroups every row by the listed columns (`mode: "except"`:
/// by every other column), the key's columns in the table's column order; the tables come out
/// sorted by key.
fn group(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let listed = args.take("columns").map(|v| strings(v, "columns")).transpose()?.unwrap_or_default();
    let except = match args.string("mode")?.as_deref() {
        None | Some("by") => false,
        Some("except") => true,
        Some(other) => return Err(format!("`mode` must be \"by\" or \"except\", not \"{other}\"").into()),
    };
    // Each group: its key, its columns (in the order met) and its rows; found by the key's
    // labels and values, which also order the tables that come out.
    let mut groups: Vec<(GroupKey, Vec<Column>, Vec<Vec<Value>>)> = Vec::new();
    let mut index: BTreeMap<Vec<(String, Option<DictKey>)>, usize> = BTreeMap::new();
    for table in &stream.tables {
        let key_columns: Vec<usize> = (0..table.columns.len())
            .filter(|&i| listed.iter().any(|l| *l == table.columns[i].label) != except)
            .collect();
        for row in 0..table.len() {
            let cells: Vec<Value> = (0..table.columns.len()).map(|c| table.cell(row, c)).collect();
            let lookup =
                key_columns.iter().map(|&i| (table.columns[i].label.clone(), DictKey::of(&cells[i]))).collect();
            let position = *index.entry(lookup).or_insert_with(|| {
                let key = GroupKey {
                    columns: key_columns.iter().map(|&i| table.columns[i].clone()).collect(),
                    values: key_columns.iter().map(|&i| cells[i].clone()).collect(),
                };
                groups.push((key, table.columns.clone(), Vec::new()));
                groups.len() - 1
            });
            let (_, columns, rows) = &mut groups[position];
            for column in &table.columns {
                match columns.iter().find(|c| c.label == column.label) {
                    Some(existing) if existing.ty != column.ty => {
                        return Err(format!(
                            "column `{}` is a {} in one table and a {} in another",
                            column.label,
                            existing.ty.name(),
                            column.ty.name()
                        )
                        .into());
                    }
                    Some(_) => {}
                    None => columns.push(column.clone()),
                }
            }
            let row: Vec<Value> = columns
                .iter()
                .map(|c| table.column_index(&c.label).map_or(Value::Null, |i| cells[i].clone()))
                .collect();
            rows.push(row);
        }
    }
    let mut out = Vec::new();
    for position in index.into_values() {
        let (key, columns, rows) = std::mem::take(&mut groups[position]);
        let mut builders: Vec<ColumnBuilder> = columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
        for row in &rows {
            for (builder, cell) in builders.iter_mut().zip(row.iter().chain(std::iter::repeat(&Value::Null))) {
                builder.append(cell)?;
            }
        }
        let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
        out.push(Table { key, columns, data });
    }
    Ok(stream_of(out))
}

/// The table with only the rows at `rows`, in that order.
fn take_rows(table: &Table, rows: &[usize]) -> Result<Table, Failure> {
    let mut builders: Vec<ColumnBuilder> = table.columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
    for &row in rows {
        for (col, builder) in builders.iter_mut().enumerate() {
            builder.append(&table.cell(row, col))?;
        }
    }
    let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
    Ok(Table { key: table.key.clone(), columns: table.columns.clone(), data })
}

/// `sort(columns: ["_value"], desc: false)`: orders each table's rows by the columns that are
/// not in its group key, nulls first either way; rows that compare equal keep their order.
fn sort(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let columns =
        args.take("columns").map(|v| strings(v, "columns")).transpose()?.unwrap_or_else(|| vec!["_value".to_owned()]);
    let desc = match args.take("desc") {
        None => false,
        Some(Value::Bool(b)) => b,
        Some(other) => return Err(format!("`desc` must be a boolean, not a {}", other.type_name()).into()),
    };
    let collation = crate::value::Collation { columns: columns.clone(), desc };
    // Rows already in this order stay as they are.
    if stream.collation.as_ref().is_some_and(|c| c.satisfies(&columns, desc))
        && evaluator.apply_rule(&crate::plan::REMOVE_REDUNDANT_SORT)
    {
        return Ok(Value::Stream(Arc::new(Stream {
            tables: stream.tables.clone(),
            yielded: false,
            collation: stream.collation.clone(),
            bounds: stream.bounds,
        })));
    }
    // Upstream sorts all the rows of a key together: tables of one key (after `union`, say)
    // become one first.
    let tables = merge_same_keys(stream.tables.clone())?;
    let mut out = Vec::new();
    for table in &tables {
        let by: Vec<usize> =
            columns.iter().filter(|c| table.key.value(c).is_none()).filter_map(|c| table.column_index(c)).collect();
        let cells: Vec<Vec<Value>> =
            (0..table.len()).map(|row| by.iter().map(|&c| table.cell(row, c)).collect()).collect();
        let mut order: Vec<usize> = (0..table.len()).collect();
        order.sort_by(|&a, &b| {
            for (x, y) in cells[a].iter().zip(&cells[b]) {
                let ordering = match (x, y) {
                    (Value::Null, Value::Null) => std::cmp::Ordering::Equal,
                    (Value::Null, _) => std::cmp::Ordering::Less,
                    (_, Value::Null) => std::cmp::Ordering::Greater,
                    _ if desc => compare_values(y, x),
                    _ => compare_values(x, y),
                };
                if ordering.is_ne() {
                    return ordering;
                }
            }
            std::cmp::Ordering::Equal
        });
        out.push(take_rows(table, &order)?);
    }
    Ok(Value::Stream(Arc::new(Stream {
        tables: out,
        yielded: false,
        collation: Some(collation),
        bounds: stream.bounds,
    })))
}

/// `limit(n:, offset: 0)`: at most `n` rows of each table, after skipping `offset`.
fn limit(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let count = |name: &str, value: Option<Value>| match value {
        None => Ok(0),
        Some(Value::Int(n)) if n >= 0 => Ok(n as usize),
        Some(Value::Int(n)) => Err(Failure::from(format!("`{name}` must not be negative, not {n}"))),
        Some(other) => Err(Failure::from(format!("`{name}` must be an int, not a {}", other.type_name()))),
    };
    let n = count("n", Some(args.required("n")?))?;
    let offset = count("offset", args.take("offset"))?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let rows: Vec<usize> = (0..table.len()).skip(offset).take(n).collect();
        out.push(take_rows(table, &rows)?);
    }
    Ok(stream_of(out))
}

#[cfg(test)]
pub(crate) fn tests_support_row(table: &Table, labels: &[Arc<str>], row: usize) -> Value {
    row_record(table, labels, row)
}

/// The record of a table's row, its fields the table's columns.
fn row_record(table: &Table, labels: &[Arc<str>], row: usize) -> Value {
    let fields = labels.iter().cloned().zip((0..table.columns.len()).map(|col| table.cell(row, col))).collect();
    Value::Record(Arc::new(Record { fields }))
}

/// `map(fn:)`: each row becomes the record `fn(r)` returns. The output's group key is the
/// input key's columns that the record keeps; a row whose key values differ from the others'
/// moves to a table of its own, as upstream regroups. An empty table gives no output.
fn map(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let function = function_arg(args, "fn")?.ok_or("missing required argument `fn`")?;
    let _ = args.take("mergeKey");
    let vector = crate::vectorize::vectorize(&function).filter(|_| evaluator.apply_rule(&crate::plan::VECTORIZE_MAP));
    let mut out: Vec<Table> = Vec::new();
    for table in &stream.tables {
        if let Some(vector) = &vector
            && !table.is_empty()
            && let Some(mapped) = vector.apply(table)?
        {
            push_merged(&mut out, mapped)?;
            continue;
        }
        let labels: Vec<Arc<str>> = table.columns.iter().map(|c| Arc::from(c.label.as_str())).collect();
        let mut records = Vec::with_capacity(table.len());
        for row in 0..table.len() {
            let r = row_record(table, &labels, row);
            match evaluator.apply(&function, vec![("r".into(), r)], None).map_err(Failure::Runtime)? {
                Value::Record(record) => records.push(record),
                other => return Err(format!("`fn` must return a record, not a {}", other.type_name()).into()),
            }
        }
        let Some(first) = records.first() else { continue };
        // The columns are the first record's fields; a type comes from the first non-null value.
        let mut columns: Vec<Column> = Vec::new();
        for (label, _) in &first.fields {
            let ty = records.iter().find_map(|r| r.get(label).and_then(ColType::of));
            let ty = match (ty, records.iter().find_map(|r| r.get(label).filter(|v| !matches!(v, Value::Null)))) {
                (Some(ty), _) => ty,
                (None, Some(other)) => {
                    return Err(format!(
                        "column `{label}` would hold a {}; table cells are booleans, numbers, strings and times",
                        other.type_name()
                    )
                    .into());
                }
                // Only nulls: the column has the type the analysis gave the field, and
                // without one (an untyped null) it is left out, as upstream does.
                (None, None) => match crate::vectorize::field_type(&function, label) {
                    Some(ty) => ty,
                    None => continue,
                },
            };
            columns.push(Column::new(label.to_string(), ty));
        }
        let key_columns: Vec<usize> =
            (0..columns.len()).filter(|&i| table.key.value(&columns[i].label).is_some()).collect();
        // Rows by their key values, the keys in order.
        let mut groups: BTreeMap<KeyLookup, (Vec<Value>, Vec<usize>)> = BTreeMap::new();
        for (row, record) in records.iter().enumerate() {
            let values: Vec<Value> =
                key_columns.iter().map(|&i| record.get(&columns[i].label).cloned().unwrap_or(Value::Null)).collect();
            let lookup = values.iter().map(DictKey::of).collect();
            groups.entry(lookup).or_insert_with(|| (values, Vec::new())).1.push(row);
        }
        for (values, rows) in groups.into_values() {
            let key = GroupKey { columns: key_columns.iter().map(|&i| columns[i].clone()).collect(), values };
            let mut builders: Vec<ColumnBuilder> = columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
            for &row in &rows {
                for (column, builder) in columns.iter().zip(&mut builders) {
                    let value = records[row].get(&column.label).unwrap_or(&Value::Null);
                    builder.append(value).map_err(|e| format!("column `{}`: {e}", column.label))?;
                }
            }
            let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
            push_merged(&mut out, Table { key, columns: columns.clone(), data })?;
        }
    }
    Ok(stream_of(out))
}

/// Adds a table to `out`; rows of a key and schema met in an earlier table join that table,
/// where it stands.
fn push_merged(out: &mut Vec<Table>, table: Table) -> Result<(), Failure> {
    match out.iter().position(|t| t.key == table.key && t.columns == table.columns) {
        Some(i) => {
            let merged = merge_same_keys(vec![out[i].clone(), table])?;
            out[i] = merged.into_iter().next().expect("one table");
        }
        None => out.push(table),
    }
    Ok(())
}

/// A group key's values as an ordered map key (null as `None`).
type KeyLookup = Vec<Option<DictKey>>;

fn compare_values(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (Value::Null, Value::Null) => Equal,
        (Value::Null, _) => Less,
        (_, Value::Null) => Greater,
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Int(x), Value::Int(y)) => x.cmp(y),
        (Value::UInt(x), Value::UInt(y)) => x.cmp(y),
        (Value::Float(x), Value::Float(y)) => x.total_cmp(y),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Time(x), Value::Time(y)) => x.cmp(y),
        _ => a.type_name().cmp(b.type_name()),
    }
}

#[cfg(test)]
mod tests;
