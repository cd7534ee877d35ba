//! InfluxDB 2.x and Cloud: Flux runs on the server through `/api/v2/query`, whose annotated
//! CSV answer the caller decodes as it arrives.

use std::io::Read;

use reqwest::Method;
use serde::Deserialize;

use crate::config::{Connection, Kind};
use crate::error::Error;
use crate::http::Client;

pub struct Influxdb2 {
    client: Client,
    org: String,
    token: Option<String>,
}

/// What `/health` says.
#[derive(Clone, Debug, Deserialize)]
pub struct Health {
    pub status: String,
    #[serde(default)]
    pub version: Option<String>,
}

/// A bucket as the server lists it.
#[derive(Clone, Debug, Deserialize)]
pub struct Bucket {
    pub name: String,
    pub id: String,
    #[serde(rename = "orgID", default)]
    pub org_id: String,
    #[serde(rename = "retentionRules", default)]
    pub retention_rules: Vec<RetentionRule>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct RetentionRule {
    #[serde(rename = "everySeconds", default)]
    pub every_seconds: i64,
}

impl Influxdb2 {
    /// A client for an `influxdb2` connection; its token is read now.
    pub fn new(connection: &Connection) -> Result<Influxdb2, Error> {
        let Kind::Influxdb2 { url, org, token } = &connection.kind else {
            return Err(Error::new(&connection.name, "is not an influxdb2 connection".to_owned()));
        };
        let token = token.reveal().map_err(|e| Error::new(&connection.name, e))?;
        Ok(Influxdb2 { client: Client::new(connection, url)?, org: org.clone(), token })
    }

    /// The same client, stopping its requests when `cancel` is set.
    pub fn with_cancel(mut self, cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>) -> Influxdb2 {
        self.client = self.client.with_cancel(cancel);
        self
    }

    fn authorized(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(token) => request.header("Authorization", format!("Token {token}")),
            None => request,
        }
    }

    fn org_query(&self) -> String {
        format!("org={}", encode(&self.org))
    }

    /// Runs `flux` on the server at `now` (RFC 3339, the server's clock when `None`): the
    /// annotated CSV of its results, as it arrives.
    pub fn query(&self, flux: &str, now: Option<&str>) -> Result<Box<dyn Read + Send>, Error> {
        let mut body = serde_json::json!({
            "query": flux,
            "type": "flux",
            "dialect": {
                "header": true,
                "delimiter": ",",
                "annotations": ["datatype", "group", "default"],
                "dateTimeFormat": "RFC3339Nano",
            },
        });
        if let Some(now) = now {
            body["now"] = serde_json::Value::String(now.to_owned());
        }
        let request = self
            .client
            .request(Method::POST, &format!("/api/v2/query?{}", self.org_query()))
            .header("Content-Type", "application/json")
            .header("Accept", "application/csv")
            .header("Accept-Encoding", "gzip")
            .body(body.to_string());
        Ok(self.client.send(self.authorized(request))?.into_reader())
    }

    /// `/health`, which needs no token: whether the server runs, and its version.
    pub fn health(&self) -> Result<Health, Error> {
        let text = self.client.send(self.client.request(Method::GET, "/health"))?.text()?;
        serde_json::from_str(&text).map_err(|e| self.client.error(format!("/health answered something else: {e}")))
    }

    /// The organization's buckets.
    pub fn buckets(&self) -> Result<Vec<Bucket>, Error> {
        #[derive(Deserialize)]
        struct Page {
            buckets: Vec<Bucket>,
        }
        let mut out = Vec::new();
        loop {
            let path = format!("/api/v2/buckets?{}&limit=100&offset={}", self.org_query(), out.len());
            let text = self.client.send(self.authorized(self.client.request(Method::GET, &path)))?.text()?;
            let page: Page = serde_json::from_str(&text)
                .map_err(|e| self.client.error(format!("the bucket list is not what InfluxDB sends: {e}")))?;
            let n = page.buckets.len();
            out.extend(page.buckets);
            if n < 100 {
                return Ok(out);
            }
        }
    }

    /// Writes line protocol with nanosecond times to `bucket`.
    pub fn write(&self, bucket: &str, lines: Vec<u8>) -> Result<(), Error> {
        let path = format!("/api/v2/write?{}&bucket={}&precision=ns", self.org_query(), encode(bucket));
        let request =
            self.client.request(Method::POST, &path).header("Content-Type", "text/plain; charset=utf-8").body(lines);
        self.client.send(self.authorized(request)).map(drop)
    }
}

/// Percent-encoding of a query-string value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
