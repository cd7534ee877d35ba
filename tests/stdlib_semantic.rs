//! Every `.flux` file of the upstream standard library, tests included, analyzes without a
//! single semantic error: no false positives on the code Flux's authors wrote.
//!
//! Point `FLUX_STDLIB_DIR` at the `stdlib/` directory of a checkout of influxdata/flux.
//! Without it the test reports that it was skipped and passes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use flx_test_utils::{flux_files, report, stdlib_dir};

#[test]
fn every_stdlib_file_analyzes_without_errors() {
    let Some(dir) = stdlib_dir("stdlib semantic conformance") else {
        return;
    };
    let files = flux_files(&dir);
    // The non-test files of a directory form one package; each test file stands alone (test
    // files of one package reuse names across files).
    let mut groups: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for file in files {
        let key = if file.to_string_lossy().ends_with("_test.flux") {
            file.display().to_string()
        } else {
            file.parent().expect("a directory").display().to_string()
        };
        groups.entry(key).or_default().push(file);
    }
    let mut failures = Vec::new();
    let mut count = 0;
    let mut warnings = 0;
    for group in groups.values() {
        let texts: Vec<String> = group.iter().map(|f| std::fs::read_to_string(f).expect("readable")).collect();
        let parses: Vec<flux_syntax::Parse> = texts.iter().map(|t| flux_syntax::parse(t)).collect();
        let trees: Vec<&flux_syntax::ast::File> = parses.iter().map(|p| &p.file).collect();
        let results = flux_semantic::analyze_files(
            &trees,
            &flux_semantic::Predefined { dashboard: flux_semantic::DashboardVariables::Off, task: false },
        );
        for ((path, text), result) in group.iter().zip(&texts).zip(results) {
            count += 1;
            let index = flux_syntax::LineIndex::new(text);
            for d in result.diagnostics {
                if d.severity != flux_syntax::Severity::Error {
                    warnings += 1;
                    if std::env::var_os("FLX_SHOW_WARNINGS").is_some() {
                        let at = index.line_col(d.range.start, flux_syntax::ColumnEncoding::Utf32);
                        report(&format!("{}:{}:{}: {} {}", path.display(), at.line + 1, at.col + 1, d.code, d.message));
                    }
                    continue;
                }
                let at = index.line_col(d.range.start, flux_syntax::ColumnEncoding::Utf32);
                failures.push(format!("{}:{}:{}: {} {}", path.display(), at.line + 1, at.col + 1, d.code, d.message));
            }
        }
    }
    report(&format!(
        "stdlib semantic conformance: {count} files below {}, {} errors, {warnings} warnings",
        dir.display(),
        failures.len()
    ));
    assert!(failures.is_empty(), "{} errors:\n{}", failures.len(), failures.join("\n"));
}
