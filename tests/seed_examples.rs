//! The Flux snippets of the article that motivated flx (`../shared/seed-examples/`, or the
//! directory `FLX_SEED_EXAMPLES` names): `flx check` finds every real mistake, on its line,
//! and nothing else. The correct snippets get no error; `02` uses the universe `join`, which
//! Flux deprecated in 0.172.0, and gets that warning and nothing more.

use std::path::PathBuf;
use std::sync::Arc;

use flux_ide::{AnalysisHost, ColumnEncoding, Config, Origin};
use flx_test_utils::report;

/// Per file, the expected `(code, line)` of every diagnostic, in order, and why.
const EXPECTED: &[(&str, &[(&str, u32)])] = &[
    ("01_average_cpu.flux", &[]),
    // The universe `join` still works but is deprecated in favour of `join.inner`.
    ("02_join_metadata.flux", &[("W203", 10)]),
    ("03_union_mean.flux", &[]),
    ("04_pivot.flux", &[]),
    ("05_downsample.flux", &[]),
    ("06_fahrenheit.flux", &[]),
    (
        "07_high_cpu_alert.flux",
        &[
            // Imports after the `option task` statement: the wrong statement order.
            ("E112", 4),
            // `schema` and `v1` are imported and never used.
            ("W202", 4),
            ("W202", 5),
            // `slack.endpoint(url)(mapFn)` returns a function that takes the piped tables:
            // the call piped into is the one without a pipe parameter...
            ("E208", 21),
            // ...and `mapFn` must return the `channel`, `color` and `text` of the message.
            ("E210", 21),
        ],
    ),
    ("08_hourly_downsample_task.flux", &[]),
    ("09_aggregate_before_egress.flux", &[]),
    (
        "10_anomaly_detection.flux",
        &[
            // There is no package `experimental/set`.
            ("E202", 1),
            ("W202", 2),
            // `stddev` has no parameter `n`.
            ("E206", 12),
            // The joined result is never yielded: the query computes nothing.
            ("W201", 15),
            ("W203", 15),
        ],
    ),
    // There is no package `experimental/holtWinters` (`holtWinters` is in the prelude).
    ("11_holt_winters.flux", &[("E202", 1)]),
    (
        "12_missing_hosts.flux",
        &[
            ("W202", 2),
            // `array.from` needs records, not strings.
            ("E204", 20),
            // There is no `array.contains`.
            ("E203", 21),
            ("E208", 29),
            ("E210", 29),
        ],
    ),
];

fn seed_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("FLX_SEED_EXAMPLES") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seed-examples"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    report(&format!("seed examples: SKIPPED, {} is not a directory (set FLX_SEED_EXAMPLES)", dir.display()));
    None
}

#[test]
fn check_finds_the_real_mistakes_and_nothing_else() {
    let Some(dir) = seed_dir() else { return };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".flux"))
        .collect();
    names.sort();
    let listed: Vec<&str> = EXPECTED.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, listed, "the seed examples changed");
    let mut failures = Vec::new();
    let mut errors = 0;
    for (name, expected) in EXPECTED {
        let text = std::fs::read_to_string(dir.join(name)).expect("readable");
        let mut host = AnalysisHost::new(Config::default());
        let file = host.set_file(name, Arc::from(text), None, Origin::Disk);
        let analysis = host.analysis();
        let index = analysis.line_index(file).expect("not cancelled");
        let found: Vec<(&str, u32, String)> = analysis
            .diagnostics(file)
            .expect("not cancelled")
            .into_iter()
            .map(|d| (d.code, index.line_col(d.range.start, ColumnEncoding::Utf32).line + 1, d.message.to_string()))
            .collect();
        let codes: Vec<(&str, u32)> = found.iter().map(|(c, l, _)| (*c, *l)).collect();
        if codes != *expected {
            failures.push(format!("{name}: expected {expected:?}, found {found:#?}"));
        }
        errors += codes.iter().filter(|(c, _)| c.starts_with('E')).count();
    }
    report(&format!("seed examples: {} files, {errors} errors found, all expected", EXPECTED.len()));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
