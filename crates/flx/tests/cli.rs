//! The `flx` binary end to end: arguments, output formats and exit status.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("flx-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Scratch(dir)
    }

    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("directories");
        std::fs::write(&path, contents).expect("a scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn flx(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flx")).args(args).current_dir(cwd).output().expect("flx runs")
}

fn flx_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_flx"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flx runs");
    child.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("writes");
    child.wait_with_output().expect("flx finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 output")
}

const CLEAN: &str = "from(bucket: \"b\")\n  |> range(start: -1h)\n";
const BROKEN: &str = "data = from(bucket: \"b\")\n  |> filter(fn: (r) => r.host == \"ä\"\n\nx = 1\n";

#[test]
fn check_clean_files_exits_zero() {
    let s = Scratch::new("clean");
    s.write("a.flux", CLEAN);
    let out = flx(&["check", "a.flux"], &s.0);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out).trim(), "checked 1 file: no problems found");
}

#[test]
fn check_reports_errors_with_a_snippet_and_exits_one() {
    let s = Scratch::new("broken");
    s.write("b.flux", BROKEN);
    let out = flx(&["check", "--color", "never", "b.flux"], &s.0);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("error[E102]: expected `)` to close the call opened at 2:12, found `x`"), "{text}");
    assert!(text.contains("--> b.flux:4:1"), "{text}");
    assert!(text.contains("4 | x = 1"), "{text}");
    assert!(text.contains("^"), "a caret marks the spot: {text}");
    assert!(text.contains("the call opens here"), "the opener is labelled: {text}");
    assert!(!text.contains('\u{1b}'), "no colour with --color never");
    assert_eq!(stderr(&out).trim(), "checked 1 file: 1 error in 1 file");
}

#[test]
fn json_format_counts_lines_from_one_and_columns_in_characters() {
    let s = Scratch::new("json");
    // The error follows two two-byte characters on its line.
    s.write("c.flux", "x = \"éé\" + )\n");
    let out = flx(&["check", "--format", "json", "c.flux"], &s.0);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let first = &json[0];
    assert_eq!(first["file"], "c.flux");
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "E101");
    assert_eq!(first["message"], "expected an expression, found `)`");
    assert_eq!(first["start"], serde_json::json!({"line": 1, "column": 12}));
    assert_eq!(first["end"], serde_json::json!({"line": 1, "column": 13}));
    assert_eq!(stderr(&out), "", "json output prints no summary");
}

#[test]
fn json_format_of_clean_input_is_an_empty_array() {
    let out = flx_stdin(&["check", "--format", "json", "-"], CLEAN);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn directories_are_searched_for_flux_files() {
    let s = Scratch::new("dirs");
    s.write("top.flux", CLEAN);
    s.write("nested/deeper/broken.flux", BROKEN);
    s.write("nested/notes.txt", "not flux (");
    s.write(".hidden/skipped.flux", "(((");
    let out = flx(&["check", "--format", "json", "."], &s.0);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    let files: Vec<&str> =
        json.as_array().expect("an array").iter().map(|d| d["file"].as_str().expect("a file")).collect();
    assert_eq!(files, ["./nested/deeper/broken.flux"]);
}

#[test]
fn unreadable_inputs_exit_two_without_losing_the_rest() {
    let s = Scratch::new("unreadable");
    s.write("good.flux", BROKEN);
    s.write("latin1.flux", b"x = \"caf\xe9\"\n");
    let out = flx(&["check", "--color", "never", "missing.flux", "latin1.flux", "good.flux"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("cannot read `missing.flux`: no such file or directory"), "{err}");
    assert!(err.contains("`latin1.flux` is not UTF-8 text: invalid byte at 1:9"), "{err}");
    assert!(stdout(&out).contains("error[E102]"), "the readable file is still checked");
}

#[test]
fn warnings_alone_do_not_fail_the_check() {
    let out = flx_stdin(&["check", "--color", "never", "-"], "x = [1, 2 3]\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("warning[W101]: missing `,` between array elements"));
    assert!(stderr(&out).contains("1 warning"));
}

#[test]
fn bad_usage_exits_two() {
    let s = Scratch::new("usage");
    for args in [&["check"][..], &["check", "--format", "xml", "x.flux"], &["frobnicate"], &["check", "--nope"], &[]] {
        let out = flx(args, &s.0);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("flx help"), "{args:?} points at the help");
    }
    let help = flx(&["help", "check"], &s.0);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("--format <format>"));
}

#[test]
fn parse_prints_the_tree() {
    let out = flx_stdin(&["parse", "-"], "x = 1 + 2\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "File 1:1-1:10\n  VariableAssignment 1:1-1:10\n    Identifier `x` 1:1-1:2\n    BinaryExpression + 1:5-1:10\n      IntegerLiteral 1 1:5-1:6\n      IntegerLiteral 2 1:9-1:10\n"
    );
}

#[test]
fn parse_json_has_libflux_shape() {
    let out = flx_stdin(&["parse", "--json", "-"], "a |> f(x: 1)\n");
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["type"], "File");
    let pipe = &json["body"][0]["expression"];
    assert_eq!(json["body"][0]["type"], "ExpressionStatement");
    assert_eq!(pipe["type"], "PipeExpression");
    assert_eq!(pipe["argument"]["name"], "a");
    assert_eq!(pipe["call"]["arguments"][0]["type"], "ObjectExpression");
    assert_eq!(pipe["call"]["arguments"][0]["properties"][0]["value"]["value"], "1");
    assert_eq!(pipe["location"]["start"], serde_json::json!({"line": 1, "column": 1}));
    assert_eq!(pipe["location"]["source"], "a |> f(x: 1)");
}

#[test]
fn parse_reports_syntax_errors_and_still_prints_the_tree() {
    let out = flx_stdin(&["parse", "--json", "-"], "x = (\n");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["body"][0]["type"], "VariableAssignment");
    assert!(stderr(&out).contains("error[E101]: expected an expression, found end of file"), "{}", stderr(&out));
}
