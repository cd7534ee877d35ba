//! Results as annotated CSV, byte for byte as InfluxDB's `/api/v2/query` writes them.

use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray, TimestampNanosecondArray, UInt64Array,
};

use crate::table::{ColType, Column, GroupKey, NamedResult, Table, format_float};
use crate::time::{format_rfc3339_nano, write_rfc3339_nano};
use crate::value::Value;

/// What a query asks of the CSV (InfluxDB's `dialect`): which annotation rows, and whether
/// each block has its header row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dialect {
    pub datatype: bool,
    pub group: bool,
    pub default: bool,
    pub header: bool,
}

impl Dialect {
    /// All three annotations and the header: what `flx run` and InfluxDB's UI write.
    pub const ANNOTATED: Dialect = Dialect { datatype: true, group: true, default: true, header: true };
}

/// Every result, each followed by an empty line, as a multi-result response.
pub fn encode_results(results: &[NamedResult]) -> String {
    encode_results_as(results, Dialect::ANNOTATED)
}

/// [`encode_results`] in a dialect.
pub fn encode_results_as(results: &[NamedResult], dialect: Dialect) -> String {
    let mut out = String::new();
    for result in results {
        encode_result_as(&mut out, result, dialect);
        out.push_str("\r\n");
    }
    out
}

/// One result: its tables in blocks, a block starting (after an empty line) wherever the
/// columns or the group key's columns change, and around empty tables.
pub fn encode_result(out: &mut String, result: &NamedResult) {
    encode_result_as(out, result, Dialect::ANNOTATED)
}

/// [`encode_result`] in a dialect.
pub fn encode_result_as(out: &mut String, result: &NamedResult, dialect: Dialect) {
    encode_result_chunked(out, result, dialect, usize::MAX, &mut |_| {});
}

/// [`encode_result_as`], handing `out` to `flush` (which takes what it holds) whenever it
/// holds `chunk` bytes or more, so that a large result is sent as it is written.
pub fn encode_result_chunked(
    out: &mut String,
    result: &NamedResult,
    dialect: Dialect,
    chunk: usize,
    flush: &mut dyn FnMut(&mut String),
) {
    let mut last: Option<(&[Column], &[Column], bool)> = None;
    for (id, table) in result.tables.iter().enumerate() {
        let empty = table.is_empty();
        let new_block = match last {
            None => true,
            Some((columns, key, was_empty)) => {
                was_empty || empty || columns != table.columns.as_slice() || key != table.key.columns.as_slice()
            }
        };
        if new_block {
            if last.is_some() {
                out.push_str("\r\n");
            }
            write_schema(out, table, &result.name, id, dialect);
        }
        // What every row shares is formatted once: the table's number and the key's cells.
        // Without `#default` to carry it, each row names its result.
        let mut prefix = String::from(",");
        if !dialect.default {
            write_field(&mut prefix, &result.name);
        }
        prefix.push_str(&format!(",{id}"));
        let constant: Vec<Option<String>> = table
            .columns
            .iter()
            .map(|c| {
                key_value(&table.key, &c.label).map(|value| {
                    let mut text = String::new();
                    write_field(&mut text, &cell_text(value));
                    text
                })
            })
            .collect();
        let cells: Vec<Cells<'_>> = table.columns.iter().zip(&table.data).map(|(c, a)| Cells::of(c.ty, a)).collect();
        for row in 0..table.len() {
            out.push_str(&prefix);
            for (constant, cells) in constant.iter().zip(&cells) {
                out.push(',');
                match constant {
                    Some(text) => out.push_str(text),
                    None => cells.write(out, row),
                }
            }
            out.push_str("\r\n");
            if out.len() >= chunk {
                flush(out);
            }
        }
        last = Some((&table.columns, &table.key.columns, empty));
    }
}

/// The error table that ends a response whose query failed after output began; `written` says
/// whether anything was written before it.
pub fn encode_error(out: &mut String, message: &str, written: bool) {
    if written {
        out.push_str("\r\n");
    }
    out.push_str("#datatype,string,string\r\n#group,true,true\r\n#default,,\r\n,error,reference\r\n,");
    write_field(out, message);
    out.push_str(",\r\n");
}

fn write_schema(out: &mut String, table: &Table, result: &str, id: usize, dialect: Dialect) {
    let empty = table.is_empty();
    if dialect.datatype {
        out.push_str("#datatype,string,long");
        for c in &table.columns {
            out.push(',');
            out.push_str(c.ty.datatype());
        }
        out.push_str("\r\n");
    }
    if dialect.group {
        out.push_str("#group,false,false");
        for c in &table.columns {
            out.push_str(if table.key.columns.iter().any(|k| k.label == c.label) { ",true" } else { ",false" });
        }
        out.push_str("\r\n");
    }
    if dialect.default {
        out.push_str("#default,");
        write_field(out, result);
        out.push(',');
        if empty {
            out.push_str(&id.to_string());
        }
        for c in &table.columns {
            out.push(',');
            // An empty table carries its group key in the defaults.
            if empty && let Some(value) = key_value(&table.key, &c.label) {
                write_field(out, &cell_text(value));
            }
        }
        out.push_str("\r\n");
    }
    if dialect.header {
        out.push_str(",result,table");
        for c in &table.columns {
            out.push(',');
            write_field(out, &c.label);
        }
        out.push_str("\r\n");
    }
}

fn key_value<'k>(key: &'k GroupKey, label: &str) -> Option<&'k Value> {
    key.value(label)
}

/// A column's array by its type, so that each cell is written without a `Value` between.
enum Cells<'a> {
    Bool(&'a BooleanArray),
    Int(&'a Int64Array),
    UInt(&'a UInt64Array),
    Float(&'a Float64Array),
    String(&'a StringArray),
    Time(&'a TimestampNanosecondArray),
}

impl<'a> Cells<'a> {
    fn of(ty: ColType, array: &'a ArrayRef) -> Cells<'a> {
        let any = array.as_any();
        match ty {
            ColType::Bool => Cells::Bool(any.downcast_ref().expect("a bool column")),
            ColType::Int => Cells::Int(any.downcast_ref().expect("an int column")),
            ColType::UInt => Cells::UInt(any.downcast_ref().expect("a uint column")),
            ColType::Float => Cells::Float(any.downcast_ref().expect("a float column")),
            ColType::String => Cells::String(any.downcast_ref().expect("a string column")),
            ColType::Time => Cells::Time(any.downcast_ref().expect("a time column")),
        }
    }

    /// The cell as `cell_text` writes it (empty for null).
    fn write(&self, out: &mut String, row: usize) {
        use std::fmt::Write;
        let null = match self {
            Cells::Bool(a) => a.is_null(row),
            Cells::Int(a) => a.is_null(row),
            Cells::UInt(a) => a.is_null(row),
            Cells::Float(a) => a.is_null(row),
            Cells::String(a) => a.is_null(row),
            Cells::Time(a) => a.is_null(row),
        };
        if null {
            return;
        }
        match self {
            Cells::Bool(a) => out.push_str(if a.value(row) { "true" } else { "false" }),
            Cells::Int(a) => write!(out, "{}", a.value(row)).expect("writing to a String"),
            Cells::UInt(a) => write!(out, "{}", a.value(row)).expect("writing to a String"),
            Cells::Float(a) => {
                let x = a.value(row);
                if x.is_finite() {
                    // Shortest round-trip decimal without exponent, as `format_float`.
                    write!(out, "{x}").expect("writing to a String");
                } else {
                    out.push_str(&format_float(x));
                }
            }
            Cells::String(a) => write_field(out, a.value(row)),
            Cells::Time(a) => write_rfc3339_nano(out, a.value(row)),
        }
    }
}

fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Float(x) => format_float(*x),
        Value::Time(t) => format_rfc3339_nano(*t),
        other => other.to_string(),
    }
}

/// A field, quoted as Go's CSV writer quotes it: when it holds a comma, a quote, CR or LF,
/// starts with white space, or is `\.`; inside quotes a line break is written CRLF.
fn write_field(out: &mut String, field: &str) {
    let quote = !field.is_empty()
        && (field == "\\."
            || field.contains([',', '"', '\r', '\n'])
            || field.chars().next().is_some_and(char::is_whitespace));
    if !quote {
        out.push_str(field);
        return;
    }
    out.push('"');
    for c in field.chars() {
        match c {
            '"' => out.push_str("\"\""),
            // Lines end in CRLF inside quotes too.
            '\r' => {}
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out.push('"');
}
