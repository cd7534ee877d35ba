//! Local buckets for the embedded engine (issue 15): what `flx write` accepts and, to come,
//! how points are kept on disk. So far: line protocol.

pub mod line_protocol;
