//! Feature tests: one `check` helper per feature, fixtures with a `$0` cursor marker, and
//! snapshots (`UPDATE_EXPECT=1 cargo test -p flux-ide` rewrites them). A fixture is one file
//! (`/main.flux`) or several, each after a `//- /path.flux` line; `$0` is the cursor, in any
//! one of them.

use std::fmt::Write;
use std::sync::Arc;

use expect_test::{Expect, expect};

use super::*;

/// The files of a fixture in an analysis host.
pub(super) struct Fixture {
    pub(super) host: AnalysisHost,
    /// Path, id and text (without the cursor marker) of each file.
    pub(super) files: Vec<(String, FileId, String)>,
    /// The file with the cursor and the cursor's offset.
    cursor: Option<(FileId, u32)>,
}

pub(super) fn fixture(text: &str) -> Fixture {
    let mut host = AnalysisHost::default();
    let mut files = Vec::new();
    let mut cursor = None;
    let parts: Vec<(String, String)> = if text.starts_with("//- ") {
        text.split("//- ")
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (path, body) = p.split_once('\n').unwrap();
                (path.trim().to_owned(), body.to_owned())
            })
            .collect()
    } else {
        vec![("/main.flux".to_owned(), text.to_owned())]
    };
    for (path, body) in parts {
        let (body, offset) = match body.find("$0") {
            Some(i) => (body.replacen("$0", "", 1), Some(i as u32)),
            None => (body, None),
        };
        let id = host.set_file(&path, Arc::from(body.as_str()), Some(1), Origin::Editor);
        if let Some(offset) = offset {
            cursor = Some((id, offset));
        }
        files.push((path, id, body));
    }
    Fixture { host, files, cursor }
}

impl Fixture {
    pub(super) fn cursor(&self) -> (FileId, u32) {
        self.cursor.expect("the fixture has a $0 cursor")
    }

    /// The first (or only) file.
    pub(super) fn file(&self) -> FileId {
        self.files[0].1
    }

    pub(super) fn text(&self, file: FileId) -> &str {
        &self.files.iter().find(|(_, id, _)| *id == file).expect("a file of the fixture").2
    }

    /// `path:line:column "text"` for a range of a file.
    pub(super) fn describe(&self, file: FileId, range: TextRange) -> String {
        let (path, _, text) = self.files.iter().find(|(_, id, _)| *id == file).unwrap();
        let index = LineIndex::new(text);
        let at = index.line_col(range.start, ColumnEncoding::Utf8);
        format!("{path}:{}:{} {:?}", at.line + 1, at.col + 1, &text[range.as_usize()])
    }
}

fn check_symbols(text: &str, expect: Expect) {
    let f = fixture(text);
    let symbols = f.host.analysis().document_symbols(f.file()).unwrap();
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
    let f = fixture(text);
    let folds = f.host.analysis().folding_ranges(f.file()).unwrap();
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

fn check_selection(text: &str, expect: Expect) {
    let f = fixture(text);
    let (file, offset) = f.cursor();
    let text = f.text(file);
    let ranges = f.host.analysis().selection_ranges(file, &[offset]).unwrap();
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

fn check_literal_hover(text: &str, expect: Expect) {
    let f = fixture(text);
    let (file, offset) = f.cursor();
    let text = f.text(file);
    let hover = f.host.analysis().hover(file, offset).unwrap();
    let out = match hover {
        Some(h) => format!("[{}]\n{}\n", &text[h.range.as_usize()], h.markdown),
        None => "no hover\n".to_owned(),
    };
    expect.assert_eq(&out);
}

#[test]
fn hover_spells_out_durations_and_times() {
    check_literal_hover(
        "x = 1h3$00m",
        expect![[r#"
            [1h30m]
            duration: 1 hour 30 minutes (5,400 seconds)
        "#]],
    );
    check_literal_hover(
        "x = 1m$0o",
        expect![[r#"
            [1mo]
            duration: 1 month (months and years are calendar units: their length depends on the date)
        "#]],
    );
    check_literal_hover(
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
    let f = fixture(text);
    let file = f.file();
    let analysis = f.host.analysis();
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
    let f = fixture("package p\nx = [1, 2 3]\ny = (\n");
    let (mut host, file) = (f.host, f.files[0].1);
    let codes = |host: &AnalysisHost| -> Vec<&'static str> {
        host.analysis().diagnostics(file).unwrap().iter().map(|d| d.code).collect()
    };
    assert_eq!(codes(&host), ["W101", "E101"]);
    host.set_config(Config { disabled_diagnostics: vec!["W101".to_owned()], ..Config::default() });
    assert_eq!(codes(&host), ["E101"]);
}

#[test]
fn a_change_cancels_running_snapshots() {
    let f = fixture("x = 1\n");
    let (mut host, file) = (f.host, f.files[0].1);
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
    host.set_file("/main.flux", Arc::from("x = 2\n"), Some(2), Origin::Editor);
    assert_eq!(reader.join().unwrap(), "cancelled");
    assert_eq!(&*host.analysis().file_text(file).unwrap(), "x = 2\n");
}

mod assists;
mod completion;
mod navigation;
mod program;
mod run;

#[test]
fn formatting_edits_touch_only_the_lines_that_change() {
    let text = "a = 1\nb=2\nc = 3\nd=4\n";
    let f = fixture(text);
    let analysis = f.host.analysis();
    let file = f.file();
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
    let f = fixture("x = (1 +\n");
    let declined = f.host.analysis().format(f.file(), None).unwrap().unwrap_err();
    assert_eq!(declined.reason, FormatDeclinedReason::SyntaxError);
    assert!(declined.message.starts_with("expected"), "{declined:?}");
    assert_eq!(declined.range.start, 9);
}
