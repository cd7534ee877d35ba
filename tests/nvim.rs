//! A real client: headless Neovim 0.11 opens a file with non-ASCII text and a syntax error,
//! attaches `flux-lsp`, and reports diagnostics, a hover, an edit's effect and the symbols.
//! Positions are compared in bytes, as Neovim holds them, after Neovim's own conversion from
//! whichever encoding it negotiated.
//!
//! Needs `FLX_NVIM` (a Neovim 0.11 executable) and `FLX_LSP` (the flux-lsp executable);
//! `scripts/test` installs the one and builds the other. Without them the test says it was
//! skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use flx_test_utils::{client_output, external_tool, scratch_dir};
use serde_json::Value;

fn run_nvim(nvim: &Path, server: &Path, fixture: &Path, hover: (usize, usize), encodings: Option<&str>) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("nvim/lsp.lua");
    let mut command = Command::new(nvim);
    command
        .args(["--headless", "--clean", "-l"])
        .arg(&script)
        .env("FLUX_LSP", server)
        .env("FLUX_FILE", fixture)
        .env("FLUX_HOVER", format!("{},{}", hover.0, hover.1));
    if let Some(encodings) = encodings {
        command.env("FLUX_ENCODINGS", encodings);
    }
    client_output(&mut command)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

fn event<'a>(events: &'a [Value], name: &str) -> &'a Value {
    events.iter().find(|e| e["event"] == name).unwrap_or_else(|| panic!("no {name} event in {events:?}"))
}

#[test]
fn neovim_shows_the_error_at_the_right_column() {
    let (Some(nvim), Some(server)) =
        (external_tool("FLX_NVIM", "Neovim test"), external_tool("FLX_LSP", "Neovim test"))
    else {
        return;
    };
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("nvim/fixture.flux");
    let text = std::fs::read_to_string(&fixture).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // The error: the `)` on the last line, after an accented letter, a degree sign and an emoji.
    let error_line = lines.len() - 1;
    let error_col = lines[error_line].find(')').unwrap();
    // The hover: the last `label` on the line of French quotes.
    let hover_line = lines.iter().position(|l| l.contains('«')).unwrap();
    let hover_col = lines[hover_line].rfind("label").unwrap();
    // What the client types into the string before the error.
    let typed = "é😀 ".len();

    for encodings in [None, Some("utf-16"), Some("utf-32,utf-16")] {
        let events = run_nvim(&nvim, &server, &fixture, (hover_line, hover_col), encodings);
        let context = format!("offering {}: {events:?}", encodings.unwrap_or("Neovim's defaults"));

        let diagnostics = event(&events, "diagnostics");
        let expected_encoding = if encodings.is_none() { "utf-8" } else { "utf-16" };
        assert_eq!(diagnostics["encoding"], expected_encoding, "{context}");
        let first = &diagnostics["items"][0];
        assert_eq!(diagnostics["items"].as_array().unwrap().len(), 1, "{context}");
        assert_eq!(first["code"], "E101", "{context}");
        assert_eq!(
            (first["lnum"].as_u64(), first["col"].as_u64()),
            (Some(error_line as u64), Some(error_col as u64)),
            "{context}"
        );
        assert_eq!(first["end_col"].as_u64(), Some(error_col as u64 + 1), "{context}");

        let hover = event(&events, "hover");
        assert!(hover["text"].as_str().unwrap().starts_with("```flux\nlabel: string\n```"), "{context}");
        assert_eq!(hover["line"].as_u64(), Some(hover_line as u64), "{context}");
        assert_eq!(hover["col"].as_u64(), Some(hover_col as u64), "{context}");
        assert_eq!(hover["end_col"].as_u64(), Some(hover_col as u64 + "label".len() as u64), "{context}");

        let edited = &event(&events, "edited")["items"][0];
        assert_eq!(edited["lnum"].as_u64(), Some(error_line as u64), "{context}");
        assert_eq!(edited["col"].as_u64(), Some((error_col + typed) as u64), "{context}");

        assert_eq!(
            event(&events, "symbols")["names"],
            serde_json::json!(["strings", "label", "title", "reading"]),
            "{context}"
        );
        assert!(event(&events, "done")["nvim"].as_str().unwrap().starts_with("0.11"), "{context}");
    }
}

#[test]
fn neovim_completes_columns_shows_docs_and_renames_across_files() {
    let (Some(nvim), Some(server)) =
        (external_tool("FLX_NVIM", "Neovim IDE test"), external_tool("FLX_LSP", "Neovim IDE test"))
    else {
        return;
    };
    let dir = scratch_dir("flx-nvim-ide");
    std::fs::write(dir.join("a.flux"), "package alerts\n\n// The highest load allowed.\nlimit = 5.0\n").unwrap();
    std::fs::write(
        dir.join("b.flux"),
        r#"package alerts

high = from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r.host == "web-1")
    |> aggregateWindow(every: 1m, fn: mean)
    |> filter(fn: (r) => r._value > limit)
"#,
    )
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("nvim/ide.lua");
    let stdout = client_output(
        Command::new(&nvim)
            .args(["--headless", "--clean", "-l"])
            .arg(&script)
            .env("FLUX_LSP", &server)
            .env("FLUX_DIR", &dir),
    );
    let events: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();

    let labels = &event(&events, "completion")["labels"];
    for column in ["_value", "_time", "_start", "_stop", "_field", "_measurement", "host"] {
        assert!(labels.as_array().unwrap().iter().any(|l| l == column), "no {column} in {labels}");
    }
    let hover = event(&events, "hover")["text"].as_str().unwrap();
    assert!(hover.starts_with("```flux\nfilter: ("), "{hover}");
    assert!(
        hover.contains("[Documentation](https://docs.influxdata.com/flux/v0.x/stdlib/universe/filter/)"),
        "{hover}"
    );
    let signature = event(&events, "signature");
    let label = signature["label"].as_str().unwrap();
    assert!(label.starts_with("aggregateWindow(<-tables: stream[A], every: duration"), "{signature}");
    let [start, end] = [0, 1].map(|i| signature["active"][i].as_u64().unwrap() as usize);
    assert!(label[start..end].starts_with("fn: "), "the argument at the cursor is `fn`: {signature}");
    let renamed = event(&events, "renamed");
    assert_eq!(renamed["a"], "package alerts\n\n// The highest load allowed.\nmaximum = 5.0");
    assert!(renamed["b"].as_str().unwrap().ends_with("|> filter(fn: (r) => r._value > maximum)"), "{renamed}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The Neovim plugin (`editors/neovim`), loaded from the runtimepath as a plugin manager would,
/// over a workspace with a local bucket.
#[test]
fn the_neovim_plugin_runs_queries_and_tests_and_cancels() {
    let (Some(nvim), Some(server)) =
        (external_tool("FLX_NVIM", "Neovim plugin test"), external_tool("FLX_LSP", "Neovim plugin test"))
    else {
        return;
    };
    let dir = scratch_dir("flx-nvim-plugin");
    let lines = "\
temp,host=a value=1.5 1700000000000000000
temp,host=a value=2.5 1700000060000000000
temp,host=b value=10 1700000000000000000
temp,host=b value=20 1700000060000000000
";
    let (points, errors) =
        flux_storage::line_protocol::parse(lines, flux_storage::line_protocol::Precision::Nanoseconds);
    assert!(errors.is_empty());
    let data = flux_storage::DataDir::new(dir.join(".flx/data"));
    data.writer("sensors", true).unwrap().write(&points, 1_700_000_100_000_000_000).unwrap();
    // The workspace's root marker, with no connection of its own.
    std::fs::write(dir.join("flx.toml"), "# runs read the local buckets\n").unwrap();
    std::fs::write(
        dir.join("q.flux"),
        r#"data = from(bucket: "sensors") |> range(start: 2023-11-14T00:00:00Z) |> keep(columns: ["_time", "_value", "host"])
data |> filter(fn: (r) => r.host == "a") |> yield(name: "first")
data |> filter(fn: (r) => r.host == "b") |> yield(name: "second")
"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("t_test.flux"),
        "package t_test\n\nimport \"testing\"\n\ntestcase adds {\n    testing.assertEqualValues(want: 2, got: 1 + 1)\n}\n\n\
         testcase subtracts {\n    testing.assertEqualValues(want: 1, got: 3 - 1)\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("slow.flux"),
        "import \"generate\"\n\ngenerate.from(count: 200000000, fn: (n) => n, start: 2021-01-01T00:00:00Z, stop: 2021-01-02T00:00:00Z)\n    |> map(fn: (r) => ({r with v: r._value + 1}))\n    |> count()\n",
    )
    .unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let script = root.join("tests/nvim/run.lua");
    let stdout = client_output(
        Command::new(&nvim)
            .args(["--headless", "--clean", "--cmd"])
            .arg(format!("set rtp^={}", root.join("editors/neovim").display()))
            .arg("-l")
            .arg(&script)
            .env("FLUX_LSP", &server)
            .env("FLUX_DIR", &dir)
            .current_dir(&dir),
    );
    let events: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let lines = |name: &str| -> Vec<String> {
        event(&events, name)["lines"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_owned()).collect()
    };

    let statement = event(&events, "statement");
    assert_eq!(statement["shown"], true, "the results have a split of their own");
    let text = lines("statement");
    assert!(text[0].starts_with("q.flux: 2 rows in "), "{text:?}");
    assert_eq!(
        text[1..].to_vec(),
        [
            "",
            "Result: second",
            "Table: host=b",
            "_time:dateTime:RFC3339  _value:double  host:string",
            "----------------------  -------------  -----------",
            "2023-11-14T22:13:20Z               10  b",
            "2023-11-14T22:14:20Z               20  b",
            "",
        ]
    );
    let csv = lines("csv");
    for line in
        ["#default,first,,,,", ",,0,2023-11-14T22:13:20Z,1.5,a", "#default,second,,,,", ",,0,2023-11-14T22:14:20Z,20,b"]
    {
        assert!(csv.contains(&line.to_owned()), "no {line} in {csv:?}");
    }
    let range = lines("range");
    assert!(range.contains(&"Result: first".to_owned()) && !range.contains(&"Result: second".to_owned()), "{range:?}");
    assert_eq!(event(&events, "lenses")["titles"], serde_json::json!(["0 ▶ Run all", "1 ▶ Run", "2 ▶ Run"]));
    let lens = lines("lens");
    assert!(lens.contains(&"Result: first".to_owned()) && !lens.contains(&"Result: second".to_owned()), "{lens:?}");
    let tests = lines("tests");
    assert_eq!(tests[0], "t_test.flux: 1 passed, 1 failed", "{tests:?}");
    assert!(tests.iter().any(|l| l.starts_with("pass  adds  (line 5, ")), "{tests:?}");
    assert!(tests.iter().any(|l| l.starts_with("FAIL  subtracts  (line 9, ")), "{tests:?}");
    let cancelled = event(&events, "cancelled");
    let cancelled_lines = lines("cancelled");
    assert!(
        cancelled_lines[0].starts_with("slow.flux: 0 rows in ") && cancelled_lines[0].ends_with(" ms (cancelled)"),
        "{cancelled_lines:?}"
    );
    assert_eq!(cancelled["running"], false);
    let connection = event(&events, "connection");
    assert_eq!(connection["notes"], serde_json::json!(["flux: runs use local buckets"]));
    assert_eq!(connection["names"], serde_json::json!(["local"]));
    let highlight = event(&events, "highlight");
    assert_eq!(highlight["active"], true);
    assert!(highlight["captures"].as_array().unwrap().iter().any(|c| c == "string"), "{highlight}");
    assert!(event(&events, "done")["nvim"].as_str().unwrap().starts_with("0.11"));
    std::fs::remove_dir_all(&dir).unwrap();
}
