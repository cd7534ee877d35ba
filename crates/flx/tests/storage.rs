//! Local buckets through the `flx` binary: writing line protocol, reading it with
//! `from(bucket:)`, managing buckets, and a writer killed at random moments.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("flx-storage-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn flx(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flx")).args(args).current_dir(cwd).output().expect("flx runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn written_points_are_read_by_from_bucket() {
    let dir = Scratch::new("write-read");
    std::fs::write(
        dir.0.join("points.lp"),
        "cpu,host=a usage=1.5 1700000000000000000\ncpu,host=a usage=2.5 1700000060000000000\nnot line protocol\ncpu,host=b usage=9 1700000000000000000\n",
    )
    .unwrap();
    let out = flx(&["write", "--bucket", "demo", "points.lp"], &dir.0);
    assert_eq!(out.status.code(), Some(1), "a bad line makes the exit status 1");
    assert_eq!(text(&out.stdout), "wrote 3 points to `demo`; 1 bad line left out\n");
    assert!(text(&out.stderr).contains("points.lp:3:"), "{}", text(&out.stderr));
    std::fs::write(
        dir.0.join("q.flux"),
        "from(bucket: \"demo\")\n    |> range(start: 2023-11-14T00:00:00Z, stop: 2023-11-15T00:00:00Z)\n    |> sum()\n",
    )
    .unwrap();
    let out = flx(&["run", "--format", "json", "q.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sums: Vec<&serde_json::Value> =
        json["results"][0]["tables"].as_array().unwrap().iter().map(|t| &t["rows"][0]).collect();
    assert_eq!(sums.len(), 2, "{json}");
    assert!(sums.iter().any(|row| row.as_array().unwrap().contains(&serde_json::json!(4.0))), "{json}");

    let out = flx(&["run", "--format", "csv", "--data", "elsewhere", "q.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("there is no bucket `demo`"), "{}", text(&out.stderr));
}

#[test]
fn buckets_are_listed_created_and_deleted() {
    let dir = Scratch::new("buckets");
    let out = flx(&["buckets", "create", "week", "--retention", "7d"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(flx(&["buckets", "create", "week"], &dir.0).status.code(), Some(2));
    assert_eq!(text(&flx(&["buckets"], &dir.0).stdout), "week\tretention 1w\n");
    // Flux sees them through `buckets()`.
    std::fs::write(dir.0.join("b.flux"), "buckets()\n").unwrap();
    let out = flx(&["run", "--format", "json", "b.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["results"][0]["tables"][0]["rows"],
        serde_json::json!([["week", "week", "", "custom", 604_800_000_000_000i64]])
    );
    assert_eq!(flx(&["buckets", "delete", "week"], &dir.0).status.code(), Some(0));
    assert_eq!(text(&flx(&["buckets"], &dir.0).stdout), "");
    assert_eq!(flx(&["buckets", "create", "x", "--retention", "soon"], &dir.0).status.code(), Some(2));
}

/// A writer killed at random moments, 100 times, while it logs small batches and while it
/// writes large ones straight to columnar files (compacting the log first and merging a
/// crowded day's files): the bucket always opens, every acknowledged batch is there once,
/// and the killed batch is there whole or not at all.
#[test]
fn a_killed_writer_loses_nothing_acknowledged() {
    let dir = Scratch::new("kill");
    let mut random = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        random
    };
    let mut acknowledged = 0usize;
    let (mut acked_rounds, mut killed_rounds, mut killed_large) = (0, 0, 0);
    for round in 0..100u64 {
        // Every third batch is large enough to skip the log.
        let (lines_per_batch, longest_wait) = if round % 3 == 2 { (60_000, 300_000) } else { (500, 15_000) };
        let batch: String = (0..lines_per_batch)
            .map(|i| format!("m,round=r{round} v={i}i {}\n", round * 1_000_000 + i as u64))
            .collect();
        let path = dir.0.join("batch.lp");
        std::fs::write(&path, batch).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_flx"))
            .args(["write", "--bucket", "b", "batch.lp"])
            .current_dir(&dir.0)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(next() % longest_wait));
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        let acked = text(&out.stdout).starts_with("wrote");
        let stored = count(&dir.0);
        let possible = [acknowledged, acknowledged + lines_per_batch];
        assert!(possible.contains(&stored), "round {round}: {stored} points stored, acknowledged {acknowledged}");
        if acked {
            assert_eq!(stored, acknowledged + lines_per_batch, "round {round}: an acknowledged batch is stored");
            acked_rounds += 1;
        } else {
            killed_rounds += 1;
            killed_large += usize::from(lines_per_batch > 500);
        }
        acknowledged = stored;
    }
    // The kills must land both during writes and after them, or the test proves nothing.
    assert!(acked_rounds > 0 && killed_rounds > 0, "{acked_rounds} rounds acknowledged, {killed_rounds} killed first");
    assert!(killed_large > 0, "no large write was killed");
}

/// The points of bucket `b` (every point has a time of its own, so a point stored twice
/// would be counted twice).
fn count(dir: &Path) -> usize {
    std::fs::write(
        dir.join("count.flux"),
        "from(bucket: \"b\")\n    |> range(start: 0)\n    |> group()\n    |> count()\n",
    )
    .unwrap();
    let out = flx(&["run", "--format", "json", "count.flux"], dir);
    if out.status.code() == Some(1) && text(&out.stderr).contains("there is no bucket") {
        return 0;
    }
    assert_eq!(out.status.code(), Some(0), "the bucket opens: {}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tables = json["results"][0]["tables"].as_array().unwrap();
    if tables.is_empty() {
        return 0;
    }
    let value = tables[0]["rows"][0].as_array().unwrap().iter().find_map(|v| v.as_u64()).unwrap();
    value as usize
}

/// The example queries over the sample bucket run and print tables; the bucket is made the
/// first time one reads it.
#[test]
fn the_sample_examples_run() {
    let dir = Scratch::new("samples");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/sample");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&examples).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 5, "{files:?}");
    for file in files {
        let out = flx(&["run", "--format", "json", file.to_str().unwrap()], &dir.0);
        assert_eq!(out.status.code(), Some(0), "{}: {}", file.display(), text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rows: usize =
            json["results"][0]["tables"].as_array().unwrap().iter().map(|t| t["rows"].as_array().unwrap().len()).sum();
        assert!(rows > 0, "{}: no rows", file.display());
    }
    assert_eq!(text(&flx(&["buckets"], &dir.0).stdout), "sample\tretention forever\n");
}

/// `to()` writes rows to a local bucket, which `from()` then reads.
#[test]
fn to_writes_rows_that_from_reads_back() {
    let dir = Scratch::new("to");
    std::fs::write(
        dir.0.join("write.flux"),
        "import \"array\"\nimport \"experimental\"\n\narray.from(rows: [{_time: 2030-01-01T00:00:00Z, _measurement: \"m\", _field: \"v\", _value: 1.5, host: \"a\"}])\n    |> to(bucket: \"out\")\n\narray.from(rows: [{_time: 2030-01-01T00:00:10Z, _measurement: \"w\", host: \"b\", x: 1, y: \"s\"}])\n    |> group(columns: [\"host\"])\n    |> experimental.to(bucket: \"out\")\n    |> yield(name: \"wide\")\n",
    )
    .unwrap();
    let out = flx(&["run", "--format", "csv", "write.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    std::fs::write(
        dir.0.join("read.flux"),
        "from(bucket: \"out\")\n    |> range(start: 2030-01-01T00:00:00Z, stop: 2030-01-02T00:00:00Z)\n    |> keep(columns: [\"_measurement\", \"_field\", \"host\", \"_time\"])\n    |> group()\n    |> sort(columns: [\"_time\", \"_field\"])\n",
    )
    .unwrap();
    let out = flx(&["run", "--format", "json", "read.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = &json["results"][0]["tables"][0]["rows"];
    assert_eq!(rows.as_array().unwrap().len(), 3, "{json}");
    assert!(rows.to_string().contains("\"w\"") && rows.to_string().contains("\"y\""), "{rows}");
}

/// Every query shape the read of a local bucket does itself gives the tables the engine
/// gives when it runs the same transformations after reading everything (the rules turned
/// off with `planner.disablePhysicalRules`), and the rules say they applied.
/// What `flx run --format csv` prints, `flx write` reads back: the same tables from another
/// bucket.
#[test]
fn annotated_csv_round_trips_through_a_bucket() {
    let dir = Scratch::new("csv");
    std::fs::write(
        dir.0.join("points.lp"),
        "cpu,host=a usage=1.5,n=2i 1700000000000000000\ncpu,host=b usage=9 1700000060000000000\nlog msg=\"a, \\\"b\\\"\" 1700000000000000000\n",
    )
    .unwrap();
    assert_eq!(flx(&["write", "--bucket", "one", "points.lp"], &dir.0).status.code(), Some(0));
    let query = |bucket: &str| {
        std::fs::write(
            dir.0.join("q.flux"),
            format!("from(bucket: \"{bucket}\") |> range(start: 2023-01-01T00:00:00Z, stop: 2024-01-01T00:00:00Z)\n"),
        )
        .unwrap();
        let out = flx(&["run", "--format", "csv", "q.flux"], &dir.0);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let exported = query("one");
    std::fs::write(dir.0.join("export.csv"), &exported).unwrap();
    let out = flx(&["write", "--bucket", "two", "export.csv"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "wrote 4 rows to `two`\n");
    assert_eq!(query("two"), exported);
    assert!(exported.contains("\"a, \"\"b\"\"\""), "{exported}");
}

#[test]
fn pushed_down_reads_give_the_same_tables_as_the_engine() {
    let dir = Scratch::new("pushdown");
    let mut lines = String::new();
    // Two hosts' cpu (a float and an integer field) every 7 s, a string and a float of mem
    // every 13 s, a boolean every 30 s; a rewrite of one point later in the log.
    let mut random = 7u64;
    let mut next = |n: u64| {
        random = random.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (random >> 33) % n
    };
    for host in ["a", "b"] {
        for i in (0..1800).step_by(7) {
            lines.push_str(&format!(
                "cpu,host={host},region=eu usage={}.{},n={}i {}\n",
                next(100),
                next(1000),
                next(50),
                1_700_000_000 + i
            ));
        }
    }
    for i in (0..1800).step_by(13) {
        lines.push_str(&format!("mem used={}.5,s=\"x{}\" {}\n", next(100), i % 5, 1_700_000_000 + i));
    }
    for i in (0..1800).step_by(30) {
        lines.push_str(&format!("door,room=lab open={} {}\n", next(2) == 1, 1_700_000_000 + i));
    }
    std::fs::write(dir.0.join("points.lp"), &lines).unwrap();
    assert_eq!(flx(&["write", "--bucket", "t", "--precision", "s", "points.lp"], &dir.0).status.code(), Some(0));
    std::fs::write(dir.0.join("later.lp"), "cpu,host=a,region=eu usage=1000.0 1700000700\n").unwrap();
    assert_eq!(flx(&["write", "--bucket", "t", "--precision", "s", "later.lp"], &dir.0).status.code(), Some(0));

    let range = "|> range(start: 2023-11-14T22:14:00Z, stop: 2023-11-14T22:41:30Z)";
    let filters = [
        "",
        "|> filter(fn: (r) => r._measurement == \"cpu\")",
        "|> filter(fn: (r) => r._measurement == \"cpu\" and r._field == \"usage\")",
        "|> filter(fn: (r) => r.host == \"b\" or r._field == \"used\")",
        "|> filter(fn: (r) => r._measurement == \"cpu\") |> filter(fn: (r) => r._field =~ /^n/ and r._start < r._stop)",
        "|> filter(fn: (r) => exists r.region and r.host != \"a\")",
        "|> filter(fn: (r) => r._field == \"usage\") |> filter(fn: (r) => r._value > 50.0 and not (r._value >= 90.5))",
        "|> filter(fn: (r) => r._field == \"n\") |> filter(fn: (r) => 10 < r._value or r._value == -1)",
    ];
    let tails = [
        "",
        "|> aggregateWindow(every: 1m, fn: mean)",
        "|> aggregateWindow(every: 1m, fn: count)",
        "|> aggregateWindow(every: 90s, offset: 10s, fn: sum, createEmpty: false)",
        "|> aggregateWindow(every: 5m, fn: max)",
        "|> aggregateWindow(every: 1m, fn: first, timeSrc: \"_start\")",
        "|> aggregateWindow(every: 1h, fn: last)",
        "|> count()",
        "|> sum()",
        "|> mean()",
        "|> min()",
        "|> first()",
        "|> last()",
        "|> limit(n: 3)",
        "|> limit(n: 2, offset: 4)",
        "|> window(every: 5m) |> mean()",
        "|> window(every: 10m, offset: 1m, createEmpty: true) |> count()",
        "|> window(every: 7m) |> last()",
        "|> window(every: 5m, createEmpty: true) |> max()",
    ];
    let rules = "[\"PushDownRangeRule\", \"PushDownFilterRule\", \"PushDownWindowAggregateRule\", \"PushDownBareAggregateRule\", \"PushDownLimitRule\"]";
    let mut compared = 0;
    for filter in filters {
        for tail in tails {
            let query = format!("from(bucket: \"t\")\n    {range}\n    {filter}\n    {tail}\n");
            std::fs::write(dir.0.join("pushed.flux"), &query).unwrap();
            std::fs::write(
                dir.0.join("engine.flux"),
                // Filters one after the other: merged, the engine would try the outer
                // predicate on every row first (`_value > 50.0` on strings).
                format!(
                    "import \"planner\"\noption planner.disablePhysicalRules = {rules}\noption planner.disableLogicalRules = [\"MergeFiltersRule\"]\n{query}"
                ),
            )
            .unwrap();
            let run = ["run", "--now", "2023-11-15T00:00:00Z", "--format", "csv"];
            let pushed = flx(&[&run[..], &["--explain", "pushed.flux"]].concat(), &dir.0);
            let engine = flx(&[&run[..], &["engine.flux"]].concat(), &dir.0);
            let (pushed_err, engine_err) = (text(&pushed.stderr), text(&engine.stderr));
            if engine.status.code() == Some(0) {
                assert_eq!(pushed.status.code(), Some(0), "{query}\n{pushed_err}");
                assert!(pushed_err.contains("PushDownRangeRule (1)"), "{query}\n{pushed_err}");
                assert_eq!(text(&pushed.stdout), text(&engine.stdout), "{query}");
                compared += 1;
            } else {
                // Sums and means of strings: the read leaves them to the engine's own error.
                assert_eq!(pushed.status.code(), engine.status.code(), "{query}\n{pushed_err}");
                let message = |e: &str| e.lines().find(|l| l.starts_with("error")).unwrap_or_default().to_owned();
                assert_eq!(message(&pushed_err), message(&engine_err), "{query}");
            }
        }
    }
    assert!(compared >= 100, "only {compared} shapes gave tables");
}

/// The schema package's functions answer from the bucket's metadata (the read-tag rules
/// apply) and list what the engine lists when it reads every point.
#[test]
fn schema_functions_answer_from_metadata() {
    let dir = Scratch::new("schema");
    std::fs::write(
        dir.0.join("points.lp"),
        "cpu,host=a,region=eu usage=1,n=2i 1700000000\ncpu,host=b usage=2 1700000010\nmem,host=a used=3 1700000020\nmem,host=c,dc=x free=4u 1700000030\n",
    )
    .unwrap();
    let out = flx(&["write", "--bucket", "t", "--precision", "s", "points.lp"], &dir.0);
    assert_eq!(out.status.code(), Some(0));
    let calls = [
        ("schema.measurements(bucket: \"t\", start: 0)", "cpu mem", "PushDownReadTagValuesRule"),
        ("schema.tagValues(bucket: \"t\", tag: \"host\", start: 0)", "a b c", "PushDownReadTagValuesRule"),
        ("schema.fieldKeys(bucket: \"t\", start: 0)", "n usage free used", "PushDownReadTagValuesRule"),
        (
            "schema.tagKeys(bucket: \"t\", start: 0)",
            "_start _stop _field _measurement host region dc",
            "PushDownReadTagKeysRule",
        ),
        (
            "schema.measurementTagKeys(bucket: \"t\", measurement: \"mem\", start: 0)",
            "_start _stop _field _measurement dc host",
            "PushDownReadTagKeysRule",
        ),
        (
            "schema.measurementFieldKeys(bucket: \"t\", measurement: \"cpu\", start: 0)",
            "n usage",
            "PushDownReadTagValuesRule",
        ),
        (
            "schema.measurementTagValues(bucket: \"t\", measurement: \"cpu\", tag: \"region\", start: 0)",
            "eu",
            "PushDownReadTagValuesRule",
        ),
        (
            "schema.tagValues(bucket: \"t\", tag: \"_field\", predicate: (r) => r.host == \"a\", start: 0)",
            "n usage used",
            "PushDownReadTagValuesRule",
        ),
    ];
    for (call, expected, rule) in calls {
        let values = |disable: &str| {
            std::fs::write(
                dir.0.join("q.flux"),
                format!("import \"influxdata/influxdb/schema\"\nimport \"planner\"\n{disable}\n{call}\n"),
            )
            .unwrap();
            let out = flx(&["run", "--now", "2024-01-01T00:00:00Z", "--format", "json", "--explain", "q.flux"], &dir.0);
            assert_eq!(out.status.code(), Some(0), "{call}: {}", text(&out.stderr));
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let rows: Vec<String> = json["results"][0]["tables"][0]["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|row| row[0].as_str().unwrap().to_owned())
                .collect();
            (rows.join(" "), text(&out.stderr))
        };
        let (pushed, explained) = values("");
        assert!(explained.contains(rule), "{call}: {explained}");
        assert_eq!(pushed, expected, "{call}");
        let disabled =
            "option planner.disablePhysicalRules = [\"PushDownReadTagValuesRule\", \"PushDownReadTagKeysRule\"]";
        assert_eq!(values(disabled).0, pushed, "{call}");
    }
}

/// Readers running while a writer writes large batches, compacts and merges days: each read
/// sees whole batches only (never part of a file or a batch counted twice), and never fewer
/// points than the read before it.
#[test]
fn readers_never_see_half_a_write() {
    let dir = Scratch::new("readers");
    let batch_lines = 60_000usize;
    let batches = 12u64;
    for round in 0..batches {
        let batch: String =
            (0..batch_lines).map(|i| format!("m,round=r{round} v={i}i {}\n", round * 1_000_000 + i as u64)).collect();
        std::fs::write(dir.0.join(format!("batch{round}.lp")), batch).unwrap();
    }
    // The first batch makes the bucket, so that every read finds it.
    assert_eq!(flx(&["write", "--bucket", "b", "batch0.lp"], &dir.0).status.code(), Some(0));
    let writer_dir = dir.0.clone();
    let writer = std::thread::spawn(move || {
        for round in 1..batches {
            let out = flx(&["write", "--bucket", "b", &format!("batch{round}.lp")], &writer_dir);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        }
    });
    let mut last = 0;
    let mut reads = 0;
    while !writer.is_finished() {
        let stored = count(&dir.0);
        assert_eq!(stored % batch_lines, 0, "a read saw {stored} points: part of a batch");
        assert!(stored >= last, "a read saw {stored} points after one saw {last}");
        last = stored;
        reads += 1;
    }
    writer.join().unwrap();
    assert_eq!(count(&dir.0), batch_lines * batches as usize);
    assert!(reads >= 3, "only {reads} reads ran during the writes");
}
