//! The Flux executor. It runs the typed program the analysis produced (`flux_semantic::ir`)
//! on columnar tables. So far: the values and the evaluation of the language (no standard
//! library yet), tables of arrow arrays with their group keys, instants, and annotated CSV in
//! both directions.

pub mod csv;
pub mod eval;
pub mod json;
mod run;
pub mod stdlib;
pub mod table;
pub mod time;
pub mod value;

pub use run::{RunError, run};
