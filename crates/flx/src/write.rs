//! `flx write` and `flx buckets`: local buckets, the embedded engine's storage.

use std::ffi::OsString;
use std::io::Read;
use std::path::PathBuf;

use flux_storage::line_protocol::{self, Precision};
use flux_storage::{BucketInfo, DataDir};

use crate::files::{self, Input};
use crate::{Outcome, UsageError};

pub const WRITE_HELP: &str = "\
Write points in line protocol or annotated CSV to a local bucket.

Usage: flx write --bucket <name> [options] <file>|-

Options:
  --bucket <name>       The bucket (created when it does not exist)
  --format <format>     lp (line protocol) or csv (annotated CSV, as InfluxDB's query API
                        and `flx run --format csv` write it); by default, csv when the
                        input starts with an annotation (#datatype ...) or a header
                        (,result,table ...), else lp
  --precision <unit>    The unit of line protocol timestamps: ns (default), us, ms or s; a
                        point without one gets the time of the write
  --data <dir>          The data directory (default: $FLX_DATA_DIR, else .flx/data)
  -h, --help            Show this help

Line protocol is read and written in batches of about 64 MiB, each on disk before the next
is read; a batch is written whole or not at all. A line that is not line protocol, or that
gives a field a type other than the bucket holds, is reported with its line and column and
left out; the other lines are written.

Annotated CSV is written as `to()` writes tables: `_measurement`, `_field`, `_value` and
`_time` make the point, the other string columns its tags.

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
    let mut format: Option<String> = None;
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
            Long("format") => format = Some(parser.value()?.string()?),
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
            return Err(UsageError(
                "`flx write` needs a file of line protocol or annotated CSV, or `-` for standard input".to_owned(),
            ));
        }
    };
    let data = data_dir(data);
    let created = !matches!(data.bucket(&bucket), Ok(Some(_)));
    let mut reader: Box<dyn Read> = match &input {
        Input::Stdin => Box::new(std::io::stdin().lock()),
        Input::File(path) => match std::fs::File::open(path) {
            Ok(file) => Box::new(file),
            Err(e) => {
                eprintln!("flx: cannot read `{}`: {e}", input.display());
                return Ok(Outcome::Failed);
            }
        },
    };
    let mut first = Vec::new();
    if let Err(e) = reader.by_ref().take(BATCH_BYTES as u64).read_to_end(&mut first) {
        eprintln!("flx: cannot read `{}`: {e}", input.display());
        return Ok(Outcome::Failed);
    }
    let csv = match format.as_deref() {
        Some("csv") => true,
        Some("lp") => false,
        Some(other) => return Err(UsageError(format!("invalid value `{other}` for --format: expected lp or csv"))),
        None => looks_like_csv(&first),
    };
    let name = input.display();
    let written = if csv {
        write_csv(&data, &bucket, first, reader, &name)
    } else {
        write_line_protocol(&data, &bucket, precision, first, reader, &name)
    };
    let (count, bad) = match written {
        Ok(counts) => counts,
        Err(message) => {
            eprintln!("flx: {message}");
            return Ok(Outcome::Failed);
        }
    };
    if created {
        eprintln!("flx: created the bucket `{bucket}` in {}", data.root().display());
    }
    let left_out = if bad == 0 { String::new() } else { format!("; {} left out", files::count(bad, "bad line")) };
    println!("wrote {} to `{bucket}`{left_out}", files::count(count, if csv { "row" } else { "point" }));
    Ok(if bad == 0 { Outcome::Clean } else { Outcome::Problems })
}

/// Line protocol is parsed and written this much at a time (cut at a line's end).
const BATCH_BYTES: usize = 64 << 20;

fn looks_like_csv(start: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&start[..start.len().min(256)]);
    let first = text.trim_start_matches(files::BOM).lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    ["#datatype", "#group", "#default", ",result,table"].iter().any(|p| first.starts_with(p))
}

/// Line protocol, batch by batch: the points written and the bad lines.
fn write_line_protocol(
    data: &DataDir,
    bucket: &str,
    precision: Precision,
    mut pending: Vec<u8>,
    mut reader: Box<dyn Read>,
    name: &str,
) -> Result<(usize, usize), String> {
    let mut writer = data.writer(bucket, true).map_err(|e| e.to_string())?;
    let (mut points, mut bad, mut lines_before) = (0, 0, 0);
    let mut at_start = true;
    loop {
        // Whole lines only: the rest waits for the next batch.
        let mut more = Vec::new();
        reader
            .by_ref()
            .take(BATCH_BYTES as u64)
            .read_to_end(&mut more)
            .map_err(|e| format!("cannot read `{name}`: {e}"))?;
        let end = more.is_empty();
        pending.extend_from_slice(&more);
        let cut = if end { pending.len() } else { pending.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) };
        if cut == 0 && !end {
            continue;
        }
        let rest = pending.split_off(cut);
        let mut text = std::str::from_utf8(&pending).map_err(|e| {
            let line = lines_before + pending[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            format!("`{name}` is not UTF-8 text: invalid byte on line {line}")
        })?;
        if at_start {
            text = text.trim_start_matches(files::BOM);
            at_start = false;
        }
        let mut batch = flux_storage::Batch::default();
        let errors = line_protocol::parse_into(text, precision, flux_exec::time::now(), &mut batch, &|m, f| {
            writer.field_type(m, f)
        });
        for error in &errors {
            eprintln!("{name}:{}:{}: {}", lines_before + error.line, error.column, error.message);
        }
        bad += errors.len();
        points += batch.points();
        writer.write_batch(batch).map_err(|e| e.to_string())?;
        lines_before += pending.iter().filter(|&&b| b == b'\n').count();
        pending = rest;
        if end {
            return Ok((points, bad));
        }
    }
}

/// Annotated CSV, written by `to()` as a Flux script would: the rows written.
fn write_csv(
    data: &DataDir,
    bucket: &str,
    mut text: Vec<u8>,
    mut reader: Box<dyn Read>,
    name: &str,
) -> Result<(usize, usize), String> {
    reader.read_to_end(&mut text).map_err(|e| format!("cannot read `{name}`: {e}"))?;
    let text = String::from_utf8(text).map_err(|_| format!("`{name}` is not UTF-8 text"))?;
    let literal = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace("${", "\\${"));
    let script = format!(
        "import \"csv\"\ncsv.from(csv: {})\n    |> to(bucket: {})\n",
        literal(text.trim_start_matches(files::BOM)),
        literal(bucket)
    );
    let mut host = flux_ide::AnalysisHost::new(flux_ide::Config::default());
    let file = host.set_file("write.flux", std::sync::Arc::from(script.as_str()), None, flux_ide::Origin::Disk);
    let program = host.analysis().program(file).expect("not cancelled");
    let options = flux_exec::RunOptions {
        now: flux_exec::time::now(),
        data_dir: Some(data.clone()),
        ..flux_exec::RunOptions::default()
    };
    let outcome = flux_exec::run_with(&program, &options);
    if let Some(error) = outcome.error {
        return Err(format!("{name}: {}", error.message));
    }
    Ok((outcome.results.iter().flat_map(|r| &r.tables).map(|t| t.len()).sum(), 0))
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
