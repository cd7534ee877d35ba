//! `flx write` and `flx buckets`: local buckets, the embedded engine's storage.

use std::ffi::OsString;
use std::path::PathBuf;

use flux_storage::line_protocol::{self, Precision};
use flux_storage::{BucketInfo, DataDir};

use crate::files::{self, Input};
use crate::{Outcome, UsageError};

pub const WRITE_HELP: &str = "\
Write points in line protocol to a local bucket.

Usage: flx write --bucket <name> [options] <file>|-

Options:
  --bucket <name>       The bucket (created when it does not exist)
  --precision <unit>    The unit of the timestamps: ns (default), us, ms or s; a point
                        without one gets the time of the write
  --data <dir>          The data directory (default: $FLX_DATA_DIR, else .flx/data)
  -h, --help            Show this help

A line that is not line protocol is reported with its line and column and left out; the
other lines are written, in one batch that is on disk before the command says so.

Exit status: 0 when every line was written, 1 when some lines were bad, 2 on bad usage or
when nothing could be written.";

pub const BUCKETS_HELP: &str = "\
List, create and delete local buckets.

Usage: flx buckets [--data <dir>]                   list them
       flx buckets create <name> [--retention <d>]  create one (retention such as 30d, 12h;
                                                    points older than that are not read)
       flx buckets delete <name>                    delete one and its data

Options:
  --data <dir>   The data directory (default: $FLX_DATA_DIR, else .flx/data)";

/// The data directory: `--data`, else `FLX_DATA_DIR`, else `.flx/data` here.
pub fn data_dir(flag: Option<OsString>) -> DataDir {
    let root = flag
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("FLX_DATA_DIR").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(flux_storage::bucket::DEFAULT_DATA_DIR));
    DataDir::new(root)
}

pub fn write(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let (mut bucket, mut precision, mut data, mut input) = (None, Precision::Nanoseconds, None, None);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("bucket") | Short('b') => bucket = Some(parser.value()?.string()?),
            Long("precision") => {
                let value = parser.value()?.string()?;
                precision = Precision::parse(&value).ok_or_else(|| {
                    UsageError(format!("invalid value `{value}` for --precision: expected ns, us, ms or s"))
                })?;
            }
            Long("data") => data = Some(parser.value()?),
            Long("help") | Short('h') => {
                println!("{WRITE_HELP}");
                return Ok(Outcome::Clean);
            }
            Value(value) if input.is_none() => input = Some(value),
            other => return Err(other.unexpected().into()),
        }
    }
    let bucket = bucket.ok_or_else(|| UsageError("`flx write` needs --bucket".to_owned()))?;
    let input = match input {
        Some(path) if path == "-" => Input::Stdin,
        Some(path) => Input::File(path.into()),
        None => {
            return Err(UsageError("`flx write` needs a file of line protocol, or `-` for standard input".to_owned()));
        }
    };
    let source = match files::read(&input) {
        Ok(source) => source,
        Err(message) => {
            eprintln!("flx: {message}");
            return Ok(Outcome::Failed);
        }
    };
    let data = data_dir(data);
    let created = !matches!(data.bucket(&bucket), Ok(Some(_)));
    let mut writer = match data.writer(&bucket, true) {
        Ok(writer) => writer,
        Err(e) => {
            eprintln!("flx: {e}");
            return Ok(Outcome::Failed);
        }
    };
    let mut batch = flux_storage::Batch::default();
    let errors =
        line_protocol::parse_into(&source.text, precision, crate::now(), &mut batch, &|m, f| writer.field_type(m, f));
    let name = input.display();
    for error in &errors {
        eprintln!("{name}:{}:{}: {}", error.line, error.column, error.message);
    }
    let points = batch.points();
    if let Err(e) = writer.write_batch(batch) {
        eprintln!("flx: {e}");
        return Ok(Outcome::Failed);
    }
    if created {
        eprintln!("flx: created the bucket `{bucket}` in {}", data.root().display());
    }
    let bad = if errors.is_empty() {
        String::new()
    } else {
        format!("; {} left out", files::count(errors.len(), "bad line"))
    };
    println!("wrote {} to `{bucket}`{bad}", files::count(points, "point"));
    Ok(if errors.is_empty() { Outcome::Clean } else { Outcome::Problems })
}

pub fn buckets(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let (mut data, mut retention, mut words) = (None, None, Vec::new());
    while let Some(arg) = parser.next()? {
        match arg {
            Long("data") => data = Some(parser.value()?),
            Long("retention") => retention = Some(parser.value()?.string()?),
            Long("help") | Short('h') => {
                println!("{BUCKETS_HELP}");
                return Ok(Outcome::Clean);
            }
            Value(value) => words.push(value.string()?),
            other => return Err(other.unexpected().into()),
        }
    }
    let data = data_dir(data);
    let result = match words.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] | ["list"] => data.buckets().map(|buckets| {
            for bucket in buckets {
                match bucket.retention {
                    Some(r) => println!("{}\tretention {}", bucket.name, flux_exec::value::Duration::from_nanos(r)),
                    None => println!("{}\tretention forever", bucket.name),
                }
            }
        }),
        ["create", name] => {
            let retention = retention.map(|text| parse_retention(&text)).transpose().map_err(UsageError)?;
            data.create_bucket(&BucketInfo { name: (*name).to_owned(), retention })
                .map(|()| println!("created the bucket `{name}`"))
        }
        ["delete", name] => data.delete_bucket(name).map(|()| println!("deleted the bucket `{name}`")),
        _ => {
            return Err(UsageError(
                "expected `flx buckets`, `flx buckets create NAME` or `flx buckets delete NAME`".to_owned(),
            ));
        }
    };
    match result {
        Ok(()) => Ok(Outcome::Clean),
        Err(e) => {
            eprintln!("flx: {e}");
            Ok(Outcome::Failed)
        }
    }
}

/// A retention period such as `30d` or `12h30m`, in nanoseconds.
fn parse_retention(text: &str) -> Result<i64, String> {
    let invalid = || format!("invalid value `{text}` for --retention: expected a duration such as 30d or 12h");
    let mut total: i64 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(invalid)?;
        let number: i64 = rest[..digits].parse().map_err(|_| invalid())?;
        let after = &rest[digits..];
        let unit_len = after.find(|c: char| c.is_ascii_digit()).unwrap_or(after.len());
        let size = flux_exec::value::Duration::unit_nanos(&after[..unit_len]).ok_or_else(invalid)?;
        total = number.checked_mul(size).and_then(|n| total.checked_add(n)).ok_or_else(invalid)?;
        rest = &after[unit_len..];
    }
    if total <= 0 {
        return Err(invalid());
    }
    Ok(total)
}
