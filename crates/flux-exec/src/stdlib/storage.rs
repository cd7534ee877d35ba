//! `from(bucket:)` on the local buckets of the run's data directory.

use std::sync::Arc;

use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, Int64Array, StringArray, TimestampNanosecondArray, UInt64Array,
};
use flux_storage::line_protocol::{FieldValue, Point};
use flux_storage::{FieldType, SeriesKey};
use flux_syntax::smol_str::SmolStr;

use super::window::{Tally, WindowAccumulator};
use super::{Args, Builtin, Failure, stream_of};
use crate::eval::Evaluator;
use crate::plan;
use crate::table::{ColType, Column, GroupKey, Table};
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "influxdata/influxdb", name: "from", run: from },
    Builtin { package: "influxdata/influxdb", name: "buckets", run: buckets },
    Builtin { package: "influxdata/influxdb", name: "to", run: to },
    Builtin { package: "experimental", name: "to", run: wide_to },
    Builtin { package: "influxdata/influxdb", name: "wideTo", run: wide_to },
];

/// `bucket` or `bucketID`: a local bucket has one name for both.
fn bucket_arg(args: &mut Args) -> Result<Arc<str>, Failure> {
    match (args.string("bucket")?, args.string("bucketID")?) {
        (Some(name), None) | (None, Some(name)) => Ok(name),
        _ => Err("give `bucket` (or `bucketID`)".into()),
    }
}

fn data_dir(evaluator: &Evaluator) -> Result<&flux_storage::DataDir, Failure> {
    evaluator
        .data_dir()
        .ok_or_else(|| "no data directory for local buckets: run with --data DIR (or create .flx/data)".into())
}

/// The earliest time InfluxDB stores (1677-09-21T00:12:43.145224194Z): a read without a
/// start asks a database from there.
const EARLIEST: i64 = i64::MIN + 2;

/// `host`, `org` and `token` of a call that names an InfluxDB 2.x server.
struct Host {
    url: String,
    org: Option<String>,
    token: Option<String>,
}

/// The server the call names (`host`), if any; the organization, which local buckets do not
/// have, is taken either way.
fn host(args: &mut Args) -> Result<Option<Host>, Failure> {
    let url = args.string("host")?;
    let token = args.string("token")?;
    let org = match (args.string("org")?, args.string("orgID")?) {
        (Some(org), _) | (None, Some(org)) => Some(org.to_string()),
        (None, None) => None,
    };
    match (url, token) {
        (Some(url), token) => Ok(Some(Host { url: url.to_string(), org, token: token.map(|t| t.to_string()) })),
        (None, Some(_)) => Err("`token` names no server without `host`".into()),
        (None, None) => Ok(None),
    }
}

/// The InfluxDB 2.x client for `host`: a configured connection with that URL (its token
/// unless the call gives one), or with `--allow-net`, the host as the call gives it.
fn host_client(evaluator: &Evaluator, host: Host) -> Result<(String, flux_connect::influxdb2::Influxdb2), Failure> {
    use flux_connect::{Connection, Kind, Secret};
    let configured = evaluator.connections().and_then(|c| c.by_url(&host.url)).cloned();
    let mut connection = match configured {
        Some(connection) => connection,
        None if evaluator.allow().net => Connection {
            name: host.url.clone(),
            kind: Kind::Influxdb2 { url: host.url.clone(), org: String::new(), token: Secret::None },
            origin: flux_connect::Origin::Script,
            tls: flux_connect::Tls::default(),
            timeout: flux_connect::config::DEFAULT_TIMEOUT,
            allow: flux_connect::Allow::default(),
        },
        None => {
            return Err(format!(
                "`host: \"{}\"` is not a configured connection: add it to flx.toml (docs/connections.md), \
                 or let scripts reach any host with --allow-net",
                host.url
            )
            .into());
        }
    };
    let Kind::Influxdb2 { url, org, token } = &mut connection.kind else {
        return Err(format!(
            "`host: \"{}\"` is the {} connection `{}`, which does not run Flux: read it with --connection {}",
            host.url,
            connection.kind.name(),
            connection.name,
            connection.name
        )
        .into());
    };
    *url = host.url.clone();
    if let Some(given) = host.org {
        *org = given;
    }
    if let Some(given) = host.token {
        *token = Secret::Value(given);
    }
    let name = connection.name.clone();
    let client = flux_connect::influxdb2::Influxdb2::new(&connection)
        .map_err(|e| e.to_string())?
        .with_cancel(evaluator.cancel_flag());
    Ok((name, client))
}

/// A remote failure; a cancel stops the run as Ctrl-C does.
fn remote_failure(message: String) -> Failure {
    if message == crate::eval::CANCELED { Failure::Die(message) } else { Failure::Message(message) }
}

/// Tables read from a server as a stream.
fn remote_stream(evaluator: &Evaluator, tables: crate::remote::Tables) -> Result<Value, Failure> {
    let mut out = Vec::new();
    for table in tables {
        let (_, table) = table.map_err(remote_failure)?;
        out.push(table);
    }
    check_canceled(evaluator.cancel_flag().is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed)))?;
    Ok(stream_of(out))
}

/// `from(bucket:, host:)` with at most a `range` piped into it: the range is read on the
/// server, the rest runs here.
fn from_host(
    evaluator: &Evaluator,
    host: Host,
    bucket: &str,
    stages: Vec<(&'static str, Vec<(SmolStr, Value)>)>,
) -> Result<Option<Value>, Failure> {
    let (start, stop) = match stages.as_slice() {
        [] => (EARLIEST, evaluator.now()),
        [("range", named)] => {
            let mut args = Args { named: named.clone(), piped: None };
            let start = super::bound(evaluator, "start", args.required("start")?)?;
            let stop = match args.take("stop") {
                Some(value) => super::bound(evaluator, "stop", value)?,
                None => evaluator.now(),
            };
            if !args.named.is_empty() {
                return Ok(None);
            }
            (start, stop)
        }
        _ => return Ok(None),
    };
    let (name, client) = host_client(evaluator, host)?;
    let flux = format!(
        "from(bucket: {}) |> range(start: time(v: {start}), stop: time(v: {stop}))",
        crate::remote::string_literal(bucket)
    );
    evaluator.remote_query(format!("Flux to `{name}`: {flux}"));
    if !stages.is_empty() {
        evaluator.planner_rule_applied(plan::PUSH_DOWN_RANGE.name);
    }
    let tables = crate::remote::query(&client, &name, &flux, evaluator.now()).map_err(remote_failure)?;
    remote_stream(evaluator, tables).map(Some)
}

/// Writes the points of `to()` where the run writes: the server `host` names, the InfluxDB
/// 1.x or 3.x of the run's connection, or the local bucket. Writing to a database needs
/// `--allow-net`: a script must not change data its user only meant to read.
fn deliver(evaluator: &Evaluator, host: Option<Host>, bucket: &str, points: &[Point]) -> Result<(), Failure> {
    let remote = |target: &str| -> Result<String, Failure> {
        if !evaluator.allow().net {
            return Err(format!(
                "would write {} points to {target}: scripts write to databases only when allowed, with \
                 --allow-net (or `allow = [\"net\"]` on a connection of your own flx.toml)",
                points.len()
            )
            .into());
        }
        let mut lines = String::new();
        for point in points {
            lines.push_str(&flux_storage::line_protocol::encode(point, point.time.unwrap_or_default()));
            lines.push('\n');
        }
        Ok(lines)
    };
    let failed = |e: flux_connect::Error| -> Failure {
        if e.canceled { Failure::Die(crate::eval::CANCELED.to_owned()) } else { Failure::Message(e.to_string()) }
    };
    match (host, evaluator.influxql()) {
        (Some(host), _) => {
            let lines = remote(&host.url)?;
            let (_, client) = host_client(evaluator, host)?;
            client.write(bucket, lines.into_bytes()).map_err(failed)
        }
        (None, Some(client)) => {
            let lines = remote(&format!("the connection `{}`", client.name()))?;
            let (database, rp) = client.target(bucket);
            client.write(&database, rp.as_deref(), lines.into_bytes()).map_err(failed)
        }
        (None, None) => write_points(evaluator, bucket, points),
    }
}

fn field_value(label: &str, value: &Value) -> Result<Option<FieldValue>, Failure> {
    Ok(Some(match value {
        Value::Null => return Ok(None),
        Value::Float(x) => FieldValue::Float(*x),
        Value::Int(i) => FieldValue::Int(*i),
        Value::UInt(u) => FieldValue::UInt(*u),
        Value::String(s) => FieldValue::String(s.to_string()),
        Value::Bool(b) => FieldValue::Bool(*b),
        other => {
            return Err(format!("the field `{label}` would hold a {}, which a bucket cannot", other.type_name()).into());
        }
    }))
}

fn write_points(evaluator: &Evaluator, bucket: &str, points: &[Point]) -> Result<(), Failure> {
    let data = data_dir(evaluator)?;
    let mut writer = data.writer(bucket, true).map_err(|e| e.to_string())?;
    writer.write(points, evaluator.now()).map_err(|e| e.to_string().into())
}

/// `to(bucket:)`: each row written as a point to a local bucket: its measurement from
/// `measurementColumn`, its time from `timeColumn` (rows without one are skipped), its tags
/// the string columns (but `_measurement`, `_field` and `_value`) unless `tagColumns` lists
/// them, its fields `fieldFn(r)` or `{_field: _value}`. The tables are passed on.
fn to(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let host = host(args)?;
    let bucket = bucket_arg(args)?;
    let measurement_column =
        args.string("measurementColumn")?.map_or_else(|| "_measurement".to_owned(), |s| s.to_string());
    let time_column = args.string("timeColumn")?.map_or_else(|| "_time".to_owned(), |s| s.to_string());
    let tag_columns = args.take("tagColumns").map(|v| super::strings(v, "tagColumns")).transpose()?;
    let field_fn = args.function("fieldFn")?;
    let mut points = Vec::new();
    for table in &stream.tables {
        let measurement_index = table
            .column_index(&measurement_column)
            .filter(|&i| table.columns[i].ty == ColType::String)
            .ok_or_else(|| format!("no string column with label {measurement_column} exists"))?;
        let time_index = table
            .column_index(&time_column)
            .filter(|&i| table.columns[i].ty == ColType::Time)
            .ok_or("no time column detected")?;
        let tags: Vec<usize> = (0..table.columns.len())
            .filter(|&i| {
                let column = &table.columns[i];
                match &tag_columns {
                    Some(listed) => listed.contains(&column.label),
                    None => {
                        column.ty == ColType::String
                            && !matches!(column.label.as_str(), "_value" | "_field")
                            && column.label != measurement_column
                    }
                }
            })
            .collect();
        let labels: Vec<Arc<str>> = table.columns.iter().map(|c| c.label.as_str().into()).collect();
        for row in 0..table.len() {
            let Value::Time(time) = table.cell(row, time_index) else { continue };
            let Value::String(measurement) = table.cell(row, measurement_index) else {
                return Err("a row has no measurement".into());
            };
            let mut point_tags = Vec::new();
            for &i in &tags {
                match table.cell(row, i) {
                    Value::String(v) if !v.is_empty() => {
                        point_tags.push((table.columns[i].label.clone(), v.to_string()))
                    }
                    Value::String(_) | Value::Null => {}
                    _ => return Err(format!("the tag column `{}` is not a string", table.columns[i].label).into()),
                }
            }
            let mut fields = Vec::new();
            match &field_fn {
                Some(f) => {
                    let record = super::row_record(table, &labels, row);
                    let Value::Record(record) =
                        evaluator.apply(f, vec![("r".into(), record)], None).map_err(Failure::Runtime)?
                    else {
                        return Err("`fieldFn` must return a record".into());
                    };
                    for (label, value) in &record.fields {
                        if let Some(v) = field_value(label, value)? {
                            fields.push((label.to_string(), v));
                        }
                    }
                }
                None => {
                    let field = table.column_index("_field").ok_or("table has no _field column")?;
                    let value = table.column_index("_value").ok_or("table has no _value column")?;
                    let Value::String(name) = table.cell(row, field) else { continue };
                    if let Some(v) = field_value(&name, &table.cell(row, value))? {
                        fields.push((name.to_string(), v));
                    }
                }
            }
            if fields.is_empty() {
                continue;
            }
            point_tags.sort();
            points.push(Point { measurement: measurement.to_string(), tags: point_tags, fields, time: Some(time) });
        }
    }
    deliver(evaluator, host, &bucket, &points)?;
    Ok(Value::Stream(stream))
}

/// `experimental.to(bucket:)` (`wideTo`): pivoted rows written as points: the group key's
/// string columns (but `_measurement`) are the tags, the other columns (but `_time`,
/// `_start` and `_stop`) the fields.
fn wide_to(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let host = host(args)?;
    let bucket = bucket_arg(args)?;
    let mut points = Vec::new();
    for table in &stream.tables {
        let measurement = table.column_index("_measurement").ok_or("no column with label _measurement exists")?;
        let time = table.column_index("_time").ok_or("no time column detected")?;
        for row in 0..table.len() {
            let (Value::Time(t), Value::String(m)) = (table.cell(row, time), table.cell(row, measurement)) else {
                continue;
            };
            let mut tags = Vec::new();
            let mut fields = Vec::new();
            for (i, column) in table.columns.iter().enumerate() {
                if matches!(column.label.as_str(), "_measurement" | "_time" | "_start" | "_stop") {
                    continue;
                }
                let value = table.cell(row, i);
                if table.key.value(&column.label).is_some() && column.ty == ColType::String {
                    if let Value::String(v) = value
                        && !v.is_empty()
                    {
                        tags.push((column.label.clone(), v.to_string()));
                    }
                } else if let Some(v) = field_value(&column.label, &value)? {
                    fields.push((column.label.clone(), v));
                }
            }
            if fields.is_empty() {
                continue;
            }
            tags.sort();
            points.push(Point { measurement: m.to_string(), tags, fields, time: Some(t) });
        }
    }
    deliver(evaluator, host, &bucket, &points)?;
    Ok(Value::Stream(stream))
}

/// `buckets()`: the local buckets, one row each: `name`, `id` (the name: local buckets have
/// no other), `organizationID` (empty), `retentionPolicy` and `retentionPeriod` (nanoseconds,
/// 0 for ever, as InfluxDB reports them).
fn buckets(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let columns = vec![
        Column::new("name", ColType::String),
        Column::new("id", ColType::String),
        Column::new("organizationID", ColType::String),
        Column::new("retentionPolicy", ColType::String),
        Column::new("retentionPeriod", ColType::Int),
    ];
    if let Some(host) = host(args)? {
        let (_, client) = host_client(evaluator, host)?;
        let listed = client.buckets().map_err(|e| e.to_string())?;
        let rows: Vec<Vec<Value>> = listed
            .into_iter()
            .map(|b| {
                let period = b.retention_rules.first().map_or(0, |r| r.every_seconds.saturating_mul(1_000_000_000));
                vec![
                    Value::string(&b.name),
                    Value::string(&b.id),
                    Value::string(&b.org_id),
                    Value::string(if period == 0 { "infinite" } else { "custom" }),
                    Value::Int(period),
                ]
            })
            .collect();
        return Ok(stream_of(vec![Table::from_rows(GroupKey::default(), columns, rows)?]));
    }
    let data = data_dir(evaluator)?;
    let rows: Vec<Vec<Value>> = data
        .buckets()
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|b| {
            vec![
                Value::string(&b.name),
                Value::string(&b.name),
                Value::string(""),
                Value::string(if b.retention.is_some() { "custom" } else { "infinite" }),
                Value::Int(b.retention.unwrap_or(0)),
            ]
        })
        .collect();
    Ok(stream_of(vec![Table::from_rows(GroupKey::default(), columns, rows)?]))
}

/// `from(bucket:)` alone: every point of the bucket, one table per series and field.
fn from(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(pushed(evaluator, std::mem::take(&mut args.named), Vec::new())?.expect("a bare from is always read"))
}

/// The transformations `from(bucket:)` can take into its read, innermost first, as the
/// evaluator finds them piped into one another; each reported as the rule InfluxDB's
/// planner names it.
pub(crate) const PUSHABLE: &[&str] = &[
    "range",
    "filter",
    "window",
    "aggregateWindow",
    "limit",
    "count",
    "sum",
    "mean",
    "min",
    "max",
    "first",
    "last",
    // The shapes of the schema package's tagValues and tagKeys.
    "keep",
    "group",
    "distinct",
    "keys",
];

/// What the read does after selecting the series and the range.
enum Then {
    /// The rows, at most `limit` (after skipping `offset`) per table.
    Rows {
        limit: Option<(usize, usize)>,
    },
    /// One row per table: `count`, `sum`, `mean`, `min`, `max`, `first` or `last`.
    Aggregate(Aggregate),
    /// `keep(columns: [tag]) |> group() |> distinct(column: tag)`: the values of a tag (or
    /// of `_measurement`, `_field`), from the metadata.
    TagValues(String),
    /// `keys() |> keep(columns: ["_value"]) |> distinct()`: the key columns, from the
    /// metadata.
    TagKeys,
    Windows(super::window::PushedWindows),
    /// `window(...) |> aggregate()`: a table per series and window.
    WindowTables(super::window::PushedWindows),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Aggregate {
    Count,
    Sum,
    Mean,
    Min,
    Max,
    First,
    Last,
}

impl Aggregate {
    pub(crate) fn of(name: &str) -> Option<Aggregate> {
        Some(match name {
            "count" => Aggregate::Count,
            "sum" => Aggregate::Sum,
            "mean" => Aggregate::Mean,
            "min" => Aggregate::Min,
            "max" => Aggregate::Max,
            "first" => Aggregate::First,
            "last" => Aggregate::Last,
            _ => return None,
        })
    }

    /// Selectors keep the whole row they pick; the others make a value of the key's row.
    pub(crate) fn selects(self) -> bool {
        matches!(self, Aggregate::Min | Aggregate::Max | Aggregate::First | Aggregate::Last)
    }
}

/// A filter whose predicate reads only what is the same for every row of a series (the
/// measurement, the field, tags, `_start`, `_stop`): decided once per series.
struct SeriesFilter {
    function: Arc<crate::value::Function>,
    /// Whether it comes after `range`, so that its rows have `_start` and `_stop`.
    after_range: bool,
}

/// `from(bucket:)` with the transformations piped into it (`stages`, innermost first, each
/// with its arguments) done by the read: `None` when the chain is not one the read can do,
/// and the evaluator runs it as written.
pub(crate) fn pushed(
    evaluator: &Evaluator,
    from_args: Vec<(SmolStr, Value)>,
    stages: Vec<(&'static str, Vec<(SmolStr, Value)>)>,
) -> Result<Option<Value>, Failure> {
    let mut args = Args { named: from_args, piped: None };
    let host = host(&mut args)?;
    let bucket = bucket_arg(&mut args)?;
    if let Some(host) = host {
        return from_host(evaluator, host, &bucket, stages);
    }
    let mut range: Option<(i64, i64)> = None;
    let mut filters = Vec::new();
    let mut value_filters = Vec::new();
    let mut then = Then::Rows { limit: None };
    let mut rules = Vec::new();
    let last = stages.len();
    let mut stages = stages.into_iter().enumerate().peekable();
    while let Some((i, (name, named))) = stages.next() {
        let mut args = Args { named, piped: None };
        let is_last = i + 1 == last;
        match name {
            "keep" | "keys" if range.is_some() => {
                let rest: Vec<_> = stages.by_ref().map(|(_, stage)| stage).collect();
                let Some(schema) = schema_shape(name, &mut args, rest) else { return Ok(None) };
                rules.push(if matches!(schema, Then::TagKeys) {
                    &plan::PUSH_DOWN_READ_TAG_KEYS
                } else {
                    &plan::PUSH_DOWN_READ_TAG_VALUES
                });
                then = schema;
            }
            "range" if range.is_none() => {
                let start = super::bound(evaluator, "start", args.required("start")?)?;
                let stop = match args.take("stop") {
                    Some(value) => super::bound(evaluator, "stop", value)?,
                    None => evaluator.now(),
                };
                range = Some((start, stop));
                rules.push(&plan::PUSH_DOWN_RANGE);
            }
            "filter" => {
                let Some(Value::Function(function)) = args.take("fn") else { return Ok(None) };
                match args.string("onEmpty") {
                    Ok(None) => {}
                    Ok(Some(s)) if &*s == "drop" => {}
                    _ => return Ok(None),
                }
                if series_predicate(&function) {
                    filters.push(SeriesFilter { function, after_range: range.is_some() });
                } else if let Some(predicate) = ValuePredicate::of(&function) {
                    value_filters.push(predicate);
                } else {
                    return Ok(None);
                }
                rules.push(&plan::PUSH_DOWN_FILTER);
            }
            "limit" if is_last => {
                let n = match args.take("n") {
                    Some(Value::Int(n)) if n >= 0 => n as usize,
                    _ => return Ok(None),
                };
                let offset = match args.take("offset") {
                    None => 0,
                    Some(Value::Int(o)) if o >= 0 => o as usize,
                    _ => return Ok(None),
                };
                then = Then::Rows { limit: Some((n, offset)) };
                rules.push(&plan::PUSH_DOWN_LIMIT);
            }
            "window" if i + 2 == last && range.is_some() => {
                let Some((_, (name, aggregate_args))) = stages.next() else { return Ok(None) };
                let Some(aggregate) = Aggregate::of(name) else { return Ok(None) };
                let mut aggregate_args = Args { named: aggregate_args, piped: None };
                match aggregate_args.string("column") {
                    Ok(None) => {}
                    Ok(Some(c)) if &*c == "_value" => {}
                    _ => return Ok(None),
                }
                if !aggregate_args.named.is_empty() {
                    return Ok(None);
                }
                let Some(windows) = super::window::PushedWindows::of_window(evaluator, &mut args, aggregate)? else {
                    return Ok(None);
                };
                then = Then::WindowTables(windows);
                rules.push(&plan::PUSH_DOWN_WINDOW_AGGREGATE);
            }
            "aggregateWindow" if is_last && range.is_some() => {
                let Some(windows) = super::window::PushedWindows::of(evaluator, &mut args)? else { return Ok(None) };
                then = Then::Windows(windows);
                rules.push(&plan::PUSH_DOWN_WINDOW_AGGREGATE);
            }
            name if is_last && range.is_some() => {
                let Some(aggregate) = Aggregate::of(name) else { return Ok(None) };
                match args.string("column") {
                    Ok(None) => {}
                    Ok(Some(c)) if &*c == "_value" => {}
                    _ => return Ok(None),
                }
                then = Then::Aggregate(aggregate);
                rules.push(&plan::PUSH_DOWN_BARE_AGGREGATE);
            }
            _ => return Ok(None),
        }
        if !args.named.is_empty() {
            // An argument the read does not know: the transformation runs as written.
            return Ok(None);
        }
    }
    if !rules.iter().all(|rule| evaluator.rule_enabled(rule)) {
        return Ok(None);
    }
    read(evaluator, &bucket, range, (&filters, &value_filters), then, &rules)
}

/// A filter whose predicate compares `_value` with constants only (`r._value > 90.0`, joined
/// by `and`, `or` and `not`): decided point by point as the points are read.
#[derive(Clone, Debug)]
enum ValuePredicate {
    Compare(flux_syntax::ast::Operator, Constant),
    And(Box<ValuePredicate>, Box<ValuePredicate>),
    Or(Box<ValuePredicate>, Box<ValuePredicate>),
    Not(Box<ValuePredicate>),
}

#[derive(Clone, Debug)]
enum Constant {
    Int(i64),
    Float(f64),
    String(String),
}

impl ValuePredicate {
    fn of(function: &crate::value::Function) -> Option<ValuePredicate> {
        let (param, result) = crate::vectorize::one_expression(function)?;
        ValuePredicate::from_expr(&function.body, param.local, result)
    }

    fn from_expr(
        body: &flux_semantic::ir::Body,
        param: flux_semantic::ir::LocalId,
        id: flux_semantic::ir::ExprId,
    ) -> Option<ValuePredicate> {
        use flux_semantic::ir::{ExprKind, Literal, Resolution};
        use flux_syntax::ast::{LogicalOperator, Operator};
        let is_value = |id| {
            matches!(&body.expr(id).kind, ExprKind::Member { object, property, .. }
                if property == "_value"
                    && matches!(body.expr(*object).kind, ExprKind::Name(Resolution::Local(l)) if l == param))
        };
        let constant = |id| match &body.expr(id).kind {
            ExprKind::Literal(Literal::Int(i)) => Some(Constant::Int(*i)),
            ExprKind::Literal(Literal::Float(bits)) => Some(Constant::Float(f64::from_bits(*bits))),
            ExprKind::Literal(Literal::String(s)) => Some(Constant::String(s.clone())),
            ExprKind::Unary { operator: Operator::Subtraction, argument } => match &body.expr(*argument).kind {
                ExprKind::Literal(Literal::Int(i)) => i.checked_neg().map(Constant::Int),
                ExprKind::Literal(Literal::Float(bits)) => Some(Constant::Float(-f64::from_bits(*bits))),
                _ => None,
            },
            _ => None,
        };
        let recurse = |id| ValuePredicate::from_expr(body, param, id).map(Box::new);
        Some(match &body.expr(id).kind {
            ExprKind::Logical { operator: LogicalOperator::And, left, right } => {
                ValuePredicate::And(recurse(*left)?, recurse(*right)?)
            }
            ExprKind::Logical { operator: LogicalOperator::Or, left, right } => {
                ValuePredicate::Or(recurse(*left)?, recurse(*right)?)
            }
            ExprKind::Unary { operator: Operator::Not, argument } => ValuePredicate::Not(recurse(*argument)?),
            ExprKind::Binary { operator, left, right } => {
                use Operator::*;
                let flipped = match operator {
                    Equal | NotEqual => *operator,
                    LessThan => GreaterThan,
                    LessThanEqual => GreaterThanEqual,
                    GreaterThan => LessThan,
                    GreaterThanEqual => LessThanEqual,
                    _ => return None,
                };
                if is_value(*left) {
                    ValuePredicate::Compare(*operator, constant(*right)?)
                } else if is_value(*right) {
                    ValuePredicate::Compare(flipped, constant(*left)?)
                } else {
                    return None;
                }
            }
            _ => return None,
        })
    }

    /// Whether every constant has the field's type, so that each comparison is one Flux
    /// allows (the engine reports the others).
    fn fits(&self, ty: FieldType) -> bool {
        match self {
            ValuePredicate::Compare(_, constant) => matches!(
                (constant, ty),
                (Constant::Int(_), FieldType::Int)
                    | (Constant::Float(_), FieldType::Float)
                    | (Constant::String(_), FieldType::String)
            ),
            ValuePredicate::And(a, b) | ValuePredicate::Or(a, b) => a.fits(ty) && b.fits(ty),
            ValuePredicate::Not(a) => a.fits(ty),
        }
    }

    /// Whether point `i` of `values` passes.
    fn keeps(&self, values: &flux_storage::Values, i: usize) -> bool {
        use flux_storage::Values;
        use flux_syntax::ast::Operator;
        use std::cmp::Ordering;
        match self {
            ValuePredicate::And(a, b) => a.keeps(values, i) && b.keeps(values, i),
            ValuePredicate::Or(a, b) => a.keeps(values, i) || b.keeps(values, i),
            ValuePredicate::Not(a) => !a.keeps(values, i),
            ValuePredicate::Compare(operator, constant) => {
                let order = match (values, constant) {
                    (Values::Float(v), Constant::Float(c)) => v[i].partial_cmp(c),
                    (Values::Int(v), Constant::Int(c)) => Some(v[i].cmp(c)),
                    (Values::String(v), Constant::String(c)) => Some(v[i].as_str().cmp(c.as_str())),
                    _ => None,
                };
                match operator {
                    Operator::Equal => order == Some(Ordering::Equal),
                    // NaN differs from everything, as IEEE 754 and Go have it.
                    Operator::NotEqual => order != Some(Ordering::Equal),
                    Operator::LessThan => order == Some(Ordering::Less),
                    Operator::LessThanEqual => matches!(order, Some(Ordering::Less | Ordering::Equal)),
                    Operator::GreaterThan => order == Some(Ordering::Greater),
                    Operator::GreaterThanEqual => matches!(order, Some(Ordering::Greater | Ordering::Equal)),
                    _ => false,
                }
            }
        }
    }
}

/// The points of a chunk that every value filter keeps.
fn passing(chunk: flux_storage::Column, filters: &[ValuePredicate]) -> flux_storage::Column {
    if filters.is_empty() {
        return chunk;
    }
    chunk.filter(|i| filters.iter().all(|f| f.keeps(&chunk.values, i)))
}

/// The schema package's shapes, from their first call on: `keep(columns: [tag]) |> group()
/// |> distinct(column: tag)` and `keys() |> keep(columns: ["_value"]) |> distinct()`.
fn schema_shape(first: &str, args: &mut Args, rest: Vec<(&'static str, Vec<(SmolStr, Value)>)>) -> Option<Then> {
    let strings = |value: Option<Value>| -> Option<Vec<String>> {
        match value {
            Some(Value::Array(items)) => {
                items.iter().map(|v| if let Value::String(s) = v { Some(s.to_string()) } else { None }).collect()
            }
            _ => None,
        }
    };
    let only = |mut named: Vec<(SmolStr, Value)>, name: &str| -> Option<Option<Value>> {
        let i = named.iter().position(|(n, _)| n == name);
        let value = i.map(|i| named.swap_remove(i).1);
        named.is_empty().then_some(value)
    };
    match (first, rest.as_slice()) {
        ("keep", [("group", group), ("distinct", distinct)]) => {
            let [tag]: [String; 1] = strings(args.take("columns"))?.try_into().ok()?;
            if !args.named.is_empty() || !group.is_empty() {
                return None;
            }
            match only(distinct.clone(), "column")? {
                Some(Value::String(column)) if *column == *tag => Some(Then::TagValues(tag)),
                _ => None,
            }
        }
        ("keys", [("keep", keep), ("distinct", distinct)]) => {
            let columns: Vec<String> = strings(only(keep.clone(), "columns")?)?;
            let distinct_column = only(distinct.clone(), "column")?;
            let default_column =
                distinct_column.is_none() || matches!(&distinct_column, Some(Value::String(c)) if &**c == "_value");
            (args.named.is_empty() && columns == ["_value"] && default_column).then_some(Then::TagKeys)
        }
        _ => None,
    }
}

/// Whether a filter's predicate `(r) => ...` reads no more of `r` than members other than
/// `_time` and `_value`, and defines no function that could see `r`.
fn series_predicate(function: &crate::value::Function) -> bool {
    use flux_semantic::ir::{ExprKind, Resolution};
    let body = &function.body;
    let Some((param, result)) = crate::vectorize::one_expression(function) else { return false };
    let is_param = |id| matches!(body.expr(id).kind, ExprKind::Name(Resolution::Local(l)) if l == param.local);
    let mut stack = vec![result];
    while let Some(id) = stack.pop() {
        match &body.expr(id).kind {
            ExprKind::Member { object, property, .. } if is_param(*object) => {
                if property == "_time" || property == "_value" {
                    return false;
                }
            }
            ExprKind::Name(Resolution::Local(l)) if *l == param.local => return false,
            ExprKind::Function(_) | ExprKind::Error => return false,
            ExprKind::Literal(_) | ExprKind::Name(_) => {}
            ExprKind::Interpolated(parts) => {
                for part in parts {
                    if let flux_semantic::ir::StringPart::Expr(e) = part {
                        stack.push(*e);
                    }
                }
            }
            ExprKind::Member { object, .. } => stack.push(*object),
            ExprKind::Index { array, index } => stack.extend([*array, *index]),
            ExprKind::Array(items) => stack.extend(items.iter().copied()),
            ExprKind::Dict(entries) => stack.extend(entries.iter().flat_map(|(k, v)| [*k, *v])),
            ExprKind::Record { with, fields } => {
                stack.extend(with.iter().copied());
                stack.extend(fields.iter().map(|f| f.value));
            }
            ExprKind::Call(call) => {
                stack.push(call.callee);
                stack.extend(call.pipe.iter().copied());
                stack.extend(call.arguments.iter().map(|a| a.value));
            }
            ExprKind::Unary { argument, .. } => stack.push(*argument),
            ExprKind::Binary { left, right, .. } | ExprKind::Logical { left, right, .. } => {
                stack.extend([*left, *right])
            }
            ExprKind::Conditional { test, consequent, alternate } => stack.extend([*test, *consequent, *alternate]),
        }
    }
    true
}

/// The measurement a predicate requires outright (`r._measurement == "cpu"`, alone or
/// joined with `and`), so that the files of others are not opened.
fn required_measurement(function: &crate::value::Function) -> Option<String> {
    use flux_semantic::ir::{ExprKind, Literal, Resolution};
    use flux_syntax::ast::{LogicalOperator, Operator};
    let body = &function.body;
    let (param, result) = crate::vectorize::one_expression(function)?;
    let param = param.local;
    let is_measurement = |id| {
        matches!(&body.expr(id).kind, ExprKind::Member { object, property, .. }
            if property == "_measurement"
                && matches!(body.expr(*object).kind, ExprKind::Name(Resolution::Local(l)) if l == param))
    };
    let string = |id| match &body.expr(id).kind {
        ExprKind::Literal(Literal::String(s)) => Some(s.clone()),
        _ => None,
    };
    let mut stack = vec![result];
    while let Some(id) = stack.pop() {
        match &body.expr(id).kind {
            ExprKind::Logical { operator: LogicalOperator::And, left, right } => stack.extend([*left, *right]),
            ExprKind::Binary { operator: Operator::Equal, left, right } => {
                if is_measurement(*left)
                    && let Some(s) = string(*right)
                {
                    return Some(s);
                }
                if is_measurement(*right)
                    && let Some(s) = string(*left)
                {
                    return Some(s);
                }
            }
            _ => {}
        }
    }
    None
}

/// The series of a read, decided from the bucket's metadata.
struct Selected {
    key: SeriesKey,
    ty: FieldType,
}

fn col_type(ty: FieldType) -> ColType {
    match ty {
        FieldType::Float => ColType::Float,
        FieldType::Int => ColType::Int,
        FieldType::UInt => ColType::UInt,
        FieldType::String => ColType::String,
        FieldType::Bool => ColType::Bool,
    }
}

/// The group key of a series' table: `_start` and `_stop` after a range, `_field`,
/// `_measurement`, then the tags.
fn series_key(key: &SeriesKey, range: Option<(i64, i64)>) -> GroupKey {
    let mut out = GroupKey::default();
    if let Some((start, stop)) = range {
        out.columns.push(Column::new("_start", ColType::Time));
        out.values.push(Value::Time(start));
        out.columns.push(Column::new("_stop", ColType::Time));
        out.values.push(Value::Time(stop));
    }
    out.columns.push(Column::new("_field", ColType::String));
    out.values.push(Value::string(&key.field));
    out.columns.push(Column::new("_measurement", ColType::String));
    out.values.push(Value::string(&key.measurement));
    for (tag, value) in &key.tags {
        out.columns.push(Column::new(tag.clone(), ColType::String));
        out.values.push(Value::string(value));
    }
    out
}

fn read(
    evaluator: &Evaluator,
    bucket: &str,
    range: Option<(i64, i64)>,
    (filters, value_filters): (&[SeriesFilter], &[ValuePredicate]),
    then: Then,
    rules: &[&plan::Rule],
) -> Result<Option<Value>, Failure> {
    let (start, stop) = range.unwrap_or((i64::MIN, i64::MAX));
    let mut rules = rules.to_vec();
    let source = match evaluator.influxql() {
        Some(client) => {
            let metadata_only = matches!(then, Then::TagValues(_) | Then::TagKeys);
            if metadata_only {
                // InfluxQL lists series without regard to time: the engine reads the range.
                return Ok(None);
            }
            let functions: Vec<&crate::value::Function> = filters.iter().map(|f| &*f.function).collect();
            let narrowing = super::influxql::Narrowing::of(&functions);
            let windows = match &then {
                Then::Windows(w) | Then::WindowTables(w) if value_filters.is_empty() => w
                    .fixed(matches!(then, Then::WindowTables(_)))
                    .map(|(every, offset)| super::influxql::WindowPush { aggregate: w.aggregate(), every, offset }),
                _ => None,
            };
            let range = (start.max(EARLIEST), stop);
            let fetched = super::influxql::fetch(evaluator, client, bucket, range, &narrowing, windows)?;
            // What the database did: the range and the filters' narrowing always, the windows
            // when it computed them; the engine does the rest.
            let windowed = matches!(fetched, super::influxql::Fetched::Windows(_));
            rules.retain(|r| {
                r.name == plan::PUSH_DOWN_RANGE.name
                    || r.name == plan::PUSH_DOWN_FILTER.name
                    || (windowed && r.name == plan::PUSH_DOWN_WINDOW_AGGREGATE.name)
            });
            Source::Remote(fetched)
        }
        None => {
            let data = data_dir(evaluator)?;
            // The sample bucket is made the first time a script reads it.
            if bucket == flux_storage::sample::BUCKET && data.bucket(bucket).map_err(|e| e.to_string())?.is_none() {
                flux_storage::sample::generate(data).map_err(|e| e.to_string())?;
            }
            let measurements: Vec<String> = filters.iter().filter_map(|f| required_measurement(&f.function)).collect();
            let snapshot = data
                .snapshot(bucket, evaluator.now(), (start, stop), &|m| measurements.iter().all(|x| x == m))
                .map_err(|e| e.to_string())?;
            Source::Local(snapshot)
        }
    };
    let mut selected = Vec::new();
    'series: for (key, ty) in source.series()? {
        for filter in filters {
            let key_columns = series_key(&key, range.filter(|_| filter.after_range));
            let record = Value::Record(Arc::new(crate::value::Record {
                fields: key_columns.columns.iter().map(|c| c.label.as_str().into()).zip(key_columns.values).collect(),
            }));
            match evaluator.apply(&filter.function, vec![("r".into(), record)], None).map_err(Failure::Runtime)? {
                Value::Bool(true) => {}
                _ => continue 'series,
            }
        }
        selected.push(Selected { key, ty });
    }
    // Sums and means of strings or booleans, extremes of booleans: the transformation's
    // own error, not the read's.
    let aggregate = match &then {
        Then::Rows { .. } | Then::TagValues(_) | Then::TagKeys => None,
        Then::Aggregate(aggregate) => Some(*aggregate),
        Then::Windows(windows) | Then::WindowTables(windows) => Some(windows.aggregate()),
    };
    let numeric = |ty: FieldType| matches!(ty, FieldType::Float | FieldType::Int | FieldType::UInt);
    if let Some(aggregate) = aggregate
        && matches!(aggregate, Aggregate::Sum | Aggregate::Mean | Aggregate::Min | Aggregate::Max)
        && !selected.iter().all(|s| numeric(s.ty))
    {
        return Ok(None);
    }
    // Comparisons of other types are the engine's to report; tag values and keys come from
    // the metadata, which knows nothing of values.
    let metadata_only = matches!(then, Then::TagValues(_) | Then::TagKeys);
    if !value_filters.iter().all(|f| selected.iter().all(|s| f.fits(s.ty)))
        || (metadata_only && !value_filters.is_empty())
    {
        return Ok(None);
    }
    for rule in &rules {
        evaluator.planner_rule_applied(rule.name);
    }
    let wanted: std::collections::HashSet<&SeriesKey> = selected.iter().map(|s| &s.key).collect();
    let select = |key: &SeriesKey, _: FieldType| wanted.contains(key);
    // Checked between chunks, on the reading threads.
    let cancel = evaluator.cancel_flag();
    let canceled = || cancel.as_ref().is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed));
    // `window |> aggregate()` makes a table of each window.
    let per_window = matches!(then, Then::WindowTables(_));
    let tables = match then {
        Then::TagValues(tag) => {
            let mut seen = std::collections::HashSet::new();
            let mut values = Vec::new();
            for series in &selected {
                let key = series_key(&series.key, range);
                if let Some(Value::String(value)) = key.value(&tag)
                    && seen.insert(value.clone())
                {
                    values.push(vec![Value::String(value.clone())]);
                }
            }
            vec![Table::from_rows(GroupKey::default(), vec![Column::new("_value", ColType::String)], values)?]
        }
        Then::TagKeys => {
            let mut seen = std::collections::HashSet::new();
            let mut labels = Vec::new();
            for series in &selected {
                for column in series_key(&series.key, range).columns {
                    if seen.insert(column.label.clone()) {
                        labels.push(vec![Value::string(&column.label)]);
                    }
                }
            }
            vec![Table::from_rows(GroupKey::default(), vec![Column::new("_value", ColType::String)], labels)?]
        }
        Then::Rows { limit } => {
            let (skip, take) = limit.map_or((0, usize::MAX), |(n, offset)| (offset, n));
            let read = source.scan(
                &select,
                |_, ty| (0usize, flux_storage::Column::new(ty)),
                |(seen, rows): &mut (usize, flux_storage::Column), chunk| {
                    check_canceled(canceled())?;
                    let chunk = passing(chunk, value_filters);
                    let (from, to) = (skip.saturating_sub(*seen), skip.saturating_add(take).saturating_sub(*seen));
                    *seen += chunk.len();
                    if from < chunk.len() && to > 0 {
                        rows.append(chunk.slice(from..to.min(chunk.len())));
                    }
                    Ok::<(), Failure>(())
                },
            )?;
            check_canceled(canceled())?;
            let mut tables = Vec::with_capacity(read.len());
            for (key, _, (_, rows)) in read {
                if !rows.is_empty() {
                    tables.push(rows_table(&key, range, rows));
                }
            }
            tables
        }
        Then::Aggregate(aggregate) => {
            let read = source.scan(
                &select,
                |_, _| Tally::default(),
                |tally: &mut Tally, chunk| {
                    check_canceled(canceled())?;
                    let chunk = passing(chunk, value_filters);
                    tally.add(aggregate, &chunk, 0..chunk.len());
                    Ok::<(), Failure>(())
                },
            )?;
            check_canceled(canceled())?;
            let mut tables = Vec::with_capacity(read.len());
            for (key, ty, tally) in read.into_iter().filter(|(_, _, tally)| tally.count > 0) {
                let ty = col_type(ty);
                let value_type = output_type(aggregate, ty);
                let mut values = crate::table::ColumnBuilder::new(value_type);
                values.append(&tally.value(aggregate, ty))?;
                let time: ArrayRef = match &tally.pick {
                    Some((t, _)) => Arc::new(TimestampNanosecondArray::from(vec![*t])),
                    None => Arc::new(TimestampNanosecondArray::from(Vec::<i64>::new())),
                };
                let mut table = aggregate_table(series_key(&key, range), aggregate, time, value_type, values.finish());
                if !aggregate.selects() {
                    // `count`, `sum` and `mean` give no `_time`.
                    table.columns.pop();
                    table.data.pop();
                }
                tables.push(table);
            }
            tables
        }
        Then::Windows(windows) | Then::WindowTables(windows) => {
            let (start, stop) = range.expect("windows are pushed after a range");
            let read = match source {
                Source::Remote(super::influxql::Fetched::Windows(computed)) => {
                    let mut read = Vec::new();
                    for (key, (ty, rows)) in computed {
                        if !select(&key, ty) {
                            continue;
                        }
                        let mut acc = windows.accumulator(col_type(ty), start, stop);
                        if let Ok(acc) = &mut acc {
                            for (window_start, value) in rows {
                                acc.add_computed(window_start, value)?;
                            }
                        }
                        read.push((key, ty, acc));
                    }
                    read
                }
                source => source.scan(
                    &select,
                    |_, ty| windows.accumulator(col_type(ty), start, stop),
                    |acc: &mut Result<WindowAccumulator<'_>, Failure>, chunk| {
                        check_canceled(canceled())?;
                        let chunk = passing(chunk, value_filters);
                        match acc {
                            Ok(acc) => acc.add(&chunk),
                            Err(_) => Ok(()),
                        }
                    },
                )?,
            };
            check_canceled(canceled())?;
            let mut tables = Vec::with_capacity(read.len());
            for (key, _, acc) in read {
                let acc = acc?;
                if acc.is_empty() {
                    continue;
                }
                if per_window {
                    tables.extend(acc.window_tables(&series_key(&key, range))?);
                } else {
                    tables.push(acc.table(series_key(&key, range))?);
                }
            }
            tables
        }
    };
    let collation = Some(crate::value::Collation { columns: vec!["_time".to_owned()], desc: false });
    Ok(Some(Value::Stream(Arc::new(crate::value::Stream { tables, yielded: false, collation, bounds: range }))))
}

/// Where a read's points come from: the local bucket's files, or what a database sent.
enum Source {
    Local(flux_storage::Snapshot),
    Remote(super::influxql::Fetched),
}

impl Source {
    fn series(&self) -> Result<Vec<(SeriesKey, FieldType)>, Failure> {
        use super::influxql::Fetched;
        Ok(match self {
            Source::Local(snapshot) => snapshot.series()?,
            Source::Remote(Fetched::Rows(rows)) => rows.iter().map(|(k, (ty, _))| (k.clone(), *ty)).collect(),
            Source::Remote(Fetched::Windows(windows)) => windows.iter().map(|(k, (ty, _))| (k.clone(), *ty)).collect(),
        })
    }

    /// [`flux_storage::Snapshot::scan`], over either source; a database's points of a series
    /// come as one chunk.
    fn scan<S, E>(
        self,
        select: &(dyn Fn(&SeriesKey, FieldType) -> bool + Sync),
        init: impl Fn(&SeriesKey, FieldType) -> S + Sync,
        step: impl Fn(&mut S, flux_storage::Column) -> Result<(), E> + Sync,
    ) -> Result<Vec<(SeriesKey, FieldType, S)>, E>
    where
        S: Send,
        E: From<flux_storage::StorageError> + Send,
    {
        use super::influxql::Fetched;
        match self {
            Source::Local(snapshot) => snapshot.scan(select, init, step),
            Source::Remote(Fetched::Rows(rows)) => {
                let mut out = Vec::new();
                for (key, (ty, column)) in rows {
                    if select(&key, ty) {
                        let mut state = init(&key, ty);
                        step(&mut state, column)?;
                        out.push((key, ty, state));
                    }
                }
                Ok(out)
            }
            Source::Remote(Fetched::Windows(_)) => unreachable!("computed windows are read by the window branch"),
        }
    }
}

fn check_canceled(canceled: bool) -> Result<(), Failure> {
    if canceled { Err(Failure::Die(crate::eval::CANCELED.to_owned())) } else { Ok(()) }
}

impl From<flux_storage::StorageError> for Failure {
    fn from(e: flux_storage::StorageError) -> Failure {
        Failure::Message(e.to_string())
    }
}

/// An arrow array of a series' values.
pub(super) fn values_array(values: flux_storage::Values) -> ArrayRef {
    use flux_storage::Values;
    match values {
        Values::Float(v) => Arc::new(Float64Array::from(v)),
        Values::Int(v) => Arc::new(Int64Array::from(v)),
        Values::UInt(v) => Arc::new(UInt64Array::from(v)),
        Values::String(v) => Arc::new(StringArray::from(v)),
        Values::Bool(v) => Arc::new(BooleanArray::from(v)),
    }
}

/// A column of `rows` copies of a key's value.
pub(super) fn repeated(value: &Value, ty: ColType, rows: usize) -> ArrayRef {
    match value {
        Value::String(s) => Arc::new(StringArray::from_iter_values(std::iter::repeat_n(&**s, rows))),
        Value::Time(t) => Arc::new(TimestampNanosecondArray::from(vec![*t; rows])),
        other => {
            let mut builder = crate::table::ColumnBuilder::new(ty);
            for _ in 0..rows {
                builder.append(other).expect("a key value of its column's type");
            }
            builder.finish()
        }
    }
}

/// The type of an aggregate's `_value` for values of type `ty`.
pub(super) fn output_type(aggregate: Aggregate, ty: ColType) -> ColType {
    match aggregate {
        Aggregate::Count => ColType::Int,
        Aggregate::Mean => ColType::Float,
        _ => ty,
    }
}

/// An aggregate's table: for `count`, `sum` and `mean` the key's columns then `_value` (and
/// `_time` when given, as `aggregateWindow` adds it); for selectors the row's columns,
/// `_start` and `_stop`, `_time`, `_value`, then the rest of the key.
pub(super) fn aggregate_table(
    key: GroupKey,
    aggregate: Aggregate,
    time: ArrayRef,
    value_type: ColType,
    values: ArrayRef,
) -> Table {
    let rows = values.len();
    let key_arrays: Vec<(Column, ArrayRef)> =
        key.columns.iter().zip(&key.values).map(|(c, v)| (c.clone(), repeated(v, c.ty, rows))).collect();
    let value = (Column::new("_value", value_type), values);
    let time = (Column::new("_time", ColType::Time), time);
    let (columns, data): (Vec<Column>, Vec<ArrayRef>) = if aggregate.selects() {
        let (bounds, rest): (Vec<_>, Vec<_>) =
            key_arrays.into_iter().partition(|(c, _)| c.label == "_start" || c.label == "_stop");
        bounds.into_iter().chain([time, value]).chain(rest).unzip()
    } else {
        key_arrays.into_iter().chain([value, time]).unzip()
    };
    Table { key, columns, data }
}

/// A series' rows as `from |> range` gives them: `_start`, `_stop` (after a range), `_time`,
/// `_value`, then the rest of the key.
fn rows_table(key: &SeriesKey, range: Option<(i64, i64)>, rows: flux_storage::Column) -> Table {
    let group = series_key(key, range);
    let n = rows.len();
    let ty = col_type(rows.values.ty());
    let mut columns = Vec::with_capacity(group.columns.len() + 2);
    let mut data: Vec<ArrayRef> = Vec::with_capacity(group.columns.len() + 2);
    let key_arrays = group.columns.iter().zip(&group.values).map(|(c, v)| (c.clone(), repeated(v, c.ty, n)));
    let (bounds, rest): (Vec<_>, Vec<_>) = key_arrays.partition(|(c, _)| c.label == "_start" || c.label == "_stop");
    for (column, array) in bounds {
        columns.push(column);
        data.push(array);
    }
    columns.push(Column::new("_time", ColType::Time));
    data.push(Arc::new(TimestampNanosecondArray::from(rows.times)));
    columns.push(Column::new("_value", ty));
    data.push(values_array(rows.values));
    for (column, array) in rest {
        columns.push(column);
        data.push(array);
    }
    Table { key: group, columns, data }
}
