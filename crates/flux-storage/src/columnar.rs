//! A bucket's columnar files: Parquet, one file per measurement and UTC day of a write or a
//! compaction, one row group per series and field (split past [`MAX_GROUP_ROWS`] rows),
//! rows in time order.
//!
//! Columns: `time` (timestamp, nanoseconds, UTC), then the tags (strings, dictionary
//! encoded), then the fields; in a row group only its field's column has values, so DuckDB,
//! pandas or any Parquet reader sees one row per point and field. The file's key-value
//! metadata `flx` says which series each row group holds and its first and last time, so a
//! scan picks row groups from the footer alone and decodes only `time` and one field.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use parquet::basic::{Compression, Encoding, LogicalType, Repetition, TimeUnit, Type as PhysicalType};
use parquet::column::reader::ColumnReader;
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::{WriterProperties, WriterVersion};
use parquet::file::reader::{ChunkReader, FileReader, Length};
use parquet::file::serialized_reader::SerializedFileReader;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::{ColumnPath, Type};

use crate::bucket::StorageError;
use crate::series::{Column, FieldType, SeriesKey, Values};

/// Nanoseconds in a day: files are partitioned by UTC day.
pub const DAY: i64 = 86_400 * 1_000_000_000;

/// Rows per row group at most, which bounds what a scan holds of one series at a time.
pub const MAX_GROUP_ROWS: usize = 1 << 20;

const METADATA_KEY: &str = "flx";

pub fn day_of(time: i64) -> i64 {
    time.div_euclid(DAY)
}

/// What the footer says about one row group.
#[derive(Clone, Debug)]
pub struct Group {
    pub series: SeriesKey,
    pub ty: FieldType,
    pub min: i64,
    pub max: i64,
    pub rows: usize,
    /// The Parquet column of the field.
    column: usize,
}

/// An open columnar file and its row groups.
pub struct ColumnarFile {
    pub path: PathBuf,
    pub groups: Vec<Group>,
    reader: SerializedFileReader<Pread>,
}

/// Why a file could not be opened: gone (a compaction replaced it since it was listed), or
/// not a file of ours.
pub enum OpenError {
    Gone,
    Damaged(StorageError),
}

fn damaged(path: &Path, message: impl std::fmt::Display) -> StorageError {
    StorageError { path: path.to_path_buf(), message: format!("a damaged columnar file: {message}") }
}

/// An error message that may already say the file is damaged.
fn damaged_text(path: &Path, message: String) -> StorageError {
    if message.starts_with("a damaged columnar file") {
        StorageError { path: path.to_path_buf(), message }
    } else {
        damaged(path, message)
    }
}

/// Runs the Parquet decoder, which can panic on some damaged files instead of returning an
/// error: a damaged file is an error naming it, never the end of the run.
fn guard<T>(decode: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(decode)).unwrap_or_else(|panic| {
        let reason = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the decoder failed".to_owned());
        Err(format!("the decoder failed ({reason})"))
    })
}

impl ColumnarFile {
    /// Opens a file whose footer has the CRC-32 `checksum` (see [`footer_checksum`]).
    pub fn open(path: &Path, checksum: u32) -> Result<ColumnarFile, OpenError> {
        let file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(OpenError::Gone),
            Err(e) => {
                return Err(OpenError::Damaged(StorageError { path: path.to_path_buf(), message: e.to_string() }));
            }
        };
        let fail = |m: String| OpenError::Damaged(damaged(path, m));
        // The decoder trusts the footer's lengths and counts; a damaged one is caught here.
        if footer_checksum_of(&file).map_err(|e| fail(e.to_string()))? != checksum {
            return Err(fail("its footer does not match the checksum in its name".to_owned()));
        }
        let reader =
            guard(|| SerializedFileReader::new(Pread(Arc::new(file))).map_err(|e| e.to_string())).map_err(fail)?;
        let metadata = reader.metadata();
        let text = metadata
            .file_metadata()
            .key_value_metadata()
            .and_then(|kv| kv.iter().find(|kv| kv.key == METADATA_KEY))
            .and_then(|kv| kv.value.clone())
            .ok_or_else(|| fail("no `flx` metadata".to_owned()))?;
        let groups = parse_groups(&text).ok_or_else(|| fail("unreadable `flx` metadata".to_owned()))?;
        if groups.len() != metadata.num_row_groups() {
            return Err(fail(format!(
                "the metadata lists {} row groups, the file has {}",
                groups.len(),
                metadata.num_row_groups()
            )));
        }
        Ok(ColumnarFile { path: path.to_path_buf(), groups, reader })
    }

    /// The points of row group `index`.
    pub fn read(&self, index: usize) -> Result<Column, StorageError> {
        guard(|| self.read_unguarded(index).map_err(|e| e.message)).map_err(|m| damaged_text(&self.path, m))
    }

    fn read_unguarded(&self, index: usize) -> Result<Column, StorageError> {
        let group = &self.groups[index];
        let fail = |e: parquet::errors::ParquetError| damaged(&self.path, e);
        let row_group = self.reader.get_row_group(index).map_err(fail)?;
        let rows = group.rows;
        let mut times = Vec::with_capacity(rows);
        match row_group.get_column_reader(0).map_err(fail)? {
            ColumnReader::Int64ColumnReader(mut r) => {
                r.read_records(rows, None, None, &mut times).map_err(fail)?;
            }
            _ => return Err(damaged(&self.path, "`time` is not a column of integers")),
        }
        let mut levels = Vec::with_capacity(rows);
        let values = match (row_group.get_column_reader(group.column).map_err(fail)?, group.ty) {
            (ColumnReader::DoubleColumnReader(mut r), FieldType::Float) => {
                let mut v = Vec::with_capacity(rows);
                r.read_records(rows, Some(&mut levels), None, &mut v).map_err(fail)?;
                Values::Float(v)
            }
            (ColumnReader::Int64ColumnReader(mut r), FieldType::Int) => {
                let mut v = Vec::with_capacity(rows);
                r.read_records(rows, Some(&mut levels), None, &mut v).map_err(fail)?;
                Values::Int(v)
            }
            (ColumnReader::Int64ColumnReader(mut r), FieldType::UInt) => {
                let mut v = Vec::with_capacity(rows);
                r.read_records(rows, Some(&mut levels), None, &mut v).map_err(fail)?;
                Values::UInt(v.into_iter().map(|x| x as u64).collect())
            }
            (ColumnReader::BoolColumnReader(mut r), FieldType::Bool) => {
                let mut v = Vec::with_capacity(rows);
                r.read_records(rows, Some(&mut levels), None, &mut v).map_err(fail)?;
                Values::Bool(v)
            }
            (ColumnReader::ByteArrayColumnReader(mut r), FieldType::String) => {
                let mut v = Vec::with_capacity(rows);
                r.read_records(rows, Some(&mut levels), None, &mut v).map_err(fail)?;
                let strings: Option<Vec<String>> =
                    v.into_iter().map(|b: ByteArray| String::from_utf8(b.data().to_vec()).ok()).collect();
                Values::String(strings.ok_or_else(|| damaged(&self.path, "a string field that is not UTF-8"))?)
            }
            _ => return Err(damaged(&self.path, format!("the column of `{}` has another type", group.series.field))),
        };
        if times.len() != rows || values.len() != rows {
            return Err(damaged(
                &self.path,
                format!("row group {index} holds {} times and {} values of {rows}", times.len(), values.len()),
            ));
        }
        Ok(Column { times, values })
    }
}

/// The `flx` metadata: the measurement, the tag keys and fields in column order, and per
/// row group its tag values (by key, null when absent), field, first and last time, rows.
fn groups_json(measurement: &str, tag_keys: &[&str], fields: &[(&str, FieldType)], groups: &[Group]) -> String {
    let groups: Vec<serde_json::Value> = groups
        .iter()
        .map(|g| {
            let tags: Vec<Option<&str>> = tag_keys.iter().map(|k| g.series.tag(k)).collect();
            serde_json::json!([tags, g.column - 1 - tag_keys.len(), g.min, g.max, g.rows])
        })
        .collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, t)| (*k, t.name())).collect();
    serde_json::json!({"measurement": measurement, "tags": tag_keys, "fields": fields, "groups": groups}).to_string()
}

fn parse_groups(text: &str) -> Option<Vec<Group>> {
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    let measurement = json["measurement"].as_str()?;
    let tag_keys: Vec<&str> = json["tags"].as_array()?.iter().map(|k| k.as_str()).collect::<Option<_>>()?;
    let fields: Vec<(&str, FieldType)> = json["fields"]
        .as_array()?
        .iter()
        .map(|f| Some((f[0].as_str()?, FieldType::parse(f[1].as_str()?)?)))
        .collect::<Option<_>>()?;
    json["groups"]
        .as_array()?
        .iter()
        .map(|g| {
            let mut tags = Vec::new();
            for (key, value) in tag_keys.iter().zip(g[0].as_array()?) {
                if let Some(value) = value.as_str() {
                    tags.push(((*key).to_owned(), value.to_owned()));
                }
            }
            let field = usize::try_from(g[1].as_u64()?).ok()?;
            let (name, ty) = *fields.get(field)?;
            Some(Group {
                series: SeriesKey { measurement: measurement.to_owned(), tags, field: name.to_owned() },
                ty,
                min: g[2].as_i64()?,
                max: g[3].as_i64()?,
                rows: usize::try_from(g[4].as_u64()?).ok()?,
                column: 1 + tag_keys.len() + field,
            })
        })
        .collect()
}

/// The CRC-32 of a Parquet file's footer (its metadata, length and magic number).
pub fn footer_checksum(path: &Path) -> io::Result<u32> {
    footer_checksum_of(&File::open(path)?)
}

fn footer_checksum_of(file: &File) -> io::Result<u32> {
    let size = file.metadata()?.len();
    let short = || io::Error::new(io::ErrorKind::InvalidData, "too short to be a Parquet file");
    let mut tail = [0u8; 8];
    read_at(file, &mut tail, size.checked_sub(8).ok_or_else(short)?)?;
    let length = u64::from(u32::from_le_bytes(tail[..4].try_into().expect("4 bytes")));
    let start = size.checked_sub(8 + length).filter(|&s| s >= 4).ok_or_else(short)?;
    let mut footer = vec![0u8; (length + 8) as usize];
    read_at(file, &mut footer, start)?;
    Ok(crate::bucket::crc32(&footer))
}

/// Writes the series (of one measurement, each normalized and not empty) as a columnar file
/// at `path`, synced to disk, and returns its footer's checksum; the caller renames it into
/// place under a name that carries it.
pub fn write(path: &Path, series: &[(&SeriesKey, &Column)]) -> Result<u32, StorageError> {
    let io_fail = |e: io::Error| StorageError { path: path.to_path_buf(), message: e.to_string() };
    let fail = |e: parquet::errors::ParquetError| StorageError { path: path.to_path_buf(), message: e.to_string() };
    let measurement = series.first().map_or("", |(k, _)| k.measurement.as_str());
    let mut tag_keys: Vec<&str> = series.iter().flat_map(|(k, _)| k.tags.iter().map(|(t, _)| t.as_str())).collect();
    tag_keys.sort_unstable();
    tag_keys.dedup();
    let mut fields: Vec<(&str, FieldType)> = series.iter().map(|(k, c)| (k.field.as_str(), c.values.ty())).collect();
    fields.sort_unstable_by_key(|f| f.0);
    fields.dedup_by_key(|f| f.0);

    // Column names as the data names them; a name taken already (a field named as a tag,
    // say) gets a suffix, the metadata keeping the real names.
    let mut names: Vec<String> = vec!["time".to_owned()];
    let mut unique = |name: &str, suffix: &str| {
        let mut candidate = name.to_owned();
        while names.contains(&candidate) {
            candidate.push_str(suffix);
        }
        names.push(candidate.clone());
        candidate
    };
    let tag_columns: Vec<String> = tag_keys.iter().map(|k| unique(k, "_tag")).collect();
    let field_columns: Vec<String> = fields.iter().map(|(k, _)| unique(k, "_field")).collect();

    let mut schema = vec![Arc::new(
        Type::primitive_type_builder("time", PhysicalType::INT64)
            .with_repetition(Repetition::REQUIRED)
            .with_logical_type(Some(LogicalType::Timestamp { is_adjusted_to_u_t_c: true, unit: TimeUnit::NANOS }))
            .build()
            .map_err(fail)?,
    )];
    for name in &tag_columns {
        schema.push(Arc::new(
            Type::primitive_type_builder(name, PhysicalType::BYTE_ARRAY)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(Some(LogicalType::String))
                .build()
                .map_err(fail)?,
        ));
    }
    let mut properties = WriterProperties::builder()
        .set_writer_version(WriterVersion::PARQUET_1_0)
        .set_compression(Compression::UNCOMPRESSED)
        .set_created_by(format!("flx {}", env!("CARGO_PKG_VERSION")))
        // Tag values whole in the statistics, so that other readers can prune on them.
        .set_statistics_truncate_length(None)
        .set_column_index_truncate_length(None)
        .set_dictionary_enabled(false)
        .set_column_encoding(ColumnPath::from("time"), Encoding::DELTA_BINARY_PACKED);
    for name in &tag_columns {
        properties = properties.set_column_dictionary_enabled(ColumnPath::from(name.as_str()), true);
    }
    for ((_, ty), name) in fields.iter().zip(&field_columns) {
        let (physical, logical) = match ty {
            FieldType::Float => (PhysicalType::DOUBLE, None),
            FieldType::Int => (PhysicalType::INT64, None),
            FieldType::UInt => (PhysicalType::INT64, Some(LogicalType::Integer { bit_width: 64, is_signed: false })),
            FieldType::String => (PhysicalType::BYTE_ARRAY, Some(LogicalType::String)),
            FieldType::Bool => (PhysicalType::BOOLEAN, None),
        };
        let path = ColumnPath::from(name.as_str());
        properties = match ty {
            // Counters and gauges of integers change little from point to point.
            FieldType::Int | FieldType::UInt => properties.set_column_encoding(path, Encoding::DELTA_BINARY_PACKED),
            FieldType::String => properties.set_column_dictionary_enabled(path, true),
            FieldType::Float | FieldType::Bool => properties,
        };
        schema.push(Arc::new(
            Type::primitive_type_builder(name, physical)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(logical)
                .build()
                .map_err(fail)?,
        ));
    }
    let schema = Arc::new(Type::group_type_builder("schema").with_fields(schema).build().map_err(fail)?);

    let mut groups = Vec::new();
    for (key, column) in series {
        let field = fields.iter().position(|(f, _)| *f == key.field).expect("a listed field");
        let mut start = 0;
        while start < column.len() {
            let end = (start + MAX_GROUP_ROWS).min(column.len());
            groups.push((
                Group {
                    series: (*key).clone(),
                    ty: column.values.ty(),
                    min: column.times[start],
                    max: column.times[end - 1],
                    rows: end - start,
                    column: 1 + tag_keys.len() + field,
                },
                *column,
                start..end,
            ));
            start = end;
        }
    }
    let metadata =
        groups_json(measurement, &tag_keys, &fields, &groups.iter().map(|(g, _, _)| g.clone()).collect::<Vec<_>>());

    let file = File::create(path).map_err(io_fail)?;
    let mut writer = SerializedFileWriter::new(file, schema, Arc::new(properties.build())).map_err(fail)?;
    let most = groups.iter().map(|(g, _, _)| g.rows).max().unwrap_or(0);
    let (present, absent) = (vec![1i16; most], vec![0i16; most]);
    for (group, column, range) in &groups {
        let rows = group.rows;
        let mut row_group = writer.next_row_group().map_err(fail)?;
        let mut index = 0;
        while let Some(mut column_writer) = row_group.next_column().map_err(fail)? {
            let written = match column_writer.untyped() {
                ColumnWriter::Int64ColumnWriter(w) if index == 0 => {
                    w.write_batch(&column.times[range.clone()], None, None)
                }
                ColumnWriter::ByteArrayColumnWriter(w) if index <= tag_keys.len() => {
                    match group.series.tag(tag_keys[index - 1]) {
                        Some(value) => {
                            let value = ByteArray::from(Bytes::copy_from_slice(value.as_bytes()));
                            w.write_batch(&vec![value; rows], Some(&present[..rows]), None)
                        }
                        None => w.write_batch(&[], Some(&absent[..rows]), None),
                    }
                }
                untyped if index == group.column => write_values(untyped, &column.values, range.clone(), &present),
                untyped => write_nulls(untyped, &absent[..rows]),
            };
            written.map_err(fail)?;
            column_writer.close().map_err(fail)?;
            index += 1;
        }
        row_group.close().map_err(fail)?;
    }
    writer.append_key_value_metadata(KeyValue::new(METADATA_KEY.to_owned(), metadata));
    let file = writer.into_inner().map_err(fail)?;
    file.sync_all().map_err(io_fail)?;
    footer_checksum(path).map_err(io_fail)
}

fn write_values(
    writer: &mut ColumnWriter<'_>,
    values: &Values,
    range: std::ops::Range<usize>,
    present: &[i16],
) -> parquet::errors::Result<usize> {
    let levels = Some(&present[..range.len()]);
    match (writer, values) {
        (ColumnWriter::DoubleColumnWriter(w), Values::Float(v)) => w.write_batch(&v[range], levels, None),
        (ColumnWriter::Int64ColumnWriter(w), Values::Int(v)) => w.write_batch(&v[range], levels, None),
        (ColumnWriter::Int64ColumnWriter(w), Values::UInt(v)) => {
            let bits: Vec<i64> = v[range].iter().map(|&x| x as i64).collect();
            w.write_batch(&bits, levels, None)
        }
        (ColumnWriter::BoolColumnWriter(w), Values::Bool(v)) => w.write_batch(&v[range], levels, None),
        (ColumnWriter::ByteArrayColumnWriter(w), Values::String(v)) => {
            let bytes: Vec<ByteArray> = v[range].iter().map(|s| ByteArray::from(s.as_str())).collect();
            w.write_batch(&bytes, levels, None)
        }
        _ => Err(parquet::errors::ParquetError::General("a field's column of another type".to_owned())),
    }
}

fn write_nulls(writer: &mut ColumnWriter<'_>, absent: &[i16]) -> parquet::errors::Result<usize> {
    let levels = Some(absent);
    match writer {
        ColumnWriter::DoubleColumnWriter(w) => w.write_batch(&[], levels, None),
        ColumnWriter::Int64ColumnWriter(w) => w.write_batch(&[], levels, None),
        ColumnWriter::BoolColumnWriter(w) => w.write_batch(&[], levels, None),
        ColumnWriter::ByteArrayColumnWriter(w) => w.write_batch(&[], levels, None),
        _ => Err(parquet::errors::ParquetError::General("a column of an unexpected type".to_owned())),
    }
}

/// A file read at offsets (`pread`), so that threads share it without sharing a position.
#[derive(Clone)]
struct Pread(Arc<File>);

impl Length for Pread {
    fn len(&self) -> u64 {
        self.0.metadata().map_or(0, |m| m.len())
    }
}

impl ChunkReader for Pread {
    type T = io::BufReader<PreadFrom>;

    fn get_read(&self, start: u64) -> parquet::errors::Result<Self::T> {
        Ok(io::BufReader::new(PreadFrom { file: self.clone(), at: start }))
    }

    fn get_bytes(&self, start: u64, length: usize) -> parquet::errors::Result<Bytes> {
        // A damaged footer can ask for any length: never allocate past the file's end.
        if start.saturating_add(length as u64) > Length::len(self) {
            return Err(parquet::errors::ParquetError::EOF(format!(
                "{length} bytes at {start} are past the end of the file"
            )));
        }
        let mut buffer = vec![0; length];
        read_at(&self.0, &mut buffer, start)?;
        Ok(buffer.into())
    }
}

struct PreadFrom {
    file: Pread,
    at: u64,
}

impl Read for PreadFrom {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let n = read_some_at(&self.file.0, buffer, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(unix)]
fn read_some_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buffer, offset)
}

#[cfg(windows)]
fn read_some_at(file: &File, buffer: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buffer, offset)
}

fn read_at(file: &File, mut buffer: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buffer.is_empty() {
        match read_some_at(file, buffer, offset)? {
            0 => return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the file ends early")),
            n => {
                buffer = &mut buffer[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}
