//! Every query file compiles against the grammar, and the Neovim highlight
//! query assigns the expected captures to a few representative tokens.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use tree_sitter::{Language, Parser, Query, QueryCursor, StreamingIterator};

fn language() -> Language {
    tree_sitter_flux::LANGUAGE.into()
}

fn scm_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "scm"))
        .collect();
    files.sort();
    files
}

fn assert_compiles(path: &Path) {
    let source = fs::read_to_string(path).unwrap();
    if let Err(err) = Query::new(&language(), &source) {
        panic!("{} does not compile: {err}", path.display());
    }
}

#[test]
fn bundled_queries_compile() {
    let exported = [
        ("highlights", tree_sitter_flux::HIGHLIGHTS_QUERY),
        ("locals", tree_sitter_flux::LOCALS_QUERY),
        ("injections", tree_sitter_flux::INJECTIONS_QUERY),
        ("folds", tree_sitter_flux::FOLDS_QUERY),
        ("indents", tree_sitter_flux::INDENTS_QUERY),
    ];
    for (name, source) in exported {
        if let Err(err) = Query::new(&language(), source) {
            panic!("{name} query does not compile: {err}");
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    let files = scm_files(&dir);
    assert_eq!(files.len(), exported.len(), "every query file is exported");
    files.iter().for_each(|path| assert_compiles(path));
}

/// The editor integrations live next to the crate in the repository; they are
/// not part of the published package, so their absence is not a failure.
#[test]
fn editor_queries_compile() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dirs = [root.join("editors/helix/runtime/queries/flux"), root.join("editors/zed/languages/flux")];
    for dir in dirs.iter().filter(|dir| dir.is_dir()) {
        let files = scm_files(dir);
        assert!(!files.is_empty(), "no queries in {}", dir.display());
        files.iter().for_each(|path| assert_compiles(path));
    }
}

#[test]
fn node_types_json_is_exported() {
    assert!(tree_sitter_flux::NODE_TYPES_JSON.contains("\"pipe_expression\""));
}

/// Highlights `source` the way Neovim resolves overlapping patterns: for each
/// node, the capture from the last matching pattern wins. Returns the winning
/// capture for every distinct captured range, keyed by its text and position.
fn highlight(source: &str) -> Vec<(String, String)> {
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    let tree = parser.parse(source, None).unwrap();
    assert!(!tree.root_node().has_error(), "test source must parse cleanly");
    let mut ranges: Vec<_> =
        captures(tree_sitter_flux::HIGHLIGHTS_QUERY, Precedence::Last, source).into_iter().collect();
    ranges.sort();
    ranges.into_iter().map(|((start, end), name)| (source[start..end].to_string(), name)).collect()
}

fn assert_capture(highlights: &[(String, String)], text: &str, capture: &str) {
    let found: Vec<&str> = highlights.iter().filter(|(t, _)| t == text).map(|(_, c)| c.as_str()).collect();
    assert!(found.contains(&capture), "expected `{text}` to be highlighted as @{capture}, got {found:?}");
}

#[test]
fn highlights_keywords_and_declarations() {
    let source = r#"package main

import "strings"

// Doubles the value.
double = (r) => ({r with _value: r._value * 2})

option task = {name: "t", every: 1h}

x = if true then 1 else 2.5
"#;
    let hl = highlight(source);
    assert_capture(&hl, "import", "keyword.import");
    assert_capture(&hl, "package", "keyword.import");
    assert_capture(&hl, "main", "module");
    assert_capture(&hl, "\"strings\"", "string.special.path");
    assert_capture(&hl, "double", "function");
    assert_capture(&hl, "r", "variable.parameter");
    assert_capture(&hl, "_value", "variable.member");
    assert_capture(&hl, "name", "property");
    assert_capture(&hl, "1h", "number");
    assert_capture(&hl, "2.5", "number.float");
    assert_capture(&hl, "true", "constant.builtin");
    assert_capture(&hl, "if", "keyword.conditional");
    assert_capture(&hl, "option", "keyword");
    assert_capture(&hl, "// Doubles the value.", "comment.documentation");
}

#[test]
fn highlights_calls_regexes_and_strings() {
    let source = r#"f = (x) => x
data
    |> filter(fn: (r) => r.host =~ /^web\/\d+$/)
    |> strings.toUpper(v: "n=${n}\t")
"#;
    let hl = highlight(source);
    assert_capture(&hl, "f", "function");
    assert_capture(&hl, "filter", "function.call");
    assert_capture(&hl, "toUpper", "function.method.call");
    assert_capture(&hl, "fn", "variable.parameter");
    assert_capture(&hl, "host", "variable.member");
    assert_capture(&hl, "/^web\\/\\d+$/", "string.regexp");
    assert_capture(&hl, "|>", "operator");
    assert_capture(&hl, "=~", "operator");
    assert_capture(&hl, "\\t", "string.escape");
    assert_capture(&hl, "${", "punctuation.special");
}

#[test]
fn highlights_types() {
    let source = "builtin f : (<-tables: stream[A], ?n: int) => A where A: Record\n";
    let hl = highlight(source);
    assert_capture(&hl, "builtin", "keyword");
    assert_capture(&hl, "f", "function.builtin");
    assert_capture(&hl, "tables", "variable.parameter");
    assert_capture(&hl, "stream", "type.builtin");
    assert_capture(&hl, "int", "type.builtin");
    assert_capture(&hl, "A", "type");
    assert_capture(&hl, "Record", "type");
    assert_capture(&hl, "where", "keyword");
}

#[test]
fn injects_regex_language() {
    let query = Query::new(&language(), tree_sitter_flux::INJECTIONS_QUERY).unwrap();
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    let source = "x =~ /a+b/\n";
    let tree = parser.parse(source, None).unwrap();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&query, tree.root_node(), source.as_bytes());
    let mut injected = Vec::new();
    while let Some(m) = matches.next() {
        let language = query
            .property_settings(m.pattern_index)
            .iter()
            .find(|p| &*p.key == "injection.language")
            .and_then(|p| p.value.as_deref().map(str::to_string));
        for capture in m.captures() {
            let text = &source[capture.node.byte_range()];
            injected.push((language.clone(), text.to_string()));
        }
    }
    assert!(
        injected.contains(&(Some("regex".to_string()), "a+b".to_string())),
        "regex body not injected: {injected:?}"
    );
}

/// Which pattern wins when several capture the same node.
#[derive(Clone, Copy)]
enum Precedence {
    /// Neovim and Zed: the last pattern in the file.
    Last,
    /// Helix: the first.
    First,
}

/// The winning capture of every captured range of `source` under `query`.
fn captures(query: &str, precedence: Precedence, source: &str) -> HashMap<(usize, usize), String> {
    let mut parser = Parser::new();
    parser.set_language(&language()).unwrap();
    let tree = parser.parse(source, None).unwrap();
    let query = Query::new(&language(), query).unwrap();
    let names = query.capture_names();
    let mut winners: HashMap<(usize, usize), (usize, String)> = HashMap::new();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&query, tree.root_node(), source.as_bytes());
    while let Some(m) = matches.next() {
        for capture in m.captures() {
            let name = names[capture.index as usize];
            // Markers, not highlights.
            if name == "spell" || name.starts_with('_') {
                continue;
            }
            let range = (capture.node.start_byte(), capture.node.end_byte());
            let entry = winners.entry(range).or_insert((m.pattern_index, name.to_string()));
            let wins = match precedence {
                Precedence::Last => m.pattern_index >= entry.0,
                Precedence::First => m.pattern_index < entry.0,
            };
            if wins {
                *entry = (m.pattern_index, name.to_string());
            }
        }
    }
    winners.into_iter().map(|(range, (_, name))| (range, name)).collect()
}

/// What each of tree-sitter-flux's highlight captures (nvim-treesitter's names) is called in
/// the Helix and Zed copies of the query. Helix tells type variables (`type.parameter`) from
/// kinds (`type`), which tree-sitter-flux's query calls `type` alike.
const CAPTURE_NAMES: &[(&str, &str, &str)] = &[
    ("attribute", "attribute", "attribute"),
    ("comment", "comment", "comment"),
    ("comment.documentation", "comment", "comment.doc"),
    ("constant.builtin", "constant.builtin.boolean", "boolean"),
    ("function", "function", "function"),
    ("function.builtin", "function.builtin", "function"),
    ("function.call", "function", "function"),
    ("function.method.call", "function.method", "function.method"),
    ("keyword", "keyword", "keyword"),
    ("keyword.conditional", "keyword.control.conditional", "keyword"),
    ("keyword.import", "keyword.control.import", "keyword"),
    ("keyword.operator", "keyword.operator", "keyword"),
    ("keyword.return", "keyword.control.return", "keyword"),
    ("label", "label", "label"),
    ("module", "namespace", "namespace"),
    ("number", "constant.numeric.integer", "number"),
    ("number.float", "constant.numeric.float", "number"),
    ("operator", "operator", "operator"),
    ("property", "variable.other.member", "property"),
    ("punctuation.bracket", "punctuation.bracket", "punctuation.bracket"),
    ("punctuation.delimiter", "punctuation.delimiter", "punctuation.delimiter"),
    ("punctuation.special", "punctuation.special", "punctuation.special"),
    ("string", "string", "string"),
    ("string.escape", "constant.character.escape", "string.escape"),
    ("string.regexp", "string.regexp", "string.regex"),
    ("string.special", "constant", "string.special"),
    ("string.special.path", "string.special.path", "string.special"),
    ("type", "type.parameter|type", "type"),
    ("type.builtin", "type.builtin", "type"),
    ("variable", "variable", "variable"),
    ("variable.builtin", "variable.builtin", "variable.special"),
    ("variable.member", "variable.other.member", "property"),
    ("variable.parameter", "variable.parameter", "variable.parameter"),
];

/// The Helix and Zed highlight queries are hand-adapted copies of tree-sitter-flux's (other
/// capture names, and for Helix the other order); over the committed programs, every token
/// gets from each copy the capture that stands for the one tree-sitter-flux gives it.
#[test]
fn editor_highlight_copies_say_what_the_grammar_query_says() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let helix = fs::read_to_string(root.join("editors/helix/runtime/queries/flux/highlights.scm")).unwrap();
    let zed = fs::read_to_string(root.join("editors/zed/languages/flux/highlights.scm")).unwrap();
    let mut sources = Vec::new();
    for dir in ["tests/corpus/syntax/valid", "tests/corpus/semantic/valid", "examples"] {
        for path in fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()) {
            if path.extension().is_some_and(|e| e == "flux") {
                sources.push((path.display().to_string(), fs::read_to_string(&path).unwrap()));
            }
        }
    }
    sources.sort();
    assert!(sources.len() > 100, "{} programs", sources.len());
    let mut problems: Vec<String> = Vec::new();
    for (path, source) in &sources {
        let ours = captures(tree_sitter_flux::HIGHLIGHTS_QUERY, Precedence::Last, source);
        let copies =
            [("Helix", captures(&helix, Precedence::First, source)), ("Zed", captures(&zed, Precedence::Last, source))];
        for (index, (editor, theirs)) in copies.iter().enumerate() {
            let mut ranges: Vec<&(usize, usize)> = ours.keys().chain(theirs.keys()).collect();
            ranges.sort();
            ranges.dedup();
            for range in ranges {
                let expected = ours.get(range).map(|name| {
                    CAPTURE_NAMES.iter().find(|(n, ..)| n == name).map_or(
                        format!("(no mapping for @{name})"),
                        |(_, h, z)| {
                            if index == 0 { h.to_string() } else { z.to_string() }
                        },
                    )
                });
                let found = theirs.get(range).cloned();
                let agrees = match (&expected, &found) {
                    (Some(expected), Some(found)) => expected.split('|').any(|e| e == found),
                    (None, None) => true,
                    _ => false,
                };
                if !agrees && problems.len() < 30 {
                    problems.push(format!(
                        "{path}: {:?}: tree-sitter-flux says {:?}, so {editor} should say {expected:?}, but says {found:?}",
                        &source[range.0..range.1],
                        ours.get(range)
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
