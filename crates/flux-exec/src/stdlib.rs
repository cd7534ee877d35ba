//! The standard library's functions the engine implements natively, by package and name.

use std::sync::Arc;

use flux_syntax::smol_str::SmolStr;

use crate::csv;
use crate::eval::Evaluator;
use crate::table::{ColType, Column, ColumnBuilder, GroupKey, NamedResult, Table};
use crate::value::{Stream, Value};

/// A native function.
#[derive(Debug)]
pub struct Builtin {
    pub package: &'static str,
    pub name: &'static str,
    pub run: fn(&Evaluator, &mut Args) -> Result<Value, String>,
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
    Builtin { package: "universe", name: "yield", run: yield_ },
];

/// The native implementation of `package.name`, if the engine has one.
pub fn lookup(package: &str, name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.package == package && b.name == name)
}

/// `array.from(rows:)`: one table with an empty group key, its columns those of the records.
fn array_from(_: &Evaluator, args: &mut Args) -> Result<Value, String> {
    let rows = match args.piped.take().or_else(|| args.take("rows")) {
        Some(Value::Array(rows)) => rows,
        Some(other) => return Err(format!("`rows` must be an array of records, not a {}", other.type_name())),
        None => return Err("missing required argument `rows`".to_owned()),
    };
    let mut columns: Vec<Column> = Vec::new();
    for row in rows.iter() {
        let Value::Record(record) = row else {
            return Err(format!("`rows` must hold records, not a {}", row.type_name()));
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
                    ));
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
fn csv_from(_: &Evaluator, args: &mut Args) -> Result<Value, String> {
    if args.take("file").is_some() {
        return Err("csv.from(file:) is not supported yet: pass the text with `csv:`".to_owned());
    }
    let text = args.string("csv")?.ok_or("missing required argument `csv`")?;
    let mode = match args.string("mode")?.as_deref() {
        None | Some("annotations") => csv::Mode::Annotations,
        Some("raw") => csv::Mode::Raw,
        Some(other) => return Err(format!("`mode` must be \"annotations\" or \"raw\", not \"{other}\"")),
    };
    let mut results = csv::decode(&text, mode).map_err(|e| format!("invalid CSV at {e}"))?;
    let tables = match results.len() {
        0 => Vec::new(),
        1 => results.remove(0).tables,
        _ => return Err("csv.from() can only parse one result".to_owned()),
    };
    Ok(Value::Stream(Arc::new(Stream { tables, yielded: false })))
}

/// `yield(name:)`: makes the stream a result of the script.
fn yield_(evaluator: &Evaluator, args: &mut Args) -> Result<Value, String> {
    let stream = args.tables()?;
    let name = args.string("name")?.map_or_else(|| "_result".to_owned(), |n| n.to_string());
    evaluator.add_result(NamedResult { name, tables: stream.tables.clone() })?;
    Ok(Value::Stream(Arc::new(Stream { tables: stream.tables.clone(), yielded: true })))
}
