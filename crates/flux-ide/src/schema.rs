//! What the data looks like: buckets, measurements, fields, tag keys and tag values, for
//! completing names inside string literals (`from(bucket: "`, `r._measurement == "`).
//!
//! The analysis gets a [`Schema`] value; where it comes from is the host's business. A
//! [`SchemaProvider`] loads one: the language server ships a provider that reads a JSON file
//! in the workspace (format in `docs/schema.md`), and the executor can provide a live one.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Known buckets, by name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    #[serde(default)]
    pub buckets: BTreeMap<String, Bucket>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bucket {
    #[serde(default)]
    pub measurements: BTreeMap<String, Measurement>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    #[serde(default)]
    pub fields: Vec<String>,
    /// Tag keys and their known values.
    #[serde(default)]
    pub tags: BTreeMap<String, Vec<String>>,
}

/// Loads a schema; implemented by hosts (a file in the workspace, a live database).
pub trait SchemaProvider: Send + Sync {
    /// Where the schema comes from, for messages: a path, a URL.
    fn source(&self) -> String;
    fn load(&self) -> Result<Schema, String>;
}

impl Schema {
    /// Reads the JSON form; the error names the line and column of the problem.
    pub fn from_json(text: &str) -> Result<Schema, String> {
        serde_json::from_str(text).map_err(|e| {
            let message = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            format!("line {}, column {}: {}", e.line(), e.column(), message.trim_end_matches(&suffix))
        })
    }

    /// What both know: `self` with the buckets, measurements, fields, tag keys and tag values
    /// that only `other` knows added after its own.
    pub fn merged(&self, other: &Schema) -> Schema {
        fn union(mine: &[String], theirs: &[String]) -> Vec<String> {
            let mut out = mine.to_vec();
            out.extend(theirs.iter().filter(|t| !mine.contains(t)).cloned());
            out
        }
        let mut out = self.clone();
        for (name, bucket) in &other.buckets {
            let into = out.buckets.entry(name.clone()).or_default();
            for (name, measurement) in &bucket.measurements {
                let into = into.measurements.entry(name.clone()).or_default();
                into.fields = union(&into.fields, &measurement.fields);
                for (tag, values) in &measurement.tags {
                    let known = into.tags.entry(tag.clone()).or_default();
                    *known = union(known, values);
                }
            }
        }
        out
    }

    /// The measurements of `bucket`, or of every bucket when it is not known.
    pub(crate) fn measurements<'a>(
        &'a self,
        bucket: Option<&'a str>,
    ) -> impl Iterator<Item = (&'a str, &'a Measurement)> {
        let known = bucket.filter(|b| self.buckets.contains_key(*b));
        self.buckets
            .iter()
            .filter(move |(name, _)| known.is_none_or(|b| b == name.as_str()))
            .flat_map(|(_, b)| b.measurements.iter().map(|(n, m)| (n.as_str(), m)))
    }

    /// The measurements in scope: those named (if any are known), in `bucket` (if known).
    pub(crate) fn selected<'a>(
        &'a self,
        bucket: Option<&'a str>,
        measurements: &'a [String],
    ) -> impl Iterator<Item = (&'a str, &'a Measurement)> {
        let known: Vec<&String> =
            measurements.iter().filter(|m| self.measurements(bucket).any(|(n, _)| n == m.as_str())).collect();
        self.measurements(bucket).filter(move |(name, _)| known.is_empty() || known.iter().any(|k| k.as_str() == *name))
    }
}

#[cfg(test)]
mod tests {
    use super::Schema;

    #[test]
    fn reads_the_documented_format_and_reports_mistakes_with_positions() {
        let schema = Schema::from_json(
            r#"{"buckets": {"telegraf": {"measurements": {"cpu": {"fields": ["usage_user"], "tags": {"host": ["a", "b"]}}}}}}"#,
        )
        .unwrap();
        let cpu = &schema.buckets["telegraf"].measurements["cpu"];
        assert_eq!(cpu.fields, ["usage_user"]);
        assert_eq!(cpu.tags["host"], ["a", "b"]);
        let error = Schema::from_json("{\n  \"bucket\": {}\n}").unwrap_err();
        assert!(error.starts_with("line 2, column 10: unknown field `bucket`"), "{error}");
    }

    #[test]
    fn a_merge_keeps_what_either_knows_the_first_one_first() {
        let file = Schema::from_json(
            r#"{"buckets": {"a": {"measurements": {"cpu": {"fields": ["user"], "tags": {"host": ["h2"]}}}}}}"#,
        )
        .unwrap();
        let live = Schema::from_json(
            r#"{"buckets": {"a": {"measurements": {"cpu": {"fields": ["idle", "user"], "tags": {"host": ["h1", "h2"], "cpu": ["c0"]}}, "mem": {}}}, "b": {}}}"#,
        )
        .unwrap();
        let merged = file.merged(&live);
        let cpu = &merged.buckets["a"].measurements["cpu"];
        assert_eq!(cpu.fields, ["user", "idle"]);
        assert_eq!(cpu.tags["host"], ["h2", "h1"]);
        assert_eq!(cpu.tags["cpu"], ["c0"]);
        assert!(merged.buckets["a"].measurements.contains_key("mem"));
        assert!(merged.buckets.contains_key("b"));
        assert_eq!(Schema::default().merged(&file), file);
    }

    #[test]
    fn an_unknown_bucket_or_measurement_widens_the_selection() {
        let schema = Schema::from_json(
            r#"{"buckets": {"a": {"measurements": {"cpu": {}, "mem": {}}}, "b": {"measurements": {"disk": {}}}}}"#,
        )
        .unwrap();
        let names = |bucket, measurements: &[String]| -> Vec<String> {
            schema.selected(bucket, measurements).map(|(n, _)| n.to_owned()).collect()
        };
        assert_eq!(names(Some("a"), &[]), ["cpu", "mem"]);
        assert_eq!(names(Some("zz"), &[]), ["cpu", "mem", "disk"]);
        assert_eq!(names(None, &["mem".to_owned()]), ["mem"]);
        assert_eq!(names(Some("a"), &["nope".to_owned()]), ["cpu", "mem"]);
    }
}
