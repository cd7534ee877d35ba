//! `flx check` on the committed manifest corpus (`tests/corpus/manifests/`): InfluxDB
//! templates in YAML and JSON and a Grafana dashboard. Each file's problems, as `--format
//! json` reports them, are rendered with the manifest line they point at and carets under the
//! range, and compared with `NAME.expected` (rewrite with `UPDATE_EXPECT=1`): the positions are
//! in the manifest itself, through block scalars, quoting and escapes.

use std::path::Path;
use std::process::Command;

fn corpus() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/manifests");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the manifest corpus")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e != "expected"))
        .collect();
    files.sort();
    files
}

/// `line:col-line:col severity code message`, then the line and carets under the range.
fn render(text: &str, report: &serde_json::Value) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for d in report.as_array().expect("an array") {
        let at = |key: &str, part: &str| d[key][part].as_u64().expect("a number") as usize;
        let (line, column, end_line, end_column) =
            (at("start", "line"), at("start", "column"), at("end", "line"), at("end", "column"));
        out.push_str(&format!(
            "{line}:{column}-{end_line}:{end_column} {} {} {}\n",
            d["severity"].as_str().unwrap(),
            d["code"].as_str().unwrap(),
            d["message"].as_str().unwrap()
        ));
        let source = lines[line - 1];
        let width = if end_line == line { (end_column - column).max(1) } else { source.chars().count() + 1 - column };
        out.push_str(&format!("    {source}\n    {}{}\n", " ".repeat(column - 1), "^".repeat(width)));
    }
    out
}

#[test]
fn problems_are_reported_where_they_stand_in_the_manifest() {
    let mut failures = Vec::new();
    for path in corpus() {
        let output = Command::new(env!("CARGO_BIN_EXE_flx"))
            .args(["check", "--format", "json"])
            .arg(&path)
            .output()
            .expect("flx runs");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
        let text = std::fs::read_to_string(&path).expect("the manifest");
        let rendered = render(&text, &report);
        let expected_path = path.with_extension(format!("{}.expected", path.extension().unwrap().to_str().unwrap()));
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected_path, &rendered).expect("writes the expectation");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if rendered != expected {
            failures.push(format!("{}:\n--- expected\n{expected}--- found\n{rendered}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sarif_points_into_the_manifest() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/manifests/03_grafana_dashboard.json");
    let output = Command::new(env!("CARGO_BIN_EXE_flx"))
        .args(["check", "--format", "sarif"])
        .arg(&path)
        .output()
        .expect("flx runs");
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("a SARIF log");
    let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
    assert!(location["artifactLocation"]["uri"].as_str().unwrap().ends_with("03_grafana_dashboard.json"), "{location}");
    assert_eq!(location["region"]["startLine"], 9, "{location}");
}

#[test]
fn directories_hold_manifests_only_when_asked_and_other_files_are_named_errors() {
    let dir = std::env::temp_dir().join(format!("flx-manifests-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let template = "apiVersion: influxdata.com/v2alpha1\nkind: Task\nmetadata:\n    name: t\nspec:\n    every: 1h\n    query: x = 1 +\n";
    std::fs::write(dir.join("task.yml"), template).unwrap();
    std::fs::write(dir.join("package.json"), "{\"name\": \"web\"}").unwrap();
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_flx")).args(args).current_dir(&dir).output().unwrap();

    // Without `--manifests` a directory holds only `.flux` files: none here.
    let plain = run(&["check", "."]);
    assert_eq!(plain.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&plain.stderr).contains("no .flux files found in ."));

    // With it, the template is checked and the other JSON file skipped.
    let searched = run(&["check", "--manifests", "--format", "json", "."]);
    assert_eq!(searched.status.code(), Some(1), "{}", String::from_utf8_lossy(&searched.stderr));
    let report: serde_json::Value = serde_json::from_slice(&searched.stdout).unwrap();
    assert_eq!(report.as_array().unwrap().len(), 1, "{report}");
    assert_eq!(report[0]["start"]["line"], 7, "{report}");

    // Named, a file that is no manifest is an error.
    let named = run(&["check", "package.json"]);
    assert_eq!(named.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&named.stderr)
            .contains("`package.json` is neither an InfluxDB template nor a Grafana dashboard")
    );

    // And one that is not YAML says where.
    std::fs::write(dir.join("broken.yml"), "a: [1, 2\nb: 3\n").unwrap();
    let broken = run(&["check", "broken.yml"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&broken.stderr).contains("`broken.yml` is not valid YAML or JSON: "),
        "{}",
        String::from_utf8_lossy(&broken.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
