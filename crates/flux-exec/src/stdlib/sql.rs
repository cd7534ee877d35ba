//! `sql.from` and `sql.to` on SQLite and PostgreSQL: only with the run's permission
//! (`--allow-sql`).

use flux_connect::sql::{SqlType, SqlValue};

use super::{Args, Builtin, Failure, stream_of};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, GroupKey, Table};
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] =
    &[Builtin { package: "sql", name: "from", run: from }, Builtin { package: "sql", name: "to", run: to }];

/// The driver and data source, after checking that the run may use SQL.
fn source(evaluator: &Evaluator, args: &mut Args) -> Result<(String, String), Failure> {
    let driver = args.string("driverName")?.ok_or("missing required argument `driverName`")?;
    let dsn = args.string("dataSourceName")?.ok_or("missing required argument `dataSourceName`")?;
    if !evaluator.allow().sql {
        return Err(format!(
            "would connect to a {driver} database: scripts use SQL only when allowed, with --allow-sql \
             (or `allow = [\"sql\"]` on a connection of your own flx.toml)"
        )
        .into());
    }
    Ok((driver.to_string(), dsn.to_string()))
}

fn failed(message: String) -> Failure {
    if message == flux_connect::CANCELED {
        Failure::Die(crate::eval::CANCELED.to_owned())
    } else {
        Failure::Message(message)
    }
}

/// `sql.from(driverName:, dataSourceName:, query:)`: the query's rows as one table.
fn from(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let (driver, dsn) = source(evaluator, args)?;
    let query = args.string("query")?.ok_or("missing required argument `query`")?;
    let rows = flux_connect::sql::query(&driver, &dsn, &query, evaluator.cancel_flag().as_ref()).map_err(failed)?;
    let columns: Vec<Column> = rows
        .columns
        .iter()
        .map(|(name, ty)| {
            let ty = match ty {
                SqlType::Int => ColType::Int,
                SqlType::UInt => ColType::UInt,
                SqlType::Float => ColType::Float,
                SqlType::Text => ColType::String,
                SqlType::Bool => ColType::Bool,
                SqlType::Time => ColType::Time,
            };
            Column::new(name.clone(), ty)
        })
        .collect();
    let values = rows
        .rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|v| match v {
                    SqlValue::Null => Value::Null,
                    SqlValue::Int(i) => Value::Int(i),
                    SqlValue::UInt(u) => Value::UInt(u),
                    SqlValue::Float(x) => Value::Float(x),
                    SqlValue::Text(t) => Value::string(&t),
                    SqlValue::Bool(b) => Value::Bool(b),
                    SqlValue::Time(t) => Value::Time(t),
                })
                .collect::<Vec<Value>>()
        })
        .collect::<Vec<_>>();
    Ok(stream_of(vec![Table::from_rows(GroupKey::default(), columns, values)?]))
}

/// `sql.to(driverName:, dataSourceName:, table:, batchSize:)`: each table's rows inserted
/// into `table` (made when missing, with columns of the tables' types); the tables are
/// passed on.
fn to(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let (driver, dsn) = source(evaluator, args)?;
    let table_name = args.string("table")?.ok_or("missing required argument `table`")?;
    let batch_size = match args.int("batchSize")? {
        None => 10_000,
        Some(n) if n > 0 => n as usize,
        Some(n) => return Err(format!("`batchSize` must be positive, not {n}").into()),
    };
    for table in &stream.tables {
        let columns = table
            .columns
            .iter()
            .map(|c| {
                let ty = match c.ty {
                    ColType::Int => SqlType::Int,
                    ColType::UInt => SqlType::UInt,
                    ColType::Float => SqlType::Float,
                    ColType::String => SqlType::Text,
                    ColType::Bool => SqlType::Bool,
                    ColType::Time => SqlType::Time,
                };
                (c.label.to_string(), ty)
            })
            .collect::<Vec<_>>();
        let rows: Vec<Vec<SqlValue>> = (0..table.len())
            .map(|row| {
                (0..columns.len())
                    .map(|col| match table.cell(row, col) {
                        Value::Int(i) => SqlValue::Int(i),
                        Value::UInt(u) => SqlValue::UInt(u),
                        Value::Float(x) => SqlValue::Float(x),
                        Value::String(s) => SqlValue::Text(s.to_string()),
                        Value::Bool(b) => SqlValue::Bool(b),
                        Value::Time(t) => SqlValue::Time(t),
                        _ => SqlValue::Null,
                    })
                    .collect()
            })
            .collect();
        let insert = flux_connect::sql::Insert { table: &table_name, columns: &columns, rows: &rows, batch_size };
        flux_connect::sql::insert(&driver, &dsn, &insert, evaluator.cancel_flag().as_ref()).map_err(failed)?;
    }
    Ok(Value::Stream(stream))
}
