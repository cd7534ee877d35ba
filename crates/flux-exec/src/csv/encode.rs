//! Results as annotated CSV, byte for byte as InfluxDB's `/api/v2/query` writes them.

use crate::table::{Column, GroupKey, NamedResult, Table, format_float};
use crate::time::format_rfc3339_nano;
use crate::value::Value;

/// Every result, each followed by an empty line, as a multi-result response.
pub fn encode_results(results: &[NamedResult]) -> String {
    let mut out = String::new();
    for result in results {
        encode_result(&mut out, result);
        out.push_str("\r\n");
    }
    out
}

/// One result: its tables in blocks, a block starting (after an empty line) wherever the
/// columns or the group key's columns change, and around empty tables.
pub fn encode_result(out: &mut String, result: &NamedResult) {
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
            write_schema(out, table, &result.name, id);
        }
        // What every row shares is formatted once: the table's number and the key's cells.
        let prefix = format!(",,{id}");
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
        for row in 0..table.len() {
            out.push_str(&prefix);
            for (col, constant) in constant.iter().enumerate() {
                out.push(',');
                match constant {
                    Some(text) => out.push_str(text),
                    None => write_field(out, &cell_text(&table.cell(row, col))),
                }
            }
            out.push_str("\r\n");
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

fn write_schema(out: &mut String, table: &Table, result: &str, id: usize) {
    let empty = table.is_empty();
    out.push_str("#datatype,string,long");
    for c in &table.columns {
        out.push(',');
        out.push_str(c.ty.datatype());
    }
    out.push_str("\r\n#group,false,false");
    for c in &table.columns {
        out.push_str(if table.key.columns.iter().any(|k| k.label == c.label) { ",true" } else { ",false" });
    }
    out.push_str("\r\n#default,");
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
    out.push_str("\r\n,result,table");
    for c in &table.columns {
        out.push(',');
        write_field(out, &c.label);
    }
    out.push_str("\r\n");
}

fn key_value<'k>(key: &'k GroupKey, label: &str) -> Option<&'k Value> {
    key.value(label)
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
