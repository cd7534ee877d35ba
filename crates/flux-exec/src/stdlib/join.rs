//! `join(tables:, on:)`: the universe's inner join of two named streams.

use std::cmp::Ordering;

use super::{Args, Builtin, Failure, compare_values, stream_of, strings};
use crate::eval::Evaluator;
use crate::table::{Column, GroupKey, Table};
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[Builtin { package: "universe", name: "join", run: join }];

/// Pairs each table of the first stream (by name order) with each table of the second whose
/// key agrees on the `on` columns, and joins their rows on equal `on` values. Columns both
/// sides have, outside `on`, are renamed `<label>_<stream name>`; the output's columns and
/// key are sorted by label.
fn join(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Value::Record(tables) = args.required("tables")? else { return Err("`tables` must be a record".into()) };
    let mut on = strings(args.required("on")?, "on")?;
    // Rows are matched in label order of the `on` columns, as upstream sorts them.
    on.sort();
    if on.is_empty() {
        return Err("at least one column in 'on' column list is required".into());
    }
    match args.string("method")?.as_deref() {
        None | Some("inner") => {}
        Some(other) => return Err(format!("{other} is not a valid join type").into()),
    }
    let mut named: Vec<(&str, &[Table])> = Vec::new();
    for (name, value) in &tables.fields {
        let Value::Stream(stream) = value else {
            return Err(format!("expected \"{name}\" to be a stream, not a {}", value.type_name()).into());
        };
        named.push((name, &stream.tables));
    }
    if named.len() != 2 {
        return Err(format!("join needs exactly two streams, not {}", named.len()).into());
    }
    named.sort_by(|a, b| a.0.cmp(b.0));
    let [(left_name, left), (right_name, right)] = [named[0], named[1]];
    let mut out: Vec<Table> = Vec::new();
    for l in left {
        for r in right {
            let agrees = on.iter().all(|label| match (l.key.value(label), r.key.value(label)) {
                (Some(a), Some(b)) => compare_values(a, b) == Ordering::Equal,
                // A side whose key lacks the column does not rule the pair out.
                _ => true,
            });
            if agrees {
                out.push(join_tables(&on, (left_name, l), (right_name, r))?);
            }
        }
    }
    Ok(stream_of(out))
}

fn join_tables(
    on: &[String],
    (left_name, left): (&str, &Table),
    (right_name, right): (&str, &Table),
) -> Result<Table, Failure> {
    let shared = |label: &str| left.column_index(label).is_some() && right.column_index(label).is_some();
    let rename = |label: &str, name: &str| {
        if shared(label) && !on.iter().any(|o| o == label) { format!("{label}_{name}") } else { label.to_owned() }
    };
    let mut columns: Vec<Column> = Vec::new();
    // Where each side's columns land.
    let mut places: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    for (side, (name, table)) in [(left_name, left), (right_name, right)].into_iter().enumerate() {
        for column in &table.columns {
            let label = rename(&column.label, name);
            let at = match columns.iter().position(|c| c.label == label) {
                Some(at) => at,
                None => {
                    columns.push(Column::new(label, column.ty));
                    columns.len() - 1
                }
            };
            places[side].push(at);
        }
    }
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by(|&a, &b| columns[a].label.cmp(&columns[b].label));
    let mut position = vec![0; columns.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    let sorted_columns: Vec<Column> = order.iter().map(|&i| columns[i].clone()).collect();

    let mut key_pairs: Vec<(Column, Value)> = Vec::new();
    for (name, table) in [(left_name, left), (right_name, right)] {
        for (column, value) in table.key.columns.iter().zip(&table.key.values) {
            let label = rename(&column.label, name);
            if !key_pairs.iter().any(|(c, _)| c.label == label) {
                key_pairs.push((Column::new(label, column.ty), value.clone()));
            }
        }
    }
    key_pairs.sort_by(|a, b| a.0.label.cmp(&b.0.label));
    let key = GroupKey {
        columns: key_pairs.iter().map(|(c, _)| c.clone()).collect(),
        values: key_pairs.into_iter().map(|(_, v)| v).collect(),
    };

    let on_values = |table: &Table, row: usize| -> Vec<Value> {
        on.iter().map(|label| table.column_index(label).map_or(Value::Null, |i| table.cell(row, i))).collect()
    };
    let compare = |a: &[Value], b: &[Value]| {
        a.iter().zip(b).map(|(x, y)| compare_values(x, y)).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
    };
    let sorted = |table: &Table| {
        let mut rows: Vec<(Vec<Value>, usize)> = (0..table.len()).map(|row| (on_values(table, row), row)).collect();
        rows.sort_by(|a, b| compare(&a.0, &b.0));
        rows
    };
    let (left_rows, right_rows) = (sorted(left), sorted(right));
    let mut rows = Vec::new();
    let (mut i, mut j) = (0, 0);
    // Merge the two sorted sides, each run of equal `on` values with the other's.
    while i < left_rows.len() && j < right_rows.len() {
        match compare(&left_rows[i].0, &right_rows[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                let i_end = i + left_rows[i..].iter().take_while(|r| compare(&r.0, &left_rows[i].0).is_eq()).count();
                let j_end = j + right_rows[j..].iter().take_while(|r| compare(&r.0, &right_rows[j].0).is_eq()).count();
                for (_, l) in &left_rows[i..i_end] {
                    for (_, r) in &right_rows[j..j_end] {
                        let mut cells = vec![Value::Null; columns.len()];
                        for (col, &at) in places[0].iter().enumerate() {
                            cells[position[at]] = left.cell(*l, col);
                        }
                        for (col, &at) in places[1].iter().enumerate() {
                            if !on.contains(&right.columns[col].label) {
                                cells[position[at]] = right.cell(*r, col);
                            }
                        }
                        rows.push(cells);
                    }
                }
                i = i_end;
                j = j_end;
            }
        }
    }
    Ok(Table::from_rows(key, sorted_columns, rows)?)
}
