//! The upstream standard library's testcases, run by `flx test`, give the counts
//! docs/conformance.md records: an improvement or a regression both fail this test until the
//! page says so.
//!
//! Point `FLUX_STDLIB_DIR` at the `stdlib/` directory of a checkout of influxdata/flux.
//! Without it the test reports that it was skipped and passes.

use std::path::Path;
use std::process::Command;

use flx_test_utils::{report, stdlib_dir};

#[test]
fn upstream_testcases_pass_as_docs_conformance_records() {
    let Some(dir) = stdlib_dir("upstream testcases") else { return };
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/conformance.md");
    let page = std::fs::read_to_string(page).expect("docs/conformance.md");
    let recorded = page
        .lines()
        .find_map(|l| l.strip_prefix("<!-- counts: ")?.strip_suffix(" -->"))
        .expect("docs/conformance.md has a `<!-- counts: ... -->` line");
    let out = Command::new(env!("CARGO_BIN_EXE_flx"))
        .args(["test", "--format", "json"])
        .arg(&dir)
        .output()
        .expect("flx runs");
    let report_json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let summary = &report_json["summary"];
    let counts = format!("passed {}, failed {}, skipped {}", summary["passed"], summary["failed"], summary["skipped"]);
    report(&format!("upstream testcases: {counts}"));
    assert_eq!(counts, recorded, "update docs/conformance.md (the counts line and the table of failures)");
}
