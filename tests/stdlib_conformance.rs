//! Every `.flux` file of the upstream standard library parses without a single diagnostic.
//!
//! The standard library is not part of this repository: point `FLUX_STDLIB_DIR` at the
//! `stdlib/` directory of a checkout of influxdata/flux. Without it the test reports that it
//! was skipped and passes.

use flx_test_utils::{flux_files, report, stdlib_dir};

#[test]
fn every_stdlib_file_parses_without_diagnostics() {
    let Some(dir) = stdlib_dir("stdlib conformance (flux-syntax)") else {
        return;
    };
    let files = flux_files(&dir);
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
    report(&format!(
        "stdlib conformance (flux-syntax): {} of {} files below {} parsed without diagnostics",
        files.len() - failures.len(),
        files.len(),
        dir.display()
    ));
    assert!(failures.is_empty(), "files with diagnostics:\n{}", failures.join("\n"));
}
