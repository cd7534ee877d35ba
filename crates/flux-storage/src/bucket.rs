//! Local buckets: a data directory with a folder per bucket. A bucket holds its settings
//! (`bucket.json`), the field types it has seen (`schema.json`), a lock file its one writer
//! holds, its write-ahead log and its columnar files (`crate::columnar`).
//!
//! A small write is a record of the log: the points as line protocol behind their length and
//! CRC-32, fsync'd before the write is acknowledged. When the log passes
//! [`WAL_COMPACT_BYTES`], it is compacted: its points written as columnar files, then its
//! segments deleted. A large write skips the log: its columnar files are written and renamed
//! into place, which is as durable and atomic per file.
//!
//! Ordering: segments and files are numbered from one counter, and every file is older than
//! every segment (a large write compacts the log first). Of two values of one series at one
//! time, the one from the higher number wins, so a compaction that died after writing its
//! files but before deleting the segments leaves the same answers behind.
//!
//! A record cut short at the end of a segment is a write that was never acknowledged (the
//! writer died in it) and is ignored; anything else that does not check out is an error
//! naming the file and the offset.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::columnar::{self, ColumnarFile, DAY, OpenError};
use crate::line_protocol::{self, Point, Precision};
use crate::scan::Snapshot;
use crate::series::{Batch, Column, FieldType, SeriesKey, TypeConflict};

/// The log is compacted into columnar files when its segments pass this size.
pub const WAL_COMPACT_BYTES: u64 = 8 << 20;

/// A write of at least this many values goes straight to columnar files.
pub const DIRECT_VALUES: usize = 50_000;

/// A partition (a measurement's day) with more files than this has them merged into one.
const MAX_PARTITION_FILES: usize = 4;

/// Where buckets live unless told otherwise: relative to the workspace (the current
/// directory).
pub const DEFAULT_DATA_DIR: &str = ".flx/data";

/// Why a bucket could not be read or written.
#[derive(Debug)]
pub struct StorageError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for StorageError {}

fn io_error(path: &Path, e: io::Error) -> StorageError {
    StorageError { path: path.to_path_buf(), message: e.to_string() }
}

/// A bucket's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BucketInfo {
    pub name: String,
    /// How long points are kept, in nanoseconds; `None` keeps them for ever.
    pub retention: Option<i64>,
}

/// A data directory.
#[derive(Clone, Debug)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn bucket_dir(&self, name: &str) -> Result<PathBuf, StorageError> {
        // One folder per bucket: a name that is not a plain folder name is refused.
        if name.is_empty() || name.starts_with('.') || name.contains(['/', '\\', '\0']) {
            return Err(StorageError {
                path: self.root.clone(),
                message: format!("`{name}` cannot name a bucket: use letters, digits, `-`, `_` or `.` (not first)"),
            });
        }
        Ok(self.root.join(name))
    }

    /// The buckets, sorted by name.
    pub fn buckets(&self) -> Result<Vec<BucketInfo>, StorageError> {
        let entries = match fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(&self.root, e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| io_error(&self.root, e))?;
            if entry.path().join(SETTINGS).is_file() {
                out.push(read_settings(&entry.path())?);
            }
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    pub fn bucket(&self, name: &str) -> Result<Option<BucketInfo>, StorageError> {
        let dir = self.bucket_dir(name)?;
        if dir.join(SETTINGS).is_file() { read_settings(&dir).map(Some) } else { Ok(None) }
    }

    /// Creates a bucket; one that exists is an error.
    pub fn create_bucket(&self, info: &BucketInfo) -> Result<(), StorageError> {
        let dir = self.bucket_dir(&info.name)?;
        if dir.join(SETTINGS).exists() {
            return Err(StorageError { path: dir, message: format!("the bucket `{}` exists already", info.name) });
        }
        fs::create_dir_all(dir.join(WAL)).map_err(|e| io_error(&dir, e))?;
        let settings = serde_json::json!({"name": info.name, "retentionNanoseconds": info.retention});
        // Written whole under another name, then renamed: never seen half-written.
        let path = dir.join(SETTINGS);
        let temporary = dir.join(format!("{SETTINGS}.tmp"));
        fs::write(&temporary, settings.to_string()).map_err(|e| io_error(&temporary, e))?;
        fs::rename(&temporary, &path).map_err(|e| io_error(&path, e))?;
        Ok(())
    }

    /// Deletes a bucket and its data; it must not be being written.
    pub fn delete_bucket(&self, name: &str) -> Result<(), StorageError> {
        let dir = self.bucket_dir(name)?;
        if !dir.join(SETTINGS).is_file() {
            return Err(StorageError { path: dir, message: format!("there is no bucket `{name}`") });
        }
        let lock = lock(&dir)?;
        fs::remove_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        drop(lock);
        Ok(())
    }

    /// The bucket's writer, creating the bucket first when `create` says so.
    pub fn writer(&self, name: &str, create: bool) -> Result<Writer, StorageError> {
        let dir = self.bucket_dir(name)?;
        if !dir.join(SETTINGS).is_file() {
            if !create {
                return Err(StorageError { path: dir, message: format!("there is no bucket `{name}`") });
            }
            self.create_bucket(&BucketInfo { name: name.to_owned(), retention: None })?;
        }
        let lock = lock(&dir)?;
        let info = read_settings(&dir)?;
        // Left over by a writer that died while writing them; never listed, so never read.
        for partition in partitions(&dir.join(FILES))? {
            for path in list(&partition)? {
                if path.extension().is_some_and(|e| e == "tmp") {
                    fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
                }
            }
        }
        let schema = read_schema(&dir)?;
        let next = next_number(&dir)?;
        Ok(Writer { dir, info, schema, next, segment: None, _lock: lock })
    }

    /// What a query reads: the bucket's files and log as they are now, for times in
    /// `[start, stop)` that its retention keeps at `now`, and the measurements `measurement`
    /// accepts (the files of others are not opened).
    pub fn snapshot(
        &self,
        name: &str,
        now: i64,
        (start, stop): (i64, i64),
        measurement: &dyn Fn(&str) -> bool,
    ) -> Result<Snapshot, StorageError> {
        let dir = self.bucket_dir(name)?;
        if !dir.join(SETTINGS).is_file() {
            return Err(StorageError { path: dir, message: format!("there is no bucket `{name}`") });
        }
        let info = read_settings(&dir)?;
        let start = start.max(info.retention.map_or(i64::MIN, |r| now.saturating_sub(r)));
        // A compaction renames its new files into place before it deletes what they replace,
        // so the log is listed first, then the files: every point is in one or the other. A
        // file or segment deleted between the listing and the reading means a compaction
        // finished meanwhile; listing again sees its result.
        for _ in 0..100 {
            let Some(mut wal) = read_wal(&dir.join(WAL))? else { continue };
            wal.retain(|key, _| measurement(&key.measurement));
            let mut files = Vec::new();
            let mut gone = false;
            for partition in partitions(&dir.join(FILES))? {
                let name = partition.file_name().and_then(|n| n.to_str()).and_then(unescape_measurement);
                if !name.is_some_and(|name| measurement(&name)) {
                    continue;
                }
                for StoredFile { day, number, checksum, path } in partition_files(&partition)? {
                    if day.saturating_add(1).saturating_mul(DAY) <= start || day.saturating_mul(DAY) >= stop {
                        continue;
                    }
                    match ColumnarFile::open(&path, checksum) {
                        Ok(file) => files.push((number, file)),
                        Err(OpenError::Gone) => gone = true,
                        Err(OpenError::Damaged(e)) => return Err(e),
                    }
                }
            }
            if !gone {
                return Ok(Snapshot { files, wal, start, stop });
            }
        }
        Err(StorageError { path: dir, message: "the bucket kept changing while it was being read".to_owned() })
    }
}

const SETTINGS: &str = "bucket.json";
const SCHEMA: &str = "schema.json";
const WAL: &str = "wal";
const FILES: &str = "files";
const LOCK: &str = "LOCK";

fn read_settings(dir: &Path) -> Result<BucketInfo, StorageError> {
    let path = dir.join(SETTINGS);
    let text = fs::read_to_string(&path).map_err(|e| io_error(&path, e))?;
    let damaged = || StorageError { path: path.clone(), message: "the bucket's settings are damaged".to_owned() };
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|_| damaged())?;
    let name = json["name"].as_str().ok_or_else(damaged)?.to_owned();
    let retention = match &json["retentionNanoseconds"] {
        serde_json::Value::Null => None,
        value => Some(value.as_i64().ok_or_else(damaged)?),
    };
    Ok(BucketInfo { name, retention })
}

/// Takes the bucket's lock: a second writer gets an error, not a wait.
fn lock(dir: &Path) -> Result<File, StorageError> {
    let path = dir.join(LOCK);
    let file =
        OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| io_error(&path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(StorageError {
            path,
            message: "another process is writing to this bucket; try again when it is done".to_owned(),
        }),
        Err(TryLockError::Error(e)) => Err(io_error(&path, e)),
    }
}

/// The segments of a log, by number.
fn segments(wal: &Path) -> Result<Vec<(u64, PathBuf)>, StorageError> {
    let mut out = Vec::new();
    for path in list(wal)? {
        let number =
            path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".wal")).and_then(|n| n.parse().ok());
        if let Some(number) = number {
            out.push((number, path));
        }
    }
    out.sort();
    Ok(out)
}

/// The batches of a segment. A record cut short at the end is a write never acknowledged.
fn records<'b>(path: &Path, bytes: &'b [u8]) -> Result<Vec<&'b str>, StorageError> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let Some(header) = bytes.get(at..at + 8) else { break };
        let length = u32::from_le_bytes(header[..4].try_into().expect("4 bytes")) as usize;
        let checksum = u32::from_le_bytes(header[4..].try_into().expect("4 bytes"));
        let Some(payload) = bytes.get(at + 8..at + 8 + length) else { break };
        let damaged = |what: &str| StorageError { path: path.to_path_buf(), message: format!("{what} at byte {at}") };
        if crc32(payload) != checksum {
            // Only the last record can be a torn write; a bad one before it is damage.
            if at + 8 + length == bytes.len() {
                break;
            }
            return Err(damaged("a record whose checksum does not match"));
        }
        out.push(std::str::from_utf8(payload).map_err(|_| damaged("a record that is not UTF-8"))?);
        at += 8 + length;
    }
    Ok(out)
}

/// The one writer of a bucket, holding its lock.
pub struct Writer {
    dir: PathBuf,
    info: BucketInfo,
    /// The type of each field of each measurement, as `schema.json` keeps them.
    schema: BTreeMap<String, BTreeMap<String, FieldType>>,
    /// The number the next segment or file gets.
    next: u64,
    /// This writer's segment, made at its first logged write.
    segment: Option<(File, PathBuf)>,
    _lock: File,
}

impl Writer {
    /// The type the bucket holds for a field, if it has seen it.
    pub fn field_type(&self, measurement: &str, field: &str) -> Option<FieldType> {
        self.schema.get(measurement).and_then(|fields| fields.get(field)).copied()
    }

    /// Writes the points (a point without a time gets `now`) and returns when they are on
    /// disk.
    pub fn write(&mut self, points: &[Point], now: i64) -> Result<(), StorageError> {
        let mut batch = Batch::default();
        for point in points {
            batch.push(point.clone(), now).map_err(|conflict| self.conflict(conflict))?;
        }
        self.write_batch(batch)
    }

    fn conflict(&self, conflict: TypeConflict) -> StorageError {
        StorageError { path: self.dir.clone(), message: conflict.to_string() }
    }

    /// Writes a batch and returns when it is on disk: a field whose type differs from what
    /// the bucket holds rejects the whole batch.
    pub fn write_batch(&mut self, batch: Batch) -> Result<(), StorageError> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut learned = false;
        for (key, column) in batch.series() {
            let given = column.values.ty();
            match self.field_type(&key.measurement, &key.field) {
                Some(holds) if holds != given => {
                    return Err(self.conflict(TypeConflict {
                        measurement: key.measurement.clone(),
                        field: key.field.clone(),
                        holds,
                        given,
                    }));
                }
                Some(_) => {}
                None => {
                    self.schema.entry(key.measurement.clone()).or_default().insert(key.field.clone(), given);
                    learned = true;
                }
            }
        }
        // The types are on disk before any value that needs them.
        if learned {
            write_schema(&self.dir, &self.schema)?;
        }
        let values = batch.values();
        if values >= DIRECT_VALUES {
            // Every file must be older than every segment: the log goes first.
            self.compact()?;
            let number = self.take_number();
            self.write_files(batch, number)
        } else {
            self.log(&batch)?;
            if self.wal_bytes()? >= WAL_COMPACT_BYTES { self.compact() } else { Ok(()) }
        }
    }

    fn take_number(&mut self) -> u64 {
        self.next += 1;
        self.next - 1
    }

    /// Appends the batch to this writer's segment as one record and syncs it.
    fn log(&mut self, batch: &Batch) -> Result<(), StorageError> {
        if self.segment.is_none() {
            let number = self.take_number();
            let wal = self.dir.join(WAL);
            fs::create_dir_all(&wal).map_err(|e| io_error(&wal, e))?;
            let path = wal.join(format!("{number:08}.wal"));
            let file = OpenOptions::new().create_new(true).append(true).open(&path).map_err(|e| io_error(&path, e))?;
            self.segment = Some((file, path));
        }
        let (file, path) = self.segment.as_mut().expect("opened above");
        let mut payload = String::new();
        for point in batch.to_points() {
            payload.push_str(&line_protocol::encode(&point, point.time.unwrap_or_default()));
            payload.push('\n');
        }
        let length = u32::try_from(payload.len())
            .map_err(|_| StorageError { path: path.clone(), message: "a batch over 4 GiB".to_owned() })?;
        let mut record = Vec::with_capacity(payload.len() + 8);
        record.extend_from_slice(&length.to_le_bytes());
        record.extend_from_slice(&crc32(payload.as_bytes()).to_le_bytes());
        record.extend_from_slice(payload.as_bytes());
        file.write_all(&record).map_err(|e| io_error(path, e))?;
        file.sync_data().map_err(|e| io_error(path, e))
    }

    fn wal_bytes(&self) -> Result<u64, StorageError> {
        let mut total = 0;
        for (_, path) in segments(&self.dir.join(WAL))? {
            total += fs::metadata(&path).map_err(|e| io_error(&path, e))?.len();
        }
        Ok(total)
    }

    /// Moves the log's points into columnar files: the files are written and renamed into
    /// place, then the segments deleted.
    pub fn compact(&mut self) -> Result<(), StorageError> {
        let wal = self.dir.join(WAL);
        let listed = segments(&wal)?;
        let Some(&(last, _)) = listed.last() else { return Ok(()) };
        let batch = read_wal(&wal)?.ok_or_else(|| StorageError {
            path: wal.clone(),
            message: "a segment disappeared while its bucket was locked".to_owned(),
        })?;
        // Numbered as the newest segment, so that the files rank where the log did.
        self.write_files(batch, last)?;
        self.segment = None;
        for (_, path) in listed {
            fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
        }
        sync_dir(&wal)?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        self.drop_expired(now).map(|_| ())
    }

    /// Deletes the files of the days that the retention no longer keeps at `now` (reads
    /// skip their points anyway).
    pub fn drop_expired(&mut self, now: i64) -> Result<usize, StorageError> {
        let Some(retention) = self.info.retention else { return Ok(0) };
        let oldest = now.saturating_sub(retention);
        let mut dropped = 0;
        for partition in partitions(&self.dir.join(FILES))? {
            for StoredFile { day, path, .. } in partition_files(&partition)? {
                if day.saturating_add(1).saturating_mul(DAY) <= oldest {
                    fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
                    dropped += 1;
                }
            }
        }
        Ok(dropped)
    }

    /// Writes the batch as one file per measurement and day, numbered `number`, each
    /// renamed into place once whole and synced; then merges partitions that hold too many
    /// files.
    fn write_files(&mut self, batch: Batch, number: u64) -> Result<(), StorageError> {
        let mut partitions: BTreeMap<(String, i64), Vec<(SeriesKey, Column)>> = BTreeMap::new();
        for (key, mut column) in batch.into_series() {
            column.normalize();
            for (day, part) in split_by_day(column) {
                partitions.entry((key.measurement.clone(), day)).or_default().push((key.clone(), part));
            }
        }
        let mut touched = Vec::new();
        for ((measurement, day), mut series) in partitions {
            series.sort_by(|a, b| a.0.cmp(&b.0));
            let folder = self.dir.join(FILES).join(escape_measurement(&measurement));
            fs::create_dir_all(&folder).map_err(|e| io_error(&folder, e))?;
            let refs: Vec<(&SeriesKey, &Column)> = series.iter().map(|(k, c)| (k, c)).collect();
            install(&folder, day, number, &refs)?;
            touched.push((folder, day));
        }
        sync_dir(&self.dir.join(FILES))?;
        for (folder, day) in touched {
            merge_partition(&folder, day)?;
        }
        Ok(())
    }
}

/// When a measurement's day is spread over too many files: one file of their points,
/// numbered as the newest of them, then the others deleted.
fn merge_partition(folder: &Path, day: i64) -> Result<(), StorageError> {
    let files: Vec<StoredFile> = partition_files(folder)?.into_iter().filter(|f| f.day == day).collect();
    if files.len() <= MAX_PARTITION_FILES {
        return Ok(());
    }
    let mut merged: HashMap<SeriesKey, Column> = HashMap::new();
    // Oldest first, so that normalizing keeps the newest value of a time.
    for StoredFile { path, checksum, .. } in &files {
        let file = match ColumnarFile::open(path, *checksum) {
            Ok(file) => file,
            Err(OpenError::Gone) => {
                return Err(StorageError { path: path.clone(), message: "deleted while being merged".to_owned() });
            }
            Err(OpenError::Damaged(e)) => return Err(e),
        };
        for (index, group) in file.groups.iter().enumerate() {
            let column = file.read(index)?;
            match merged.get_mut(&group.series) {
                Some(existing) => existing.append(column),
                None => {
                    merged.insert(group.series.clone(), column);
                }
            }
        }
    }
    let mut series: Vec<(SeriesKey, Column)> = merged.into_iter().collect();
    series.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, column) in &mut series {
        column.normalize();
    }
    let newest = files.iter().map(|f| f.number).max().expect("more than one file");
    let refs: Vec<(&SeriesKey, &Column)> = series.iter().map(|(k, c)| (k, c)).collect();
    let merged = install(folder, day, newest, &refs)?;
    // A reader that listed the old files and opens them now sees the same points twice
    // (the same values), or finds one gone and lists again.
    for StoredFile { path, .. } in &files {
        if *path != merged {
            fs::remove_file(path).map_err(|e| io_error(path, e))?;
        }
    }
    sync_dir(folder)
}

/// Writes a columnar file under a temporary name and renames it into place: readers see the
/// old file or the new one, never a part. The name carries the CRC-32 of the file's footer,
/// checked before the Parquet decoder reads it. Returns the file's path.
fn install(folder: &Path, day: i64, number: u64, series: &[(&SeriesKey, &Column)]) -> Result<PathBuf, StorageError> {
    let temporary = folder.join(format!("{day}.{number:08}.parquet.tmp"));
    let checksum = columnar::write(&temporary, series)?;
    let path = folder.join(format!("{day}.{number:08}.{checksum:08x}.parquet"));
    fs::rename(&temporary, &path).map_err(|e| io_error(&path, e))?;
    sync_dir(folder)?;
    Ok(path)
}

fn sync_dir(dir: &Path) -> Result<(), StorageError> {
    // Only where a directory can be opened and synced: then the rename or deletion is on
    // disk once this returns.
    #[cfg(unix)]
    File::open(dir).and_then(|d| d.sync_all()).map_err(|e| io_error(dir, e))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A column cut at UTC day boundaries; the column is in time order.
fn split_by_day(column: Column) -> Vec<(i64, Column)> {
    let (Some(&first), Some(&last)) = (column.times.first(), column.times.last()) else { return Vec::new() };
    let (first, last) = (columnar::day_of(first), columnar::day_of(last));
    if first == last {
        return vec![(first, column)];
    }
    let mut out = Vec::new();
    let mut at = 0;
    for day in first..=last {
        let end = at + column.times[at..].partition_point(|&t| t < (day + 1).saturating_mul(DAY));
        if end > at {
            out.push((day, column.slice(at..end)));
        }
        at = end;
    }
    out
}

/// A measurement as a folder name: bytes other than letters, digits, `-` and `_` as `%XX`.
fn escape_measurement(measurement: &str) -> String {
    let mut out = String::new();
    for b in measurement.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unescape_measurement(folder: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(folder.len());
    let mut rest = folder.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// What a directory holds; nothing when it does not exist.
fn list(dir: &Path) -> Result<Vec<PathBuf>, StorageError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(dir, e)),
    };
    entries.map(|entry| entry.map(|e| e.path()).map_err(|e| io_error(dir, e))).collect()
}

/// The measurement folders of a bucket.
fn partitions(files: &Path) -> Result<Vec<PathBuf>, StorageError> {
    let mut out: Vec<PathBuf> = list(files)?.into_iter().filter(|path| path.is_dir()).collect();
    out.sort();
    Ok(out)
}

/// A finished columnar file, from its name `<day>.<number>.<footer CRC-32>.parquet`.
struct StoredFile {
    day: i64,
    number: u64,
    checksum: u32,
    path: PathBuf,
}

/// The finished files of a measurement folder, oldest number first.
fn partition_files(folder: &Path) -> Result<Vec<StoredFile>, StorageError> {
    let mut out = Vec::new();
    for path in list(folder)? {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let Some(stem) = name.strip_suffix(".parquet") else { continue };
        let parts: Vec<&str> = stem.split('.').collect();
        let [day, number, checksum] = parts.as_slice() else { continue };
        if let (Ok(day), Ok(number), Ok(checksum)) = (day.parse(), number.parse(), u32::from_str_radix(checksum, 16)) {
            out.push(StoredFile { day, number, checksum, path });
        }
    }
    out.sort_by_key(|f| (f.number, f.day));
    Ok(out)
}

/// The next number for a segment or a file: past every one there is.
fn next_number(dir: &Path) -> Result<u64, StorageError> {
    let mut last = segments(&dir.join(WAL))?.last().map_or(0, |(n, _)| *n);
    for partition in partitions(&dir.join(FILES))? {
        for file in partition_files(&partition)? {
            last = last.max(file.number);
        }
    }
    Ok(last + 1)
}

/// The log's points, each series normalized; `None` when a segment disappeared while being
/// read (a compaction finished).
fn read_wal(wal: &Path) -> Result<Option<Batch>, StorageError> {
    let mut batch = Batch::default();
    for (_, path) in segments(wal)? {
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error(&path, e)),
        };
        for record in records(&path, &bytes)? {
            let (points, errors) = line_protocol::parse(record, Precision::Nanoseconds);
            if let Some(error) = errors.first() {
                return Err(StorageError { path: path.clone(), message: format!("a damaged record: {error}") });
            }
            for point in points {
                batch
                    .push(point, 0)
                    .map_err(|conflict| StorageError { path: path.clone(), message: conflict.to_string() })?;
            }
        }
    }
    batch.normalize();
    Ok(Some(batch))
}

type Schema = BTreeMap<String, BTreeMap<String, FieldType>>;

fn read_schema(dir: &Path) -> Result<Schema, StorageError> {
    let path = dir.join(SCHEMA);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(io_error(&path, e)),
    };
    let damaged = || StorageError { path: path.clone(), message: "the bucket's field types are damaged".to_owned() };
    let json: BTreeMap<String, BTreeMap<String, String>> = serde_json::from_str(&text).map_err(|_| damaged())?;
    json.into_iter()
        .map(|(m, fields)| {
            let fields = fields
                .into_iter()
                .map(|(f, t)| FieldType::parse(&t).map(|t| (f, t)).ok_or_else(damaged))
                .collect::<Result<_, _>>()?;
            Ok((m, fields))
        })
        .collect()
}

fn write_schema(dir: &Path, schema: &Schema) -> Result<(), StorageError> {
    let json: BTreeMap<&String, BTreeMap<&String, &str>> =
        schema.iter().map(|(m, fields)| (m, fields.iter().map(|(f, t)| (f, t.name())).collect())).collect();
    let path = dir.join(SCHEMA);
    let temporary = dir.join(format!("{SCHEMA}.tmp"));
    let mut file = File::create(&temporary).map_err(|e| io_error(&temporary, e))?;
    file.write_all(serde_json::to_string(&json).expect("a map of strings").as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| io_error(&temporary, e))?;
    fs::rename(&temporary, &path).map_err(|e| io_error(&path, e))?;
    sync_dir(dir)
}

/// CRC-32 (IEEE 802.3), as zlib computes it.
pub fn crc32(bytes: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = [0u32; 256];
        for (i, entry) in table.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *entry = c;
        }
        table
    });
    !bytes.iter().fold(!0u32, |c, &b| table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

#[cfg(test)]
mod tests;
