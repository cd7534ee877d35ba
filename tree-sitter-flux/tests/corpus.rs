//! Runs the corpus in `test/corpus/*.txt` without tree-sitter-cli.
//!
//! The files use tree-sitter's corpus format: a header of `=` lines around
//! the case name (plus optional `:attribute` lines), the input, a line of
//! dashes, then the expected S-expression. Cases marked `:error` only have to
//! produce a tree containing an error.

use std::fs;
use std::path::{Path, PathBuf};

use tree_sitter::Parser;

struct Case {
    file: String,
    name: String,
    input: String,
    expected: String,
    expect_error: bool,
    skip: bool,
}

fn is_rule(line: &str, ch: char) -> bool {
    let line = line.trim_end();
    line.len() >= 3 && line.chars().all(|c| c == ch)
}

fn parse_corpus_file(path: &Path) -> Vec<Case> {
    let text = fs::read_to_string(path).expect("corpus file is readable");
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let lines: Vec<&str> = text.lines().collect();
    let mut cases = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_rule(lines[i], '=') {
            i += 1;
            continue;
        }
        // Header: name and attribute lines up to the closing `=` rule.
        i += 1;
        let mut name_lines = Vec::new();
        let mut expect_error = false;
        let mut skip = false;
        while i < lines.len() && !is_rule(lines[i], '=') {
            let line = lines[i].trim();
            match line {
                ":error" => expect_error = true,
                ":skip" => skip = true,
                _ if line.starts_with(':') => {}
                _ => name_lines.push(line),
            }
            i += 1;
        }
        i += 1;
        // Input: everything up to the first dash rule.
        let start = i;
        while i < lines.len() && !is_rule(lines[i], '-') {
            i += 1;
        }
        let input = lines[start..i.min(lines.len())].join("\n");
        i += 1;
        // Expected tree: everything up to the next header.
        let start = i;
        while i < lines.len() && !is_rule(lines[i], '=') {
            i += 1;
        }
        let expected = lines[start.min(lines.len())..i].join("\n");
        cases.push(Case {
            file: file.clone(),
            name: name_lines.join(" "),
            input: input.trim_matches('\n').to_string() + "\n",
            expected,
            expect_error,
            skip,
        });
    }
    cases
}

/// Collapses whitespace so differently indented S-expressions compare equal.
fn normalize(sexp: &str) -> String {
    let collapsed = sexp.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.replace("( ", "(").replace(" )", ")")
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test/corpus");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("test/corpus exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn corpus() {
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_flux::LANGUAGE.into()).expect("grammar loads");

    let mut failures = Vec::new();
    let mut ran = 0;
    for path in corpus_files() {
        for case in parse_corpus_file(&path) {
            if case.skip {
                continue;
            }
            ran += 1;
            let tree = parser.parse(&case.input, None).expect("parse succeeds");
            let root = tree.root_node();
            if case.expect_error {
                if !root.has_error() {
                    failures.push(format!(
                        "{} / {}: expected a syntax error, got {}",
                        case.file,
                        case.name,
                        root.to_sexp()
                    ));
                }
                continue;
            }
            let actual = normalize(&root.to_sexp());
            let expected = normalize(&case.expected);
            if actual != expected {
                failures.push(format!("{} / {}:\n  expected: {expected}\n  actual:   {actual}", case.file, case.name));
            }
        }
    }

    assert!(ran > 100, "only {ran} corpus cases found");
    assert!(failures.is_empty(), "{} of {ran} corpus cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn corpus_format_is_understood() {
    let cases: Vec<Case> = corpus_files().iter().flat_map(|path| parse_corpus_file(path)).collect();
    assert!(!cases.is_empty());
    for case in cases {
        assert!(!case.name.is_empty(), "unnamed case in {}", case.file);
        assert!(
            case.expect_error || case.expected.trim_start().starts_with("(source_file"),
            "{} / {} has no expected tree",
            case.file,
            case.name
        );
    }
}
