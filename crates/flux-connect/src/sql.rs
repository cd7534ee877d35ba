//! SQL databases for `sql.from` and `sql.to`: SQLite (bundled, in-process) and PostgreSQL
//! (tokio-postgres on the shared network runtime, so a cancel drops the query).

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// The column types that cross between Flux tables and SQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlType {
    Int,
    UInt,
    Float,
    Text,
    Bool,
    /// Nanoseconds since the epoch, UTC.
    Time,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SqlValue {
    Null,
    Int(i64),
    UInt(u64),
    Float(f64),
    Text(String),
    Bool(bool),
    Time(i64),
}

/// A query's answer: its columns, named and typed, and its rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    pub columns: Vec<(String, SqlType)>,
    pub rows: Vec<Vec<SqlValue>>,
}

/// The drivers this engine has, for errors that list them.
const DRIVERS: &str = "sqlite3, postgres";

/// Runs `query` on the database `dsn` names.
pub fn query(driver: &str, dsn: &str, query: &str, cancel: Option<&Arc<AtomicBool>>) -> Result<Rows, String> {
    match driver {
        "sqlite3" => sqlite::query(dsn, query),
        "postgres" | "postgresql" => postgres::query(dsn, query, cancel),
        other => Err(unknown_driver(other)),
    }
}

/// Rows to insert into `table`, created (with columns of `columns`' types) when it does not
/// exist; at most `batch_size` values per statement.
pub struct Insert<'a> {
    pub table: &'a str,
    pub columns: &'a [(String, SqlType)],
    pub rows: &'a [Vec<SqlValue>],
    pub batch_size: usize,
}

pub fn insert(driver: &str, dsn: &str, insert: &Insert<'_>, cancel: Option<&Arc<AtomicBool>>) -> Result<(), String> {
    if insert.columns.is_empty() {
        return Ok(());
    }
    match driver {
        "sqlite3" => sqlite::insert(dsn, insert),
        "postgres" | "postgresql" => postgres::insert(dsn, insert, cancel),
        other => Err(unknown_driver(other)),
    }
}

fn unknown_driver(driver: &str) -> String {
    format!("the SQL driver `{driver}` is not one this engine has ({DRIVERS})")
}

/// `name` as a quoted SQL identifier, each part of `schema.table` on its own: a name cannot
/// end the quotes early.
pub fn identifier(name: &str) -> String {
    name.split('.').map(|part| format!("\"{}\"", part.replace('"', "\"\""))).collect::<Vec<_>>().join(".")
}

fn create_table(table: &str, columns: &[(String, SqlType)], type_name: impl Fn(SqlType) -> &'static str) -> String {
    let columns: Vec<String> =
        columns.iter().map(|(name, ty)| format!("{} {}", identifier(name), type_name(*ty))).collect();
    format!("CREATE TABLE IF NOT EXISTS {} ({})", identifier(table), columns.join(", "))
}

fn insert_head(table: &str, columns: &[(String, SqlType)]) -> String {
    let names: Vec<String> = columns.iter().map(|(name, _)| identifier(name)).collect();
    format!("INSERT INTO {} ({}) VALUES ", identifier(table), names.join(", "))
}

/// Nanoseconds as RFC 3339, as SQLite stores this engine's times.
fn rfc3339(nanos: i64) -> String {
    jiff::Timestamp::from_nanosecond(i128::from(nanos)).map(|t| t.to_string()).unwrap_or_default()
}

/// A time SQLite holds as text: RFC 3339, or `YYYY-MM-DD HH:MM:SS[.f][±hh:mm]` as other
/// drivers write it (UTC without an offset).
fn parse_time(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return i64::try_from(t.as_nanosecond()).ok();
    }
    let civil: jiff::civil::DateTime = text.replacen(' ', "T", 1).parse().ok()?;
    let zoned = civil.to_zoned(jiff::tz::TimeZone::UTC).ok()?;
    i64::try_from(zoned.timestamp().as_nanosecond()).ok()
}

mod sqlite {
    use super::*;
    use rusqlite::types::ValueRef;

    fn open(dsn: &str) -> Result<rusqlite::Connection, String> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_URI;
        rusqlite::Connection::open_with_flags(dsn, flags)
            .map_err(|e| format!("cannot open the SQLite database `{dsn}`: {e}"))
    }

    fn declared(decl: Option<&str>) -> Option<SqlType> {
        let decl = decl?.to_ascii_uppercase();
        Some(if decl.contains("INT") {
            SqlType::Int
        } else if ["REAL", "FLOA", "DOUB", "NUMERIC", "DECIMAL"].iter().any(|t| decl.contains(t)) {
            SqlType::Float
        } else if decl.contains("BOOL") {
            SqlType::Bool
        } else if ["DATE", "TIME"].iter().any(|t| decl.contains(t)) {
            SqlType::Time
        } else {
            SqlType::Text
        })
    }

    pub(super) fn query(dsn: &str, query: &str) -> Result<Rows, String> {
        let connection = open(dsn)?;
        let mut statement = connection.prepare(query).map_err(|e| format!("SQLite: {e}"))?;
        let names: Vec<String> = statement.column_names().map(str::to_owned).collect();
        let mut types: Vec<Option<SqlType>> = statement.columns().map(|c| declared(c.decl_type())).collect();
        let mut raw: Vec<Vec<rusqlite::types::Value>> = Vec::new();
        let mut rows = statement.query([]).map_err(|e| format!("SQLite: {e}"))?;
        while let Some(row) = rows.next().map_err(|e| format!("SQLite: {e}"))? {
            let mut values = Vec::with_capacity(names.len());
            for (i, ty) in types.iter_mut().enumerate() {
                let value = row.get_ref(i).map_err(|e| format!("SQLite: {e}"))?;
                // A column of no declared type (an expression) takes its first value's.
                if ty.is_none() {
                    *ty = match value {
                        ValueRef::Integer(_) => Some(SqlType::Int),
                        ValueRef::Real(_) => Some(SqlType::Float),
                        ValueRef::Text(_) | ValueRef::Blob(_) => Some(SqlType::Text),
                        ValueRef::Null => None,
                    };
                }
                values.push(rusqlite::types::Value::try_from(value).map_err(|e| format!("SQLite: {e}"))?);
            }
            raw.push(values);
        }
        let types: Vec<SqlType> = types.into_iter().map(|t| t.unwrap_or(SqlType::Text)).collect();
        let mut out = Rows { columns: names.iter().cloned().zip(types.iter().copied()).collect(), rows: Vec::new() };
        for row in raw {
            let mut values = Vec::with_capacity(row.len());
            for (i, value) in row.into_iter().enumerate() {
                values.push(convert(value, types[i]).map_err(|e| format!("SQLite: column `{}`: {e}", names[i]))?);
            }
            out.rows.push(values);
        }
        Ok(out)
    }

    fn convert(value: rusqlite::types::Value, ty: SqlType) -> Result<SqlValue, String> {
        use rusqlite::types::Value as V;
        Ok(match (ty, value) {
            (_, V::Null) => SqlValue::Null,
            (SqlType::Int | SqlType::UInt, V::Integer(i)) => SqlValue::Int(i),
            (SqlType::Float, V::Real(x)) => SqlValue::Float(x),
            (SqlType::Float, V::Integer(i)) => SqlValue::Float(i as f64),
            (SqlType::Bool, V::Integer(i)) => SqlValue::Bool(i != 0),
            (SqlType::Bool, V::Text(t)) if t.eq_ignore_ascii_case("true") => SqlValue::Bool(true),
            (SqlType::Bool, V::Text(t)) if t.eq_ignore_ascii_case("false") => SqlValue::Bool(false),
            (SqlType::Time, V::Text(t)) => {
                SqlValue::Time(parse_time(&t).ok_or_else(|| format!("`{t}` is not a time"))?)
            }
            (SqlType::Time, V::Integer(seconds)) => SqlValue::Time(seconds.saturating_mul(1_000_000_000)),
            (SqlType::Text, V::Text(t)) => SqlValue::Text(t),
            (SqlType::Text, V::Integer(i)) => SqlValue::Text(i.to_string()),
            (SqlType::Text, V::Real(x)) => SqlValue::Text(x.to_string()),
            (SqlType::Text, V::Blob(b)) => SqlValue::Text(String::from_utf8_lossy(&b).into_owned()),
            (ty, value) => return Err(format!("{value:?} in a column of type {ty:?}")),
        })
    }

    pub(super) fn insert(dsn: &str, &Insert { table, columns, rows, .. }: &Insert<'_>) -> Result<(), String> {
        let mut connection = open(dsn)?;
        let transaction = connection.transaction().map_err(|e| format!("SQLite: {e}"))?;
        let ddl = create_table(table, columns, |ty| match ty {
            SqlType::Int | SqlType::UInt => "INT",
            SqlType::Float => "FLOAT",
            SqlType::Text => "TEXT",
            SqlType::Bool => "BOOL",
            SqlType::Time => "DATETIME",
        });
        transaction.execute(&ddl, []).map_err(|e| format!("SQLite: {e}"))?;
        let placeholders = vec!["?"; columns.len()].join(", ");
        let sql = format!("{}({placeholders})", insert_head(table, columns));
        {
            let mut statement = transaction.prepare(&sql).map_err(|e| format!("SQLite: {e}"))?;
            for row in rows {
                let params: Vec<rusqlite::types::Value> = row
                    .iter()
                    .map(|v| match v {
                        SqlValue::Null => rusqlite::types::Value::Null,
                        SqlValue::Int(i) => rusqlite::types::Value::Integer(*i),
                        SqlValue::UInt(u) => i64::try_from(*u)
                            .map_or(rusqlite::types::Value::Real(*u as f64), rusqlite::types::Value::Integer),
                        SqlValue::Float(x) => rusqlite::types::Value::Real(*x),
                        SqlValue::Text(t) => rusqlite::types::Value::Text(t.clone()),
                        SqlValue::Bool(b) => rusqlite::types::Value::Integer(i64::from(*b)),
                        SqlValue::Time(t) => rusqlite::types::Value::Text(rfc3339(*t)),
                    })
                    .collect();
                statement.execute(rusqlite::params_from_iter(params)).map_err(|e| format!("SQLite: {e}"))?;
            }
        }
        transaction.commit().map_err(|e| format!("SQLite: {e}"))
    }
}

mod postgres {
    use super::*;
    use tokio_postgres::types::{ToSql, Type};

    /// How long a PostgreSQL step may take before it is an error.
    const TIMEOUT: Duration = Duration::from_secs(300);

    fn run<T: Send + 'static>(
        future: impl Future<Output = Result<T, String>> + Send + 'static,
        cancel: Option<&Arc<AtomicBool>>,
    ) -> Result<T, String> {
        match crate::http::wait(future, TIMEOUT, cancel) {
            Ok(result) => result,
            Err(crate::http::Stopped::TimedOut) => Err("PostgreSQL did not answer within 300 s".to_owned()),
            Err(crate::http::Stopped::Canceled) => Err(crate::error::CANCELED.to_owned()),
        }
    }

    async fn connect(dsn: String) -> Result<tokio_postgres::Client, String> {
        let (client, connection) = tokio_postgres::connect(&dsn, tokio_postgres::NoTls)
            .await
            .map_err(|e| format!("cannot connect to PostgreSQL: {}", crate::http::chain(&e)))?;
        // The connection's task ends when the client is dropped.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(client)
    }

    fn column_type(ty: &Type) -> Result<SqlType, String> {
        Ok(match *ty {
            Type::INT2 | Type::INT4 | Type::INT8 => SqlType::Int,
            Type::FLOAT4 | Type::FLOAT8 => SqlType::Float,
            Type::BOOL => SqlType::Bool,
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => SqlType::Text,
            Type::TIMESTAMP | Type::TIMESTAMPTZ | Type::DATE => SqlType::Time,
            ref other => {
                return Err(format!(
                    "the PostgreSQL type {other} has no Flux type: cast it in the query (::float8, ::text)"
                ));
            }
        })
    }

    fn nanos(t: jiff::Timestamp) -> Result<i64, String> {
        i64::try_from(t.as_nanosecond()).map_err(|_| format!("{t} is outside the times Flux can hold"))
    }

    fn value(row: &tokio_postgres::Row, i: usize) -> Result<SqlValue, String> {
        let ty = row.columns()[i].type_().clone();
        let wrong = |e: tokio_postgres::Error| format!("column `{}`: {e}", row.columns()[i].name());
        Ok(match ty {
            Type::INT2 => {
                row.try_get::<_, Option<i16>>(i).map_err(wrong)?.map_or(SqlValue::Null, |v| SqlValue::Int(v.into()))
            }
            Type::INT4 => {
                row.try_get::<_, Option<i32>>(i).map_err(wrong)?.map_or(SqlValue::Null, |v| SqlValue::Int(v.into()))
            }
            Type::INT8 => row.try_get::<_, Option<i64>>(i).map_err(wrong)?.map_or(SqlValue::Null, SqlValue::Int),
            Type::FLOAT4 => {
                row.try_get::<_, Option<f32>>(i).map_err(wrong)?.map_or(SqlValue::Null, |v| SqlValue::Float(v.into()))
            }
            Type::FLOAT8 => row.try_get::<_, Option<f64>>(i).map_err(wrong)?.map_or(SqlValue::Null, SqlValue::Float),
            Type::BOOL => row.try_get::<_, Option<bool>>(i).map_err(wrong)?.map_or(SqlValue::Null, SqlValue::Bool),
            Type::TIMESTAMPTZ => match row.try_get::<_, Option<jiff::Timestamp>>(i).map_err(wrong)? {
                Some(t) => SqlValue::Time(nanos(t)?),
                None => SqlValue::Null,
            },
            Type::TIMESTAMP => match row.try_get::<_, Option<jiff::civil::DateTime>>(i).map_err(wrong)? {
                Some(t) => {
                    SqlValue::Time(nanos(t.to_zoned(jiff::tz::TimeZone::UTC).map_err(|e| e.to_string())?.timestamp())?)
                }
                None => SqlValue::Null,
            },
            Type::DATE => match row.try_get::<_, Option<jiff::civil::Date>>(i).map_err(wrong)? {
                Some(d) => {
                    SqlValue::Time(nanos(d.to_zoned(jiff::tz::TimeZone::UTC).map_err(|e| e.to_string())?.timestamp())?)
                }
                None => SqlValue::Null,
            },
            _ => row.try_get::<_, Option<String>>(i).map_err(wrong)?.map_or(SqlValue::Null, SqlValue::Text),
        })
    }

    pub(super) fn query(dsn: &str, query: &str, cancel: Option<&Arc<AtomicBool>>) -> Result<Rows, String> {
        let (dsn, query) = (dsn.to_owned(), query.to_owned());
        run(
            async move {
                let client = connect(dsn).await?;
                let statement =
                    client.prepare(&query).await.map_err(|e| format!("PostgreSQL: {}", crate::http::chain(&e)))?;
                let columns = statement
                    .columns()
                    .iter()
                    .map(|c| Ok((c.name().to_owned(), column_type(c.type_())?)))
                    .collect::<Result<Vec<_>, String>>()?;
                let found = client
                    .query(&statement, &[])
                    .await
                    .map_err(|e| format!("PostgreSQL: {}", crate::http::chain(&e)))?;
                let mut rows = Vec::with_capacity(found.len());
                for row in &found {
                    rows.push((0..columns.len()).map(|i| value(row, i)).collect::<Result<Vec<_>, String>>()?);
                }
                Ok(Rows { columns, rows })
            },
            cancel,
        )
    }

    fn parameter(value: &SqlValue, ty: SqlType) -> Result<Box<dyn ToSql + Send + Sync>, String> {
        Ok(match (value, ty) {
            (SqlValue::Null, SqlType::Int | SqlType::UInt) => Box::new(None::<i64>),
            (SqlValue::Null, SqlType::Float) => Box::new(None::<f64>),
            (SqlValue::Null, SqlType::Text) => Box::new(None::<String>),
            (SqlValue::Null, SqlType::Bool) => Box::new(None::<bool>),
            (SqlValue::Null, SqlType::Time) => Box::new(None::<jiff::civil::DateTime>),
            (SqlValue::Int(i), _) => Box::new(*i),
            (SqlValue::UInt(u), _) => {
                Box::new(i64::try_from(*u).map_err(|_| format!("{u} does not fit PostgreSQL's BIGINT"))?)
            }
            (SqlValue::Float(x), _) => Box::new(*x),
            (SqlValue::Text(t), _) => Box::new(t.clone()),
            (SqlValue::Bool(b), _) => Box::new(*b),
            (SqlValue::Time(t), _) => {
                let timestamp = jiff::Timestamp::from_nanosecond(i128::from(*t)).map_err(|e| e.to_string())?;
                Box::new(timestamp.to_zoned(jiff::tz::TimeZone::UTC).datetime())
            }
        })
    }

    pub(super) fn insert(
        dsn: &str,
        &Insert { table, columns, rows, batch_size }: &Insert<'_>,
        cancel: Option<&Arc<AtomicBool>>,
    ) -> Result<(), String> {
        let ddl = create_table(table, columns, |ty| match ty {
            SqlType::Int | SqlType::UInt => "BIGINT",
            SqlType::Float => "DOUBLE PRECISION",
            SqlType::Text => "TEXT",
            SqlType::Bool => "BOOLEAN",
            SqlType::Time => "TIMESTAMP",
        });
        let head = insert_head(table, columns);
        let per_statement = (batch_size / columns.len()).max(1);
        let mut statements = Vec::new();
        for batch in rows.chunks(per_statement) {
            let mut tuples = Vec::with_capacity(batch.len());
            let mut parameters = Vec::with_capacity(batch.len() * columns.len());
            for row in batch {
                let mut places = Vec::with_capacity(columns.len());
                for (value, (_, ty)) in row.iter().zip(columns) {
                    parameters.push(parameter(value, *ty)?);
                    places.push(format!("${}", parameters.len()));
                }
                tuples.push(format!("({})", places.join(", ")));
            }
            statements.push((format!("{head}{}", tuples.join(", ")), parameters));
        }
        let dsn = dsn.to_owned();
        run(
            async move {
                let mut client = connect(dsn).await?;
                let transaction =
                    client.transaction().await.map_err(|e| format!("PostgreSQL: {}", crate::http::chain(&e)))?;
                transaction.batch_execute(&ddl).await.map_err(|e| format!("PostgreSQL: {}", crate::http::chain(&e)))?;
                for (sql, parameters) in &statements {
                    let refs: Vec<&(dyn ToSql + Sync)> =
                        parameters.iter().map(|p| &**p as &(dyn ToSql + Sync)).collect();
                    transaction
                        .execute(sql, &refs)
                        .await
                        .map_err(|e| format!("PostgreSQL: {}", crate::http::chain(&e)))?;
                }
                transaction.commit().await.map_err(|e| format!("PostgreSQL: {}", crate::http::chain(&e)))
            },
            cancel,
        )
    }
}
