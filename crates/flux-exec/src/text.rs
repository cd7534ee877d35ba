//! Tables as aligned plain text, one under its group key, as the `influx` CLI shows them.

use crate::table::{NamedResult, Table};
use crate::value::Value;

/// Each result, and in it each table under its group key.
pub fn results_text(results: &[NamedResult]) -> String {
    let mut out = String::new();
    for result in results {
        out.push_str(&format!("Result: {}\n", result.name));
        for table in &result.tables {
            out.push_str(&table_text(table));
        }
        out.push('\n');
    }
    out
}

/// A table's key line, then its columns right-aligned under `label:type`.
pub fn table_text(table: &Table) -> String {
    let keys: Vec<String> =
        table.key.columns.iter().zip(&table.key.values).map(|(c, v)| format!("{}={}", c.label, cell_text(v))).collect();
    let mut out = format!("Table: keys: [{}]\n", keys.join(", "));
    let headers: Vec<String> = table.columns.iter().map(|c| format!("{}:{}", c.label, c.ty.name())).collect();
    let rows: Vec<Vec<String>> = (0..table.len())
        .map(|row| (0..table.columns.len()).map(|col| cell_text(&table.cell(row, col))).collect())
        .collect();
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| rows.iter().map(|r| r[i].chars().count()).chain([h.chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:>w$}")).collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    out.push_str(&line(&headers));
    out.push_str(&line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>()));
    for row in &rows {
        out.push_str(&line(row));
    }
    out
}

fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        value => value.to_string(),
    }
}
