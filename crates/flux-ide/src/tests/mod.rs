//! Feature tests: one `check` helper per feature, fixtures with a `$0` cursor marker, and
//! snapshots (`UPDATE_EXPECT=1 cargo test -p flux-ide` rewrites them).

use std::fmt::Write;
use std::sync::Arc;

use expect_test::{Expect, expect};

use super::*;

/// The fixture without its `$0` marker, and the marker's offset.
fn cursor(fixture: &str) -> (String, u32) {
    let offset = fixture.find("$0").expect("the fixture has a $0 cursor");
    (fixture.replacen("$0", "", 1), offset as u32)
}

fn single_file(text: &str) -> (AnalysisHost, FileId) {
    let mut host = AnalysisHost::default();
    let file = host.set_file("main.flux", Arc::from(text), Some(1), Origin::Editor);
    (host, file)
}

fn check_symbols(text: &str, expect: Expect) {
    let (host, file) = single_file(text);
    let symbols = host.analysis().document_symbols(file).unwrap();
    let mut out = String::new();
    fn write(out: &mut String, s: &DocumentSymbol, text: &str, depth: usize) {
        let detail = s.detail.as_deref().map(|d| format!(" {d}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{:indent$}{:?} {}{detail} [{}]",
            "",
            s.kind,
            s.name,
            &text[s.selection.as_usize()],
            indent = depth * 2
        );
        for c in &s.children {
            write(out, c, text, depth + 1);
        }
    }
    for s in &symbols {
        write(&mut out, s, text, 0);
    }
    expect.assert_eq(&out);
}

#[test]
fn symbols_form_a_tree_without_literals() {
    check_symbols(
        r#"package monitor

import "strings"
import s "experimental/strings"

option task = {name: "t", every: 1h}

// Shout a host's name.
shout = (host, suffix="!") => strings.toUpper(v: host) + suffix

builtin sum : (a: int, b: int) => int

testcase shouting {
    got = shout(host: "a")
    want = "A!"
}

from(bucket: "b") |> range(start: -1h)
"#,
        expect![[r#"
            Package monitor [monitor]
            Import strings ["strings"]
            Import s experimental/strings [s]
            Option task [task]
            Function shout (host, suffix) [shout]
              Parameter host [host]
              Parameter suffix [suffix]
            Builtin sum (a: int, b: int) => int [sum]
            TestCase shouting [shouting]
              Variable got [got]
              Variable want [want]
        "#]],
    );
}

fn check_folds(text: &str, expect: Expect) {
    let (host, file) = single_file(text);
    let folds = host.analysis().folding_ranges(file).unwrap();
    let index = LineIndex::new(text);
    let mut out = String::new();
    for f in folds {
        let (start, end) = index.range(f.range, ColumnEncoding::Utf8);
        let _ = writeln!(out, "{:?} lines {}-{}", f.kind, start.line + 1, end.line + 1);
    }
    expect.assert_eq(&out);
}

#[test]
fn folds_cover_imports_comments_blocks_and_pipelines() {
    check_folds(
        r#"// Licensed under
// the MIT license.
import "strings"
import "date"

f = (r) => {
    x = [
        1,
        2,
    ]
    return x
}

from(bucket: "b")
    |> range(start: -1h)
    |> map(fn: (r) => ({
        r with v: 1,
    }))
"#,
        expect![[r#"
            Comment lines 1-2
            Imports lines 3-4
            Region lines 6-12
            Region lines 7-10
            Region lines 14-18
            Region lines 16-18
        "#]],
    );
}

fn check_selection(fixture: &str, expect: Expect) {
    let (text, offset) = cursor(fixture);
    let (host, file) = single_file(&text);
    let ranges = host.analysis().selection_ranges(file, &[offset]).unwrap();
    let out: Vec<String> = ranges[0].iter().map(|r| text[r.as_usize()].replace('\n', "⏎")).collect();
    expect.assert_eq(&(out.join("\n") + "\n"));
}

#[test]
fn selection_grows_from_the_cursor_outwards() {
    check_selection(
        "x = from(bucket: \"b\") |> filter(fn: (r) => r.ho$0st == \"a\")\ny = 1\n",
        expect![[r#"
            host
            r.host
            r.host == "a"
            (r) => r.host == "a"
            fn: (r) => r.host == "a"
            filter(fn: (r) => r.host == "a")
            from(bucket: "b") |> filter(fn: (r) => r.host == "a")
            x = from(bucket: "b") |> filter(fn: (r) => r.host == "a")
            x = from(bucket: "b") |> filter(fn: (r) => r.host == "a")⏎y = 1⏎
        "#]],
    );
}

fn check_hover(fixture: &str, expect: Expect) {
    let (text, offset) = cursor(fixture);
    let (host, file) = single_file(&text);
    let hover = host.analysis().hover(file, offset).unwrap();
    let out = match hover {
        Some(h) => format!("[{}]\n{}\n", &text[h.range.as_usize()], h.markdown),
        None => "no hover\n".to_owned(),
    };
    expect.assert_eq(&out);
}

#[test]
fn hover_spells_out_durations_and_times() {
    check_hover(
        "x = 1h3$00m",
        expect![[r#"
            [1h30m]
            duration: 1 hour 30 minutes (5,400 seconds)
        "#]],
    );
    check_hover(
        "x = 1m$0o",
        expect![[r#"
            [1mo]
            duration: 1 month (months and years are calendar units: their length depends on the date)
        "#]],
    );
    check_hover(
        "x = 2018-08-15T13:$036:23.5-07:00",
        expect![[r#"
            [2018-08-15T13:36:23.5-07:00]
            time: Wednesday, 15 August 2018, 13:36:23.5 at UTC-07:00 (15 August 2018, 20:36:23.5 UTC)
        "#]],
    );
}

#[test]
fn semantic_tokens_cover_the_header_and_filter_by_range() {
    let text = "import s \"strings\"\nx = s.trim(v: \" a \")\ny = 2\n";
    let (host, file) = single_file(text);
    let analysis = host.analysis();
    let all = analysis.semantic_tokens(file, None).unwrap();
    let describe = |tokens: &[SemanticToken]| -> Vec<String> {
        tokens.iter().map(|t| format!("{:?} {}", t.ty, &text[t.range.as_usize()])).collect()
    };
    assert_eq!(
        describe(&all),
        [
            "Keyword import",
            "Namespace s",
            "String \"strings\"",
            "Variable x",
            "Operator =",
            "Namespace s",
            "Function trim",
            "Parameter v",
            "String \" a \"",
            "Variable y",
            "Operator =",
            "Number 2"
        ]
    );
    let second_line = TextRange::new(19, 39);
    let some = analysis.semantic_tokens(file, Some(second_line)).unwrap();
    assert_eq!(describe(&some).first().map(String::as_str), Some("Variable x"));
    assert_eq!(describe(&some).last().map(String::as_str), Some("String \" a \""));
}

#[test]
fn diagnostics_respect_the_configuration() {
    let text = "package p\nx = [1, 2 3]\ny = (\n";
    let (mut host, file) = single_file(text);
    let codes = |host: &AnalysisHost| -> Vec<&'static str> {
        host.analysis().diagnostics(file).unwrap().iter().map(|d| d.code).collect()
    };
    assert_eq!(codes(&host), ["W101", "E101"]);
    host.set_config(Config { disabled_diagnostics: vec!["W101".to_owned()], ..Config::default() });
    assert_eq!(codes(&host), ["E101"]);
}

#[test]
fn a_change_cancels_running_snapshots() {
    let (mut host, file) = single_file("x = 1\n");
    let analysis = host.analysis();
    let reader = std::thread::spawn(move || {
        // Keep asking until a change cancels the question.
        loop {
            if analysis.diagnostics(file).is_err() {
                return "cancelled";
            }
        }
    });
    // Returns only once the reader has dropped its snapshot.
    host.set_file("main.flux", Arc::from("x = 2\n"), Some(2), Origin::Editor);
    assert_eq!(reader.join().unwrap(), "cancelled");
    assert_eq!(&*host.analysis().file_text(file).unwrap(), "x = 2\n");
}

mod assists;
mod completion;
mod navigation;

#[test]
fn formatting_edits_touch_only_the_lines_that_change() {
    let text = "a = 1\nb=2\nc = 3\nd=4\n";
    let (host, file) = single_file(text);
    let analysis = host.analysis();
    let apply = |edits: &[TextEdit]| {
        let mut out = text.to_owned();
        for e in edits.iter().rev() {
            out.replace_range(e.range.as_usize(), &e.new_text);
        }
        out
    };
    let all = analysis.format(file, None).unwrap().unwrap();
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(apply(&all), "a = 1\nb = 2\nc = 3\nd = 4\n");
    // A range on the last line formats that line alone.
    let last = analysis.format(file, Some(TextRange::new(19, 20))).unwrap().unwrap();
    assert_eq!(apply(&last), "a = 1\nb=2\nc = 3\nd = 4\n");
    let (host, file) = single_file("x = (1 +\n");
    let (message, at) = host.analysis().format(file, None).unwrap().unwrap_err();
    assert!(message.starts_with("expected"), "{message}");
    assert_eq!(at.start, 9);
}
