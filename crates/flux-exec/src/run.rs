//! Running a whole program: every statement of its files in order, and the results.

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
    let mut evaluator = Evaluator::with_now(now);
    for file in &program.files {
        for statement in &file.statements {
            if statement.has_syntax_errors {
                return Err(RunError { message: "the program has a syntax error".to_owned(), at: None });
            }
            evaluator.run_statement(statement.item, &statement.body).map_err(|e| locate(&[program], e))?;
        }
    }
    Ok(evaluator.into_results())
}

/// The error placed in the file of the statement it happened in.
pub(crate) fn locate(programs: &[&Program], e: RuntimeError) -> RunError {
    let at = programs.iter().find_map(|p| p.statement(e.item)).map(|(file, statement)| {
        let shift = |o: u32| o + statement.offset;
        (file.path.clone(), TextRange::new(shift(e.range.start), shift(e.range.end)))
    });
    RunError { message: e.message, at }
}
