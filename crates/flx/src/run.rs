//! `flx run`: run a Flux script on the embedded engine and print its results.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use flux_ide::{AnalysisHost, Config, Diagnostic, LineIndex, Origin, Severity};

use crate::files::{self, Input};
use crate::{Color, Outcome, UsageError, output};

pub const HELP: &str = "\
Run a Flux script on the embedded engine and print its results.

Usage: flx run [options] <file>|-

Options:
  --format <format>   table (the default on a terminal): each table under its group key,
                      columns aligned
                      csv (the default otherwise): annotated CSV, as InfluxDB's query API
                      writes it
                      json: {\"results\": [{\"name\", \"tables\": [{\"groupKey\", \"columns\",
                      \"rows\"}]}]}
  --now <time>        The time the script runs at, as RFC 3339 (2026-01-01T00:00:00Z);
                      the clock by default. `option now` in the script overrides both
  --max-rows <n>      Stop with an error when a source (csv.from) would read more than
                      n rows, instead of filling memory; no limit by default
  --data <dir>        Where from(bucket:) finds local buckets (default: $FLX_DATA_DIR,
                      else .flx/data)
  --connection <name> Run on a configured connection (`flx connections` lists them;
                      the default is flx.toml's `default`, else the local buckets):
                      influxdb2 runs the script on the server; influxdb1 and influxdb3
                      read from(bucket: \"db/rp\") through InfluxQL and run the rest here
  --allow-net         Let the script reach hosts that are not configured connections
                      (from(host:), buckets(host:), http.post, requests) and write
                      to databases with to()
  --allow-sql         Let the script use sql.from and sql.to (SQLite, PostgreSQL)
  --explain           Also print (on stderr) the optimizer rules that applied, such as
                      PushDownRangeRule when range was done by the read of a local bucket,
                      and the queries sent to databases
  --color <when>      auto (default), always or never, for error messages
  -h, --help          Show this help

The script is checked first, as `flx check` would: a script with errors is not run.
docs/stdlib.md lists what the engine runs of the standard library.

Ctrl-C stops a run between two function calls; a second Ctrl-C exits at once.

Exit status: 0 when the script ran, 1 when it has errors or failed while running,
2 on bad usage or an unreadable file, 130 when interrupted.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Csv,
    Json,
}

pub fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let mut format = None;
    let mut color = Color::auto();
    let mut path: Option<OsString> = None;
    let mut now: Option<i64> = None;
    let mut max_rows: Option<usize> = None;
    let mut data: Option<OsString> = None;
    let mut explain = false;
    let mut connection: Option<String> = None;
    let mut allow = flux_connect::Allow::default();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("format") => {
                format = Some(match parser.value()?.string()?.as_str() {
                    "table" => Format::Table,
                    "csv" => Format::Csv,
                    "json" => Format::Json,
                    other => {
                        return Err(UsageError(format!(
                            "invalid value `{other}` for --format: expected table, csv or json"
                        )));
                    }
                });
            }
            Long("color") => color = Color::parse(&parser.value()?.string()?).map_err(UsageError)?,
            Long("now") => {
                let value = parser.value()?.string()?;
                now = Some(
                    flux_exec::time::parse_rfc3339(&value)
                        .map_err(|e| UsageError(format!("invalid value for --now: {e}")))?,
                );
            }
            Long("max-rows") => {
                let value = parser.value()?.string()?;
                max_rows = Some(value.parse().map_err(|_| {
                    UsageError(format!("invalid value `{value}` for --max-rows: expected a number of rows"))
                })?);
            }
            Long("data") => data = Some(parser.value()?),
            Long("explain") => explain = true,
            Long("connection") => connection = Some(parser.value()?.string()?),
            Long("allow-net") => allow.net = true,
            Long("allow-sql") => allow.sql = true,
            Long("help") | Short('h') => {
                println!("{HELP}");
                return Ok(Outcome::Clean);
            }
            Value(value) if path.is_none() => path = Some(value),
            other => return Err(other.unexpected().into()),
        }
    }
    let path = path.ok_or_else(|| UsageError("`flx run` needs a file to run, or `-` for standard input".to_owned()))?;
    let input = if path == "-" { Input::Stdin } else { Input::File(path.into()) };
    let format = format.unwrap_or(if std::io::stdout().is_terminal() { Format::Table } else { Format::Csv });

    let source = match files::read(&input) {
        Ok(source) => source,
        Err(message) => {
            eprintln!("flx: {message}");
            return Ok(Outcome::Failed);
        }
    };
    let name = input.display();
    let mut host = AnalysisHost::new(Config::default());
    let file = host.set_file(&name, Arc::from(source.text.as_str()), None, Origin::Disk);
    let analysis = host.analysis();
    // Nothing changes the input from here on, so no query can be cancelled.
    let diagnostics = analysis.diagnostics(file).expect("not cancelled");
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect();
    let index = analysis.line_index(file).expect("not cancelled");
    if !errors.is_empty() {
        eprint!("{}", output::human(&name, &source.text, &index, &errors, color));
        eprintln!("flx: not run: {}", files::count(errors.len(), "error"));
        return Ok(Outcome::Problems);
    }
    let program = analysis.program(file).expect("not cancelled");
    let now = now.unwrap_or_else(flux_exec::time::now);
    let cancel = interrupt_flag();
    let connections = match crate::connections::load() {
        Ok(connections) => Arc::new(connections),
        Err(message) => {
            eprintln!("flx: {message}");
            return Ok(Outcome::Failed);
        }
    };
    let chosen = match connections.choose(connection.as_deref()) {
        Ok(chosen) => chosen.cloned(),
        Err(e) => {
            eprintln!("flx: {e}");
            return Ok(Outcome::Failed);
        }
    };
    // A workspace flx.toml is shared with the code: only the user's own config may open
    // outside services for a connection.
    if let Some(c) = &chosen
        && !matches!(c.origin, flux_connect::Origin::File { workspace: true, .. })
    {
        allow = allow.union(c.allow);
    }
    let local_connection = matches!(chosen.as_ref().map(|c| &c.kind), Some(flux_connect::Kind::Local { .. }));
    let options = flux_exec::RunOptions {
        now,
        cancel: Some(cancel.clone()),
        max_rows,
        // A `local` connection brings its own directory, which --data overrides.
        data_dir: (!local_connection || data.is_some()).then(|| crate::write::data_dir(data)),
        influxql: None,
        connections: Some(connections.clone()),
        allow,
    };
    let outcome = flux_exec::run_on(&program, &source.text, chosen.as_ref(), options);
    let flux_exec::RunOutcome { results, error: failure, rules, queries } = outcome;
    if explain {
        // On stderr, so that the results on stdout stay machine-readable.
        if rules.is_empty() {
            eprintln!("optimizer rules applied: none");
        } else {
            let applied: Vec<String> = rules.iter().map(|(rule, n)| format!("{rule} ({n})")).collect();
            eprintln!("optimizer rules applied: {}", applied.join(", "));
        }
        for query in &queries {
            eprintln!("sent: {query}");
        }
    }
    if cancel.load(Ordering::Relaxed) {
        eprintln!("flx: interrupted");
        return Ok(Outcome::Interrupted);
    }
    // What the script produced before it failed is printed too, as a server streams it.
    match format {
        Format::Csv => {
            let mut out = flux_exec::csv::encode_results(&results);
            if let Some(error) = &failure
                && !results.is_empty()
            {
                flux_exec::csv::encode_error(&mut out, &error.message, true);
            }
            print!("{out}");
        }
        Format::Json => println!("{}", flux_exec::json::results_json(&results)),
        Format::Table => print!("{}", flux_exec::text::results_text(&results)),
    }
    match failure {
        Some(error) => {
            report(&error, &name, &source.text, &index, color);
            Ok(Outcome::Problems)
        }
        None => Ok(Outcome::Clean),
    }
}

/// A flag Ctrl-C sets; a second Ctrl-C exits at once.
fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = flag.clone();
    let watcher = std::thread::Builder::new().name("ctrl-c".to_owned()).spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_io().build() else { return };
        runtime.block_on(async {
            if tokio::signal::ctrl_c().await.is_ok() {
                set.store(true, Ordering::Relaxed);
            }
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(130);
            }
        });
    });
    // Without the watcher, Ctrl-C keeps its default: it ends the process.
    drop(watcher);
    flag
}

/// A run-time error with the code it happened in.
fn report(error: &flux_exec::RunError, name: &str, text: &str, index: &LineIndex, color: Color) {
    match &error.at {
        Some((_, range)) => eprint!("{}", output::error_at(name, text, index, &error.message, *range, color)),
        None => eprintln!("flx: {}", error.message),
    }
}
