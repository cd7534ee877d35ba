//! `join(tables:, on:)`: the universe's inner join of two named streams.

use std::cmp::Ordering;

use super::{Args, Builtin, Failure, compare_values, stream_of, strings};
use crate::eval::Evaluator;
use crate::table::{Column, GroupKey, Table};
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "universe", name: "join", run: join },
    Builtin { package: "join", name: "tables", run: join_tables_fn },
    Builtin { package: "join", name: "inner", run: |e, a| join_method(e, a, "inner") },
    Builtin { package: "join", name: "left", run: |e, a| join_method(e, a, "left") },
    Builtin { package: "join", name: "right", run: |e, a| join_method(e, a, "right") },
    Builtin { package: "join", name: "full", run: |e, a| join_method(e, a, "full") },
    Builtin { package: "join", name: "time", run: join_time },
];

fn join_method(evaluator: &Evaluator, args: &mut Args, method: &str) -> Result<Value, Failure> {
    args.named.push(("method".into(), Value::string(method)));
    join_tables_fn(evaluator, args)
}

/// `join.time(left:, right:, as:, method: "inner")`: joined on `_time`.
fn join_time(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let left = args.stream("left")?;
    let Value::Stream(right) = args.required("right")? else { return Err("`right` must be a stream".into()) };
    let as_fn = args.function("as")?.ok_or("missing required argument `as`")?;
    let method = args.string("method")?.unwrap_or_else(|| "inner".into());
    join_on(evaluator, &left, &right, &[("_time".to_owned(), "_time".to_owned())], &as_fn, &method)
}

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

/// The column pairs an equality predicate `(l, r) => l.a == r.b and ...` compares.
fn predicate_columns(function: &crate::value::Function) -> Result<Vec<(String, String)>, Failure> {
    use flux_semantic::ir::{ExprKind, FunctionBody, Resolution, Stmt};
    use flux_syntax::ast::{LogicalOperator, Operator};
    let body = &function.body;
    let ExprKind::Function(literal) = &body.expr(function.expr).kind else {
        return Err("`on` is not a function".into());
    };
    let param = |name: &str| literal.params.iter().find(|p| p.name == name).map(|p| p.local);
    let (Some(l), Some(r)) = (param("l"), param("r")) else {
        return Err("`on` must take the parameters `l` and `r`".into());
    };
    let root = match &literal.body {
        FunctionBody::Expr(e) => *e,
        FunctionBody::Block(statements) => match statements.as_slice() {
            [Stmt::Return(e)] => *e,
            _ => {
                return Err(
                    "function body should be a single logical expression that compares columns from each table".into(),
                );
            }
        },
    };
    let side = |id| match &body.expr(id).kind {
        ExprKind::Member { object, property, .. } => match &body.expr(*object).kind {
            ExprKind::Name(Resolution::Local(local)) if *local == l => Some((true, property.to_string())),
            ExprKind::Name(Resolution::Local(local)) if *local == r => Some((false, property.to_string())),
            _ => None,
        },
        _ => None,
    };
    let mut pairs = Vec::new();
    let mut pending = vec![root];
    while let Some(id) = pending.pop() {
        match &body.expr(id).kind {
            ExprKind::Logical { operator: LogicalOperator::And, left, right } => {
                pending.push(*right);
                pending.push(*left);
            }
            ExprKind::Binary { operator: Operator::Equal, left, right } => match (side(*left), side(*right)) {
                (Some((true, a)), Some((false, b))) | (Some((false, b)), Some((true, a))) => pairs.push((a, b)),
                _ => {
                    return Err("binary expression operands must reference `l` or `r` only, and may not reference the same object".into());
                }
            },
            _ => return Err("unsupported expression in join predicate: only `==` joined by `and` is allowed".into()),
        }
    }
    Ok(pairs)
}

/// `join.tables(left:, right:, on:, as:, method:)`: tables with the same group key on both
/// sides joined row by row where `on` holds, each pair made into a row by `as`; `left`,
/// `right` and `full` keep the unmatched rows of their sides, paired with a row holding only
/// the group key's values.
pub(super) fn join_tables_fn(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let left = args.stream("left")?;
    let Value::Stream(right) = args.required("right")? else { return Err("`right` must be a stream".into()) };
    let on = args.function("on")?.ok_or("missing required argument `on`")?;
    let as_fn = args.function("as")?.ok_or("missing required argument `as`")?;
    let method = args.string("method")?.ok_or("missing required argument `method`")?;
    let pairs = predicate_columns(&on)?;
    join_on(evaluator, &left, &right, &pairs, &as_fn, &method)
}

fn join_on(
    evaluator: &Evaluator,
    left: &crate::value::Stream,
    right: &crate::value::Stream,
    pairs: &[(String, String)],
    as_fn: &std::sync::Arc<crate::value::Function>,
    method: &str,
) -> Result<Value, Failure> {
    let (keep_left, keep_right) = match method {
        "inner" => (false, false),
        "left" => (true, false),
        "right" => (false, true),
        "full" => (true, true),
        other => return Err(format!("invalid join method \"{other}\": expected inner, left, right or full").into()),
    };
    let default_left = left.tables.first().map(|t| t.columns.clone()).unwrap_or_default();
    let default_right = right.tables.first().map(|t| t.columns.clone()).unwrap_or_default();
    // The group keys in the order first met, and each side's table for it.
    let mut keys: Vec<(GroupKey, Option<&Table>, Option<&Table>)> = Vec::new();
    for table in &left.tables {
        keys.push((table.key.clone(), Some(table), None));
    }
    for table in &right.tables {
        match keys.iter_mut().find(|(k, _, _)| *k == table.key) {
            Some(entry) => entry.2 = Some(table),
            None => keys.push((table.key.clone(), None, Some(table))),
        }
    }
    // Each side is sorted on its join columns, unless it already is (upstream plans a sort per
    // side and removes those its input satisfies).
    let already_sorted = |stream: &crate::value::Stream, columns: Vec<String>| {
        stream.collation.as_ref().is_some_and(|c| c.satisfies(&columns, false))
            && evaluator.apply_rule(&crate::plan::REMOVE_REDUNDANT_SORT)
    };
    let left_sorted = already_sorted(left, pairs.iter().map(|p| p.0.clone()).collect());
    let right_sorted = already_sorted(right, pairs.iter().map(|p| p.1.clone()).collect());
    let mut out = Vec::new();
    for (key, l, r) in keys {
        let side_rows = |table: Option<&Table>,
                         labels: &dyn Fn(&(String, String)) -> &String,
                         sorted: bool|
         -> Vec<(Vec<Value>, Value)> {
            let Some(table) = table else { return Vec::new() };
            let names: Vec<std::sync::Arc<str>> = table.columns.iter().map(|c| c.label.as_str().into()).collect();
            let mut rows: Vec<(Vec<Value>, Value)> = (0..table.len())
                .map(|row| {
                    let join_key = pairs
                        .iter()
                        .map(|p| table.column_index(labels(p)).map_or(Value::Null, |i| table.cell(row, i)))
                        .collect();
                    (join_key, super::row_record(table, &names, row))
                })
                .collect();
            if !sorted {
                rows.sort_by(|a, b| compare_rows(&a.0, &b.0));
            }
            rows
        };
        let lrows = side_rows(l, &|p| &p.0, left_sorted);
        let rrows = side_rows(r, &|p| &p.1, right_sorted);
        let default = |columns: &[Column]| {
            let fields = columns
                .iter()
                .map(|c| (c.label.as_str().into(), key.value(&c.label).cloned().unwrap_or(Value::Null)))
                .collect();
            Value::Record(std::sync::Arc::new(crate::value::Record { fields }))
        };
        let mut records: Vec<Value> = Vec::new();
        let mut emit = |lv: &Value, rv: &Value| -> Result<(), Failure> {
            let joined = evaluator
                .apply(as_fn, vec![("l".into(), lv.clone()), ("r".into(), rv.clone())], None)
                .map_err(Failure::Runtime)?;
            records.push(joined);
            Ok(())
        };
        let (mut i, mut j) = (0, 0);
        while i < lrows.len() || j < rrows.len() {
            let ordering = match (lrows.get(i), rrows.get(j)) {
                (Some(a), Some(b)) => compare_rows(&a.0, &b.0),
                (Some(_), None) => Ordering::Less,
                _ => Ordering::Greater,
            };
            match ordering {
                Ordering::Less => {
                    if keep_left {
                        emit(&lrows[i].1, &default(&default_right))?;
                    }
                    i += 1;
                }
                Ordering::Greater => {
                    if keep_right {
                        emit(&default(&default_left), &rrows[j].1)?;
                    }
                    j += 1;
                }
                Ordering::Equal => {
                    let i_end = i + lrows[i..].iter().take_while(|x| compare_rows(&x.0, &lrows[i].0).is_eq()).count();
                    let j_end = j + rrows[j..].iter().take_while(|x| compare_rows(&x.0, &rrows[j].0).is_eq()).count();
                    for (_, lv) in &lrows[i..i_end] {
                        for (_, rv) in &rrows[j..j_end] {
                            emit(lv, rv)?;
                        }
                    }
                    i = i_end;
                    j = j_end;
                }
            }
        }
        if records.is_empty() {
            continue;
        }
        out.push(records_table(key, &records)?);
    }
    Ok(stream_of(out))
}

fn compare_rows(a: &[Value], b: &[Value]) -> Ordering {
    a.iter().zip(b).map(|(x, y)| compare_values(x, y)).find(|o| o.is_ne()).unwrap_or(Ordering::Equal)
}

/// A table of records under `key`, which every record must keep.
fn records_table(key: GroupKey, records: &[Value]) -> Result<Table, Failure> {
    let mut columns: Vec<Column> = Vec::new();
    let mut rows = Vec::with_capacity(records.len());
    for record in records {
        let Value::Record(record) = record else { return Err("`as` must return a record".into()) };
        for (column, value) in key.columns.iter().zip(&key.values) {
            let same = match (record.get(&column.label), value) {
                (Some(Value::Null) | None, Value::Null) => true,
                (Some(a), b) => a == b,
                (None, _) => false,
            };
            if !same {
                return Err(format!("join cannot modify group key: column \"{}\" changed", column.label).into());
            }
        }
        for (label, value) in &record.fields {
            if let Some(ty) = crate::table::ColType::of(value)
                && !columns.iter().any(|c| *c.label == **label)
            {
                columns.push(Column::new(label.to_string(), ty));
            }
        }
        rows.push(record);
    }
    let cells: Vec<Vec<Value>> = rows
        .iter()
        .map(|r| columns.iter().map(|c| r.get(&c.label).cloned().unwrap_or(Value::Null)).collect())
        .collect();
    Ok(Table::from_rows(key, columns, cells)?)
}
