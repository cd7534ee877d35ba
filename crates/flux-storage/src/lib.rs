//! Local buckets for the embedded engine (issue 15): what `flx write` accepts and, to come,
//! how points are kept on disk. So far: line protocol, and buckets whose points live in a
//! write-ahead log (compaction into columnar files comes next).

pub mod bucket;
pub mod line_protocol;
pub mod sample;

pub use bucket::{BucketInfo, DataDir, StorageError, Writer};
