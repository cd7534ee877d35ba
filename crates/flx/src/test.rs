//! `flx test`: run the `testcase` blocks of Flux test files on the embedded engine, as
//! upstream's `flux test` runs them.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use flux_exec::harness::{self, TestCaseInfo};
use flux_ide::{AnalysisHost, Config, Diagnostic, FileId, Origin, Severity};

use crate::files::{self, Input, Manifests};
use crate::{Color, Outcome, UsageError, output};

pub const HELP: &str = "\
Run the test cases of Flux test files on the embedded engine.

Usage: flx test [options] <path>...

Each `testcase` block of a `*_test.flux` file (directories are searched for them) runs as
a program of its own: the file's other statements, then the block's. A test passes when it
runs without error, sends no table to the result `errorOutput` (where `testing.diff` sends
the differences it finds) and meets its `testing/expect.planner` expectations.

Options:
  --tags <tag,...>    Run tests tagged with `option testing.tags`; a tagged test runs
                      only when every one of its tags is given
  --skip <name,...>   Skip these tests (`name` or `package.name`)
  --test <name,...>   Run only these tests, whatever their tags
  --format <format>   text (default): a line per test, the failures' messages and a
                      summary; json: one document, {\"tests\": [...], \"summary\": {...}}
  --now <time>        The time tests run at unless they set `option now`, as RFC 3339;
                      the clock by default
  --color <when>      auto (default), always or never
  -h, --help          Show this help

Exit status: 0 when every test that ran passed, 1 when one failed, 2 on bad usage or
when no test file could be read.";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Status {
    Pass,
    Fail,
    Skip,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Skip => "skip",
        }
    }
}

struct TestResult {
    file: String,
    name: String,
    status: Status,
    message: String,
    duration_ms: f64,
}

struct Selection {
    tags: Vec<String>,
    skip: Vec<String>,
    only: Vec<String>,
}

impl Selection {
    /// Upstream's rule: `--test` decides alone; otherwise a tagged test needs all its tags,
    /// and `--skip` names tests to leave out.
    fn skips(&self, package: &str, name: &str, tags: &[String]) -> bool {
        let named = |names: &[String]| names.iter().any(|n| n == name || *n == format!("{package}.{name}"));
        if !self.only.is_empty() {
            return !named(&self.only);
        }
        !tags.iter().all(|t| self.tags.contains(t)) || named(&self.skip)
    }
}

fn list(value: OsString) -> Result<Vec<String>, UsageError> {
    let value = value.into_string().map_err(|_| UsageError("option values must be UTF-8".to_owned()))?;
    Ok(value.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
}

pub fn run(parser: &mut lexopt::Parser) -> Result<Outcome, UsageError> {
    use lexopt::prelude::*;
    let mut format = Format::Text;
    let mut color = Color::auto();
    let mut paths: Vec<OsString> = Vec::new();
    let mut now: Option<i64> = None;
    let mut selection = Selection { tags: Vec::new(), skip: Vec::new(), only: Vec::new() };
    while let Some(arg) = parser.next()? {
        match arg {
            Long("format") => {
                format = match parser.value()?.string()?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => {
                        return Err(UsageError(format!("invalid value `{other}` for --format: expected text or json")));
                    }
                }
            }
            Long("tags") => selection.tags.extend(list(parser.value()?)?),
            Long("skip") => selection.skip.extend(list(parser.value()?)?),
            Long("test") => selection.only.extend(list(parser.value()?)?),
            Long("color") => color = Color::parse(&parser.value()?.string()?).map_err(UsageError)?,
            Long("now") => {
                let value = parser.value()?.string()?;
                now = Some(
                    flux_exec::time::parse_rfc3339(&value)
                        .map_err(|e| UsageError(format!("invalid value for --now: {e}")))?,
                );
            }
            Long("help") | Short('h') => {
                println!("{HELP}");
                return Ok(Outcome::Clean);
            }
            Value(value) => paths.push(value),
            other => return Err(other.unexpected().into()),
        }
    }
    if paths.is_empty() {
        return Err(UsageError("`flx test` needs test files or directories".to_owned()));
    }
    let collected = files::collect(&paths, true, Manifests::No);
    // Directories hold package files too: only their test files are run.
    let named: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let test_files: Vec<PathBuf> = collected
        .inputs
        .iter()
        .filter_map(|input| match input {
            Input::File(path) => Some(path.clone()),
            Input::Stdin => None,
        })
        .filter(|path| named.contains(path) || path.to_string_lossy().ends_with("_test.flux"))
        .collect();
    for problem in &collected.unreadable {
        eprintln!("flx: {problem}");
    }
    if test_files.is_empty() {
        let searched: Vec<String> = paths.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        eprintln!("flx: no test files (*_test.flux) found in {}", searched.join(", "));
        return Ok(Outcome::Failed);
    }
    let now = now.unwrap_or_else(flux_exec::time::now);

    let mut results = Vec::new();
    let mut unreadable = collected.unreadable.len();
    for path in &test_files {
        match test_file(path, &selection, now, color) {
            Ok(mut file_results) => {
                if format == Format::Text {
                    for result in &file_results {
                        print_result(result, color);
                    }
                }
                results.append(&mut file_results);
            }
            Err(message) => {
                eprintln!("flx: {message}");
                unreadable += 1;
            }
        }
    }
    let count = |status| results.iter().filter(|r| r.status == status).count();
    let (passed, failed, skipped) = (count(Status::Pass), count(Status::Fail), count(Status::Skip));
    match format {
        Format::Json => {
            let tests: Vec<serde_json::Value> = results
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "file": r.file,
                        "name": r.name,
                        "status": r.status.as_str(),
                        "message": r.message,
                        "duration_ms": (r.duration_ms * 1000.0).round() / 1000.0,
                    })
                })
                .collect();
            let document = serde_json::json!({
                "tests": tests,
                "summary": {"passed": passed, "failed": failed, "skipped": skipped},
            });
            println!("{document}");
        }
        Format::Text => {
            // Timings are in the JSON report; this output stays the same from run to run.
            let mut summary =
                format!("Found {} tests: passed {passed}, failed {failed}, skipped {skipped}", results.len());
            summary.push_str(&files::unread_tail(unreadable));
            println!("{summary}");
        }
    }
    Ok(if failed > 0 {
        Outcome::Problems
    } else if unreadable > 0 {
        Outcome::Failed
    } else {
        Outcome::Clean
    })
}

fn print_result(result: &TestResult, color: Color) {
    let paint = |code: &str, text: &str| match color {
        Color::Always => format!("\x1b[{code}m{text}\x1b[0m"),
        Color::Never => text.to_owned(),
    };
    let status = match result.status {
        Status::Pass => paint("32", "pass"),
        Status::Fail => paint("31", "FAIL"),
        Status::Skip => paint("33", "skip"),
    };
    println!("{}: {} ... {status}", result.file, result.name);
    if result.status == Status::Fail {
        for line in result.message.lines() {
            println!("    {line}");
        }
    }
}

/// One analysis of a test file, and of the files its test cases extend.
struct Loaded {
    host: AnalysisHost,
    /// What each `extends` names: a file of the host and a test case of it.
    parents: HashMap<String, (FileId, String)>,
}

fn test_file(path: &Path, selection: &Selection, now: i64, color: Color) -> Result<Vec<TestResult>, String> {
    let source = files::read(&Input::File(path.to_path_buf()))?;
    let display = path.display().to_string();
    let text: Arc<str> = Arc::from(source.text.as_str());
    let mut loaded = Loaded { host: AnalysisHost::new(Config::default()), parents: HashMap::new() };
    let file = loaded.host.set_file(&display, text.clone(), None, Origin::Disk);
    let parse = flux_syntax::parse(&text);
    let package = parse.file.package.as_ref().map_or_else(String::new, |p| p.name.name.to_string());
    // Where each test case is, to tell its compile errors from the others'.
    let blocks: Vec<(String, flux_syntax::TextRange)> = parse
        .file
        .body
        .iter()
        .filter_map(|top| match &*top.statement {
            flux_syntax::ast::Statement::TestCase(t) => {
                let range = t.base.range;
                let shifted = flux_syntax::TextRange::new(range.start + top.offset, range.end + top.offset);
                Some((t.id.name.to_string(), shifted))
            }
            _ => None,
        })
        .collect();

    // Load the files extended test cases come from before taking the analysis.
    let analysis = loaded.host.analysis();
    let program = analysis.program(file).expect("not cancelled");
    let cases = harness::testcases(&program);
    drop(analysis);
    for case in &cases {
        if let Some(extends) = &case.extends
            && !loaded.parents.contains_key(extends)
        {
            let parent = load_parent(&mut loaded, path, extends)?;
            loaded.parents.insert(extends.clone(), parent);
        }
    }
    let analysis = loaded.host.analysis();
    let program = analysis.program(file).expect("not cancelled");
    let diagnostics = analysis.diagnostics(file).expect("not cancelled");
    let index = analysis.line_index(file).expect("not cancelled");
    let errors: Vec<Diagnostic> = diagnostics.into_iter().filter(|d| d.severity == Severity::Error).collect();

    let mut results = Vec::new();
    for case in &cases {
        let started = Instant::now();
        let mut result = TestResult {
            file: output::portable_path(&display),
            name: case.name.clone(),
            status: Status::Pass,
            message: String::new(),
            duration_ms: 0.0,
        };
        let block = blocks.iter().find(|(name, _)| *name == case.name).map(|(_, r)| *r);
        // Errors in the block, or outside every block, stop this test from compiling.
        let own_errors: Vec<Diagnostic> = errors
            .iter()
            .filter(|d| match block {
                Some(block) if block.contains_range(d.range) => true,
                _ => !blocks.iter().any(|(_, r)| r.contains_range(d.range)),
            })
            .cloned()
            .collect();
        let parent_program;
        let parent = match &case.extends {
            Some(extends) => match loaded.parents.get(extends) {
                Some((file, name)) => {
                    parent_program = analysis.program(*file).expect("not cancelled");
                    match harness::testcases(&parent_program).into_iter().find(|c| c.name == *name) {
                        Some(TestCaseInfo { item, .. }) => Some((&*parent_program, item)),
                        None => {
                            result.status = Status::Fail;
                            result.message = format!("the test case `{extends}` extends does not exist");
                            None
                        }
                    }
                }
                None => None,
            },
            None => None,
        };
        if result.status == Status::Fail {
            results.push(result);
            continue;
        }
        let tags = harness::tags(&program, case.item, parent);
        match tags {
            Ok(tags) if selection.skips(&package, &case.name, &tags) => result.status = Status::Skip,
            Err(message) => {
                result.status = Status::Fail;
                result.message = message;
            }
            Ok(_) if !own_errors.is_empty() => {
                result.status = Status::Fail;
                result.message =
                    format!("failed to compile:\n{}", output::human(&display, &text, &index, &own_errors, color));
            }
            Ok(_) => {
                // A bug in the engine fails the test it shows in, not the whole run.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    harness::run_test(&program, case.item, parent, now, None)
                }))
                .unwrap_or_else(|panic| {
                    let what = panic
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Err(flux_exec::RunError { message: format!("internal error in the engine: {what}"), at: None })
                });
                if let Err(error) = outcome {
                    result.status = Status::Fail;
                    result.message = match &error.at {
                        Some((file, range)) if *file == display => {
                            output::error_at(&display, &text, &index, &error.message, *range, color)
                                .trim_end()
                                .to_owned()
                        }
                        Some((file, _)) => format!("{file}: {}", error.message),
                        None => error.message.trim_end().to_owned(),
                    };
                }
            }
        }
        result.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
        results.push(result);
    }
    Ok(results)
}

/// Adds the file a test case extends (`"flux/testing/testing_test.name"`: module `flux`,
/// whose root holds a `fluxtest.root` naming it) to the host; returns it and the test case.
fn load_parent(loaded: &mut Loaded, path: &Path, extends: &str) -> Result<(FileId, String), String> {
    let (module, rest) = extends.split_once('/').ok_or_else(|| format!("cannot read `extends \"{extends}\"`"))?;
    let (file, case) = rest.rsplit_once('.').ok_or_else(|| format!("`extends \"{extends}\"` names no test case"))?;
    let root = path
        .parent()
        .into_iter()
        .flat_map(Path::ancestors)
        .find(|dir| {
            std::fs::read_to_string(dir.join("fluxtest.root"))
                .ok()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
                .is_some_and(|root| root["name"] == module)
        })
        .ok_or_else(|| format!("no fluxtest.root names the module `{module}` above {}", path.display()))?;
    let parent_path = root.join(format!("{file}.flux"));
    let source = files::read(&Input::File(parent_path.clone()))?;
    let id =
        loaded.host.set_file(&parent_path.display().to_string(), Arc::from(source.text.as_str()), None, Origin::Disk);
    Ok((id, case.to_owned()))
}
