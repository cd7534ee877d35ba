//! Parses a directory of real Flux code (set `FLUX_STDLIB_DIR`, e.g. to the
//! `stdlib` directory of an InfluxData flux checkout) and requires every
//! `.flux` file to parse without ERROR or MISSING nodes.

use std::fs;

use flx_test_utils::{flux_files, report, stdlib_dir};
use tree_sitter::{Node, Parser};

/// The first ERROR or MISSING node in document order, if any.
fn first_problem(node: Node<'_>) -> Option<Node<'_>> {
    if node.is_error() || node.is_missing() {
        return Some(node);
    }
    if !node.has_error() {
        return None;
    }
    let mut cursor = node.walk();
    node.children(&mut cursor).find_map(first_problem)
}

#[test]
fn stdlib_parses_without_errors() {
    let Some(dir) = stdlib_dir("stdlib conformance (tree-sitter-flux)") else {
        return;
    };
    let files = flux_files(&dir);
    assert!(!files.is_empty(), "no .flux files below {}", dir.display());

    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_flux::LANGUAGE.into()).expect("grammar loads");

    let mut failures = Vec::new();
    for path in &files {
        let source = fs::read(path).unwrap();
        let tree = parser.parse(&source, None).expect("parse succeeds");
        if let Some(node) = first_problem(tree.root_node()) {
            let at = node.start_position();
            let what = if node.is_missing() { format!("MISSING {}", node.kind()) } else { "ERROR".to_string() };
            failures.push(format!("{}:{}:{}: {what}", path.display(), at.row + 1, at.column + 1));
        }
    }

    report(&format!(
        "stdlib conformance (tree-sitter-flux): {} of {} files below {} parsed without errors",
        files.len() - failures.len(),
        files.len(),
        dir.display()
    ));
    assert!(failures.is_empty(), "{} files failed to parse cleanly:\n{}", failures.len(), failures.join("\n"));
}
