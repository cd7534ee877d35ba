//! `from(bucket: "db/rp")` on an InfluxDB 1.x or 3.x connection: the read's range, what its
//! filters say of measurements, fields and tags, and windowed aggregates that the database
//! computes exactly as the engine would, become InfluxQL. The filters still decide every
//! series in the engine, so the InfluxQL only has to ask for no less than they keep.

use std::collections::{BTreeMap, BTreeSet};

use flux_connect::influxql::{InfluxQl, Series, identifier, string};
use flux_semantic::ir::{Body, ExprId, ExprKind, Literal, LocalId, Resolution};
use flux_storage::{FieldType, SeriesKey};
use flux_syntax::ast::{LogicalOperator, Operator};

use super::Failure;
use super::storage::Aggregate;
use crate::eval::Evaluator;
use crate::value::{Function, Value};

/// What a read asks of the database: the measurements and fields it may keep (`None` for
/// any) and an InfluxQL condition on tags that holds for every series it keeps.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Narrowing {
    measurements: Option<BTreeSet<String>>,
    fields: Option<BTreeSet<String>>,
    condition: Option<String>,
}

impl Narrowing {
    /// What every one of `filters` requires.
    pub(super) fn of(filters: &[&Function]) -> Narrowing {
        filters.iter().fold(Narrowing::default(), |acc, f| acc.and(Narrowing::of_function(f)))
    }

    fn of_function(function: &Function) -> Narrowing {
        match crate::vectorize::one_expression(function) {
            Some((param, result)) => Narrowing::of_expr(&function.body, param.local, result),
            None => Narrowing::default(),
        }
    }

    fn of_expr(body: &Body, param: LocalId, id: ExprId) -> Narrowing {
        let member = |id: ExprId| match &body.expr(id).kind {
            ExprKind::Member { object, property, .. } if matches!(body.expr(*object).kind, ExprKind::Name(Resolution::Local(l)) if l == param) => {
                Some(property.to_string())
            }
            _ => None,
        };
        let text = |id: ExprId| match &body.expr(id).kind {
            ExprKind::Literal(Literal::String(s)) => Some(s.clone()),
            _ => None,
        };
        match &body.expr(id).kind {
            ExprKind::Logical { operator: LogicalOperator::And, left, right } => {
                Narrowing::of_expr(body, param, *left).and(Narrowing::of_expr(body, param, *right))
            }
            ExprKind::Logical { operator: LogicalOperator::Or, left, right } => {
                Narrowing::of_expr(body, param, *left).or(Narrowing::of_expr(body, param, *right))
            }
            ExprKind::Binary { operator: operator @ (Operator::Equal | Operator::NotEqual), left, right } => {
                let (column, value) = match (member(*left), text(*right), member(*right), text(*left)) {
                    (Some(c), Some(v), _, _) | (_, _, Some(c), Some(v)) => (c, v),
                    _ => return Narrowing::default(),
                };
                let equal = *operator == Operator::Equal;
                match column.as_str() {
                    "_measurement" if equal => Narrowing { measurements: Some([value].into()), ..Narrowing::default() },
                    "_field" if equal => Narrowing { fields: Some([value].into()), ..Narrowing::default() },
                    "_measurement" | "_field" | "_start" | "_stop" | "_time" | "_value" => Narrowing::default(),
                    tag => Narrowing {
                        condition: Some(format!(
                            "{} {} {}",
                            identifier(tag),
                            if equal { "=" } else { "!=" },
                            string(&value)
                        )),
                        ..Narrowing::default()
                    },
                }
            }
            _ => Narrowing::default(),
        }
    }

    fn and(self, other: Narrowing) -> Narrowing {
        let both = |a: Option<BTreeSet<String>>, b: Option<BTreeSet<String>>| match (a, b) {
            (Some(a), Some(b)) => Some(a.intersection(&b).cloned().collect()),
            (a, b) => a.or(b),
        };
        Narrowing {
            measurements: both(self.measurements, other.measurements),
            fields: both(self.fields, other.fields),
            condition: match (self.condition, other.condition) {
                (Some(a), Some(b)) => Some(format!("({a}) AND ({b})")),
                (a, b) => a.or(b),
            },
        }
    }

    fn or(self, other: Narrowing) -> Narrowing {
        let either = |a: Option<BTreeSet<String>>, b: Option<BTreeSet<String>>| match (a, b) {
            (Some(a), Some(b)) => Some(a.union(&b).cloned().collect()),
            _ => None,
        };
        // A side that says nothing of tags lets any tags through.
        Narrowing {
            measurements: either(self.measurements, other.measurements),
            fields: either(self.fields, other.fields),
            condition: match (self.condition, other.condition) {
                (Some(a), Some(b)) => Some(format!("({a}) OR ({b})")),
                _ => None,
            },
        }
    }
}

/// What a read of a database gives: the points of each series, or with windows pushed, the
/// aggregate of each window by its start.
pub(super) enum Fetched {
    Rows(BTreeMap<SeriesKey, (FieldType, flux_storage::Column)>),
    Windows(BTreeMap<SeriesKey, (FieldType, WindowValues)>),
}

/// A series' aggregate of each window, by the window's start.
pub(super) type WindowValues = Vec<(i64, Value)>;

/// How the windows of a read are pushed: `GROUP BY time(every, offset)` with this function.
pub(super) struct WindowPush {
    pub aggregate: Aggregate,
    pub every: i64,
    pub offset: i64,
}

/// Whether the database's aggregate of values of `ty` is the engine's to the last bit:
/// means of integers are summed as floats by InfluxDB, and extremes of strings or booleans
/// it does not have.
pub(super) fn exact(aggregate: Aggregate, ty: FieldType) -> bool {
    let numeric = matches!(ty, FieldType::Float | FieldType::Int | FieldType::UInt);
    match aggregate {
        Aggregate::Count | Aggregate::First | Aggregate::Last => true,
        Aggregate::Sum | Aggregate::Min | Aggregate::Max => numeric,
        Aggregate::Mean => ty == FieldType::Float,
    }
}

/// Reads a bucket of the database: its field types, then the points (or the windows) of
/// the range that `narrowing` lets through; `windows` is tried only where every field read
/// has an exact aggregate.
pub(super) fn fetch(
    evaluator: &Evaluator,
    client: &InfluxQl,
    bucket: &str,
    (start, stop): (i64, i64),
    narrowing: &Narrowing,
    windows: Option<WindowPush>,
) -> Result<Fetched, Failure> {
    let (database, rp) = client.target(bucket);
    let failed = |e: flux_connect::Error| -> Failure {
        if e.canceled { Failure::Die(crate::eval::CANCELED.to_owned()) } else { Failure::Message(e.to_string()) }
    };
    // The fields of each measurement, with their types.
    let mut fields: BTreeMap<String, Vec<(String, FieldType)>> = BTreeMap::new();
    let show = match &narrowing.measurements {
        Some(ms) if ms.is_empty() => return Ok(Fetched::Rows(BTreeMap::new())),
        Some(ms) => ms.iter().map(|m| format!("SHOW FIELD KEYS FROM {}", identifier(m))).collect::<Vec<_>>().join("; "),
        None => "SHOW FIELD KEYS".to_owned(),
    };
    evaluator.remote_query(show.clone());
    client
        .query(&database, rp.as_deref(), &show, |_, series| {
            let entry = fields.entry(series.name.clone()).or_default();
            for row in &series.values {
                if let (Some(name), Some(ty)) =
                    (row.first().and_then(|v| v.as_str()), row.get(1).and_then(|v| v.as_str()))
                    && narrowing.fields.as_ref().is_none_or(|f| f.contains(name))
                    && let Some(ty) = FieldType::parse(ty)
                {
                    entry.push((name.to_owned(), ty));
                }
            }
            Ok(())
        })
        .map_err(failed)?;
    fields.retain(|_, f| !f.is_empty());
    let windows = windows.filter(|w| fields.values().flatten().all(|(_, ty)| exact(w.aggregate, *ty)));
    let mut time = format!("time >= {start} AND time < {stop}");
    if let Some(condition) = &narrowing.condition {
        time = format!("{time} AND ({condition})");
    }
    // One statement per measurement (per field with windows), each answered in turn.
    let mut statements = Vec::new();
    let mut asked: Vec<(String, Vec<(String, FieldType)>)> = Vec::new();
    for (measurement, fields) in &fields {
        let from = identifier(measurement);
        match &windows {
            None => {
                let selection: Vec<String> = fields.iter().map(|(f, _)| identifier(f)).collect();
                statements.push(format!("SELECT {} FROM {from} WHERE {time} GROUP BY *", selection.join(", ")));
                asked.push((measurement.clone(), fields.clone()));
            }
            Some(w) => {
                let function = format!("{:?}", w.aggregate).to_lowercase();
                for (field, ty) in fields {
                    statements.push(format!(
                        "SELECT {function}({}) FROM {from} WHERE {time} GROUP BY time({}ns, {}ns), * fill(none)",
                        identifier(field),
                        w.every,
                        w.offset
                    ));
                    asked.push((measurement.clone(), vec![(field.clone(), *ty)]));
                }
            }
        }
    }
    let mut rows = BTreeMap::new();
    let mut computed = BTreeMap::new();
    if !statements.is_empty() {
        let query = statements.join("; ");
        evaluator.remote_query(query.clone());
        client
            .query(&database, rp.as_deref(), &query, |i, series| {
                let (measurement, fields) = &asked[i];
                match &windows {
                    None => add_rows(&mut rows, measurement, fields, series),
                    Some(w) => add_windows(&mut computed, w.aggregate, measurement, &fields[0], series),
                }
                .map_err(|message| flux_connect::Error::new(client.name(), message))
            })
            .map_err(failed)?;
    }
    Ok(if windows.is_some() { Fetched::Windows(computed) } else { Fetched::Rows(rows) })
}

/// A series' tags: InfluxQL gives every tag key of the measurement, empty where the series
/// has none.
fn tags(series: &Series) -> Vec<(String, String)> {
    series.tags.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn time_of(row: &[serde_json::Value]) -> Result<i64, String> {
    row.first().and_then(|t| t.as_i64()).ok_or_else(|| "a row without a nanosecond time".to_owned())
}

fn add_rows(
    rows: &mut BTreeMap<SeriesKey, (FieldType, flux_storage::Column)>,
    measurement: &str,
    fields: &[(String, FieldType)],
    series: Series,
) -> Result<(), String> {
    let tags = tags(&series);
    for (j, name) in series.columns.iter().enumerate().skip(1) {
        let Some((_, ty)) = fields.iter().find(|(f, _)| f == name) else { continue };
        let key = SeriesKey { measurement: measurement.to_owned(), tags: tags.clone(), field: name.clone() };
        let (_, column) = rows.entry(key).or_insert_with(|| (*ty, flux_storage::Column::new(*ty)));
        for row in &series.values {
            let Some(cell) = row.get(j).filter(|c| !c.is_null()) else { continue };
            let time = time_of(row)?;
            push(column, time, cell).ok_or_else(|| format!("field `{name}` holds {cell}, not a {ty:?}"))?;
        }
    }
    Ok(())
}

fn add_windows(
    out: &mut BTreeMap<SeriesKey, (FieldType, WindowValues)>,
    aggregate: Aggregate,
    measurement: &str,
    (field, ty): &(String, FieldType),
    series: Series,
) -> Result<(), String> {
    let key = SeriesKey { measurement: measurement.to_owned(), tags: tags(&series), field: field.clone() };
    let (_, windows) = out.entry(key).or_insert_with(|| (*ty, Vec::new()));
    for row in &series.values {
        let Some(cell) = row.get(1).filter(|c| !c.is_null()) else { continue };
        let value = match (aggregate, ty) {
            (Aggregate::Count, _) => cell.as_i64().map(Value::Int),
            (Aggregate::Mean, _) | (_, FieldType::Float) => cell.as_f64().map(Value::Float),
            (_, FieldType::Int) => cell.as_i64().map(Value::Int),
            (_, FieldType::UInt) => cell.as_u64().map(Value::UInt),
            (_, FieldType::String) => cell.as_str().map(Value::string),
            (_, FieldType::Bool) => cell.as_bool().map(Value::Bool),
        };
        let value = value.ok_or_else(|| format!("a window's {aggregate:?} of `{field}` is {cell}"))?;
        windows.push((time_of(row)?, value));
    }
    Ok(())
}

/// Adds a point whose value is `cell`; `None` when the cell is not of the column's type.
fn push(column: &mut flux_storage::Column, time: i64, cell: &serde_json::Value) -> Option<()> {
    use flux_storage::Values;
    match &mut column.values {
        Values::Float(v) => v.push(cell.as_f64()?),
        Values::Int(v) => v.push(cell.as_i64()?),
        Values::UInt(v) => v.push(cell.as_u64()?),
        Values::String(v) => v.push(cell.as_str()?.to_owned()),
        Values::Bool(v) => v.push(cell.as_bool()?),
    }
    column.times.push(time);
    Some(())
}
