use expect_test::{Expect, expect};

use super::*;

/// Each query's place, convention and start (line:column in the manifest), and a check that
/// every character of every query maps to itself in the manifest, or to the escape, quote or
/// line break it came from.
fn check(text: &str, expect: Expect) {
    let manifest = extract(text).expect("no syntax error").expect("a manifest");
    let mut out = format!("{:?}\n", manifest.kind);
    for q in &manifest.queries {
        let start = q.manifest_offset(0) as usize;
        let line = text[..start].matches('\n').count() + 1;
        let column = text[..start].rfind('\n').map_or(start, |nl| start - nl - 1) + 1;
        out.push_str(&format!("{} ({:?}) at {line}:{column}: {:?}\n", q.place, q.convention, first_line(&q.text)));
        for (at, c) in q.text.char_indices() {
            let source = &text[q.manifest_offset(at as u32) as usize..];
            let from_escape = source.starts_with('\\') || source.starts_with("''");
            let folded = c == ' ' && source.starts_with('\n');
            assert!(
                source.starts_with(c) || from_escape || folded,
                "{}: {c:?} at {at} maps to {:?}",
                q.place,
                &source[..source.len().min(10)]
            );
        }
    }
    expect.assert_eq(&out);
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn template_resources_in_yaml() {
    check(
        r#"apiVersion: influxdata.com/v2alpha1
kind: Dashboard
metadata:
    name: system
spec:
    name: System
    charts:
      - kind: Xy
        name: CPU usage
        queries:
          - query: |-
                from(bucket: v.bucket)
                  |> range(start: v.timeRangeStart, stop: v.timeRangeStop)
                  |> filter(fn: (r) => r._measurement == "cpu")
      - kind: Single_Stat
        queries:
          - query: "from(bucket: \"telegraf\")\n  |> range(start: -1h)\n  |> last()"
---
apiVersion: influxdata.com/v2alpha1
kind: Task
metadata:
    name: downsample
spec:
    every: 1h
    query: >
        from(bucket: "telegraf") |> range(start: -task.every)
        |> to(bucket: "telegraf_1h")
---
apiVersion: influxdata.com/v2alpha1
kind: Variable
metadata:
    name: bucket
spec:
    type: query
    language: flux
    query: 'buckets() |> keep(columns: ["name"])'
---
apiVersion: influxdata.com/v2alpha1
kind: Variable
metadata:
    name: hosts
spec:
    type: constant
    values: [a, b]
---
apiVersion: influxdata.com/v2alpha1
kind: CheckThreshold
metadata:
    name: cpu-high
spec:
    query: 'from(bucket: "telegraf") |> range(start: v.timeRangeStart) |> filter(fn: (r) => r.x == ''y'')'
"#,
        expect![[r#"
            InfluxTemplate
            Dashboard "System", cell "CPU usage" (Dashboard) at 12:17: "from(bucket: v.bucket)"
            Dashboard "System", cell #2 (Dashboard) at 17:21: "from(bucket: \"telegraf\")"
            Task "downsample" (Task) at 26:9: "from(bucket: \"telegraf\") |> range(start: -task.every) |> to(bucket: \"telegraf_1h\")"
            Variable "bucket" (Dashboard) at 36:13: "buckets() |> keep(columns: [\"name\"])"
            Check "cpu-high" (Dashboard) at 51:13: "from(bucket: \"telegraf\") |> range(start: v.timeRangeStart) |> filter(fn: (r) => r.x == 'y')"
        "#]],
    );
}

#[test]
fn template_resources_in_json() {
    check(
        r#"[
  {
    "apiVersion": "influxdata.com/v2alpha1",
    "kind": "Task",
    "metadata": {"name": "alerts"},
    "spec": {"every": "5m", "query": "import \"strings\"\n\nfrom(bucket: \"b\")\n\t|> filter(fn: (r) => strings.hasPrefix(v: r.host, prefix: \"web\"))\n"}
  }
]"#,
        expect![[r#"
            InfluxTemplate
            Task "alerts" (Task) at 6:39: "import \"strings\""
        "#]],
    );
}

#[test]
fn grafana_panels_rows_and_variables() {
    check(
        r#"{
  "title": "Servers",
  "panels": [
    {"title": "Load", "targets": [{"refId": "A", "query": "from(bucket: v.defaultBucket)\n  |> range(start: v.timeRangeStart)"}]},
    {"title": "Old", "targets": [{"refId": "A", "query": "SELECT mean(\"load\") FROM \"system\"", "rawQuery": true}]},
    {"title": "SQL", "datasource": {"type": "postgres"}, "targets": [{"refId": "A", "query": "select 1"}]},
    {"type": "row", "title": "More", "collapsed": true, "panels": [
      {"title": "Memory", "datasource": {"type": "influxdb", "uid": "x"}, "targets": [{"query": "from(bucket: \"b\") |> range(start: -1h)"}]}
    ]}
  ],
  "templating": {"list": [
    {"name": "host", "type": "query", "query": "import \"influxdata/influxdb/schema\"\nschema.tagValues(bucket: \"b\", tag: \"host\")"},
    {"name": "interval", "type": "interval", "query": "1m,5m"}
  ]}
}"#,
        expect![[r#"
            Grafana
            panel "Load", query A (Dashboard) at 4:60: "from(bucket: v.defaultBucket)"
            panel "Memory", query #1 (Dashboard) at 8:98: "from(bucket: \"b\") |> range(start: -1h)"
            variable "host" (Dashboard) at 12:49: "import \"influxdata/influxdb/schema\""
        "#]],
    );
}

#[test]
fn other_files_are_not_manifests_and_syntax_errors_say_where() {
    assert!(extract("{\"name\": \"my-package\", \"version\": \"1.0.0\"}").unwrap().is_none());
    assert!(extract("key: value\nlist: [1, 2]\n").unwrap().is_none());
    let error = extract("a: [1, 2\nb: 3\n").unwrap_err();
    assert!(error.offset > 0 && !error.message.is_empty(), "{error:?}");
}
