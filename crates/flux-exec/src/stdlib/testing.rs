//! What tests are written with: `testing`, `experimental.diff` and `catch`, `die`,
//! `testing/expect` and `internal/debug`.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Args, Failure, function_arg, stream_of};
use crate::eval::Evaluator;
use crate::harness::ERROR_OUTPUT;
use crate::table::{ColType, Column, GroupKey, NamedResult, Table};
use crate::value::{DictKey, Record, Stream, Value};

/// Float cells closer than this are equal in a diff, as upstream's `DefaultEpsilon`.
const EPSILON: f64 = 1e-6;

/// `experimental.diff(got:, want:)`: for each group key whose tables differ, a table of every
/// row marked `""` (in both), `-` (only in want) or `+` (only in got).
pub fn experimental_diff(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let got = args.stream("got")?;
    let want = match args.required("want")? {
        Value::Stream(s) => s,
        other => return Err(format!("`want` must be a stream of tables, not a {}", other.type_name()).into()),
    };
    Ok(stream_of(diff(&want.tables, &got.tables)?))
}

/// `testing.diff(got:, want:)`: the diff, sent to the result `errorOutput`.
pub fn testing_diff(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    for option in ["verbose", "epsilon", "nansEqual"] {
        // Upstream does not pass these on to the comparison either.
        let _ = args.take(option);
    }
    let Value::Stream(stream) = experimental_diff(evaluator, args)? else { unreachable!("diff makes a stream") };
    yield_as(evaluator, ERROR_OUTPUT, stream.tables.clone())
}

fn yield_as(evaluator: &Evaluator, name: &str, tables: Vec<Table>) -> Result<Value, Failure> {
    evaluator.add_result(NamedResult { name: name.to_owned(), tables: tables.clone() })?;
    Ok(Value::Stream(Arc::new(Stream { tables, yielded: true, collation: None, bounds: None })))
}

/// A group key as a lookup key that ignores the order of its columns.
fn key_lookup(key: &GroupKey) -> Vec<(String, Option<DictKey>)> {
    let mut pairs: Vec<_> =
        key.columns.iter().zip(&key.values).map(|(c, v)| (c.label.clone(), DictKey::of(v))).collect();
    pairs.sort();
    pairs
}

/// Diffs two streams table by table, pairing tables by group key.
pub fn diff(want: &[Table], got: &[Table]) -> Result<Vec<Table>, Failure> {
    // Each key's tables on each side, the keys in the order first met (want first).
    let mut keys: BTreeMap<Vec<(String, Option<DictKey>)>, usize> = BTreeMap::new();
    let mut sides: Vec<(GroupKey, Vec<&Table>, Vec<&Table>)> = Vec::new();
    for (side, tables) in [(0, want), (1, got)] {
        for table in tables {
            let i = *keys.entry(key_lookup(&table.key)).or_insert_with(|| {
                sides.push((table.key.clone(), Vec::new(), Vec::new()));
                sides.len() - 1
            });
            if side == 0 { sides[i].1.push(table) } else { sides[i].2.push(table) }
        }
    }
    let mut out = Vec::new();
    for (key, want, got) in &sides {
        if key.columns.iter().any(|c| c.label == "_diff") {
            return Err("group key cannot contain the _diff column".into());
        }
        let want = Side::of(want)?;
        let got = Side::of(got)?;
        if let Some(table) = diff_tables(key, &want, &got)? {
            out.push(table);
        }
    }
    Ok(out)
}

/// One side of a key's diff: its tables' rows as one table.
struct Side {
    columns: Vec<Column>,
    rows: Vec<Vec<Value>>,
}

impl Side {
    fn of(tables: &[&Table]) -> Result<Side, Failure> {
        let mut side = Side { columns: Vec::new(), rows: Vec::new() };
        for table in tables {
            for column in &table.columns {
                if !side.columns.iter().any(|c| c.label == column.label) {
                    side.columns.push(column.clone());
                }
            }
            for row in 0..table.len() {
                let cells = table.row(row);
                side.rows.push(
                    side.columns
                        .iter()
                        .map(|c| table.column_index(&c.label).map_or(Value::Null, |i| cells[i].clone()))
                        .collect(),
                );
            }
        }
        // Rows of earlier tables lack the columns later ones added.
        for row in &mut side.rows {
            row.resize(side.columns.len(), Value::Null);
        }
        Ok(side)
    }
}

fn diff_tables(key: &GroupKey, want: &Side, got: &Side) -> Result<Option<Table>, Failure> {
    // `_diff`, the key's columns, want's other columns, then those only got has.
    let mut columns = vec![Column::new("_diff", ColType::String)];
    columns.extend(key.columns.iter().cloned());
    let offset = columns.len();
    // For each compared column, where it is on each side.
    let mut places: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    for (i, column) in want.columns.iter().enumerate() {
        if column.label == "_diff" || columns.iter().any(|c| c.label == column.label) {
            continue;
        }
        let in_got = got.columns.iter().position(|c| c.label == column.label);
        if let Some(j) = in_got
            && got.columns[j].ty != column.ty
        {
            return Err(format!(
                "column \"{}\" has different types {} != {}",
                column.label,
                column.ty.name(),
                got.columns[j].ty.name()
            )
            .into());
        }
        columns.push(column.clone());
        places.push((Some(i), in_got));
    }
    for (j, column) in got.columns.iter().enumerate() {
        if column.label == "_diff" || columns.iter().any(|c| c.label == column.label) {
            continue;
        }
        columns.push(column.clone());
        places.push((None, Some(j)));
    }
    let equal = |w: usize, g: usize| {
        places.iter().all(|(wi, gi)| {
            let a = wi.map_or(&Value::Null, |i| &want.rows[w][i]);
            let b = gi.map_or(&Value::Null, |i| &got.rows[g][i]);
            cells_equal(a, b)
        })
    };
    if want.rows.len() == got.rows.len() && (0..want.rows.len()).all(|i| equal(i, i)) {
        return Ok(None);
    }
    // The longest common subsequence table: lengths[g][w] over the first w want rows and the
    // first g got rows.
    let (n_want, n_got) = (want.rows.len(), got.rows.len());
    let mut lengths = vec![vec![0usize; n_want + 1]; n_got + 1];
    let mut matched = vec![vec![false; n_want + 1]; n_got + 1];
    for g in 1..=n_got {
        for w in 1..=n_want {
            if equal(w - 1, g - 1) {
                lengths[g][w] = lengths[g - 1][w - 1] + 1;
                matched[g][w] = true;
            } else {
                lengths[g][w] = lengths[g - 1][w].max(lengths[g][w - 1]);
            }
        }
    }
    // Trace back from the end, preferring a got row (`+`) when both ways are as long, as
    // upstream does; then reverse.
    let mut marks: Vec<(&str, bool, usize)> = Vec::new();
    let (mut w, mut g) = (n_want, n_got);
    while w > 0 || g > 0 {
        if w > 0 && g > 0 && matched[g][w] {
            marks.push(("", false, w - 1));
            w -= 1;
            g -= 1;
        } else if w > 0 && (g == 0 || lengths[g][w - 1] > lengths[g - 1][w]) {
            marks.push(("-", false, w - 1));
            w -= 1;
        } else {
            marks.push(("+", true, g - 1));
            g -= 1;
        }
    }
    marks.reverse();
    let rows = marks.iter().map(|&(mark, from_got, row)| {
        let mut cells = vec![Value::string(mark)];
        cells.extend(key.values.iter().cloned());
        for (wi, gi) in &places {
            let (place, rows) = if from_got { (gi, &got.rows) } else { (wi, &want.rows) };
            cells.push(place.map_or(Value::Null, |i| rows[row][i].clone()));
        }
        cells
    });
    let table = Table::from_rows(key.clone(), columns, rows)?;
    debug_assert!(table.columns.len() >= offset);
    Ok(Some(table))
}

/// Cell equality in a diff: floats within [`EPSILON`] (NaN equal to NaN), the rest exactly.
fn cells_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Float(x), Value::Float(y)) => (x.is_nan() && y.is_nan()) || (x - y).abs() <= EPSILON || x == y,
        (x, y) => x == y,
    }
}

/// `testing.assertEqualValues(got:, want:)`: the two values as one-row tables, diffed.
pub fn assert_equal_values(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let got = args.required("got")?;
    let want = args.required("want")?;
    let table = |v: Value| -> Result<Vec<Table>, Failure> {
        let ty = ColType::of(&v).ok_or_else(|| format!("cannot compare a {} as a table cell", v.type_name()))?;
        Ok(vec![Table::from_rows(GroupKey::default(), vec![Column::new("v", ty)], [[v]])?])
    };
    let tables = diff(&table(want)?, &table(got)?)?;
    yield_as(evaluator, ERROR_OUTPUT, tables)
}

/// `experimental.catch(fn:)`: calls `fn`; `{value}` when it returns, `{code, msg}` when it
/// fails.
pub fn catch(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let function = function_arg(args, "fn")?.ok_or("missing required argument `fn`")?;
    let fields: Vec<(Arc<str>, Value)> = match evaluator.apply(&function, Vec::new(), None) {
        Ok(value) => vec![("value".into(), value)],
        // Upstream's code for an invalid request: what a failing script is.
        Err(error) => vec![("code".into(), Value::UInt(3)), ("msg".into(), Value::string(&error.message))],
    };
    Ok(Value::Record(Arc::new(Record { fields })))
}

/// `testing.shouldError(fn:, want:)`: `fn` must fail with a message `want` matches; a
/// message it does not match goes to `errorOutput`.
pub fn should_error(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let function = function_arg(args, "fn")?.ok_or("missing required argument `fn`")?;
    let Value::Regexp(want) = args.required("want")? else { return Err("`want` must be a regular expression".into()) };
    match evaluator.apply(&function, Vec::new(), None) {
        Ok(_) => Err("shouldError expected an error".into()),
        Err(error) => {
            let tables = if want.is_match(&error.message) {
                Vec::new()
            } else {
                let columns = vec![Column::new("v", ColType::String)];
                vec![Table::from_rows(GroupKey::default(), columns, [[Value::string(&error.message)]])?]
            };
            yield_as(evaluator, ERROR_OUTPUT, tables)
        }
    }
}

/// `internal/testing.assertMatches(got:, want:)`: fails unless `want` matches `got`.
pub fn assert_matches(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Value::String(got) = args.required("got")? else { return Err("`got` must be a string".into()) };
    let Value::Regexp(want) = args.required("want")? else { return Err("`want` must be a regular expression".into()) };
    if !want.is_match(&got) {
        return Err(format!("Regex `{}` does not match `{got}`", want.as_str()).into());
    }
    yield_as(evaluator, ERROR_OUTPUT, Vec::new())
}

/// `testing.assertEmpty()`: fails when any table has rows.
pub fn assert_empty(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    if stream.tables.iter().any(|t| !t.is_empty()) {
        return Err("found a table that is not empty".into());
    }
    Ok(Value::Stream(stream))
}

/// `testing.assertEquals(name:, got:, want:)`: fails unless the two streams hold the same
/// tables, by group key.
pub fn assert_equals(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let name = args.string("name")?.ok_or("missing required argument `name`")?;
    let got = args.stream("got")?;
    let Value::Stream(want) = args.required("want")? else { return Err("`want` must be a stream of tables".into()) };
    if got.tables.len() != want.tables.len() {
        return Err(format!("{name}: got {} tables, want {}", got.tables.len(), want.tables.len()).into());
    }
    let differences = diff(&want.tables, &got.tables)?;
    if let Some(table) = differences.first() {
        return Err(format!("{name}: tables differ\n{}", crate::text::table_text(table)).into());
    }
    Ok(Value::Stream(got))
}

/// `testing.load`: the tables as they are (an option a server's harness overrides to store
/// them first).
pub fn load(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(Value::Stream(args.tables()?))
}

/// `die(msg:)`: stops the script with the message.
pub fn die(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let message = args.string("msg")?.ok_or("missing required argument `msg`")?;
    Err(Failure::Die(message.to_string()))
}

/// `testing/expect.planner(rules:)`: the number of times the optimizer must apply each rule
/// in this test.
pub fn expect_planner(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Value::Dict(rules) = args.required("rules")? else { return Err("`rules` must be a dictionary".into()) };
    for (rule, count) in rules.iter() {
        let (DictKey::String(rule), Value::Int(count)) = (rule, count) else {
            return Err("`rules` maps rule names to counts".into());
        };
        evaluator.expect_planner_rule(rule, *count);
    }
    Ok(Value::Record(Arc::new(Record::default())))
}

/// `internal/debug.pass`, `slurp`, `sink` and `opaque`: the tables unchanged (they only shape
/// upstream's execution plan).
pub fn debug_pass(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    Ok(stream_of(stream.tables.clone()))
}

/// `internal/debug.sink()`: nothing; the tables are discarded.
pub fn debug_sink(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    args.tables()?;
    Ok(stream_of(Vec::new()))
}

/// `internal/debug.null(type:)`: a null (of the type named, which tables need).
pub fn debug_null(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let _ = args.take("type");
    Ok(Value::Null)
}

/// `internal/debug.getOption(pkg:, name:)`: the value of a package's option.
pub fn debug_get_option(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let package = args.string("pkg")?.ok_or("missing required argument `pkg`")?;
    let name = args.string("name")?.ok_or("missing required argument `name`")?;
    evaluator
        .option(&package, &name)
        .or_else(|| super::value(&package, &name))
        .ok_or_else(|| format!("package \"{package}\" has no option `{name}`").into())
}
