//! The committed syntax corpus (`corpus/syntax/`, see its README):
//!
//! - every program in `valid/` parses without diagnostics, with both the parser and the
//!   tree-sitter grammar;
//! - every program in `invalid/` has at least one error, its diagnostics match the snapshot
//!   `NAME.errors` (rewrite with `UPDATE_EXPECT=1`), and the line the file's
//!   `// libflux: LINE:COL ...` header names, where libflux reports the mistake, is the line of
//!   our first error or of one of that error's related locations.

use std::path::{Path, PathBuf};

use flux_syntax::{ColumnEncoding, LineIndex};

mod common;

fn corpus(kind: &str) -> Vec<PathBuf> {
    flx_test_utils::corpus_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/syntax").join(kind))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn valid_programs_have_no_diagnostics() {
    let mut ts = tree_sitter::Parser::new();
    ts.set_language(&tree_sitter_flux::LANGUAGE.into()).expect("the grammar loads");
    let mut failures = Vec::new();
    for path in corpus("valid") {
        let text = read(&path);
        let parse = flux_syntax::parse(&text);
        if let Some(e) = parse.errors.first() {
            failures.push(format!("{}: {}", path.display(), e.message));
        }
        let tree = ts.parse(&text, None).expect("tree-sitter parses");
        if tree.root_node().has_error() {
            failures.push(format!("{}: tree-sitter-flux finds a syntax error", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Diagnostics as `line:col-line:col severity code message`, related locations indented.
fn render(text: &str) -> (String, Vec<Vec<u32>>) {
    let parse = flux_syntax::parse(text);
    let index = LineIndex::new(text);
    let mut out = String::new();
    let mut lines = Vec::new();
    for e in &parse.errors {
        let heading = format!("{} {} {}", e.severity().as_str(), e.code(), e.message);
        let line = common::render_diagnostic(&mut out, &index, e.range, &heading, &e.related);
        let mut error_lines = vec![line];
        error_lines.extend(e.related.iter().map(|r| index.range(r.range, ColumnEncoding::Utf32).0.line + 1));
        if e.severity() == flux_syntax::Severity::Error {
            lines.push(error_lines);
        }
    }
    (out, lines)
}

/// The line in `// libflux: LINE:COL message`, the file's second line.
fn libflux_line(path: &Path, text: &str) -> u32 {
    let header = text.lines().nth(1).unwrap_or_default();
    let rest = header
        .strip_prefix("// libflux: ")
        .unwrap_or_else(|| panic!("{}: the second line must be `// libflux: LINE:COL message`", path.display()));
    let line = rest.split(':').next().unwrap_or_default();
    line.parse().unwrap_or_else(|_| panic!("{}: bad libflux header {header:?}", path.display()))
}

#[test]
fn invalid_programs_report_the_mistake_where_libflux_does() {
    let mut failures = Vec::new();
    for path in corpus("invalid") {
        let text = read(&path);
        let (rendered, error_lines) = render(&text);
        let name = path.display();
        let Some(first) = error_lines.first() else {
            failures.push(format!("{name}: no error reported"));
            continue;
        };
        let expected_line = libflux_line(&path, &text);
        if !first.contains(&expected_line) {
            failures.push(format!("{name}: libflux reports line {expected_line}, our first error is at {first:?}"));
        }
        if let Some(difference) = flx_test_utils::check_snapshot(&path.with_extension("errors"), &rendered) {
            failures.push(format!("{name}: {difference}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
