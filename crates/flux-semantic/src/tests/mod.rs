use expect_test::{Expect, expect};

fn check(source: &str, expect: Expect) {
    let parse = flux_syntax::parse(source);
    assert!(parse.errors.is_empty(), "syntax errors: {:?}", parse.errors);
    let index = flux_syntax::LineIndex::new(source);
    let mut out = String::new();
    for d in crate::analyze_files(&[&parse.file], true).remove(0).diagnostics {
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
    let listed: Vec<(&str, String)> = crate::semantic_codes().iter().map(|c| (c.code, c.name.to_owned())).collect();
    assert_eq!(listed, documented);
    for c in crate::semantic_codes() {
        let expected =
            if c.code.starts_with('W') { flux_syntax::Severity::Warning } else { flux_syntax::Severity::Error };
        assert_eq!(c.severity, expected, "{}", c.code);
    }
}

mod ir;
