//! Helpers shared by tests and benchmarks: finding the upstream standard library and the
//! Flux files below a directory.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The variable that points at the `stdlib/` directory of a checkout of influxdata/flux.
pub const STDLIB_VAR: &str = "FLUX_STDLIB_DIR";

/// The standard library directory, or `None` after reporting that `what` is skipped because
/// the variable is unset.
pub fn stdlib_dir(what: &str) -> Option<PathBuf> {
    match std::env::var_os(STDLIB_VAR) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            report(&format!("{what}: SKIPPED, {STDLIB_VAR} is not set (point it at influxdata/flux's stdlib/)"));
            None
        }
    }
}

/// Every `.flux` file below `dir`, sorted. Panics when `dir` cannot be read: a test pointed
/// at a missing directory must fail, not pass vacuously.
pub fn flux_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())).path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "flux") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
}

/// Writes a line to the process's standard error, which the test harness does not capture,
/// so that a skipped check or a summary is always visible.
pub fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Set by `scripts/test`, which installs every external tool: a test whose tool is missing
/// then fails instead of skipping.
pub const STRICT_VAR: &str = "FLX_TEST_STRICT";

/// The file named by the environment variable `var`, an external tool or data file the test
/// `what` needs. When the variable is unset the test is reported as skipped (`None`), unless
/// [`STRICT_VAR`] is set; a variable naming a missing file is always an error.
pub fn external_tool(var: &str, what: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(path) => {
            let path = PathBuf::from(path);
            assert!(path.is_file(), "{what}: {var}={} is not a file", path.display());
            Some(path)
        }
        None if std::env::var_os(STRICT_VAR).is_some() => {
            panic!("{what}: {var} is not set, and {STRICT_VAR} asks for every test to run")
        }
        None => {
            report(&format!("{what}: SKIPPED, {var} is not set (scripts/test sets it)"));
            None
        }
    }
}

/// The value of the environment variable `var`, a service the test `what` needs (a data
/// source name); as [`external_tool`], unset is a skip unless [`STRICT_VAR`] is set.
pub fn external_tool_value(var: &str, what: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Some(value),
        _ if std::env::var_os(STRICT_VAR).is_some() => {
            panic!("{what}: {var} is not set, and {STRICT_VAR} asks for every test to run")
        }
        _ => {
            report(&format!("{what}: SKIPPED, {var} is not set (scripts/test sets it)"));
            None
        }
    }
}

/// The `.flux` files directly in `dir` (a corpus directory), sorted; panics when there are none.
pub fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "flux"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", dir.display());
    files
}

/// Compares `actual` with the snapshot file `snapshot`, or rewrites the snapshot when
/// `UPDATE_EXPECT` is set. Returns a description of the difference, if any.
pub fn check_snapshot(snapshot: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(snapshot, actual).expect("the snapshot is writable");
        return None;
    }
    match std::fs::read_to_string(snapshot) {
        Ok(expected) if expected == actual => None,
        Ok(expected) => {
            Some(format!("differs from {}\n--- expected\n{expected}--- actual\n{actual}", snapshot.display()))
        }
        Err(_) => Some(format!("no snapshot {}; run with UPDATE_EXPECT=1", snapshot.display())),
    }
}

/// A small deterministic generator (xorshift64*), so that randomized tests draw the same
/// cases on every machine and every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// An empty directory for a test's files, named after the test and this process.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Runs a client (an editor driven by a script) with no input and returns what it printed;
/// a failure shows both its outputs.
pub fn client_output(command: &mut std::process::Command) -> String {
    let program = command.get_program().to_string_lossy().into_owned();
    let output =
        command.stdin(std::process::Stdio::null()).output().unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{program} failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}
