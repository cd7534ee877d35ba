//! Local buckets for the embedded engine: what `flx write` accepts (line protocol), the
//! write-ahead log, the columnar files it is compacted into, and scans over both.

pub mod bucket;
pub mod columnar;
pub mod line_protocol;
pub mod sample;
pub mod scan;
pub mod series;

pub use bucket::{BucketInfo, DataDir, StorageError, Writer};
pub use scan::Snapshot;
pub use series::{Batch, Column, FieldType, SeriesKey, Values};
