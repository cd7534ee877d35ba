//! Every `.flux` file of the upstream standard library parses without a single diagnostic.
//!
//! The standard library is not part of this repository: point `FLUX_STDLIB_DIR` at the
//! `stdlib/` directory of a checkout of influxdata/flux. Without it the test reports that it
//! was skipped and passes.

#![allow(clippy::print_stderr)]

use std::path::{Path, PathBuf};

#[test]
fn every_stdlib_file_parses_without_diagnostics() {
    let Some(dir) = std::env::var_os("FLUX_STDLIB_DIR") else {
        eprintln!("stdlib conformance: SKIPPED, FLUX_STDLIB_DIR is not set (point it at influxdata/flux's stdlib/)");
        return;
    };
    let dir = PathBuf::from(dir);
    let mut files = Vec::new();
    collect(&dir, &mut files);
    assert!(!files.is_empty(), "no .flux files below {}", dir.display());

    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let parse = flux_syntax::parse(&text);
        if let Some(first) = parse.errors.first() {
            let index = flux_syntax::LineIndex::new(&text);
            let at = index.line_col(first.range.start, flux_syntax::ColumnEncoding::Utf32);
            failures.push(format!(
                "{}:{}:{}: {} ({} diagnostics)",
                file.display(),
                at.line + 1,
                at.col + 1,
                first.message,
                parse.errors.len()
            ));
        }
    }
    eprintln!(
        "stdlib conformance: {} of {} files below {} parsed without diagnostics",
        files.len() - failures.len(),
        files.len(),
        dir.display()
    );
    assert!(failures.is_empty(), "files with diagnostics:\n{}", failures.join("\n"));
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "flux") {
            out.push(path);
        }
    }
}
