//! `flx connections`: the configured connections, and whether each one works.

use flux_connect::{Connection, Connections, Places};

use crate::{Outcome, UsageError};

pub const HELP: &str = "\
List the configured connections, or test one.

Usage: flx connections [--format text|json]
       flx connections test <name>

Connections come from, first wins for a name: the workspace flx.toml (the nearest one
up from here), your flx.toml ($XDG_CONFIG_HOME/flx/flx.toml, else ~/.config/flx/flx.toml),
the influx CLI's configs (~/.influxdbv2/configs) and its environment (INFLUX_HOST,
INFLUX_TOKEN, INFLUX_ORG, as `env`). docs/connections.md shows each kind.

`test` checks that the server answers, which version it is, and that the connection's
credentials are accepted. Tokens and passwords are never printed: the list says where
each comes from.

Exit status: 0 when listed or when the test passed, 1 when the test failed, 2 when the
configuration is wrong.";

/// The connections of this process's places, with their warnings printed.
pub fn load() -> Result<Connections, String> {
    let connections = Connections::load(&Places::from_environment()).map_err(|e| e.to_string())?;
    for warning in &connections.warnings {
        eprintln!("flx: warning: {warning}");
    }
    Ok(connections)
}

pub fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let mut json = false;
    let mut test: Option<String> = None;
    let mut testing = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("format") => {
                json = match parser.value()?.string()?.as_str() {
                    "json" => true,
                    "text" => false,
                    other => {
                        return Err(UsageError(format!("invalid value `{other}` for --format: expected text or json")));
                    }
                }
            }
            Long("help") | Short('h') => {
                println!("{HELP}");
                return Ok(Outcome::Clean);
            }
            Value(value) if !testing && test.is_none() && value == "test" => testing = true,
            Value(value) if testing && test.is_none() => test = Some(value.string()?),
            other => return Err(other.unexpected().into()),
        }
    }
    let connections = match load() {
        Ok(connections) => connections,
        Err(message) => {
            eprintln!("flx: {message}");
            return Ok(Outcome::Failed);
        }
    };
    if testing {
        let name = test.ok_or_else(|| UsageError("`flx connections test` needs a connection's name".to_owned()))?;
        let Some(connection) = connections.get(&name) else {
            eprintln!("flx: no connection named `{name}` (configured: {})", connections.names());
            return Ok(Outcome::Failed);
        };
        return Ok(test_connection(connection));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&list_json(&connections)).expect("JSON"));
    } else {
        print!("{}", list_text(&connections));
    }
    Ok(Outcome::Clean)
}

/// Where a connection was configured: a file below the working directory by its relative
/// path.
fn origin(connection: &Connection) -> String {
    if let flux_connect::Origin::File { path, .. } = &connection.origin
        && let Ok(here) = std::env::current_dir()
        && let Ok(relative) = path.strip_prefix(&here)
    {
        return relative.display().to_string();
    }
    connection.origin.to_string()
}

fn list_text(connections: &Connections) -> String {
    let mut rows = vec![[
        "".to_owned(),
        "NAME".into(),
        "KIND".into(),
        "URL".into(),
        "READS".into(),
        "SECRET".into(),
        "FROM".into(),
    ]];
    for c in &connections.connections {
        let default = connections.default.as_deref() == Some(c.name.as_str());
        rows.push([
            if default { "*".to_owned() } else { String::new() },
            c.name.clone(),
            c.kind.name().to_owned(),
            c.kind.url().unwrap_or("-").to_owned(),
            c.kind.reads(),
            c.kind.describe_secret() + if c.tls.skip_verify { ", TLS not verified" } else { "" },
            origin(c),
        ]);
    }
    let mut out = String::new();
    if connections.connections.is_empty() {
        out.push_str(
            "no connections configured: runs read the local buckets (docs/connections.md shows how to add one)\n",
        );
        return out;
    }
    let widths: Vec<usize> = (0..7).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    for row in &rows {
        let cells: Vec<String> = row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    match &connections.default {
        Some(name) => {
            out.push_str(&format!("\n* the default: `flx run` uses `{name}` unless --connection names another\n"))
        }
        None => out.push_str("\nno default: `flx run` reads the local buckets unless --connection names one\n"),
    }
    out
}

fn list_json(connections: &Connections) -> serde_json::Value {
    serde_json::json!({ "connections": connections.describe(origin), "default": connections.default })
}

/// Reachable, which version, authorized: one line each, and the outcome.
fn test_connection(connection: &Connection) -> Outcome {
    let name = &connection.name;
    let lines = flux_exec::check_connection(connection);
    match lines {
        Ok(lines) => {
            for line in lines {
                println!("{name}: {line}");
            }
            println!("{name}: ok");
            Outcome::Clean
        }
        Err(e) => {
            eprintln!("flx: {e}");
            Outcome::Problems
        }
    }
}
