//! Scripts run by an InfluxDB 2.x or Cloud server: the text goes to `/api/v2/query`, and the
//! annotated CSV that comes back is decoded into tables as it arrives.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use flux_connect::influxdb2::Influxdb2;

use crate::csv::{Decoder, Reader};
use crate::run::{RunError, RunOutcome};
use crate::table::{NamedResult, Table};

/// The tables of a query's answer, each as soon as it is whole; a failure names the
/// connection.
pub struct Tables {
    decoder: Decoder<'static>,
    connection: String,
}

impl Tables {
    pub fn new(connection: &str, body: Box<dyn Read + Send>) -> Tables {
        Tables { decoder: Decoder::new(Reader::from_read(body)), connection: connection.to_owned() }
    }
}

impl Iterator for Tables {
    type Item = Result<(String, Table), String>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.decoder.next()?.map_err(|e| {
            if e.message == flux_connect::CANCELED {
                crate::eval::CANCELED.to_owned()
            } else {
                format!("connection `{}`: {}", self.connection, e.message)
            }
        }))
    }
}

/// Sends the query to the connection's server at `now` (nanoseconds) and reads its answer.
pub fn query(client: &Influxdb2, connection: &str, flux: &str, now: i64) -> Result<Tables, String> {
    let now = crate::time::format_rfc3339_nano(now);
    let body = client
        .query(flux, Some(&now))
        .map_err(|e| if e.canceled { crate::eval::CANCELED.to_owned() } else { e.to_string() })?;
    Ok(Tables::new(connection, body))
}

/// Runs a whole script on an InfluxDB 2.x or Cloud connection.
pub fn run_on_server(
    connection: &flux_connect::Connection,
    text: &str,
    now: i64,
    cancel: Option<Arc<AtomicBool>>,
) -> RunOutcome {
    let failed = |message: String| RunOutcome { error: Some(RunError { message, at: None }), ..RunOutcome::default() };
    let client = match Influxdb2::new(connection) {
        Ok(client) => client.with_cancel(cancel),
        Err(e) => return failed(e.to_string()),
    };
    let tables = match query(&client, &connection.name, text, now) {
        Ok(tables) => tables,
        Err(message) => return failed(message),
    };
    let mut outcome = RunOutcome {
        queries: vec![format!("Flux to {}", connection.kind.url().unwrap_or_default())],
        ..RunOutcome::default()
    };
    for table in tables {
        match table {
            Ok((name, table)) => {
                if outcome.results.last().is_none_or(|r| r.name != name) {
                    outcome.results.push(NamedResult { name, tables: Vec::new() });
                }
                outcome.results.last_mut().expect("a result").tables.push(table);
            }
            Err(message) => {
                outcome.error = Some(RunError { message, at: None });
                break;
            }
        }
    }
    outcome
}

/// `text` as a Flux string literal.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
