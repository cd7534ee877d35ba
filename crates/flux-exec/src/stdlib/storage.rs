//! `from(bucket:)` on the local buckets of the run's data directory.

use std::collections::BTreeMap;

use flux_storage::line_protocol::FieldValue;

use super::{Args, Builtin, Failure, stream_of};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, GroupKey, Table};
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "influxdata/influxdb", name: "from", run: from },
    Builtin { package: "influxdata/influxdb", name: "buckets", run: buckets },
];

/// `buckets()`: the local buckets, one row each: `name`, `id` (the name: local buckets have
/// no other), `organizationID` (empty), `retentionPolicy` and `retentionPeriod` (nanoseconds,
/// 0 for ever, as InfluxDB reports them).
fn buckets(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    if args.take("host").is_some() || args.take("token").is_some() {
        return Err("listing a remote InfluxDB's buckets (`host`, `token`) needs a configured connection, which is not enabled yet".into());
    }
    let _ = (args.take("org"), args.take("orgID"));
    let data =
        evaluator.data_dir().ok_or("no data directory for local buckets: run with --data DIR (or create .flx/data)")?;
    let columns = vec![
        Column::new("name", ColType::String),
        Column::new("id", ColType::String),
        Column::new("organizationID", ColType::String),
        Column::new("retentionPolicy", ColType::String),
        Column::new("retentionPeriod", ColType::Int),
    ];
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

/// `from(bucket:)`: one table per series and field, its rows in time order (a later write of
/// the same time replaces an earlier one, as InfluxDB keeps one value per series, field and
/// time). Columns: `_time`, `_value`, `_field`, `_measurement` and the tags; the key is
/// all but `_time` and `_value`.
fn from(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    if args.take("host").is_some() || args.take("token").is_some() {
        return Err("reading a remote InfluxDB (`host`, `token`) needs a configured connection, which is not enabled yet: leave them out to read the local buckets".into());
    }
    let _ = (args.take("org"), args.take("orgID"));
    let bucket = match (args.string("bucket")?, args.string("bucketID")?) {
        (Some(name), None) | (None, Some(name)) => name,
        _ => return Err("give `bucket` (or `bucketID`)".into()),
    };
    let data =
        evaluator.data_dir().ok_or("no data directory for local buckets: run with --data DIR (or create .flx/data)")?;
    // The sample bucket is made the first time a script reads it.
    if *bucket == *flux_storage::sample::BUCKET && data.bucket(&bucket).map_err(|e| e.to_string())?.is_none() {
        flux_storage::sample::generate(data).map_err(|e| e.to_string())?;
    }
    let points = data.read(&bucket, evaluator.now()).map_err(|e| e.to_string())?;
    // Series by (measurement, tags, field), each with its values by time.
    type SeriesKey = (String, Vec<(String, String)>, String);
    let mut series: BTreeMap<SeriesKey, (ColType, BTreeMap<i64, Value>)> = BTreeMap::new();
    for (point, time) in points {
        for (field, value) in point.fields {
            let (ty, value) = match value {
                FieldValue::Float(x) => (ColType::Float, Value::Float(x)),
                FieldValue::Int(i) => (ColType::Int, Value::Int(i)),
                FieldValue::UInt(u) => (ColType::UInt, Value::UInt(u)),
                FieldValue::String(s) => (ColType::String, Value::String(s.into())),
                FieldValue::Bool(b) => (ColType::Bool, Value::Bool(b)),
            };
            let key = (point.measurement.clone(), point.tags.clone(), field);
            let entry = series.entry(key.clone()).or_insert_with(|| (ty, BTreeMap::new()));
            if entry.0 != ty {
                return Err(format!(
                    "the field `{}` of `{}` holds both {} and {} values in bucket `{bucket}`",
                    key.2,
                    key.0,
                    entry.0.name(),
                    ty.name()
                )
                .into());
            }
            entry.1.insert(time, value);
        }
    }
    let mut tables = Vec::with_capacity(series.len());
    for ((measurement, tags, field), (ty, values)) in series {
        let mut key = GroupKey::default();
        key.columns.push(Column::new("_field", ColType::String));
        key.values.push(Value::String(field.into()));
        key.columns.push(Column::new("_measurement", ColType::String));
        key.values.push(Value::String(measurement.into()));
        for (tag, value) in tags {
            key.columns.push(Column::new(tag, ColType::String));
            key.values.push(Value::String(value.into()));
        }
        let mut columns = vec![Column::new("_time", ColType::Time), Column::new("_value", ty)];
        columns.extend(key.columns.iter().cloned());
        let rows: Vec<Vec<Value>> = values
            .into_iter()
            .map(|(time, value)| {
                let mut row = vec![Value::Time(time), value];
                row.extend(key.values.iter().cloned());
                row
            })
            .collect();
        tables.push(Table::from_rows(key, columns, rows)?);
    }
    Ok(stream_of(tables))
}
