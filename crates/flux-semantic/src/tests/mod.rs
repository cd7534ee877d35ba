use expect_test::{Expect, expect};

fn check(source: &str, expect: Expect) {
    check_with(source, &crate::Predefined::default(), expect);
}

fn check_with(source: &str, predefined: &crate::Predefined, expect: Expect) {
    let parse = flux_syntax::parse(source);
    assert!(parse.errors.is_empty(), "syntax errors: {:?}", parse.errors);
    let index = flux_syntax::LineIndex::new(source);
    let mut out = String::new();
    for d in crate::analyze_files(&[&parse.file], predefined).remove(0).diagnostics {
        let start = index.line_col(d.range.start, flux_syntax::ColumnEncoding::Utf32);
        out.push_str(&format!("{} {}:{} {}\n", d.code, start.line + 1, start.col + 1, d.message));
        for r in &d.related {
            let at = index.line_col(r.range.start, flux_syntax::ColumnEncoding::Utf32);
            out.push_str(&format!("  {}:{} {}\n", at.line + 1, at.col + 1, r.message));
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn correct_pipeline_has_no_diagnostics() {
    check(
        r#"
from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage")
    |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)
    |> yield(name: "mean")
"#,
        expect![""],
    );
}

#[test]
fn unknown_kinds_in_declarations_are_undefined_names() {
    check(
        "package p\nbuiltin x : A where A: Foo + Record\nbuiltin y : int where B: Record\n",
        expect![[r#"
            E201 2:24 unknown kind `Foo`: the kinds are `Addable`, `Basic`, `Comparable`, `Divisible`, `Equatable`, `Label`, `Negatable`, `Nullable`, `Numeric`, `Record`, `Stringable`, `Subtractable`, `Timeable`
        "#]],
    );
}

#[test]
fn reports_each_kind_of_mistake() {
    check(
        r#"import "strings"
x = strings.toUpperCase(v: "a")
y = "a" - "b"
z = fliter
f = (r) => r.a + 1
w = f(r: {b: 1})
u = strings.toUpper(v: 1)
"#,
        expect![[r#"
            W201 2:1 `x` is defined but never used
            E203 2:13 package "strings" has no member `toUpperCase`: did you mean `strings.toUpper`?
            W201 3:1 `y` is defined but never used
            E211 3:5 string is not Subtractable: `-` cannot be applied to it
            W201 4:1 `z` is defined but never used
            E201 4:5 undefined identifier `fliter`: did you mean `filter`?
            W201 6:1 `w` is defined but never used
            E210 6:10 missing property `a` in argument `r`
            W201 7:1 `u` is defined but never used
            E204 7:24 expected string but found int in argument `v`
              7:5 `strings.toUpper` expects `v` to be string
        "#]],
    );
}

/// A callee that is itself a call is named by what it returns, in messages that read as
/// sentences.
#[test]
fn calls_of_returned_functions_are_named_in_sentences() {
    check(
        r#"import "slack"
data = from(bucket: "b") |> range(start: -1h)
data |> slack.endpoint(url: "u")(mapFn: (r) => ({channel: "", text: "", color: ""}))
data |> slack.endpoint(url: "u")(mapFn: (r) => ({channel: "", text: "", color: ""}))()
one = () => 1
one()()
pass = () => (tables=<-) => tables
pass()()
pass()(x: 1)
"#,
        expect![[r#"
            E208 3:9 the function that `slack.endpoint` returns takes no piped input: nothing can be piped into it with `|>`
            E209 6:1 the value that `one` returns is not a function: its type is int
            E205 8:1 missing required argument `tables` in the call of the function that `pass` returns
            E205 9:1 missing required argument `tables` in the call of the function that `pass` returns
            E206 9:8 the function that `pass` returns has no parameter `x` (it takes `tables`)
        "#]],
    );
}

#[test]
fn the_task_option_is_predeclared_with_a_hint_where_the_file_does_not_set_it() {
    let uses = r#"
from(bucket: "b") |> range(start: -task.every, stop: now()) |> yield()
from(bucket: "b") |> range(start: -task.offset) |> yield()
x = task.evry
"#;
    check(
        uses,
        expect![[r#"
            H201 2:36 `task` is set by InfluxDB for a task created from a template or in its UI; `influx task create` needs `option task = {name: ..., every: ...}` in the file
            W201 4:1 `x` is defined but never used
            E210 4:10 the task option has no `evry`: did you mean `task.every`?
        "#]],
    );
    check_with(
        uses,
        &crate::Predefined { task: false, ..Default::default() },
        expect![[r#"
            E201 2:36 undefined identifier `task`
            E201 3:36 undefined identifier `task`
            W201 4:1 `x` is defined but never used
            E201 4:5 undefined identifier `task`
        "#]],
    );
    // The file's own option is the one used: no hint, and its fields are the ones it sets.
    check(
        r#"
option task = {name: "t", every: 1h}
from(bucket: "b") |> range(start: -task.every) |> yield()
x = task.offset
"#,
        expect![[r#"
            W201 4:1 `x` is defined but never used
            E210 4:10 the record has no property `offset`
        "#]],
    );
}

#[test]
fn dashboard_time_range_bounds_are_times_or_durations_at_each_use() {
    check(
        r#"
import "experimental"
import "date"
a = experimental.subDuration(d: v.timeRangeStart, from: now())
b = date.truncate(t: v.timeRangeStop, unit: 1d)
c = v.timeRangeStart + 1
from(bucket: v.defaultBucket) |> range(start: v.timeRangeStart, stop: v.timeRangeStop) |> yield()
a |> yield()
b |> yield()
c |> yield()
"#,
        expect![[r#"
            W203 4:5 `experimental.subDuration` from package "experimental" is deprecated since Flux 0.162.0: use `date.sub` from package "date" instead
            E211 6:24 int is not Timeable
              6:5 the left operand sets the expected type
            E204 8:1 expected stream[A] where A: Record but found time in argument `tables`
              8:6 `yield` expects `tables` to be stream[A] where A: Record
            E204 9:1 expected stream[A] where A: Record but found time in argument `tables`
              9:6 `yield` expects `tables` to be stream[A] where A: Record
        "#]],
    );
}

#[test]
fn declared_dashboard_variables_make_others_errors() {
    let names: Vec<flux_syntax::smol_str::SmolStr> = vec!["host".into(), "region".into()];
    let declared = crate::Predefined { dashboard: crate::DashboardVariables::Declared(names.into()), task: true };
    let source = r#"
from(bucket: v.bucket)
    |> range(start: v.timeRangeStart)
    |> filter(fn: (r) => r.host == v.host and r.region == v.regoin and r.x == v.windowPeriod)
    |> yield()
"#;
    check_with(
        source,
        &declared,
        expect![[r#"
            E210 2:16 `v.bucket` is not a declared dashboard variable: the declared ones are `host`, `region`
            E210 4:61 `v.regoin` is not a declared dashboard variable: did you mean `v.region`?
        "#]],
    );
    // Undeclared, any custom variable is a string or whatever its use needs.
    check(source, expect![""]);
}

#[test]
fn output_in_an_assignment_is_not_an_unused_variable() {
    check(
        r#"
import "experimental/array"
data = from(bucket: "b") |> range(start: -1h)
pivoted = data |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value") |> yield(name: "pivot")
written = data |> to(bucket: "copy")
out = (tables=<-) => tables |> yield(name: "out")
viaFunction = data |> out()
later = () => data |> yield(name: "never")
notRun = data |> filter(fn: (r) => r._value > 0)
rows = array.from(rows: [{a: 1}])
rows |> yield()
"#,
        expect![[r#"
            W201 8:1 `later` is defined but never used
            W201 9:1 `notRun` is defined but never used
            W203 10:8 `array.from` from package "experimental/array" is deprecated since Flux 0.103.0: use `array.from` from package "array" instead
        "#]],
    );
}

/// Every semantic code (E2xx, W2xx) has its section in `docs/diagnostics.md`, and no other.
#[test]
fn every_code_is_documented() {
    let docs = include_str!("../../../../docs/diagnostics.md");
    let mut documented: Vec<(&str, String)> = docs
        .lines()
        .filter_map(|line| line.strip_prefix("### "))
        .filter_map(|h| h.split_once(" — "))
        .filter(|(code, _)| code.as_bytes().get(1) == Some(&b'2'))
        .map(|(code, title)| (code, title.replace(' ', "-")))
        .collect();
    documented.sort();
    let mut listed: Vec<(&str, String)> = crate::semantic_codes().iter().map(|c| (c.code, c.name.to_owned())).collect();
    listed.sort();
    assert_eq!(listed, documented);
    for c in crate::semantic_codes() {
        let expected = match c.code.as_bytes()[0] {
            b'W' => flux_syntax::Severity::Warning,
            b'H' => flux_syntax::Severity::Hint,
            _ => flux_syntax::Severity::Error,
        };
        assert_eq!(c.severity, expected, "{}", c.code);
    }
}

mod ir;
