//! The Flux executor. It runs the typed program the analysis produced (`flux_semantic::ir`)
//! on columnar tables; this crate holds its data model so far: tables of arrow arrays with
//! their group keys, instants, and annotated CSV in both directions.

pub mod csv;
pub mod table;
pub mod time;
