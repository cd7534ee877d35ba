//! The committed semantic corpus (`corpus/semantic/`, see its README), analyzed through the
//! IDE API as the server and `flx check` do:
//!
//! - every program in `valid/` has no diagnostic at all, error or warning;
//! - every program in `invalid/` has exactly one, with the code and on the line its header
//!   `// expect: CODE line N: ...` names, and its diagnostics match the snapshot
//!   `NAME.diagnostics` (rewrite with `UPDATE_EXPECT=1`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use flux_ide::{AnalysisHost, Config, Origin};

mod common;

fn corpus(kind: &str) -> Vec<PathBuf> {
    flx_test_utils::corpus_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/semantic").join(kind))
}

/// Diagnostics as `line:col-line:col severity code message`, related locations indented, and
/// `(code, line)` of each.
fn render(text: &str) -> (String, Vec<(&'static str, u32)>) {
    let mut host = AnalysisHost::new(Config::default());
    let file = host.set_file("corpus.flux", Arc::from(text), None, Origin::Disk);
    let analysis = host.analysis();
    let index = analysis.line_index(file).expect("not cancelled");
    let mut out = String::new();
    let mut found = Vec::new();
    for d in analysis.diagnostics(file).expect("not cancelled") {
        let heading = format!("{} {} {}", d.severity.as_str(), d.code, d.message);
        let line = common::render_diagnostic(&mut out, &index, d.range, &heading, &d.related);
        found.push((d.code, line));
    }
    (out, found)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn valid_programs_have_no_diagnostics() {
    let mut failures = Vec::new();
    let files = corpus("valid");
    for path in &files {
        let (rendered, found) = render(&read(path));
        if !found.is_empty() {
            failures.push(format!("{}:\n{rendered}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} valid programs have diagnostics:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// `(code, line)` from the first line, `// expect: CODE line N: explanation`.
fn expectation(path: &Path, text: &str) -> (String, u32) {
    let header = text.lines().next().unwrap_or_default();
    let parsed = header.strip_prefix("// expect: ").and_then(|rest| {
        let (code, rest) = rest.split_once(" line ")?;
        let line = rest.split(':').next()?.parse().ok()?;
        Some((code.to_owned(), line))
    });
    parsed.unwrap_or_else(|| panic!("{}: the first line must be `// expect: CODE line N: ...`", path.display()))
}

#[test]
fn invalid_programs_report_exactly_the_expected_diagnostic() {
    let mut failures = Vec::new();
    let mut codes = std::collections::BTreeMap::<String, usize>::new();
    for path in corpus("invalid") {
        let text = read(&path);
        let (rendered, found) = render(&text);
        let name = path.display();
        let (code, line) = expectation(&path, &text);
        *codes.entry(code.clone()).or_default() += 1;
        if found.len() != 1 || found[0].0 != code || found[0].1 != line {
            failures.push(format!("{name}: expected one {code} on line {line}, found:\n{rendered}"));
        }
        if let Some(difference) = flx_test_utils::check_snapshot(&path.with_extension("diagnostics"), &rendered) {
            failures.push(format!("{name}: {difference}"));
        }
    }
    // Every semantic code is covered.
    for c in flux_ide::diagnostic_codes().iter().filter(|c| c.code.as_bytes()[1] == b'2') {
        if !codes.contains_key(c.code) {
            failures.push(format!("no invalid program for {}", c.code));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
