use std::path::PathBuf;

use super::{BucketInfo, DataDir, StorageError, crc32};
use crate::line_protocol::{FieldValue, Point, Precision, encode, parse};
use crate::series::Column;

/// A scratch data directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("flux-storage-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every point of the bucket as line protocol, by series then time.
fn lines(data: &DataDir, bucket: &str) -> Vec<String> {
    try_lines(data, bucket).unwrap()
}

fn try_lines(data: &DataDir, bucket: &str) -> Result<Vec<String>, StorageError> {
    let snapshot = data.snapshot(bucket, 100, (i64::MIN, i64::MAX), &|_| true)?;
    let all = snapshot.scan(
        &|_, _| true,
        |_, _| Vec::new(),
        |out: &mut Vec<Column>, column| {
            out.push(column);
            Ok::<(), StorageError>(())
        },
    )?;
    let mut out = Vec::new();
    for (key, _, columns) in all {
        for column in columns {
            for (i, &time) in column.times.iter().enumerate() {
                let point = Point {
                    measurement: key.measurement.clone(),
                    tags: key.tags.clone(),
                    fields: vec![(key.field.clone(), column.values.get(i))],
                    time: None,
                };
                out.push(encode(&point, time));
            }
        }
    }
    Ok(out)
}

#[test]
fn crc32_is_zlibs() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

#[test]
fn written_points_read_back_by_series_with_times_filled() {
    let scratch = Scratch::new("round-trip");
    let data = DataDir::new(&scratch.0);
    let (points, errors) = parse("cpu,host=a usage=1 10\ncpu,host=b usage=2\nmem used=3i 30", Precision::Nanoseconds);
    assert!(errors.is_empty());
    let mut writer = data.writer("telegraf", true).unwrap();
    writer.write(&points[..2], 20).unwrap();
    writer.write(&points[2..], 20).unwrap();
    drop(writer);
    // A second writer appends to a segment of its own.
    data.writer("telegraf", false).unwrap().write(&points[..1], 0).unwrap();
    assert_eq!(lines(&data, "telegraf"), ["cpu,host=a usage=1.0 10", "cpu,host=b usage=2.0 20", "mem used=3i 30"]);
    assert_eq!(data.buckets().unwrap(), [BucketInfo { name: "telegraf".to_owned(), retention: None }]);
}

#[test]
fn escapes_survive_the_log() {
    let scratch = Scratch::new("escapes");
    let data = DataDir::new(&scratch.0);
    let text = r#"my\ m\,eas,t\=k=v\ 1 f\,1="a \"b\" \\ c",g=1u 5"#;
    let (points, errors) = parse(text, Precision::Nanoseconds);
    assert!(errors.is_empty(), "{errors:?}");
    data.writer("b", true).unwrap().write(&points, 0).unwrap();
    assert_eq!(lines(&data, "b"), [r#"my\ m\,eas,t\=k=v\ 1 f\,1="a \"b\" \\ c" 5"#, r#"my\ m\,eas,t\=k=v\ 1 g=1u 5"#]);
}

#[test]
fn one_writer_at_a_time() {
    let scratch = Scratch::new("lock");
    let data = DataDir::new(&scratch.0);
    let _first = data.writer("b", true).unwrap();
    let second = data.writer("b", false).err().expect("the bucket is locked");
    assert!(second.to_string().contains("another process is writing to this bucket"), "{second}");
}

#[test]
fn a_torn_last_record_is_ignored_and_damage_before_it_is_an_error() {
    let scratch = Scratch::new("torn");
    let data = DataDir::new(&scratch.0);
    let (points, _) = parse("m v=1 1\nm v=2 2", Precision::Nanoseconds);
    let mut writer = data.writer("b", true).unwrap();
    writer.write(&points[..1], 0).unwrap();
    writer.write(&points[1..], 0).unwrap();
    drop(writer);
    let segment = scratch.0.join("b/wal/00000001.wal");
    let bytes = std::fs::read(&segment).unwrap();
    // The writer died in the middle of its second record: only the first was acknowledged.
    std::fs::write(&segment, &bytes[..bytes.len() - 3]).unwrap();
    assert_eq!(lines(&data, "b"), ["m v=1.0 1"]);
    // A flipped byte in the first record, with a whole record after it, is damage.
    let mut damaged = bytes.clone();
    damaged[10] ^= 1;
    std::fs::write(&segment, &damaged).unwrap();
    let error = try_lines(&data, "b").unwrap_err().to_string();
    assert!(error.contains("00000001.wal") && error.contains("checksum does not match at byte 0"), "{error}");
}

#[test]
fn retention_drops_old_points_when_reading() {
    let scratch = Scratch::new("retention");
    let data = DataDir::new(&scratch.0);
    data.create_bucket(&BucketInfo { name: "short".to_owned(), retention: Some(50) }).unwrap();
    let (points, _) = parse("m v=1 10\nm v=2 60", Precision::Nanoseconds);
    data.writer("short", false).unwrap().write(&points, 0).unwrap();
    assert_eq!(lines(&data, "short"), ["m v=2.0 60"]);
}

#[test]
fn bucket_names_are_plain_folder_names() {
    let scratch = Scratch::new("names");
    let data = DataDir::new(&scratch.0);
    for bad in ["", "../x", ".hidden", "a/b"] {
        assert!(data.writer(bad, true).is_err(), "{bad:?}");
    }
    assert!(data.create_bucket(&BucketInfo { name: "ok".to_owned(), retention: None }).is_ok());
    assert!(data.create_bucket(&BucketInfo { name: "ok".to_owned(), retention: None }).is_err());
    data.delete_bucket("ok").unwrap();
    assert!(data.buckets().unwrap().is_empty());
}

/// `count` points of series `m,s=<series>` with field `v`, every `step` nanoseconds from
/// `start`, the value `base + i`.
fn run_of(series: &str, count: i64, start: i64, step: i64, base: f64) -> Vec<Point> {
    (0..count)
        .map(|i| Point {
            measurement: "m".to_owned(),
            tags: vec![("s".to_owned(), series.to_owned())],
            fields: vec![("v".to_owned(), FieldValue::Float(base + i as f64))],
            time: Some(start + i * step),
        })
        .collect()
}

/// The files of a folder by name, a columnar file's footer checksum left out
/// (`0.00000001.parquet`).
fn files(dir: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    for name in &mut out {
        if let Some(stem) = name.strip_suffix(".parquet")
            && let [day, number, _checksum] = stem.split('.').collect::<Vec<_>>().as_slice()
        {
            *name = format!("{day}.{number}.parquet");
        }
    }
    out.sort();
    out
}

/// The one columnar file of a folder whose name starts with `prefix`.
fn file_starting(dir: &std::path::Path, prefix: &str) -> PathBuf {
    let found: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

const SECOND: i64 = 1_000_000_000;

#[test]
fn large_writes_become_columnar_files_and_the_latest_value_of_a_time_wins() {
    let scratch = Scratch::new("columnar");
    let data = DataDir::new(&scratch.0);
    let mut writer = data.writer("b", true).unwrap();
    // 60,000 points 3 s apart: 2.08 days, so three day files.
    writer.write(&run_of("a", 60_000, 0, 3 * SECOND, 0.0), 0).unwrap();
    assert_eq!(files(&scratch.0.join("b/files/m")), ["0.00000001.parquet", "1.00000001.parquet", "2.00000001.parquet"]);
    // A small write to the log replaces one value; a later large write replaces a run.
    writer.write(&run_of("a", 1, 30, 1, -1.0), 0).unwrap();
    assert_eq!(files(&scratch.0.join("b/wal")), ["00000002.wal"]);
    writer.write(&run_of("a", 50_000, 3 * SECOND, 3 * SECOND, 1e6), 0).unwrap();
    // The large write compacted the log first, into files numbered as its segment.
    assert_eq!(files(&scratch.0.join("b/wal")), Vec::<String>::new());
    drop(writer);
    let all = lines(&data, "b");
    assert_eq!(all.len(), 60_001);
    assert_eq!(all[0], "m,s=a v=0.0 0");
    assert_eq!(all[1], "m,s=a v=-1.0 30");
    assert_eq!(all[2], "m,s=a v=1000000.0 3000000000");
    assert_eq!(all[50_001], "m,s=a v=1049999.0 150000000000000");
    assert_eq!(all[50_002], "m,s=a v=50001.0 150003000000000");
}

#[test]
fn compaction_moves_the_log_into_files_and_merges_crowded_days() {
    let scratch = Scratch::new("compaction");
    let data = DataDir::new(&scratch.0);
    let mut writer = data.writer("b", true).unwrap();
    for round in 0..6 {
        // Each round rewrites the same times: only the last round's values remain.
        writer.write(&run_of("a", 10, 0, SECOND, f64::from(round) * 100.0), 0).unwrap();
        writer.write(&run_of("b", 10, 0, SECOND, f64::from(round) * 100.0), 0).unwrap();
        writer.compact().unwrap();
    }
    // Five files in day 0 were merged into one named as the newest; the sixth joined it.
    assert_eq!(files(&scratch.0.join("b/files/m")).len(), 2, "{:?}", files(&scratch.0.join("b/files/m")));
    assert!(files(&scratch.0.join("b/wal")).is_empty());
    drop(writer);
    let all = lines(&data, "b");
    assert_eq!(all.len(), 20);
    assert_eq!(all[0], "m,s=a v=500.0 0");
    assert_eq!(all[19], "m,s=b v=509.0 9000000000");
}

#[test]
fn a_damaged_file_is_named_and_other_measurements_stay_readable() {
    let scratch = Scratch::new("damaged");
    let data = DataDir::new(&scratch.0);
    let mut writer = data.writer("b", true).unwrap();
    writer.write(&run_of("a", 60_000, 0, SECOND, 0.0), 0).unwrap();
    let (points, _) = parse("other v=1 5", Precision::Nanoseconds);
    writer.write(&points, 0).unwrap();
    drop(writer);
    let path = file_starting(&scratch.0.join("b/files/m"), "0.00000001.");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let error = try_lines(&data, "b").unwrap_err().to_string();
    assert!(error.contains(&*path.to_string_lossy()) && error.contains("damaged columnar file"), "{error}");
    let snapshot = data.snapshot("b", 0, (i64::MIN, i64::MAX), &|m| m == "other").unwrap();
    let series = snapshot.series().unwrap();
    assert_eq!(series.len(), 1);
    assert_eq!(series[0].0.measurement, "other");
}

#[test]
fn a_field_keeps_its_type_across_writes() {
    let scratch = Scratch::new("types");
    let data = DataDir::new(&scratch.0);
    let (points, _) = parse("m v=1 5", Precision::Nanoseconds);
    data.writer("b", true).unwrap().write(&points, 0).unwrap();
    let (points, _) = parse("m v=\"text\" 6", Precision::Nanoseconds);
    let mut writer = data.writer("b", false).unwrap();
    assert_eq!(writer.field_type("m", "v"), Some(crate::series::FieldType::Float));
    let error = writer.write(&points, 0).unwrap_err().to_string();
    assert!(error.contains("the field `v` of `m` holds float values, not string"), "{error}");
}

#[test]
fn compaction_deletes_the_days_the_retention_no_longer_keeps() {
    let scratch = Scratch::new("expiry");
    let data = DataDir::new(&scratch.0);
    data.create_bucket(&BucketInfo { name: "b".to_owned(), retention: Some(86_400 * SECOND) }).unwrap();
    let mut writer = data.writer("b", false).unwrap();
    // Points of 1970: far older than a day.
    writer.write(&run_of("a", 60_000, 0, SECOND, 0.0), 0).unwrap();
    assert_eq!(files(&scratch.0.join("b/files/m")).len(), 1);
    writer.write(&run_of("a", 10, 0, SECOND, 0.0), 0).unwrap();
    writer.compact().unwrap();
    assert!(files(&scratch.0.join("b/files/m")).is_empty(), "{:?}", files(&scratch.0.join("b/files/m")));
}

/// A file whose footer makes the Parquet decoder panic (found by the `columnar` fuzz target)
/// is an error naming it, like any other damage.
#[test]
fn a_file_the_decoder_chokes_on_is_an_error() {
    let scratch = Scratch::new("choke");
    let data = DataDir::new(&scratch.0);
    data.create_bucket(&BucketInfo { name: "b".to_owned(), retention: None }).unwrap();
    let folder = scratch.0.join("b/files/m");
    std::fs::create_dir_all(&folder).unwrap();
    // Its footer is damaged but its name has the footer's checksum: only the decoder can
    // tell.
    let scratch_file = folder.join("damaged");
    std::fs::write(&scratch_file, include_bytes!("damaged-footer.parquet")).unwrap();
    let checksum = crate::columnar::footer_checksum(&scratch_file).unwrap();
    let path = folder.join(format!("0.00000001.{checksum:08x}.parquet"));
    std::fs::rename(&scratch_file, &path).unwrap();
    let error = try_lines(&data, "b").unwrap_err().to_string();
    assert!(error.contains(&format!("{}: a damaged columnar file", path.display())), "{error}");
    // A footer that does not match its checksum is refused before the decoder sees it.
    std::fs::rename(&path, folder.join("0.00000001.00000000.parquet")).unwrap();
    let error = try_lines(&data, "b").unwrap_err().to_string();
    assert!(error.contains("does not match the checksum in its name"), "{error}");
}
