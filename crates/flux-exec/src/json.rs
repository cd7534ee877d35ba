//! Results as JSON, the shape the language server's `flux.run` answers with: results, their
//! tables with group key, typed columns and rows; times as RFC 3339 strings.

use serde_json::{Map, Value as Json, json};

use crate::table::{NamedResult, Table};
use crate::time::format_rfc3339_nano;
use crate::value::Value;

/// `{"results": [{"name": ..., "tables": [...]}]}`.
pub fn results_json(results: &[NamedResult]) -> Json {
    let results: Vec<Json> = results
        .iter()
        .map(|r| json!({"name": r.name, "tables": r.tables.iter().map(table_json).collect::<Vec<_>>()}))
        .collect();
    json!({ "results": results })
}

fn table_json(table: &Table) -> Json {
    let mut key = Map::new();
    for (column, value) in table.key.columns.iter().zip(&table.key.values) {
        key.insert(column.label.clone(), cell_json(value));
    }
    let columns: Vec<Json> = table.columns.iter().map(|c| json!({"name": c.label, "type": c.ty.datatype()})).collect();
    let rows: Vec<Json> = (0..table.len())
        .map(|row| Json::Array((0..table.columns.len()).map(|col| cell_json(&table.cell(row, col))).collect()))
        .collect();
    json!({"groupKey": key, "columns": columns, "rows": rows})
}

fn cell_json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::UInt(u) => json!(u),
        // JSON has no NaN or infinities: those are written as strings.
        Value::Float(x) if x.is_finite() => json!(x),
        Value::Float(x) => json!(crate::table::format_float(*x)),
        Value::String(s) => json!(s.as_ref()),
        Value::Time(t) => json!(format_rfc3339_nano(*t)),
        other => json!(other.to_string()),
    }
}
