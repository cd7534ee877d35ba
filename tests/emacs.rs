//! A real client: Emacs 28 with eglot (Debian's `emacs-nox` and `elpa-eglot`) loads
//! `editors/emacs/flx-mode.el`, attaches `flux-lsp`, and runs a statement, the file as CSV and
//! the test cases of a workspace with a local bucket through the server's commands.
//!
//! Needs `FLX_EMACS` (an Emacs with eglot) and `FLX_LSP`; `scripts/test` installs the one and
//! builds the other. Without them the test says it was skipped.

use std::path::Path;
use std::process::Command;

use flx_test_utils::{client_output, external_tool, scratch_dir};

/// The sections `run.el` printed, by name.
fn sections(stdout: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in stdout.lines() {
        match line.strip_prefix("=== ") {
            Some(name) => out.push((name.to_owned(), Vec::new())),
            None => {
                if let Some((_, lines)) = out.last_mut() {
                    lines.push(line.to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn emacs_runs_queries_and_tests_through_eglot() {
    let (Some(emacs), Some(server)) =
        (external_tool("FLX_EMACS", "Emacs eglot test"), external_tool("FLX_LSP", "Emacs eglot test"))
    else {
        return;
    };
    let dir = scratch_dir("flx-emacs");
    let lines = "cpu,host=a usage=0.5 1700000000000000000\ncpu,host=b usage=0.75 1700000000000000000\n";
    let (points, _) = flux_storage::line_protocol::parse(lines, flux_storage::line_protocol::Precision::Nanoseconds);
    flux_storage::DataDir::new(dir.join(".flx/data")).writer("metrics", true).unwrap().write(&points, 0).unwrap();
    std::fs::write(
        dir.join("q.flux"),
        "data = from(bucket: \"metrics\") |> range(start: 2023-11-14T00:00:00Z) |> keep(columns: [\"_value\", \"host\"])\n\
         data |> filter(fn: (r) => r.host == \"a\") |> yield(name: \"first\")\n\
         data |> filter(fn: (r) => r.host == \"b\") |> yield(name: \"second\")\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("t_test.flux"),
        "package t_test\n\nimport \"testing\"\n\ntestcase adds {\n    testing.assertEqualValues(want: 2, got: 1 + 1)\n}\n",
    )
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("emacs/run.el");
    let stdout = client_output(
        Command::new(&emacs)
            .args(["--batch", "--no-init-file", "-l"])
            .arg(&script)
            .env("FLUX_LSP", &server)
            .env("FLUX_DIR", &dir)
            .current_dir(&dir),
    );
    let sections = sections(&stdout);
    let section = |name: &str| -> &Vec<String> {
        &sections.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name} in {stdout}")).1
    };

    let statement = section("statement");
    assert!(statement[0].starts_with("q.flux: 1 rows in "), "{statement:?}");
    assert_eq!(
        statement[1..].to_vec(),
        [
            "",
            "Result: second",
            "Table: host=b",
            "_value:double  host:string",
            "-------------  -----------",
            "0.75           b",
            ""
        ]
    );
    let csv = section("csv");
    assert!(csv.contains(&"#default,second,,,".to_owned()) && csv.contains(&",,0,0.75,b".to_owned()), "{csv:?}");
    let file = section("file");
    assert!(file.contains(&"Result: first".to_owned()) && file.contains(&"0.5            a".to_owned()), "{file:?}");
    assert!(file.contains(&"Result: second".to_owned()), "{file:?}");
    assert_eq!(section("tests")[..3], ["t_test.flux: 1 passed, 0 failed", "", "pass  adds"]);
    assert!(sections.iter().any(|(n, _)| n == "done"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}
