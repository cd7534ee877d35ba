//! Local buckets: a data directory with a folder per bucket. A bucket holds its settings
//! (`bucket.json`), a lock file its one writer holds, and its write-ahead log: segment files
//! of records, each a batch of points as line protocol behind its length and CRC-32, fsync'd
//! before the write is acknowledged.
//!
//! A record cut short at the end of the last segment is a write that was never acknowledged
//! (the writer died in it) and is ignored; anything else that does not check out is an error
//! naming the file and the offset.

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::line_protocol::{self, Point, Precision};

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
        let wal = dir.join(WAL);
        let next = segments(&wal)?.last().map_or(1, |(n, _)| n + 1);
        // Each writer appends to a segment of its own, so a torn record can only be at the
        // end of a segment no later writer touched.
        let path = wal.join(format!("{next:08}.wal"));
        let file = OpenOptions::new().create_new(true).append(true).open(&path).map_err(|e| io_error(&path, e))?;
        Ok(Writer { file, path, _lock: lock })
    }

    /// Every point the bucket holds that its retention keeps at `now`, in the order written.
    pub fn read(&self, name: &str, now: i64) -> Result<Vec<(Point, i64)>, StorageError> {
        let dir = self.bucket_dir(name)?;
        if !dir.join(SETTINGS).is_file() {
            return Err(StorageError { path: dir, message: format!("there is no bucket `{name}`") });
        }
        let info = read_settings(&dir)?;
        let oldest = info.retention.map_or(i64::MIN, |r| now.saturating_sub(r));
        let mut out = Vec::new();
        for (_, path) in segments(&dir.join(WAL))? {
            let bytes = fs::read(&path).map_err(|e| io_error(&path, e))?;
            for batch in records(&path, &bytes)? {
                let (points, errors) = line_protocol::parse(batch, Precision::Nanoseconds);
                if let Some(error) = errors.first() {
                    return Err(StorageError { path: path.clone(), message: format!("a damaged record: {error}") });
                }
                for point in points {
                    let time = point.time.unwrap_or_default();
                    if time >= oldest {
                        out.push((point, time));
                    }
                }
            }
        }
        Ok(out)
    }
}

const SETTINGS: &str = "bucket.json";
const WAL: &str = "wal";
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
    let entries = match fs::read_dir(wal) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(wal, e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| io_error(wal, e))?.path();
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
    file: File,
    path: PathBuf,
    _lock: File,
}

impl Writer {
    /// Appends the points as one record and waits until it is on disk; a point without a
    /// time gets `now`.
    pub fn write(&mut self, points: &[Point], now: i64) -> Result<(), StorageError> {
        if points.is_empty() {
            return Ok(());
        }
        let mut payload = String::new();
        for point in points {
            payload.push_str(&line_protocol::encode(point, point.time.unwrap_or(now)));
            payload.push('\n');
        }
        let length = u32::try_from(payload.len())
            .map_err(|_| StorageError { path: self.path.clone(), message: "a batch over 4 GiB".to_owned() })?;
        let mut record = Vec::with_capacity(payload.len() + 8);
        record.extend_from_slice(&length.to_le_bytes());
        record.extend_from_slice(&crc32(payload.as_bytes()).to_le_bytes());
        record.extend_from_slice(payload.as_bytes());
        self.file.write_all(&record).map_err(|e| io_error(&self.path, e))?;
        self.file.sync_data().map_err(|e| io_error(&self.path, e))
    }
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
