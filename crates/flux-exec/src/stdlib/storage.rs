//! `from(bucket:)` on the local buckets of the run's data directory.

use std::collections::BTreeMap;

use flux_storage::line_protocol::{FieldValue, Point};

use super::{Args, Builtin, Failure, stream_of};
use crate::eval::Evaluator;
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
fn bucket_arg(args: &mut Args) -> Result<std::sync::Arc<str>, Failure> {
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

fn local_only(args: &mut Args, what: &str) -> Result<(), Failure> {
    if args.take("host").is_some() || args.take("token").is_some() {
        return Err(format!(
            "{what} a remote InfluxDB (`host`, `token`) needs a configured connection, which is not enabled yet"
        )
        .into());
    }
    let _ = (args.take("org"), args.take("orgID"));
    Ok(())
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
    local_only(args, "writing to")?;
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
        let labels: Vec<std::sync::Arc<str>> = table.columns.iter().map(|c| c.label.as_str().into()).collect();
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
    write_points(evaluator, &bucket, &points)?;
    Ok(Value::Stream(stream))
}

/// `experimental.to(bucket:)` (`wideTo`): pivoted rows written as points: the group key's
/// string columns (but `_measurement`) are the tags, the other columns (but `_time`,
/// `_start` and `_stop`) the fields.
fn wide_to(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    local_only(args, "writing to")?;
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
    write_points(evaluator, &bucket, &points)?;
    Ok(Value::Stream(stream))
}

/// `buckets()`: the local buckets, one row each: `name`, `id` (the name: local buckets have
/// no other), `organizationID` (empty), `retentionPolicy` and `retentionPeriod` (nanoseconds,
/// 0 for ever, as InfluxDB reports them).
fn buckets(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    if args.take("host").is_some() || args.take("token").is_some() {
        return Err("listing a remote InfluxDB's buckets (`host`, `token`) needs a configured connection, which is not enabled yet".into());
    }
    let _ = (args.take("org"), args.take("orgID"));
    let data = data_dir(evaluator)?;
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
    let bucket = bucket_arg(args)?;
    let data = data_dir(evaluator)?;
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
