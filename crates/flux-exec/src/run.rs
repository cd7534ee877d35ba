//! Running a whole program: every statement of its files in order, and the results.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use flux_semantic::ir::Program;
use flux_syntax::TextRange;

use crate::eval::{Evaluator, RuntimeError};
use crate::table::NamedResult;

/// A run-time error, placed in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunError {
    pub message: String,
    /// The file and the byte range in it, when the error has a place.
    pub at: Option<(String, TextRange)>,
}

/// Runs the program's statements in order and returns its results: those `yield` named, and
/// `_result` for a stream no `yield` took. `now` (nanoseconds since the epoch) is the time
/// the script runs at unless it sets `option now`. A program with a syntax error is not run.
pub fn run(program: &Program, now: i64) -> Result<Vec<NamedResult>, RunError> {
    let outcome = run_with(program, &RunOptions { now, ..RunOptions::default() });
    match outcome.error {
        Some(error) => Err(error),
        None => Ok(outcome.results),
    }
}

/// How a program runs.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// The time the script runs at unless it sets `option now`, in nanoseconds.
    pub now: i64,
    /// Set it to stop the run.
    pub cancel: Option<Arc<AtomicBool>>,
    /// The most rows a source may read.
    pub max_rows: Option<usize>,
    /// Where `from(bucket:)` reads local buckets.
    pub data_dir: Option<flux_storage::DataDir>,
    /// The InfluxDB 1.x or 3.x that `from(bucket:)` reads instead, through InfluxQL.
    pub influxql: Option<Arc<flux_connect::influxql::InfluxQl>>,
    /// The configured connections, which `from(host:)` may name, and the outside services
    /// the run may use.
    pub connections: Option<Arc<flux_connect::Connections>>,
    pub allow: flux_connect::Allow,
}

/// What a run made: its results (those made before it failed, when it did), its error, the
/// optimizer rules that applied, by name, with how often, and the queries it sent to
/// databases.
#[derive(Debug, Default)]
pub struct RunOutcome {
    pub results: Vec<NamedResult>,
    pub error: Option<RunError>,
    pub rules: Vec<(String, usize)>,
    pub queries: Vec<String>,
}

/// [`run`] with options; a failure keeps the results made before it.
pub fn run_with(program: &Program, options: &RunOptions) -> RunOutcome {
    let mut evaluator = Evaluator::with_now(options.now);
    if let Some(cancel) = &options.cancel {
        evaluator.set_cancel(cancel.clone());
    }
    evaluator.set_max_rows(options.max_rows);
    if let Some(data) = &options.data_dir {
        evaluator.set_data_dir(data.clone());
    }
    if let Some(client) = &options.influxql {
        evaluator.set_influxql(client.clone());
    }
    evaluator.set_connections(options.connections.clone().unwrap_or_default(), options.allow);
    for file in &program.files {
        for statement in &file.statements {
            let failure = if statement.has_syntax_errors {
                Some(RunError { message: "the program has a syntax error".to_owned(), at: None })
            } else {
                evaluator.run_statement(statement.item, &statement.body).err().map(|e| locate(&[program], e))
            };
            if let Some(error) = failure {
                return outcome(evaluator, Some(error));
            }
        }
    }
    outcome(evaluator, None)
}

fn outcome(evaluator: Evaluator, error: Option<RunError>) -> RunOutcome {
    let (rules, queries) = (evaluator.applied_rules(), evaluator.remote_queries());
    RunOutcome { results: evaluator.into_results(), error, rules, queries }
}

/// The error placed in the file of the statement it happened in.
pub(crate) fn locate(programs: &[&Program], e: RuntimeError) -> RunError {
    let at = programs.iter().find_map(|p| p.statement(e.item)).map(|(file, statement)| {
        let shift = |o: u32| o + statement.offset;
        (file.path.clone(), TextRange::new(shift(e.range.start), shift(e.range.end)))
    });
    RunError { message: e.message, at }
}

/// Runs the program where `connection` says: here on local buckets (a `local` connection's
/// directory unless `options` names one), on an InfluxDB 2.x server (which gets `text`, the
/// program's source), or here reading `from(bucket:)` through an InfluxDB 1.x/3.x's InfluxQL.
/// `None` runs here with `options` as they are. A connection that cannot be set up is the
/// outcome's error.
pub fn run_on(
    program: &Program,
    text: &str,
    connection: Option<&flux_connect::Connection>,
    mut options: RunOptions,
) -> RunOutcome {
    use flux_connect::Kind;
    match connection.map(|c| (c, &c.kind)) {
        None => run_with(program, &options),
        Some((_, Kind::Local { data })) => {
            options.data_dir.get_or_insert_with(|| flux_storage::DataDir::new(data.clone()));
            run_with(program, &options)
        }
        Some((c, Kind::Influxdb2 { .. })) => crate::remote::run_on_server(c, text, options.now, options.cancel),
        Some((c, Kind::Influxdb1 { .. } | Kind::Influxdb3 { .. })) => match flux_connect::influxql::InfluxQl::new(c) {
            Ok(client) => {
                options.influxql = Some(Arc::new(client.with_cancel(options.cancel.clone())));
                run_with(program, &options)
            }
            Err(e) => {
                RunOutcome { error: Some(RunError { message: e.to_string(), at: None }), ..RunOutcome::default() }
            }
        },
    }
}
