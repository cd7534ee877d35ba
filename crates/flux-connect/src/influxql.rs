//! InfluxDB 1.x and 3.x through InfluxQL on `/query`: statements in, series of rows out,
//! read chunk by chunk as the server streams them.

use std::collections::BTreeMap;

use reqwest::Method;
use serde::Deserialize;

use crate::config::{Connection, Kind};
use crate::error::Error;
use crate::http::Client;
use crate::influxdb2::encode;

/// Shown without its credentials.
impl std::fmt::Debug for InfluxQl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "InfluxQl({})", self.client.name)
    }
}

pub struct InfluxQl {
    client: Client,
    auth: Auth,
    /// The database a bucket name without one reads.
    pub database: Option<String>,
    pub retention_policy: Option<String>,
}

enum Auth {
    None,
    Basic(String, String),
    Token(String),
}

/// One series of a statement's answer: the measurement, its tags (with `GROUP BY`), the
/// column names (`time` first) and rows.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Series {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    pub columns: Vec<String>,
    #[serde(default)]
    pub values: Vec<Vec<serde_json::Value>>,
}

#[derive(Deserialize)]
struct Chunk {
    #[serde(default)]
    results: Vec<StatementChunk>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct StatementChunk {
    #[serde(default)]
    statement_id: usize,
    #[serde(default)]
    series: Vec<Series>,
    error: Option<String>,
}

impl InfluxQl {
    /// A client for an `influxdb1` or `influxdb3` connection; its secret is read now.
    pub fn new(connection: &Connection) -> Result<InfluxQl, Error> {
        let fail = |e: String| Error::new(&connection.name, e);
        let (url, auth, database, retention_policy) = match &connection.kind {
            Kind::Influxdb1 { url, database, retention_policy, username, password } => {
                let auth = match (username, password.reveal().map_err(fail)?) {
                    (Some(user), password) => Auth::Basic(user.clone(), password.unwrap_or_default()),
                    (None, _) => Auth::None,
                };
                (url, auth, database.clone(), retention_policy.clone())
            }
            Kind::Influxdb3 { url, database, token } => {
                let auth = token.reveal().map_err(fail)?.map_or(Auth::None, Auth::Token);
                (url, auth, database.clone(), None)
            }
            _ => return Err(fail("is not an influxdb1 or influxdb3 connection".to_owned())),
        };
        Ok(InfluxQl { client: Client::new(connection, url)?, auth, database, retention_policy })
    }

    /// The same client, stopping its requests when `cancel` is set.
    pub fn with_cancel(mut self, cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>) -> InfluxQl {
        self.client = self.client.with_cancel(cancel);
        self
    }

    pub fn name(&self) -> &str {
        &self.client.name
    }

    /// Where a bucket lives: `db/rp`, or `db` with the connection's retention policy.
    pub fn target(&self, bucket: &str) -> (String, Option<String>) {
        match bucket.split_once('/') {
            Some((db, rp)) if !rp.is_empty() => (db.to_owned(), Some(rp.to_owned())),
            Some((db, _)) => (db.to_owned(), self.retention_policy.clone()),
            None => (bucket.to_owned(), self.retention_policy.clone()),
        }
    }

    fn authorized(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.auth {
            Auth::None => request,
            Auth::Basic(user, password) => request.basic_auth(user, Some(password)),
            Auth::Token(token) => request.header("Authorization", format!("Token {token}")),
        }
    }

    /// `/ping`: the server's version, from its `X-Influxdb-Version` header.
    pub fn ping(&self) -> Result<String, Error> {
        let response = self.client.send(self.client.request(Method::GET, "/ping"))?;
        Ok(response.header("x-influxdb-version").unwrap_or("unknown").to_owned())
    }

    /// Runs `statements` (separated by `;`) in `database` and calls `each` with every series
    /// of their answers, in order, with the statement's index; a statement's error is an
    /// error naming it.
    pub fn query(
        &self,
        database: &str,
        retention_policy: Option<&str>,
        statements: &str,
        mut each: impl FnMut(usize, Series) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut form =
            format!("db={}&epoch=ns&chunked=true&chunk_size=10000&q={}", encode(database), encode(statements));
        if let Some(rp) = retention_policy {
            form.push_str(&format!("&rp={}", encode(rp)));
        }
        let request = self
            .client
            .request(Method::POST, "/query")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .body(form);
        let body = self.client.send(self.authorized(request))?.into_reader();
        for chunk in serde_json::Deserializer::from_reader(body).into_iter::<Chunk>() {
            let chunk = chunk.map_err(|e| {
                if e.is_io() && e.to_string().contains(crate::error::CANCELED) {
                    Error::canceled(self.name())
                } else if e.is_io() {
                    self.client.error(e.to_string())
                } else {
                    self.client.error(format!("the answer to InfluxQL is not what InfluxDB sends: {e}"))
                }
            })?;
            if let Some(error) = chunk.error {
                return Err(self.client.error(format!("the server failed the query: {error}")));
            }
            for statement in chunk.results {
                if let Some(error) = statement.error {
                    return Err(self.client.error(format!("InfluxQL `{statements}` failed: {error}")));
                }
                for series in statement.series {
                    each(statement.statement_id, series)?;
                }
            }
        }
        Ok(())
    }

    /// Writes line protocol with nanosecond times to `database` (and `retention_policy`).
    pub fn write(&self, database: &str, retention_policy: Option<&str>, lines: Vec<u8>) -> Result<(), Error> {
        let mut path = format!("/write?db={}&precision=ns", encode(database));
        if let Some(rp) = retention_policy {
            path.push_str(&format!("&rp={}", encode(rp)));
        }
        let request =
            self.client.request(Method::POST, &path).header("Content-Type", "text/plain; charset=utf-8").body(lines);
        self.client.send(self.authorized(request)).map(drop)
    }

    /// The databases the user can see (`SHOW DATABASES`).
    pub fn databases(&self) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        self.query("", None, "SHOW DATABASES", |_, series| {
            out.extend(series.values.iter().filter_map(|row| row.first()?.as_str().map(str::to_owned)));
            Ok(())
        })?;
        Ok(out)
    }
}

/// What a database says of one measurement: its field keys and its tags with their values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeasurementKeys {
    pub fields: Vec<String>,
    pub tags: BTreeMap<String, Vec<String>>,
}

/// What a database holds, as its `SHOW` statements say (from the index: no point is read).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DatabaseSchema {
    pub retention_policies: Vec<String>,
    pub measurements: BTreeMap<String, MeasurementKeys>,
}

impl InfluxQl {
    /// The retention policies, measurements, field keys, tag keys and tag values of
    /// `database`, in one request: at most `max_measurements` measurements and
    /// `max_values` tag values a measurement.
    pub fn schema(&self, database: &str, max_measurements: usize, max_values: usize) -> Result<DatabaseSchema, Error> {
        let statements = format!(
            "SHOW RETENTION POLICIES ON {}; SHOW MEASUREMENTS LIMIT {max_measurements}; SHOW FIELD KEYS; \
             SHOW TAG KEYS; SHOW TAG VALUES WITH KEY =~ /.*/ LIMIT {max_values}",
            identifier(database)
        );
        let mut out = DatabaseSchema::default();
        let text = |value: &serde_json::Value| value.as_str().map(str::to_owned);
        self.query(database, None, &statements, |statement, series| {
            let first = series.values.iter().filter_map(|row| row.first().and_then(text));
            match statement {
                0 => out.retention_policies.extend(first),
                1 => {
                    for name in first {
                        out.measurements.entry(name).or_default();
                    }
                }
                // The keys of measurements beyond the limit are left out.
                2 | 3 => {
                    if let Some(measurement) = out.measurements.get_mut(&series.name) {
                        let keys: Vec<String> = first.collect();
                        if statement == 2 {
                            measurement.fields.extend(keys);
                        } else {
                            for key in keys {
                                measurement.tags.entry(key).or_default();
                            }
                        }
                    }
                }
                _ => {
                    if let Some(measurement) = out.measurements.get_mut(&series.name) {
                        for row in &series.values {
                            if let (Some(key), Some(value)) = (row.first().and_then(text), row.get(1).and_then(text)) {
                                measurement.tags.entry(key).or_default().push(value);
                            }
                        }
                    }
                }
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// An InfluxQL identifier, double-quoted.
pub fn identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
}

/// An InfluxQL string literal, single-quoted.
pub fn string(value: &str) -> String {
    format!("'{}'", value.replace('\\', "\\\\").replace('\'', "\\'"))
}
