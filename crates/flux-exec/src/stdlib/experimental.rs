//! The table functions of `experimental` (and `experimental/table`) that are not aggregates.

use std::sync::Arc;

use super::{Args, Builtin, Failure, merge_same_keys, stream_of, strings};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, GroupKey, Table};
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "experimental", name: "addDuration", run: add_duration_fn },
    Builtin { package: "experimental", name: "subDuration", run: sub_duration_fn },
    Builtin { package: "experimental", name: "alignTime", run: align_time },
    Builtin { package: "experimental", name: "chain", run: chain },
    Builtin { package: "experimental", name: "group", run: group_extend },
    Builtin { package: "experimental", name: "join", run: join_on_time },
    Builtin { package: "experimental", name: "preview", run: preview },
    Builtin { package: "experimental", name: "set", run: set },
    Builtin { package: "experimental", name: "unpivot", run: unpivot },
    Builtin { package: "experimental/table", name: "fill", run: fill_empty },
];

/// `experimental.addDuration(d:, to:, location:)`: `date.add` under its older name.
fn add_duration_fn(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    super::lookup("date", "add").map_or(Err("date.add is missing".into()), |b| (b.run)(evaluator, args))
}

/// `experimental.subDuration(d:, from:, location:)`: `date.sub` under its older name.
fn sub_duration_fn(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    super::lookup("date", "sub").map_or(Err("date.sub is missing".into()), |b| (b.run)(evaluator, args))
}

/// `alignTime(alignTo:)`: each table's `_time` moved so that its first row falls on `alignTo`.
fn align_time(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let align_to = match args.take("alignTo") {
        None => 0,
        Some(Value::Time(t)) => t,
        Some(other) => return Err(format!("`alignTo` must be a time, not a {}", other.type_name()).into()),
    };
    let mut out = Vec::new();
    for table in &stream.tables {
        let time = table.column_index("_time").ok_or("alignTime needs the column `_time`")?;
        let mut first = None;
        let mut rows = Vec::with_capacity(table.len());
        for row in 0..table.len() {
            let mut cells = table.row(row);
            if let Value::Time(t) = cells[time] {
                let first = *first.get_or_insert(t);
                cells[time] = Value::Time(align_to.wrapping_add(t.wrapping_sub(first)));
            }
            rows.push(cells);
        }
        out.push(Table::from_rows(table.key.clone(), table.columns.clone(), rows)?);
    }
    Ok(stream_of(out))
}

/// `chain(first:, second:)`: `second`, once `first` has run.
fn chain(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let _ = args.required("first")?;
    args.required("second").map_err(Failure::from)
}

/// `experimental.group(columns:, mode: "extend")`: the group key extended by `columns`.
fn group_extend(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let columns = strings(args.required("columns")?, "columns")?;
    match args.string("mode")?.as_deref() {
        Some("extend") => {}
        Some(other) => {
            return Err(format!("invalid group mode \"{other}\"; experimental.group requires mode \"extend\"").into());
        }
        None => return Err("missing required argument `mode`".into()),
    }
    // Each table regrouped by its own key plus the listed columns.
    let mut out = Vec::new();
    for table in &stream.tables {
        let mut by: Vec<Value> = table.key.columns.iter().map(|c| Value::string(&c.label)).collect();
        by.extend(columns.iter().map(|c| Value::string(c)));
        let one = Arc::new(crate::value::Stream {
            tables: vec![table.clone()],
            yielded: false,
            collation: None,
            bounds: None,
        });
        let mut group_args =
            Args { named: vec![("columns".into(), Value::Array(Arc::new(by)))], piped: Some(Value::Stream(one)) };
        let Value::Stream(grouped) = super::group(evaluator, &mut group_args)? else { continue };
        out.extend(grouped.tables.iter().cloned());
    }
    Ok(stream_of(merge_same_keys(out)?))
}

/// `experimental.join(left:, right:, fn:)`: tables with the same key on both sides joined row
/// by row on equal `_time`, each pair made into a row by `fn(left:, right:)`.
fn join_on_time(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Value::Stream(left) = args.required("left")? else { return Err("`left` must be a stream".into()) };
    let Value::Stream(right) = args.required("right")? else { return Err("`right` must be a stream".into()) };
    let function = args.function("fn")?.ok_or("missing required argument `fn`")?;
    let mut out = Vec::new();
    for l in &left.tables {
        let Some(r) = right.tables.iter().find(|r| r.key == l.key) else { continue };
        if l.is_empty() || r.is_empty() {
            continue;
        }
        let (Some(lt), Some(rt)) = (l.column_index("_time"), r.column_index("_time")) else {
            return Err("no _time column found".into());
        };
        let time = |t: &Table, col: usize, row: usize| match t.cell(row, col) {
            Value::Time(v) => Some(v),
            _ => None,
        };
        let (lnames, rnames) = (labels(l), labels(r));
        let mut records = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < l.len() && j < r.len() {
            let (Some(a), Some(b)) = (time(l, lt, i), time(r, rt, j)) else { break };
            if a < b {
                i += 1;
                continue;
            }
            if a > b {
                j += 1;
                continue;
            }
            // Every right row at this time joins the left row; the next left row starts over.
            let mut k = j;
            while k < r.len() && time(r, rt, k) == Some(a) {
                let lv = super::row_record(l, &lnames, i);
                let rv = super::row_record(r, &rnames, k);
                let joined = evaluator
                    .apply(&function, vec![("left".into(), lv), ("right".into(), rv)], None)
                    .map_err(Failure::Runtime)?;
                records.push(joined);
                k += 1;
            }
            i += 1;
        }
        out.push(records_to_table(&l.key, &records, "argument 'fn' may not modify group key")?);
    }
    Ok(stream_of(out))
}

fn labels(table: &Table) -> Vec<Arc<str>> {
    table.columns.iter().map(|c| Arc::from(c.label.as_str())).collect()
}

/// A table of the records a function made, its columns those of the first record.
fn records_to_table(key: &GroupKey, records: &[Value], changed_key: &str) -> Result<Table, Failure> {
    let mut columns: Vec<Column> = Vec::new();
    let mut rows = Vec::new();
    for record in records {
        let Value::Record(record) = record else { return Err("the function must return a record".into()) };
        if columns.is_empty() {
            for (label, value) in &record.fields {
                if let Some(ty) = ColType::of(value) {
                    columns.push(Column::new(label.to_string(), ty));
                }
            }
        }
        for (column, value) in key.columns.iter().zip(&key.values) {
            if record.get(&column.label).is_none_or(|v| v != value) {
                return Err(changed_key.into());
            }
        }
        rows.push(columns.iter().map(|c| record.get(&c.label).cloned().unwrap_or(Value::Null)).collect::<Vec<_>>());
    }
    Ok(Table::from_rows(key.clone(), columns, rows)?)
}

/// `preview(nrows: 5, ntables: 5)`: the first rows of the first tables.
fn preview(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let nrows = args.int("nrows")?.unwrap_or(5).max(0) as usize;
    let ntables = args.int("ntables")?.unwrap_or(5).max(0) as usize;
    let mut out = Vec::new();
    for table in stream.tables.iter().take(ntables) {
        let rows: Vec<usize> = (0..table.len().min(nrows)).collect();
        out.push(super::take_rows(table, &rows)?);
    }
    Ok(stream_of(out))
}

/// `experimental.set(o:)`: columns set to the record's values on every row (in the key too
/// for key columns), added where missing.
fn set(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let Value::Record(object) = args.required("o")? else { return Err("`o` must be a record".into()) };
    let fields: Vec<(String, Value, ColType)> = object
        .fields
        .iter()
        .map(|(label, value)| {
            let ty = ColType::of(value).ok_or_else(|| format!("`{label}` cannot be a table cell"))?;
            Ok((label.to_string(), value.clone(), ty))
        })
        .collect::<Result<_, String>>()?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let mut key = table.key.clone();
        for (column, value) in key.columns.iter_mut().zip(key.values.iter_mut()) {
            if let Some((_, v, ty)) = fields.iter().find(|(l, _, _)| *l == column.label) {
                column.ty = *ty;
                *value = v.clone();
            }
        }
        let mut columns = table.columns.clone();
        for column in &mut columns {
            if let Some((_, _, ty)) = fields.iter().find(|(l, _, _)| *l == column.label) {
                column.ty = *ty;
            }
        }
        for (label, _, ty) in &fields {
            if !columns.iter().any(|c| c.label == *label) {
                columns.push(Column::new(label.clone(), *ty));
            }
        }
        let rows: Vec<Vec<Value>> = (0..table.len())
            .map(|row| {
                columns
                    .iter()
                    .map(|c| match fields.iter().find(|(l, _, _)| *l == c.label) {
                        Some((_, v, _)) => v.clone(),
                        None => table.column_index(&c.label).map_or(Value::Null, |i| table.cell(row, i)),
                    })
                    .collect()
            })
            .collect();
        out.push(Table::from_rows(key, columns, rows)?);
    }
    Ok(stream_of(merge_same_keys(out)?))
}

/// `experimental.unpivot(otherColumns: ["_time"])`: each column outside the key and
/// `otherColumns` becomes a table of its own, its label in `_field` (added to the key) and its
/// non-null values in `_value`.
fn unpivot(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let other = match args.take("otherColumns") {
        Some(v) => strings(v, "otherColumns")?,
        None => vec!["_time".to_owned()],
    };
    let mut out = Vec::new();
    for table in &stream.tables {
        if table.column_index("_field").is_some() || table.column_index("_value").is_some() {
            return Err("unpivot can't have \"_field\" or \"_value\" as an input column".into());
        }
        let mut other_columns = Vec::new();
        for label in &other {
            if label == "_field" {
                other_columns.push((Column::new("_field", ColType::String), None));
                continue;
            }
            let i =
                table.column_index(label).ok_or_else(|| format!("unpivot could not find column named \"{label}\""))?;
            other_columns.push((table.columns[i].clone(), Some(i)));
        }
        let field_is_other = other.iter().any(|l| l == "_field");
        for (i, column) in table.columns.iter().enumerate() {
            if table.key.value(&column.label).is_some() || other.contains(&column.label) {
                continue;
            }
            let field = Value::string(&column.label);
            let mut key = table.key.clone();
            let mut columns = table.key.columns.clone();
            if !field_is_other {
                key.columns.push(Column::new("_field", ColType::String));
                key.values.push(field.clone());
                columns.push(Column::new("_field", ColType::String));
            }
            columns.extend(other_columns.iter().map(|(c, _)| c.clone()));
            columns.push(Column::new("_value", column.ty));
            let mut rows = Vec::new();
            for row in 0..table.len() {
                let value = table.cell(row, i);
                if matches!(value, Value::Null) {
                    continue;
                }
                let mut cells = table.key.values.clone();
                if !field_is_other {
                    cells.push(field.clone());
                }
                for (_, at) in &other_columns {
                    cells.push(at.map_or_else(|| field.clone(), |at| table.cell(row, at)));
                }
                cells.push(value);
                rows.push(cells);
            }
            out.push(Table::from_rows(key, columns, rows)?);
        }
    }
    Ok(stream_of(out))
}

/// `experimental/table.fill()`: an empty table gets one row, its key's values and nulls.
fn fill_empty(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let mut out = Vec::new();
    for table in &stream.tables {
        if !table.is_empty() {
            out.push(table.clone());
            continue;
        }
        let row: Vec<Value> =
            table.columns.iter().map(|c| table.key.value(&c.label).cloned().unwrap_or(Value::Null)).collect();
        out.push(Table::from_rows(table.key.clone(), table.columns.clone(), [row])?);
    }
    Ok(stream_of(out))
}
