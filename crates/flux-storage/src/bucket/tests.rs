use std::path::PathBuf;

use super::{BucketInfo, DataDir, crc32};
use crate::line_protocol::{Precision, parse};

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

fn lines(data: &DataDir, bucket: &str) -> Vec<String> {
    data.read(bucket, 100).unwrap().iter().map(|(p, t)| crate::line_protocol::encode(p, *t)).collect()
}

#[test]
fn crc32_is_zlibs() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

#[test]
fn written_points_read_back_in_order_with_times_filled() {
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
    assert_eq!(
        lines(&data, "telegraf"),
        ["cpu,host=a usage=1.0 10", "cpu,host=b usage=2.0 20", "mem used=3i 30", "cpu,host=a usage=1.0 10"]
    );
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
    let back = data.read("b", 0).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].0, points[0]);
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
    let error = data.read("b", 0).unwrap_err().to_string();
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
