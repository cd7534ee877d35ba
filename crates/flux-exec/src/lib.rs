//! The Flux executor. It runs the typed program the analysis produced (`flux_semantic::ir`)
//! on columnar tables. So far: the values and the evaluation of the language (no standard
//! library yet), tables of arrow arrays with their group keys, instants, and annotated CSV in
//! both directions.

mod check;
pub mod csv;
pub mod eval;
pub mod harness;
pub mod json;
pub mod plan;
pub mod remote;
mod run;
pub mod stdlib;
pub mod table;
pub mod text;
pub mod time;
pub mod tz;
pub mod value;
pub mod vectorize;

pub use check::check_connection;
pub use run::{RunError, RunOptions, RunOutcome, run, run_on, run_with};

#[cfg(test)]
mod test_support {
    /// A script's syntax tree and analysis, which must be free of errors.
    pub fn analyze(source: &str) -> (flux_syntax::Parse, flux_semantic::FileAnalysis) {
        let parse = flux_syntax::parse(source);
        assert!(parse.errors.is_empty(), "syntax errors: {:?}", parse.errors);
        let predefined = flux_semantic::Predefined::default();
        let analysis = flux_semantic::analyze_files(&[&parse.file], &predefined).remove(0);
        let errors: Vec<_> =
            analysis.diagnostics.iter().filter(|d| d.severity == flux_syntax::Severity::Error).collect();
        assert!(errors.is_empty(), "semantic errors: {errors:?}");
        (parse, analysis)
    }
}
