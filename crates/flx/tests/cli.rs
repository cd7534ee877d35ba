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
    let out = flx_stdin(&["check", "--color", "never", "-"], "x = [1, 2 3]\nx\n");
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

// The machine formats and the options that decide what fails a check.

/// A line whose error follows an emoji: 1 character, 2 UTF-16 code units, 4 bytes. The `)`
/// is character 11 of its line and UTF-16 column 12.
const EMOJI: &str = "x = \"😀\" + )\n";
/// A warning (W101) and nothing else.
const WARNING: &str = "x = [1, 2 3]\nx\n";

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("stdout is one JSON document ({e}): {}", stdout(o)))
}

#[test]
fn sarif_format_describes_tool_rules_results_and_artifacts() {
    let s = Scratch::new("sarif");
    s.write("sub/broken.flux", BROKEN);
    s.write("emoji.flux", EMOJI);
    s.write("warn.flux", WARNING);
    s.write("clean.flux", CLEAN);
    let out = flx(&["check", "--format", "sarif", "."], &s.0);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "", "sarif output prints no summary");
    let log = json(&out);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    );
    assert_eq!(log["runs"].as_array().expect("runs").len(), 1);
    let run = &log["runs"][0];

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "flx");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], "https://github.com/flx-dev/flx");
    let rules = driver["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().expect("an id")).collect();
    assert_eq!(ids, ["E101", "E102", "W101"], "the codes that occur, sorted");
    assert_eq!(rules[1]["name"], "unclosed-bracket");
    assert_eq!(rules[1]["shortDescription"]["text"], "a bracket, brace or parenthesis is never closed");
    assert_eq!(
        rules[1]["helpUri"],
        "https://github.com/flx-dev/flx/blob/main/docs/diagnostics.md#e102--unclosed-bracket"
    );
    assert_eq!(rules[1]["defaultConfiguration"]["level"], "error");
    assert_eq!(rules[2]["defaultConfiguration"]["level"], "warning");

    assert_eq!(run["columnKind"], "utf16CodeUnits", "the column unit is stated, not implied");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    assert!(run["invocations"][0].get("toolExecutionNotifications").is_none());
    let artifacts: Vec<(&str, u64)> = run["artifacts"]
        .as_array()
        .expect("artifacts")
        .iter()
        .map(|a| (a["location"]["uri"].as_str().expect("a uri"), a["length"].as_u64().expect("a length")))
        .collect();
    assert_eq!(
        artifacts,
        [
            ("clean.flux", CLEAN.len() as u64),
            ("emoji.flux", EMOJI.len() as u64),
            ("sub/broken.flux", BROKEN.len() as u64),
            ("warn.flux", WARNING.len() as u64)
        ],
        "every checked file, relative, with forward slashes and no leading ./"
    );

    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    let emoji = &results[0];
    assert_eq!(emoji["ruleId"], "E101");
    assert_eq!(emoji["ruleIndex"], 0);
    assert_eq!(emoji["level"], "error");
    assert_eq!(emoji["message"]["text"], "expected an expression, found `)`");
    let location = &emoji["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"], serde_json::json!({"uri": "emoji.flux", "index": 1}));
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 1, "startColumn": 12, "endLine": 1, "endColumn": 13}),
        "columns in UTF-16 code units: the emoji counts twice"
    );

    let broken = &results[1];
    assert_eq!(broken["ruleId"], "E102");
    assert_eq!(broken["ruleIndex"], 1);
    assert_eq!(broken["message"]["text"], "expected `)` to close the call opened at 2:12, found `x`");
    assert_eq!(
        broken["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 4, "startColumn": 1, "endLine": 4, "endColumn": 2})
    );
    let related = &broken["relatedLocations"][0];
    assert_eq!(related["id"], 0);
    assert_eq!(related["message"]["text"], "the call opens here");
    assert_eq!(related["physicalLocation"]["artifactLocation"]["uri"], "sub/broken.flux");
    assert_eq!(
        related["physicalLocation"]["region"],
        serde_json::json!({"startLine": 2, "startColumn": 12, "endLine": 2, "endColumn": 13}),
        "the `ä` before it is one UTF-16 code unit"
    );

    let warning = &results[2];
    assert_eq!(warning["ruleId"], "W101");
    assert_eq!(warning["ruleIndex"], 2);
    assert_eq!(warning["level"], "warning");
    assert_eq!(
        warning["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 1, "startColumn": 10, "endLine": 1, "endColumn": 10}),
        "a missing token is an insertion point"
    );
}

#[test]
fn sarif_format_reports_unreadable_inputs_and_standard_input() {
    let s = Scratch::new("sarif-failures");
    s.write("my dir/50%.flux", WARNING);
    let out = flx(&["check", "--format", "sarif", "my dir/50%.flux", "missing.flux"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).trim(), "flx: cannot read `missing.flux`: no such file or directory");
    let run = &json(&out)["runs"][0];
    assert_eq!(run["artifacts"][0]["location"]["uri"], "my%20dir/50%25.flux", "URIs are percent-encoded");
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"],
        serde_json::json!([{"level": "error", "message": {"text": "cannot read `missing.flux`: no such file or directory"}}])
    );

    let out = flx_stdin(&["check", "--format", "sarif", "-"], WARNING);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let run = &json(&out)["runs"][0];
    assert_eq!(run["artifacts"], serde_json::json!([{"description": {"text": "standard input"}, "length": 15}]));
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"],
        serde_json::json!({"index": 0})
    );

    let out = flx_stdin(&["check", "--format", "sarif", "-"], CLEAN);
    assert_eq!(out.status.code(), Some(0));
    let run = &json(&out)["runs"][0];
    assert_eq!(run["results"], serde_json::json!([]));
    assert_eq!(run["tool"]["driver"]["rules"], serde_json::json!([]));
}

#[test]
fn github_format_prints_one_workflow_command_per_diagnostic() {
    let s = Scratch::new("github");
    s.write("sub/broken.flux", BROKEN);
    s.write("emoji.flux", EMOJI);
    s.write("warn.flux", WARNING);
    let out = flx(&["check", "--format", "github", "."], &s.0);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "::error file=emoji.flux,line=1,col=11,endLine=1,endColumn=12,title=E101::expected an expression, found `)`\n\
         ::error file=sub/broken.flux,line=4,col=1,endLine=4,endColumn=2,title=E102::expected `)` to close the call opened at 2:12, found `x`\n\
         ::warning file=warn.flux,line=1,col=10,endLine=1,endColumn=10,title=W101::missing `,` between array elements\n",
        "columns count characters: the emoji counts once"
    );
    assert_eq!(stderr(&out).trim(), "checked 3 files: 2 errors and 1 warning in 3 files", "a summary for the log");
}

#[test]
fn github_format_escapes_properties_and_messages() {
    let s = Scratch::new("github-escaping");
    // The message quotes the source, with its `%` and line breaks; the path has every
    // character that would end a property.
    s.write("a,b:c%/pipe.flux", "data |> (\"50%\r\n, ok\")\n");
    let out = flx(&["check", "--format", "github", "a,b:c%/pipe.flux"], &s.0);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "::error file=a%2Cb%3Ac%25/pipe.flux,line=1,endLine=2,title=E111::\
         the right side of `|>` must be a function call, found `(\"50%25%0D%0A, ok\")`\n",
        "a range over several lines has no columns (the runner takes them only on one line); \
         the message keeps `:` and `,`"
    );

    let out = flx_stdin(&["check", "--format", "github", "-"], WARNING);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "::warning line=1,col=10,endLine=1,endColumn=10,title=W101::missing `,` between array elements\n",
        "standard input names no file"
    );
}

#[test]
fn max_warnings_fails_a_check_with_too_many_warnings() {
    let s = Scratch::new("max-warnings");
    s.write("w1.flux", WARNING);
    s.write("w2.flux", "y = [3, 4 5]\ny\n");
    let out = flx(&["check", "--color", "never", "--max-warnings", "1", "."], &s.0);
    assert_eq!(out.status.code(), Some(1), "two warnings are more than one");
    let err = stderr(&out);
    assert!(err.contains("checked 2 files: 2 warnings in 2 files"), "{err}");
    assert!(err.contains("flx: too many warnings: 2, and --max-warnings allows 1"), "{err}");

    let out = flx(&["check", "--color", "never", "--max-warnings", "2", "."], &s.0);
    assert_eq!(out.status.code(), Some(0), "two warnings are allowed");
    assert!(!stderr(&out).contains("--max-warnings"));

    let out = flx(&["check", "--format", "json", "--max-warnings=0", "."], &s.0);
    assert_eq!(out.status.code(), Some(1), "even with no errors");
    assert_eq!(json(&out).as_array().expect("an array").len(), 2, "stdout stays pure JSON");

    let out = flx_stdin(&["check", "--max-warnings", "0", "-"], CLEAN);
    assert_eq!(out.status.code(), Some(0));

    for bad in ["-1", "many", ""] {
        let out = flx(&["check", "--max-warnings", bad, "."], &s.0);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(stderr(&out).contains("for --max-warnings"), "{bad:?}: {}", stderr(&out));
    }
}

#[test]
fn disabled_codes_are_neither_shown_nor_counted() {
    let s = Scratch::new("disable");
    s.write("w.flux", WARNING);
    s.write("b.flux", BROKEN);
    let out = flx(&["check", "--color", "never", "--disable", "W101", "--max-warnings", "0", "w.flux"], &s.0);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out).trim(), "checked 1 file: no problems found");

    let out = flx(&["check", "--format", "json", "--disable", "E102", "b.flux", "w.flux"], &s.0);
    assert_eq!(out.status.code(), Some(0), "the only error is disabled");
    let diagnostics = json(&out);
    let codes: Vec<&str> =
        diagnostics.as_array().expect("an array").iter().map(|d| d["code"].as_str().expect("a code")).collect();
    assert_eq!(codes, ["W101"]);

    // A list, in any case, and repeated options add up.
    for args in [&["--disable", "e102,w101"][..], &["--disable", "E102", "--disable", "W101"]] {
        let mut all = vec!["check", "--format", "sarif"];
        all.extend_from_slice(args);
        all.extend(["b.flux", "w.flux"]);
        let out = flx(&all, &s.0);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(json(&out)["runs"][0]["results"], serde_json::json!([]), "{args:?}");
    }

    let out = flx(&["check", "--disable", "E999", "b.flux"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown diagnostic code `E999` for --disable"), "{}", stderr(&out));
}

#[test]
fn a_file_named_twice_is_checked_once() {
    let s = Scratch::new("twice");
    s.write("b.flux", BROKEN);
    let out = flx(&["check", "--format", "json", "b.flux", "b.flux"], &s.0);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out).as_array().expect("an array").len(), 1);

    let out = flx_stdin(&["check", "--format", "json", "-", "-"], WARNING);
    assert_eq!(json(&out).as_array().expect("an array").len(), 1, "standard input is read once");
}

#[test]
fn help_lists_the_formats_and_options() {
    let s = Scratch::new("help");
    let help = stdout(&flx(&["check", "--help"], &s.0));
    for word in ["sarif", "github", "--max-warnings <n>", "--disable <code>", "UTF-16"] {
        assert!(help.contains(word), "{word}: {help}");
    }
}

/// Validates a document against a JSON schema with Python's `jsonschema`, format checks on
/// (`uri-reference` needs rfc3986-validator: its absence would pass bad URIs silently).
const VALIDATOR: &str = r#"
import json, sys
import jsonschema
with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    document = json.load(f)
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
assert "uri-reference" in cls.FORMAT_CHECKER.checkers, "install rfc3986-validator to check URIs"
errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(document))
for e in errors:
    print(f"{e.json_path}: {e.message}")
sys.exit(1 if errors else 0)
"#;

/// Runs the validator on `document`; returns whether it passed, and what it said.
fn validate(python: &Path, schema: &Path, document: &[u8], scratch: &Scratch) -> (bool, String) {
    let file = scratch.write("log.sarif", document);
    let out = Command::new(python).arg("-c").arg(VALIDATOR).arg(schema).arg(&file).output().expect("python runs");
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(matches!(out.status.code(), Some(0 | 1)), "the validator itself failed: {said}");
    (out.status.success(), said)
}

/// `scripts/test` sets SARIF_SCHEMA (the SARIF 2.1.0 JSON schema) and FLX_TEST_PYTHON (a
/// Python with `jsonschema`); without them this test says it was skipped.
#[test]
fn sarif_output_is_valid_against_the_sarif_schema() {
    const WHAT: &str = "sarif_output_is_valid_against_the_sarif_schema";
    let (Some(schema), Some(python)) =
        (flx_test_utils::external_tool("SARIF_SCHEMA", WHAT), flx_test_utils::external_tool("FLX_TEST_PYTHON", WHAT))
    else {
        return;
    };
    let s = Scratch::new("sarif-schema");
    // Errors with related locations, a warning, wide characters, a path to percent-encode,
    // and an unreadable input.
    s.write("sub/broken.flux", BROKEN);
    s.write("emoji.flux", EMOJI);
    s.write("odd dir/100%.flux", WARNING);
    s.write("multi.flux", "data |> (\"50%\r\n, ok\")\n");
    let logs = [
        flx(&["check", "--format", "sarif", ".", "missing.flux"], &s.0),
        flx(&["check", "--format", "sarif", &s.0.join("emoji.flux").display().to_string()], &s.0),
        flx_stdin(&["check", "--format", "sarif", "-"], WARNING),
        flx_stdin(&["check", "--format", "sarif", "-"], CLEAN),
    ];
    assert_eq!(logs.iter().map(|o| o.status.code()).collect::<Vec<_>>(), [Some(2), Some(1), Some(0), Some(0)]);
    for log in &logs {
        let (valid, said) = validate(&python, &schema, &log.stdout, &s);
        assert!(valid, "flx's SARIF breaks the schema:\n{said}\n{}", stdout(log));
    }

    // The validator catches a broken log: the test cannot pass vacuously.
    let mut broken = json(&logs[0]);
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    broken["runs"][0]["artifacts"][0]["location"]["uri"] = "not a uri".into();
    let (valid, said) = validate(&python, &schema, broken.to_string().as_bytes(), &s);
    assert!(!valid, "a broken log passed");
    assert!(said.contains("$.runs[0].results[0].level: 'fatal' is not one of"), "{said}");
    assert!(said.contains("'not a uri' is not a 'uri-reference'"), "{said}");
}

/// `flx lsp` is the language server: one session over standard input and output, ending with
/// the client's `exit`.
#[test]
fn lsp_serves_a_session_over_stdio() {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_flx"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flx runs");
    let mut input = child.stdin.take().expect("stdin");
    let mut output = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |body: &str| {
        write!(input, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("writes");
        input.flush().expect("flushes");
    };
    // Like a client, wait for each answer before going on; notifications are skipped.
    let mut receive = || loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            output.read_line(&mut line).expect("reads");
            match line.trim_end().strip_prefix("Content-Length: ") {
                Some(n) => length = n.parse().expect("a length"),
                None if line.trim_end().is_empty() => break,
                None => {}
            }
        }
        let mut body = vec![0; length];
        output.read_exact(&mut body).expect("reads the body");
        let body = String::from_utf8(body).expect("UTF-8");
        if !body.contains(r#""method":"#) {
            return body;
        }
    };
    send(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#);
    let initialized = receive();
    assert!(initialized.contains(r#""serverInfo":{"name":"flux-lsp""#), "{initialized}");
    assert!(initialized.contains(r#""positionEncoding":"utf-16""#), "{initialized}");
    send(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#);
    send(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#);
    assert_eq!(receive(), r#"{"jsonrpc":"2.0","result":null,"id":2}"#);
    send(r#"{"jsonrpc":"2.0","method":"exit"}"#);
    let status = child.wait().expect("flx lsp ends");
    assert!(status.success(), "{status}");
}

#[test]
fn fmt_check_and_diff_change_nothing_and_report_what_would_change() {
    let scratch = Scratch::new("fmt-check");
    scratch.write("ok.flux", "x = 1\n");
    let messy = scratch.write("messy.flux", "x=1\ny   =  x+1\n");
    let check = flx(&["fmt", "--check", "."], &scratch.0);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert_eq!(stdout(&check), "./messy.flux: not formatted\n");
    assert!(stderr(&check).contains("checked 2 files: 1 would change"), "{}", stderr(&check));
    let diff = flx(&["fmt", "--diff", "messy.flux"], &scratch.0);
    assert_eq!(diff.status.code(), Some(1));
    assert!(stdout(&diff).contains("-y   =  x+1\n+x = 1\n+y = x + 1\n"), "{}", stdout(&diff));
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), "x=1\ny   =  x+1\n", "nothing was written");
}

#[test]
fn fmt_rewrites_files_and_leaves_those_with_syntax_errors() {
    let scratch = Scratch::new("fmt-write");
    let messy = scratch.write("messy.flux", "x=1\n");
    let broken = scratch.write("broken.flux", "x = (1 +\n");
    let run = flx(&["fmt", "."], &scratch.0);
    assert_eq!(run.status.code(), Some(1), "a file was left unformatted: {}", stderr(&run));
    assert!(stderr(&run).contains("broken.flux:2:1: not formatted, syntax error: "), "{}", stderr(&run));
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), "x = 1\n");
    assert_eq!(std::fs::read_to_string(&broken).unwrap(), "x = (1 +\n");
    let again = flx(&["fmt", "--check", "messy.flux"], &scratch.0);
    assert_eq!(again.status.code(), Some(0));
}

#[test]
fn fmt_of_standard_input_prints_the_result() {
    let run = flx_stdin(&["fmt", "-"], "from(bucket:\"b\")|>range(start:-1h)");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(stdout(&run), "from(bucket: \"b\") |> range(start: -1h)\n");
}

#[test]
fn every_listed_command_has_help() {
    let s = Scratch::new("help-topics");
    let usage = stdout(&flx(&["--help"], &s.0));
    let commands: Vec<&str> = usage
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(commands.len() >= 6, "{usage}");
    for command in commands {
        let out = flx(&["help", command], &s.0);
        assert_eq!(out.status.code(), Some(0), "flx help {command}: {}", stderr(&out));
        assert!(stdout(&out).contains(&format!("flx {command}")), "flx help {command}: {}", stdout(&out));
    }
}

#[test]
fn unreadable_inputs_are_counted_and_never_called_problem_free() {
    let s = Scratch::new("unread-summary");
    s.write("ok.flux", "x = 1\n\nx\n");
    let out = flx(&["check", "nope.flux"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "flx: cannot read `nope.flux`: no such file or directory\nchecked 0 files; 1 file could not be read\n"
    );
    let out = flx(&["check", "nope.flux", "ok.flux"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).ends_with("checked 1 file without problems; 1 file could not be read\n"), "{}", stderr(&out));
    let out = flx(&["fmt", "--check", "nope.flux", "ok.flux"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).ends_with("checked 1 file: 0 would change; 1 file could not be read\n"), "{}", stderr(&out));
    let out = flx(&["fmt", "nope.flux"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).ends_with("formatted 0 files: 0 changed; 1 file could not be read\n"), "{}", stderr(&out));
}

#[test]
fn a_directory_without_flux_files_is_a_failure() {
    let s = Scratch::new("empty-dir");
    s.write("emptydir/notes.txt", "nothing here");
    for args in [&["check", "emptydir"][..], &["fmt", "emptydir"], &["fmt", "--check", "emptydir"]] {
        let out = flx(args, &s.0);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("flx: no .flux files found in emptydir\n"), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn parse_of_a_directory_says_so() {
    let s = Scratch::new("parse-dir");
    s.write("dir/a.flux", "x = 1\n");
    let out = flx(&["parse", "dir"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "flx: cannot read `dir`: it is a directory\n");
}

#[test]
fn parse_compact_needs_json() {
    let s = Scratch::new("parse-compact");
    s.write("a.flux", "x = 1\n");
    let out = flx(&["parse", "--compact", "a.flux"], &s.0);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("flx: --compact needs --json"), "{}", stderr(&out));
    let out = flx(&["parse", "--json", "--compact", "a.flux"], &s.0);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn an_empty_file_is_formatted() {
    let s = Scratch::new("empty-file");
    s.write("empty.flux", "");
    let out = flx(&["fmt", "--check", "empty.flux"], &s.0);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let out = flx(&["check", "empty.flux"], &s.0);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_byte_order_mark_is_whitespace_kept_by_fmt_and_not_a_column() {
    let s = Scratch::new("bom");
    s.write("bom.flux", "\u{feff}x = 1 $\nx\n");
    let out = flx(&["check", "--format", "json", "bom.flux"], &s.0);
    let diagnostics = json(&out);
    let diagnostics = diagnostics.as_array().expect("an array");
    assert_eq!(diagnostics.len(), 1, "only the `$`: {diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "E105");
    // Columns count from after the mark, as editors show them.
    assert_eq!((&diagnostics[0]["start"]["line"], &diagnostics[0]["start"]["column"]), (&1.into(), &7.into()));

    let tidy = s.write("tidy.flux", "\u{feff}x=1\n");
    let out = flx(&["fmt", "tidy.flux"], &s.0);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&tidy).unwrap(), "\u{feff}x = 1\n");
    let out = flx(&["fmt", "--check", "tidy.flux"], &s.0);
    assert_eq!(out.status.code(), Some(0), "a formatted file with a mark is formatted: {}", stdout(&out));
    let out = flx_stdin(&["fmt", "-"], "\u{feff}y=2\n");
    assert_eq!(stdout(&out), "\u{feff}y = 2\n");
}

#[test]
fn directories_skip_ignored_and_vendored_files_unless_no_ignore() {
    let s = Scratch::new("ignore");
    s.write("src/a.flux", "x = 1\n");
    s.write(".gitignore", "generated/\n*.tmp.flux\n");
    s.write("generated/g.flux", "x = 1\n");
    s.write("src/b.tmp.flux", "x = 1\n");
    s.write("target/t.flux", "x = 1\n");
    s.write("node_modules/pkg/n.flux", "x = 1\n");
    let files = |out: &Output| -> Vec<String> {
        let mut files: Vec<String> =
            stdout(out).lines().map(|l| l.trim_end_matches(": not formatted").to_owned()).collect();
        files.sort();
        files
    };
    // Every file is unformatted-looking to `fmt --check` once it loses its newline.
    for name in ["src/a.flux", "generated/g.flux", "src/b.tmp.flux", "target/t.flux", "node_modules/pkg/n.flux"] {
        s.write(name, "x=1\nx\n");
    }
    let out = flx(&["fmt", "--check", "."], &s.0);
    assert_eq!(files(&out), ["./src/a.flux"], "{}", stderr(&out));
    let out = flx(&["fmt", "--check", "--no-ignore", "."], &s.0);
    assert_eq!(
        files(&out),
        ["./generated/g.flux", "./node_modules/pkg/n.flux", "./src/a.flux", "./src/b.tmp.flux", "./target/t.flux"]
    );
    let out = flx(&["check", "."], &s.0);
    assert_eq!(stderr(&out), "checked 1 file: no problems found\n");
    let out = flx(&["check", "--no-ignore", "."], &s.0);
    assert_eq!(stderr(&out), "checked 5 files: no problems found\n");
}

#[test]
fn human_output_shows_the_lines_of_each_location_and_not_those_between() {
    let s = Scratch::new("far");
    let mut text = "x = foo(a: 1,\n  b: 1,\n".to_owned();
    for i in 0..8 {
        text.push_str(&format!("  c{i}: {i},\n"));
    }
    text.push_str("  b: 2)\nx\n");
    s.write("far.flux", &text);
    let out = flx(&["check", "--color", "never", "--disable", "E201", "far.flux"], &s.0);
    let expected = "\
error[E207]: argument `b` is given twice
  --> far.flux:11:3
   |
11 |   b: 2)
   |   ^
   |
  ::: far.flux:2:3
   |
 2 |   b: 1,
   |   - `b` first given here

";
    assert_eq!(stdout(&out), expected);
}

#[test]
fn run_prints_results_in_each_format_and_exits_one_on_errors() {
    let scratch = Scratch::new("run");
    let script =
        "import \"array\"\narray.from(rows: [{host: \"a\", v: 1.5}, {host: \"b\", v: 2.0}]) |> yield(name: \"rows\")\n";
    scratch.write("ok.flux", script);
    let csv = flx(&["run", "--format", "csv", "ok.flux"], &scratch.0);
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    assert_eq!(
        stdout(&csv),
        "#datatype,string,long,string,double\r\n#group,false,false,false,false\r\n#default,rows,,,\r\n,result,table,host,v\r\n,,0,a,1.5\r\n,,0,b,2\r\n\r\n"
    );
    let json = json(&flx(&["run", "--format", "json", "ok.flux"], &scratch.0));
    assert_eq!(json["results"][0]["name"], "rows");
    assert_eq!(json["results"][0]["tables"][0]["columns"][1]["type"], "double");
    assert_eq!(json["results"][0]["tables"][0]["rows"][1], serde_json::json!(["b", 2.0]));
    let table = stdout(&flx(&["run", "--format", "table", "ok.flux"], &scratch.0));
    assert!(table.starts_with("Result: rows\nTable: keys: []\nhost:string  v:float\n"), "{table}");

    // A failure while running says where, and the exit status is 1.
    scratch.write("fails.flux", "n = 0\nx = 10 / n\n");
    let fails = flx(&["run", "fails.flux"], &scratch.0);
    assert_eq!(fails.status.code(), Some(1));
    assert!(
        stderr(&fails).contains("cannot divide by zero") && stderr(&fails).contains("fails.flux:2:5"),
        "{}",
        stderr(&fails)
    );

    // A script with errors is not run.
    scratch.write("bad.flux", "x = 1 +\n");
    let bad = flx(&["run", "bad.flux"], &scratch.0);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("not run: 1 error"), "{}", stderr(&bad));
    assert!(stdout(&bad).is_empty());

    assert_eq!(flx(&["run"], &scratch.0).status.code(), Some(2));
}

const TESTS: &str = r#"package demo_test

import "array"
import "testing"

option now = () => 2030-01-01T00:00:00Z

data = array.from(rows: [{_time: 2030-01-01T00:00:00Z, _value: 1}])

testcase passes {
    testing.diff(got: data, want: array.from(rows: [{_time: now(), _value: 1}]))
}

testcase differs {
    testing.diff(got: data, want: array.from(rows: [{_time: now(), _value: 2}]))
}

testcase fails_to_run {
    die(msg: "stopped on purpose")
}

testcase empty_error_table_fails {
    array.from(rows: [{v: 1}]) |> filter(fn: (r) => false, onEmpty: "keep") |> yield(name: "errorOutput")
}

testcase tagged {
    option testing.tags = ["slow"]

    testing.assertEqualValues(got: 1, want: 1)
}
"#;

#[test]
fn test_runs_each_testcase_as_its_own_program_and_reports_json() {
    let dir = Scratch::new("test-json");
    dir.write("demo_test.flux", TESTS);
    dir.write("helpers.flux", "package demo\n\nx = 1\n");
    let out = flx(&["test", "--format", "json", "."], &dir.0);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json(&out);
    let status = |name: &str| {
        let test = report["tests"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap();
        (test["status"].as_str().unwrap().to_owned(), test["message"].as_str().unwrap().to_owned())
    };
    assert_eq!(status("passes").0, "pass");
    let (differs, diff) = status("differs");
    assert_eq!(differs, "fail");
    assert!(diff.contains("_diff") && diff.contains('-') && diff.contains('+'), "{diff}");
    let (die, message) = status("fails_to_run");
    assert_eq!(die, "fail");
    assert!(message.contains("stopped on purpose") && message.contains("demo_test.flux:19:5"), "{message}");
    assert_eq!(status("empty_error_table_fails").0, "fail");
    assert_eq!(status("tagged").0, "skip");
    assert_eq!(report["summary"], serde_json::json!({"passed": 1, "failed": 3, "skipped": 1}));
    // Only test files run: the package file beside them is not a test.
    assert_eq!(report["tests"].as_array().unwrap().len(), 5);
}

#[test]
fn test_selects_by_tags_names_and_skips() {
    let dir = Scratch::new("test-select");
    dir.write("demo_test.flux", TESTS);
    let names = |args: &[&str]| -> Vec<(String, String)> {
        let mut all = vec!["test", "--format", "json"];
        all.extend_from_slice(args);
        all.push("demo_test.flux");
        let report = json(&flx(&all, &dir.0));
        report["tests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["name"].as_str().unwrap().to_owned(), t["status"].as_str().unwrap().to_owned()))
            .collect()
    };
    let tagged = names(&["--tags", "slow"]);
    assert!(tagged.contains(&("tagged".to_owned(), "pass".to_owned())), "{tagged:?}");
    let only = names(&["--test", "passes,tagged"]);
    assert_eq!(only.iter().filter(|(_, s)| s != "skip").count(), 2, "{only:?}");
    let skipped = names(&["--skip", "demo_test.differs"]);
    assert!(skipped.contains(&("differs".to_owned(), "skip".to_owned())), "{skipped:?}");
    let out = flx(&["test", "--test", "passes", "demo_test.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("Found 5 tests: passed 1, failed 0, skipped 4\n"), "{}", stdout(&out));
}

#[test]
fn test_runs_the_parent_of_an_extending_testcase() {
    let dir = Scratch::new("test-extends");
    dir.write("fluxtest.root", r#"{"name": "mine", "tags": []}"#);
    dir.write(
        "pkg/base_test.flux",
        "package pkg_test\n\nimport \"testing\"\n\none = 1\n\ntestcase base {\n    testing.assertEqualValues(got: 1, want: one)\n}\n",
    );
    dir.write(
        "pkg/child_test.flux",
        "package pkg_test\n\nimport \"testing\"\n\ntestcase child extends \"mine/pkg/base_test.base\" {\n    option now = () => 2030-01-01T00:00:00Z\n\n    super()\n}\n",
    );
    let out = flx(&["test", "pkg/child_test.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    let out = flx(&["test", "nothing-here"], &dir.0);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn run_prints_what_came_before_a_failure_and_limits_rows() {
    let dir = Scratch::new("run-failure");
    dir.write(
        "fails.flux",
        "import \"array\"\n\narray.from(rows: [{a: 1}]) |> yield(name: \"first\")\ndie(msg: \"boom\")\n",
    );
    let out = flx(&["run", "--format", "csv", "fails.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(1));
    let csv = stdout(&out);
    assert!(csv.starts_with("#datatype,string,long,long\r\n"), "{csv}");
    assert!(csv.ends_with(",error,reference\r\n,boom,\r\n"), "{csv}");
    assert!(stderr(&out).contains("fails.flux:4:1"), "{}", stderr(&out));

    dir.write(
        "rows.csv",
        "#datatype,string,long,long\n#group,false,false,false\n#default,_result,,\n,result,table,x\n,,0,1\n,,0,2\n",
    );
    dir.write("read.flux", "import \"csv\"\n\ncsv.from(file: \"rows.csv\")\n");
    let out = flx(&["run", "--max-rows", "1", "read.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("line 6: more than 1 rows"), "{}", stderr(&out));
    let out = flx(&["run", "--format", "json", "read.flux"], &dir.0);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["results"][0]["tables"][0]["rows"], serde_json::json!([[1], [2]]));
}

#[test]
fn ctrl_c_stops_a_run() {
    let dir = Scratch::new("run-interrupt");
    // Two million rows through a function that cannot be vectorized: seconds of work.
    dir.write(
        "slow.flux",
        "import \"generate\"\n\ngenerate.from(count: 2000000, fn: (n) => n, start: 2030-01-01T00:00:00Z, stop: 2030-01-02T00:00:00Z)\n    |> map(fn: (r) => ({r with s: string(v: r._value)}))\n",
    );
    let child = Command::new(env!("CARGO_BIN_EXE_flx"))
        .args(["run", "--format", "csv", "slow.flux"])
        .current_dir(&dir.0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("flx runs");
    std::thread::sleep(std::time::Duration::from_millis(500));
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill runs");
    assert!(status.success());
    let out = child.wait_with_output().expect("flx finishes");
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert_eq!(stderr(&out), "flx: interrupted\n");
    // A run that had finished would have printed its table and exited 0.
    assert!(stdout(&out).is_empty(), "nothing is printed for an interrupted run");
}
