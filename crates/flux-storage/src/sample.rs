//! The sample bucket: generated, deterministic data for examples and first steps. Two days
//! (2026-01-01 and 2026-01-02, UTC) at 10-second resolution of what a small deployment
//! reports: `cpu`, `mem`, `disk` and `net` of three hosts, and an `airSensor` set of three
//! rooms (temperature, humidity, co). Values follow daily cycles with noise from a seeded
//! generator, so every machine gets the same points.

use crate::bucket::{DataDir, StorageError};
use crate::line_protocol::{FieldValue, Point};

/// The bucket's name.
pub const BUCKET: &str = "sample";

/// 2026-01-01T00:00:00Z.
pub const START: i64 = 1_767_225_600_000_000_000;
const STEP: i64 = 10_000_000_000;
const STEPS: i64 = 2 * 86_400 / 10;
const SEED: u64 = 0x5EED_F1A5;

/// Writes the sample bucket into `data`; it must not exist yet.
pub fn generate(data: &DataDir) -> Result<usize, StorageError> {
    let mut writer = data.writer(BUCKET, true)?;
    let mut random = Random(SEED);
    let mut written = 0;
    let hosts = ["web-1", "web-2", "db-1"];
    let rooms = ["kitchen", "lab", "office"];
    // Counters that only grow.
    let mut sent = [0u64; 3];
    let mut batch = Vec::new();
    for step in 0..STEPS {
        let time = START + step * STEP;
        // 0 at midnight, 1 at noon.
        let day = (((step * 10) % 86_400) as f64 / 86_400.0 * std::f64::consts::TAU).cos() * -0.5 + 0.5;
        let mut points = Vec::with_capacity(16);
        for (h, host) in hosts.iter().enumerate() {
            let load = if h == 2 { 0.3 } else { 0.15 } + 0.5 * day;
            let user = (100.0 * load + random.noise(4.0)).clamp(0.5, 99.0);
            let system = (0.3 * user + random.noise(1.0)).clamp(0.1, 30.0);
            let tags = vec![("host".to_owned(), (*host).to_owned())];
            points.push(point(
                "cpu",
                &tags,
                vec![
                    ("usage_user", FieldValue::Float(round(user))),
                    ("usage_system", FieldValue::Float(round(system))),
                    ("usage_idle", FieldValue::Float(round(100.0 - user - system))),
                ],
                time,
            ));
            let used = (35.0 + 10.0 * h as f64 + 20.0 * day + random.noise(2.0)).clamp(1.0, 99.0);
            points.push(point("mem", &tags, vec![("used_percent", FieldValue::Float(round(used)))], time));
            let disk = 40.0 + 15.0 * h as f64 + step as f64 * 0.0005;
            points.push(point("disk", &tags, vec![("used_percent", FieldValue::Float(round(disk)))], time));
            sent[h] += (50_000.0 * (load + random.noise(0.1)).max(0.0)) as u64;
            points.push(point("net", &tags, vec![("bytes_sent", FieldValue::UInt(sent[h]))], time));
        }
        for (r, room) in rooms.iter().enumerate() {
            let tags =
                vec![("sensor_id".to_owned(), format!("TLM0{}", 100 + r)), ("room".to_owned(), (*room).to_owned())];
            let temperature = 20.0 + r as f64 + 2.5 * day + random.noise(0.3);
            let humidity = 40.0 - 8.0 * day + random.noise(1.0);
            let co = (0.4 + 0.3 * day + random.noise(0.05)).max(0.0);
            points.push(point(
                "airSensor",
                &tags,
                vec![
                    ("temperature", FieldValue::Float(round(temperature))),
                    ("humidity", FieldValue::Float(round(humidity))),
                    ("co", FieldValue::Float(round(co))),
                ],
                time,
            ));
        }
        written += points.len();
        batch.append(&mut points);
    }
    // One batch: one columnar file per measurement and day.
    writer.write(&batch, START)?;
    Ok(written)
}

fn point(measurement: &str, tags: &[(String, String)], fields: Vec<(&str, FieldValue)>, time: i64) -> Point {
    let mut tags = tags.to_vec();
    tags.sort();
    Point {
        measurement: measurement.to_owned(),
        tags,
        fields: fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        time: Some(time),
    }
}

/// Two decimals, as sensors report.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// xorshift64*: small, fast and the same everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in [-scale, scale].
    fn noise(&mut self, scale: f64) -> f64 {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0) * scale
    }
}
