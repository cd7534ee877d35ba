//! Completion fixtures: `$0` is the cursor; the snapshot lists the first items, best first.

use std::fmt::Write;
use std::sync::Arc;

use expect_test::{Expect, expect};

use super::fixture;
use crate::*;

const SHOWN: usize = 12;

fn check_with(text: &str, schema: Option<Schema>, expect: Expect) {
    let mut f = fixture(text);
    f.host.set_schema(schema.map(Arc::new));
    let (file, offset) = f.cursor();
    let text = f.text(file);
    let completions = f.host.analysis().completions(file, offset).unwrap();
    let mut out = String::new();
    for item in completions.items.iter().take(SHOWN) {
        let _ = write!(out, "{:?} {}", item.kind, item.label);
        if let Some(detail) = &item.detail {
            let _ = write!(out, " — {detail}");
        }
        if item.insert != item.label {
            let _ = write!(out, " [insert {:?}]", item.insert);
        }
        let replaced = &text[item.range.as_usize()];
        if !replaced.is_empty() {
            let _ = write!(out, " [replaces {replaced:?}]");
        }
        if item.deprecated {
            out.push_str(" (deprecated)");
        }
        for edit in &item.additional_edits {
            let _ = write!(out, " [+ at {}: {:?}]", edit.range.start, edit.new_text);
        }
        out.push('\n');
    }
    if completions.items.len() > SHOWN {
        let _ = writeln!(out, "... {} more", completions.items.len() - SHOWN);
    }
    if completions.incomplete {
        out.push_str("(incomplete)\n");
    }
    expect.assert_eq(&out);
}

fn check(fixture: &str, expect: Expect) {
    check_with(fixture, None, expect);
}

fn schema() -> Schema {
    Schema::from_json(
        r#"{"buckets": {
            "telegraf": {"measurements": {
                "cpu": {"fields": ["usage_user", "usage_system"], "tags": {"host": ["web-1", "web-2"], "cpu": ["cpu-total"]}},
                "mem": {"fields": ["used_percent"], "tags": {"host": ["web-1", "db-1"], "data-center": ["eu"]}}
            }},
            "tasks": {"measurements": {"runs": {"fields": ["duration"], "tags": {"taskID": ["a1"]}}}}
        }}"#,
    )
    .unwrap()
}

#[test]
fn row_columns_come_from_the_pipeline_upstream() {
    check(
        r#"from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: (r) => r.host == "a")
    |> map(fn: (r) => ({r with load: 1.0}))
    |> filter(fn: (r) => r.$0)"#,
        expect![[r#"
            Field _field — string
            Field _measurement — string
            Field _start — time
            Field _stop — time
            Field _time — time
            Field _value — A
            Field host — A where A: Equatable
            Field load — float
        "#]],
    );
}

#[test]
fn row_columns_survive_functions_that_retype_the_rows() {
    check(
        r#"from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: (r) => r.host == "a")
    |> aggregateWindow(every: 1m, fn: mean)
    |> filter(fn: (r) => r.$0)"#,
        expect![[r#"
            Field _field — column seen upstream in the pipeline
            Field _measurement — column seen upstream in the pipeline
            Field _start — column seen upstream in the pipeline
            Field _stop — column seen upstream in the pipeline
            Field _time — column seen upstream in the pipeline
            Field _value — column seen upstream in the pipeline
            Field host — column seen upstream in the pipeline
        "#]],
    );
}

#[test]
fn row_columns_match_what_was_typed() {
    check(
        r#"from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._va$0 > 0)"#,
        expect![[r#"
            Field _value — A [replaces "_va"]
        "#]],
    );
}

#[test]
fn record_properties_come_from_the_inferred_type() {
    check(
        r#"point = {x: 1, y: 2.0, "label with space": "a"}
point.$0"#,
        expect![[r#"
            Field label with space — string [insert "[\"label with space\"]"] [replaces "."]
            Field x — int
            Field y — float
        "#]],
    );
}

#[test]
fn schema_tags_join_the_columns_of_an_open_row() {
    check_with(
        r#"from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "mem" and r.$0)"#,
        Some(schema()),
        expect![[r#"
            Field _field — string
            Field _measurement — string
            Field _start — time
            Field _stop — time
            Field _time — time
            Field _value — A
            Field data-center — string (tag, from the schema) [insert "[\"data-center\"]"] [replaces "."]
            Field host — string (tag, from the schema)
        "#]],
    );
}

#[test]
fn package_members_after_an_import() {
    check(
        r#"import str "strings"
x = str.toU$0"#,
        expect![[r#"
            Function toUpper — (v: string) => string [replaces "toU"]
        "#]],
    );
}

#[test]
fn package_members_add_the_missing_import() {
    check(
        r#"import "array"

x = strings.tr$0"#,
        expect![[r#"
            Function trim — (cutset: string, v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function trimLeft — (cutset: string, v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function trimRight — (cutset: string, v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function trimSpace — (v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function trimPrefix — (prefix: string, v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function trimSuffix — (suffix: string, v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function strlen — (v: string) => int [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function joinStr — (arr: [string], v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function substring — (end: int, start: int, v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function toLower — (v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function toUpper — (v: string) => string [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            Function countStr — (substr: string, v: string) => int [replaces "tr"] [+ at 14: "\nimport \"strings\""]
            ... 4 more
        "#]],
    );
}

#[test]
fn import_paths_put_imported_packages_last() {
    check(
        r#"import "strings"
import "str$0"#,
        expect![[r#"
            Module contrib/sranka/telegram — Functions for sending messages to Telegram channels through the Telegram Bot API, using a bot token and a channel ID. [replaces "str"]
            Module contrib/jsternberg/influxdb — Extra functions for querying InfluxDB, combining source selection, time-range filtering and pivoting into single calls. [replaces "str"]
            Module strings — already imported: Functions that transform and inspect string values: case changes, trimming, searching, splitting, joining and measuring. [replaces "str"]
        "#]],
    );
}

#[test]
fn import_paths_after_an_alias() {
    check(
        r#"import s "experimental/ag$0""#,
        expect![[r#"
            Module experimental/aggregate — Experimental shortcuts for common aggregate computations, such as per-window counter rates. [replaces "experimental/ag"]
            Module experimental/usage — Experimental functions for reading an InfluxDB Cloud organization's usage data and usage limits. [replaces "experimental/ag"]
        "#]],
    );
}

#[test]
fn named_arguments_required_first_given_and_piped_left_out() {
    check(
        r#"from(bucket: "b") |> range(start: -1h) |> aggregateWindow(every: 1m, $0)"#,
        expect![[r#"
            Argument fn — fn: (<-: stream[B], column: C) => stream[D] [insert "fn: $1"]
            Argument column — ?column: C = "_value" [insert "column: ${1:\"_value\"}"]
            Argument createEmpty — ?createEmpty: bool = true [insert "createEmpty: ${1:true}"]
            Argument location — ?location: {offset: duration, zone: string} = location [insert "location: ${1:location}"]
            Argument offset — ?offset: duration = 0s [insert "offset: ${1:0s}"]
            Argument period — ?period: duration = 0s [insert "period: ${1:0s}"]
            Argument timeDst — ?timeDst: string = "_time" [insert "timeDst: ${1:\"_time\"}"]
            Argument timeSrc — ?timeSrc: string = "_stop" [insert "timeSrc: ${1:\"_stop\"}"]
        "#]],
    );
}

#[test]
fn named_arguments_of_a_call_not_piped_include_the_pipe_parameter() {
    check(
        r#"x = filter($0)"#,
        expect![[r#"
            Argument fn — fn: (r: A) => bool [insert "fn: (r) => $1"]
            Argument onEmpty — ?onEmpty: string = "drop" [insert "onEmpty: ${1:\"drop\"}"]
            Argument tables — <-tables: stream[A] [insert "tables: $1"]
        "#]],
    );
}

#[test]
fn named_arguments_of_user_functions() {
    check(
        r#"scale = (v, factor=2.0, offset=0.0) => v * factor + offset
y = scale(v: 1.0, off$0)"#,
        expect![[r#"
            Argument offset — ?offset: A [insert "offset: $1"] [replaces "off"]
        "#]],
    );
}

#[test]
fn names_in_scope_locals_first() {
    check(
        r#"threshold = 90.0
check = (table=<-, limit) => {
    local = limit * 2.0
    return table |> filter(fn: (r) => r._value > l$0)
}"#,
        expect![[r#"
            Parameter limit — float [replaces "l"]
            Variable local — float [replaces "l"]
            Function last — (<-tables: stream[A], ?column: string) => stream[A] where A: Record [replaces "l"]
            Function length — (<-arr: [A]) => int [replaces "l"]
            Function lowestMin — (<-tables: stream[A], n: int, ?column: string, ?groupColumns: [string]) => stream[A] where A: Record [replaces "l"]
            Function linearBins — (count: int, start: float, width: float, ?infinity: bool) => [float] [replaces "l"]
            Function lowestAverage — (<-tables: stream[A], n: int, ?column: string, ?groupColumns: [string]) => stream[B] where A: Record, B: Record [replaces "l"]
            Function lowestCurrent — (<-tables: stream[A], n: int, ?column: string, ?groupColumns: [string]) => stream[A] where A: Record [replaces "l"]
            Function logarithmicBins — (count: int, factor: float, start: float, ?infinity: bool) => [float] [replaces "l"]
            Module logql — package "contrib/qxip/logql" (adds the import) [replaces "l"] [+ at 0: "import \"contrib/qxip/logql\"\n\n"]
            Parameter table — stream[{A with _value: B}] where B: Comparable [replaces "l"]
            Variable threshold — float [replaces "l"]
            ... 49 more
        "#]],
    );
}

#[test]
fn names_in_scope_respect_shadowing() {
    check(
        r#"x = 1
f = (x) => x$0"#,
        expect![[r#"
            Parameter x — A [replaces "x"]
            Function max — (<-tables: stream[A], ?column: string) => stream[A] where A: Record [replaces "x"]
            Function highestMax — (<-tables: stream[A], n: int, ?column: string, ?groupColumns: [string]) => stream[A] where A: Record [replaces "x"]
            Function relativeStrengthIndex — (<-tables: stream[A], n: int, ?columns: [string]) => stream[B] where A: Record, B: Record [replaces "x"]
            Function exponentialMovingAverage — (<-tables: stream[{A with _value: B}], n: int) => stream[{A with _value: B}] where B: Numeric [replaces "x"]
            Function tripleExponentialDerivative — (<-tables: stream[{A with _value: B}], n: int) => stream[{A with _value: float}] where A: Record, B: Numeric [replaces "x"]
            Keyword exists [replaces "x"]
            Module hex — package "contrib/bonitoo-io/hex" (adds the import) [replaces "x"] [+ at 0: "import \"contrib/bonitoo-io/hex\"\n\n"]
            Module iox — package "experimental/iox" (adds the import) [replaces "x"] [+ at 0: "import \"experimental/iox\"\n\n"]
            Module expect — package "testing/expect" (adds the import) [replaces "x"] [+ at 0: "import \"testing/expect\"\n\n"]
            Module regexp — package "regexp" (adds the import) [replaces "x"] [+ at 0: "import \"regexp\"\n\n"]
            Module influxdb — package "contrib/jsternberg/influxdb" (adds the import) [replaces "x"] [+ at 0: "import \"contrib/jsternberg/influxdb\"\n\n"]
            ... 2 more
        "#]],
    );
}

#[test]
fn packages_not_imported_add_the_import() {
    check(
        r#"package main

x = regex$0"#,
        expect![[r#"
            Module regexp — package "regexp" (adds the import) [replaces "regex"] [+ at 12: "\n\nimport \"regexp\""]
            Function relativeStrengthIndex — (<-tables: stream[A], n: int, ?columns: [string]) => stream[B] where A: Record, B: Record [replaces "regex"]
        "#]],
    );
}

#[test]
fn snippets_and_keywords_where_statements_begin() {
    check(
        r#"x = 1
fro$0"#,
        expect![[r#"
            Snippet from |> range |> filter — query skeleton [insert "from(bucket: \"${1:bucket}\")\n    |> range(start: ${2:-1h})\n    |> filter(fn: (r) => r._measurement == \"${3:measurement}\")$0"] [replaces "fro"]
            Function from — (?bucket: string, ?bucketID: string, ?host: string, ?org: string, ?orgID: string, ?token: string) => stream[{A with _value: B, _time: time, _field: string, _measurement: string}] [replaces "fro"]
            Function findRecord — (<-tables: stream[A], fn: (key: B) => bool, idx: int) => A where A: Record, B: Record [replaces "fro"]
        "#]],
    );
}

#[test]
fn option_snippet_at_the_start_of_a_statement() {
    check(
        r#"import "strings"

opt$0"#,
        expect![[r#"
            Snippet option now — fix the current time [insert "option now = () => ${1:2024-01-01T00:00:00Z}$0"] [replaces "opt"]
            Snippet option task — task options [insert "option task = {name: \"${1:name}\", every: ${2:1h}}$0"] [replaces "opt"]
            Keyword option [replaces "opt"]
        "#]],
    );
}

#[test]
fn buckets_inside_from() {
    check_with(
        r#"from(bucket: "t$0")"#,
        Some(schema()),
        expect![[r#"
        Value tasks — bucket [replaces "t"]
        Value telegraf — bucket [replaces "t"]
    "#]],
    );
}

#[test]
fn measurements_of_the_bucket_read() {
    check_with(
        r#"from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "$0")"#,
        Some(schema()),
        expect![[r#"
            Value cpu — measurement
            Value mem — measurement
        "#]],
    );
}

#[test]
fn fields_of_the_measurement_filtered() {
    check_with(
        r#"from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "$0")"#,
        Some(schema()),
        expect![[r#"
            Value usage_system — field
            Value usage_user — field
        "#]],
    );
}

#[test]
fn tag_values_of_a_tag_compared() {
    check_with(
        r#"from(bucket: "telegraf") |> range(start: -1h) |> filter(fn: (r) => r.host == "web$0")"#,
        Some(schema()),
        expect![[r#"
            Value web-1 — tag value [replaces "web"]
            Value web-2 — tag value [replaces "web"]
        "#]],
    );
}

#[test]
fn tag_keys_inside_column_lists() {
    check_with(
        r#"from(bucket: "tasks") |> range(start: -1h) |> group(columns: ["$0"])"#,
        Some(schema()),
        expect![[r#"
            Value _field — column
            Value _measurement — column
            Value _start — column
            Value _stop — column
            Value _time — column
            Value _value — column
            Value taskID — tag
        "#]],
    );
}

#[test]
fn strings_without_a_schema_complete_nothing() {
    check(r#"from(bucket: "$0")"#, expect![[""]]);
}

#[test]
fn nothing_in_comments_or_new_names() {
    check("// fil$0\n", expect![[""]]);
    check("x = (ab$0) => 1", expect![[""]]);
}

#[test]
fn fuzzy_matches_rank_word_starts() {
    check(
        r#"x = aW$0"#,
        expect![[r#"
        Function aggregateWindow — (<-tables: stream[A], every: duration, fn: (<-: stream[B], column: C) => stream[D], ?column: C, ?createEmpty: bool, ?location: {offset: duration, zone: string}, ?offset: duration, ?period: duration, ?timeDst: string, ?timeSrc: string) => stream[E] where A: Record, B: Record, D: Record, E: Record [replaces "aW"]
    "#]],
    );
}

#[test]
fn dashboard_variable_properties() {
    check(
        r#"from(bucket: v.$0)"#,
        expect![[r#"
            Field defaultBucket — string
            Field organization — string
            Field timeRangeStart — A where A: Timeable
            Field timeRangeStop — A where A: Timeable
            Field windowPeriod — duration
        "#]],
    );
}

#[test]
fn a_long_list_is_cut_and_marked_incomplete() {
    let mut text: String = (0..300).map(|i| format!("value{i} = {i}\n")).collect();
    text.push_str("x = $0");
    let f = fixture(&text);
    let (file, offset) = f.cursor();
    let completions = f.host.analysis().completions(file, offset).unwrap();
    assert_eq!(completions.items.len(), COMPLETION_LIMIT);
    assert!(completions.incomplete);
}

#[test]
fn documentation_is_resolved_on_demand() {
    let f = fixture("x = aggregateWin$0");
    let (file, offset) = f.cursor();
    let analysis = f.host.analysis();
    let completions = analysis.completions(file, offset).unwrap();
    let item = &completions.items[0];
    assert_eq!(item.label, "aggregateWindow");
    let key = item.documentation.clone().unwrap();
    let doc = analysis.completion_documentation(&key).unwrap();
    assert!(doc.contains("https://docs.influxdata.com/flux/v0.x/stdlib/universe/aggregatewindow/"), "{doc}");
    assert!(doc.contains("- `every`"), "{doc}");
}

#[test]
fn after_a_pipe_functions_taking_tables_come_first() {
    check(
        "x = from(bucket: \"b\")\n    |> ra$0\n",
        expect![[r#"
        Function range — (<-tables: stream[{A with _time: time}], start: B, ?stop: C) => stream[{A with _stop: time, _start: time, _time: time}] [replaces "ra"]
        Function integral — (<-tables: stream[A], ?column: string, ?interpolate: string, ?timeColumn: string, ?unit: duration) => stream[B] where A: Record, B: Record [replaces "ra"]
        Function histogram — (<-tables: stream[A], bins: [float], ?column: string, ?countColumn: string, ?normalize: bool, ?upperBoundColumn: string) => stream[B] where A: Record, B: Record [replaces "ra"]
        Function lowestAverage — (<-tables: stream[A], n: int, ?column: string, ?groupColumns: [string]) => stream[B] where A: Record, B: Record [replaces "ra"]
        Function movingAverage — (<-tables: stream[{A with _value: B}], n: int) => stream[{A with _value: float}] where B: Numeric [replaces "ra"]
        Function stateDuration — (<-tables: stream[A], fn: (r: A) => bool, ?column: string, ?timeColumn: string, ?unit: duration) => stream[B] where A: Record, B: Record [replaces "ra"]
        Function stateTracking — (<-tables: stream[A], fn: (r: A) => bool, ?countColumn: string, ?durationColumn: string, ?durationUnit: duration, ?timeColumn: string) => stream[B] where A: Record, B: Record [replaces "ra"]
        Function highestAverage — (<-tables: stream[A], n: int, ?column: string, ?groupColumns: [string]) => stream[B] where A: Record, B: Record [replaces "ra"]
        Function histogramQuantile — (<-tables: stream[A], ?countColumn: string, ?minValue: float, ?onNonmonotonic: string, ?quantile: float, ?upperBoundColumn: string, ?valueColumn: string) => stream[B] where A: Record, B: Record [replaces "ra"]
        Function timedMovingAverage — (<-tables: stream[A], every: duration, period: duration, ?column: string) => stream[B] where A: Record, B: Record [replaces "ra"]
        Function exponentialMovingAverage — (<-tables: stream[{A with _value: B}], n: int) => stream[{A with _value: B}] where B: Numeric [replaces "ra"]
        Function rename — (<-tables: stream[A], ?columns: B, ?fn: (column: string) => string) => stream[C] where A: Record, B: Record, C: Record [replaces "ra"]
        ... 18 more
    "#]],
    );
}

#[test]
fn rows_of_any_table_get_the_usual_columns() {
    check(
        "f = (tables=<-) => tables |> filter(fn: (r) => r.$0)",
        expect![[r#"
        Field _field — column (usual in InfluxDB data)
        Field _measurement — column (usual in InfluxDB data)
        Field _start — column (usual in InfluxDB data)
        Field _stop — column (usual in InfluxDB data)
        Field _time — column (usual in InfluxDB data)
        Field _value — column (usual in InfluxDB data)
    "#]],
    );
    check("g = (p) => p.$0", expect![[""]]);
}

#[test]
fn an_empty_file_starts_with_snippets() {
    check(
        "$0",
        expect![[r#"
            Snippet from |> range |> filter — query skeleton [insert "from(bucket: \"${1:bucket}\")\n    |> range(start: ${2:-1h})\n    |> filter(fn: (r) => r._measurement == \"${3:measurement}\")$0"]
            Snippet option now — fix the current time [insert "option now = () => ${1:2024-01-01T00:00:00Z}$0"]
            Snippet option task — task options [insert "option task = {name: \"${1:name}\", every: ${2:1h}}$0"]
            Function aggregateWindow — (<-tables: stream[A], every: duration, fn: (<-: stream[B], column: C) => stream[D], ?column: C, ?createEmpty: bool, ?location: {offset: duration, zone: string}, ?offset: duration, ?period: duration, ?timeDst: string, ?timeSrc: string) => stream[E] where A: Record, B: Record, D: Record, E: Record
            Function bool — (v: A) => bool
            Function bottom — (<-tables: stream[A], n: int, ?columns: [string]) => stream[A] where A: Record
            Function buckets — (?host: string, ?org: string, ?orgID: string, ?token: string) => stream[{retentionPeriod: int, retentionPolicy: string, organizationID: string, id: string, name: string}]
            Function bytes — (v: A) => bytes
            Function cardinality — (start: A, ?bucket: string, ?bucketID: string, ?host: string, ?org: string, ?orgID: string, ?predicate: (r: {B with _value: C, _field: string, _measurement: string}) => bool, ?stop: D, ?token: string) => stream[{_value: int, _stop: time, _start: time}] where A: Timeable, D: Timeable
            Function chandeMomentumOscillator — (<-tables: stream[A], n: int, ?columns: [string]) => stream[B] where A: Record, B: Record
            Function columns — (<-tables: stream[A], ?column: string) => stream[B] where A: Record, B: Record
            Function contains — (set: [A], value: A) => bool where A: Nullable
            ... 109 more
        "#]],
    );
}

#[test]
fn names_of_the_other_files_of_the_package() {
    check(
        r#"//- /pkg/a.flux
package pkg

limit = 10
keep = (tables=<-) => tables |> filter(fn: (r) => true)
//- /pkg/b.flux
package pkg

x = li$0
"#,
        expect![[r#"
            Variable limit — int [replaces "li"]
            Function linearBins — (count: int, start: float, width: float, ?infinity: bool) => [float] [replaces "li"]
            Function duplicate — (<-tables: stream[A], as: string, column: string) => stream[B] where A: Record, B: Record [replaces "li"]
            Function cardinality — (start: A, ?bucket: string, ?bucketID: string, ?host: string, ?org: string, ?orgID: string, ?predicate: (r: {B with _value: C, _field: string, _measurement: string}) => bool, ?stop: D, ?token: string) => stream[{_value: int, _stop: time, _start: time}] where A: Timeable, D: Timeable [replaces "li"]
            Function lowestMin — (<-tables: stream[A], n: int, ?column: string, ?groupColumns: [string]) => stream[A] where A: Record [replaces "li"]
            Function logarithmicBins — (count: int, factor: float, start: float, ?infinity: bool) => [float] [replaces "li"]
            Function relativeStrengthIndex — (<-tables: stream[A], n: int, ?columns: [string]) => stream[B] where A: Record, B: Record [replaces "li"]
            Module clickhouse — package "contrib/qxip/clickhouse" (adds the import) [replaces "li"] [+ at 11: "\n\nimport \"contrib/qxip/clickhouse\""]
            Function tableFind — (<-tables: stream[A], fn: (key: B) => bool) => stream[A] where A: Record, B: Record [replaces "li"]
            Function holtWinters — (<-tables: stream[A], interval: duration, n: int, ?column: string, ?seasonality: int, ?timeColumn: string, ?withFit: bool, ?withMinSSE: bool) => stream[B] where A: Record, B: Record [replaces "li"]
            Function cumulativeSum — (<-tables: stream[A], ?columns: [string]) => stream[B] where A: Record, B: Record [replaces "li"]
            Function hourSelection — (<-tables: stream[A], start: int, stop: int, ?location: {offset: duration, zone: string}, ?timeColumn: string) => stream[A] where A: Record [replaces "li"]
            ... 5 more
        "#]],
    );
}
