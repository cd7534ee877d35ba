//! Running Flux through the server: the `flux.*` commands of `workspace/executeCommand`, their
//! answers, progress and cancelling, run errors as diagnostics, code lenses, connections and
//! the trust rule. Each test has a workspace folder of its own with a local bucket in it.

mod common;

use std::path::{Path, PathBuf};

use common::Client;
use flux_storage::line_protocol::{self, Precision};
use serde_json::{Value, json};

/// A workspace folder with a bucket `sensors` in `.flx/data`: two hosts, three points each.
struct Workspace {
    root: PathBuf,
}

impl Workspace {
    fn new(name: &str) -> Workspace {
        let root = std::env::temp_dir().join(format!("flux-lsp-run-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        let data = flux_storage::DataDir::new(root.join(".flx/data"));
        let lines = "\
temp,host=a value=1.5 1700000000000000000
temp,host=a value=2.5 1700000060000000000
temp,host=a value=3.5 1700000120000000000
temp,host=b value=10 1700000000000000000
temp,host=b value=20 1700000060000000000
temp,host=b value=30 1700000120000000000
";
        let (points, errors) = line_protocol::parse(lines, Precision::Nanoseconds);
        assert!(errors.is_empty());
        data.writer("sensors", true).unwrap().write(&points, 1_700_000_200_000_000_000).unwrap();
        Workspace { root }
    }

    fn uri(&self, file: &str) -> String {
        format!("file://{}", self.root.join(file).display())
    }

    async fn client(&self, options: Value, capabilities: Value) -> Client {
        let folder = json!([{"uri": format!("file://{}", self.root.display()), "name": "w"}]);
        let (client, _) = Client::start(json!({
            "workspaceFolders": folder,
            "initializationOptions": options,
            "capabilities": capabilities,
        }))
        .await;
        client
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

const NOW: &str = "2023-11-14T22:20:00Z";

const QUERY: &str = r#"data = from(bucket: "sensors") |> range(start: 2023-11-14T22:00:00Z)
data |> filter(fn: (r) => r.host == "a") |> yield(name: "a")
data |> filter(fn: (r) => r.host == "b") |> keep(columns: ["_time", "_value", "host"]) |> yield(name: "b")
"#;

async fn run(client: &mut Client, arguments: Value) -> Result<Value, Value> {
    client.request("workspace/executeCommand", json!({"command": "flux.run", "arguments": [arguments]})).await
}

fn names(answer: &Value) -> Vec<&str> {
    answer["results"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_file_a_statement_and_a_selection_run() {
    let w = Workspace::new("scopes");
    let mut client = w.client(json!({}), json!({})).await;
    let uri = w.uri("q.flux");
    client.open(&uri, QUERY).await;

    let all = run(&mut client, json!({"uri": uri, "now": NOW})).await.unwrap();
    assert_eq!(names(&all), ["a", "b"], "{all}");
    assert_eq!((all["rowCount"].as_u64(), all["truncated"].as_bool()), (Some(6), Some(false)));
    let b = &all["results"][1]["tables"][0];
    assert_eq!(b["groupKey"], json!({"host": "b"}));
    assert_eq!(
        b["columns"],
        json!([
            {"name": "_time", "type": "dateTime:RFC3339"},
            {"name": "_value", "type": "double"},
            {"name": "host", "type": "string"}
        ])
    );
    assert_eq!(b["rows"][0], json!(["2023-11-14T22:13:20Z", 10.0, "b"]));
    assert!(all.get("csv").is_none());

    // The cursor on the second statement runs it (with `data`, which it needs) and not the third.
    let second =
        run(&mut client, json!({"uri": uri, "now": NOW, "position": {"line": 1, "character": 10}})).await.unwrap();
    assert_eq!(names(&second), ["a"], "{second}");
    assert_eq!(second["rowCount"], 3);

    // A selection from the middle of the second line to the third runs both.
    let range = json!({"start": {"line": 1, "character": 30}, "end": {"line": 2, "character": 3}});
    let both = run(&mut client, json!({"uri": uri, "now": NOW, "range": range})).await.unwrap();
    assert_eq!(names(&both), ["a", "b"]);

    let csv =
        run(&mut client, json!({"uri": uri, "now": NOW, "position": {"line": 2, "character": 0}, "format": "csv"}))
            .await
            .unwrap();
    let text = csv["csv"].as_str().unwrap();
    assert!(text.starts_with("#datatype,string,long,dateTime:RFC3339,double,string\r\n"), "{text}");
    assert!(text.contains(",,0,2023-11-14T22:15:20Z,30,b\r\n"), "{text}");

    let nothing = run(&mut client, json!({"uri": uri, "position": {"line": 0, "character": 2}})).await.unwrap_err();
    assert_eq!(nothing["code"], -32803);
    assert_eq!(nothing["message"], "no statement that produces tables at the cursor");
    let bad = run(&mut client, json!({"uri": uri, "now": "yesterday"})).await.unwrap_err();
    assert_eq!(bad["code"], -32602, "{bad}");
    let unknown = run(&mut client, json!({"uri": uri, "colour": "red"})).await.unwrap_err();
    assert!(unknown["message"].as_str().unwrap().contains("unknown field `colour`"), "{unknown}");
    client.shutdown().await;
}

#[tokio::test]
async fn answers_are_capped_at_the_configured_rows_and_count_them_all() {
    let w = Workspace::new("cap");
    let mut client = w.client(json!({"run": {"maxRows": 4}}), json!({})).await;
    let uri = w.uri("q.flux");
    client.open(&uri, QUERY).await;
    let answer = run(&mut client, json!({"uri": uri, "now": NOW})).await.unwrap();
    assert_eq!((answer["rowCount"].as_u64(), answer["truncated"].as_bool()), (Some(6), Some(true)));
    let rows: Vec<usize> = answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["tables"].as_array().unwrap())
        .map(|t| t["rows"].as_array().unwrap().len())
        .collect();
    assert_eq!(rows, [3, 1], "{answer}");
    client.shutdown().await;
}

#[tokio::test]
async fn a_run_error_has_its_range_and_is_a_diagnostic_until_the_next_edit() {
    let w = Workspace::new("error");
    let mut client = w.client(json!({}), json!({})).await;
    let uri = w.uri("e.flux");
    let text = "import \"array\"\n\narray.from(rows: [{a: 1}]) |> map(fn: (r) => ({r with b: die(msg: \"boom\")}))\n";
    client.open(&uri, text).await;
    let first = client.diagnostics(&uri).await;
    assert_eq!(first["diagnostics"], json!([]));
    let answer = run(&mut client, json!({"uri": uri})).await.unwrap();
    let error = &answer["error"];
    assert!(error["message"].as_str().unwrap().contains("boom"), "{answer}");
    assert_eq!(error["uri"], uri.as_str());
    assert_eq!(error["range"]["start"]["line"], 2, "{answer}");
    let shown = client.diagnostics(&uri).await;
    let diagnostics = shown["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{shown}");
    assert_eq!(diagnostics[0]["source"], "flx run");
    assert_eq!(diagnostics[0]["range"], error["range"]);
    // Any edit clears it: it described the text that ran.
    client.change(&uri, 2, json!([{"text": format!("{text}\n")}])).await;
    let cleared = client.diagnostics(&uri).await;
    assert_eq!(cleared["diagnostics"], json!([]), "{cleared}");
    // A script that cannot run says where its first error is, in `data`, for a link.
    client.change(&uri, 3, json!([{"text": "x = 1\nfrom(bucket: \"sensors\") |> range(start: x + \"a\")\n"}])).await;
    let refused = run(&mut client, json!({"uri": uri})).await.unwrap_err();
    assert_eq!(refused["code"], -32803, "{refused}");
    assert!(refused["message"].as_str().unwrap().starts_with("not run: 1 error in the script"), "{refused}");
    assert_eq!(refused["data"]["range"]["start"]["line"], 1, "{refused}");
    client.shutdown().await;
}

/// A run that takes tens of seconds in a debug build.
const SLOW: &str = "import \"generate\"\n\ngenerate.from(count: 100000000, fn: (n) => n, start: 2021-01-01T00:00:00Z, stop: 2021-01-02T00:00:00Z)\n    |> map(fn: (r) => ({r with v: r._value + 1}))\n    |> count()\n";

#[tokio::test]
async fn a_long_run_is_cancelled_and_blocks_nothing_meanwhile() {
    let w = Workspace::new("cancel");
    let capabilities = json!({"window": {"workDoneProgress": true}});
    let mut client = w.client(json!({}), capabilities).await;
    let uri = w.uri("slow.flux");
    client.open(&uri, SLOW).await;
    client.diagnostics(&uri).await;

    // Cancelled with flux.cancel.
    let id = client
        .send_request("workspace/executeCommand", json!({"command": "flux.run", "arguments": [{"uri": uri}]}))
        .await;
    let created = client.notification("window/workDoneProgress/create", |_| true).await;
    let token = created["token"].clone();
    let begin = client.notification("$/progress", |p| p["token"] == token && p["value"]["kind"] == "begin").await;
    assert_eq!(begin["value"]["cancellable"], true);
    assert_eq!(begin["value"]["title"], "Running slow.flux");
    // Meanwhile hover and completion answer, and an edit gets its diagnostics.
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 12}}))
        .await
        .unwrap();
    assert!(hover["contents"]["value"].as_str().unwrap().contains("from"), "{hover}");
    client.change(&uri, 2, json!([{"text": format!("{SLOW}x = \n")}])).await;
    let diagnostics = client.notification("textDocument/publishDiagnostics", |p| p["version"] == 2).await;
    assert_eq!(diagnostics["diagnostics"][0]["severity"], 1, "{diagnostics}");
    let cancelled = client
        .request("workspace/executeCommand", json!({"command": "flux.cancel", "arguments": [{"uri": uri}]}))
        .await;
    assert_eq!(cancelled.unwrap()["cancelled"], 1);
    // The run answers with what it made before (nothing, here), and says it was cancelled.
    let answer = client.response(id).await.unwrap();
    assert_eq!((answer["cancelled"].as_bool(), answer["rowCount"].as_u64()), (Some(true), Some(0)), "{answer}");
    assert!(answer.get("error").is_none(), "{answer}");
    client.notification("$/progress", |p| p["token"] == token && p["value"]["kind"] == "end").await;
    client.change(&uri, 3, json!([{"text": SLOW}])).await;

    // Cancelled from the progress's cancel button, with a token of the client's.
    let id = client
        .send_request(
            "workspace/executeCommand",
            json!({"command": "flux.run", "arguments": [{"uri": uri}], "workDoneToken": "mine"}),
        )
        .await;
    client.notification("$/progress", |p| p["token"] == "mine" && p["value"]["kind"] == "begin").await;
    client.notify("window/workDoneProgress/cancel", json!({"token": "mine"})).await;
    assert_eq!(client.response(id).await.unwrap()["cancelled"], true);

    // Cancelled by cancelling the request.
    let id = client
        .send_request("workspace/executeCommand", json!({"command": "flux.run", "arguments": [{"uri": uri}]}))
        .await;
    client.notification("$/progress", |p| p["value"]["kind"] == "begin" && p["token"] != token).await;
    client.notify("$/cancelRequest", json!({"id": id})).await;
    assert_eq!(client.response(id).await.unwrap_err()["code"], -32800);
    // Nothing is left running.
    let none = client.request("workspace/executeCommand", json!({"command": "flux.cancel"})).await.unwrap();
    assert_eq!(none["cancelled"], 0);
    client.shutdown().await;
}

#[tokio::test]
async fn test_cases_run_alone_or_all() {
    let w = Workspace::new("test");
    let mut client = w.client(json!({}), json!({})).await;
    let uri = w.uri("t_test.flux");
    let text = r#"package t_test

import "testing"
import "array"

testcase passes {
    testing.assertEqualValues(want: 2, got: 1 + 1)
}

testcase fails {
    got = array.from(rows: [{_value: 1}])
    want = array.from(rows: [{_value: 2}])
    testing.diff(got, want) |> yield()
}
"#;
    client.open(&uri, text).await;
    let test = |arguments: Value| json!({"command": "flux.test", "arguments": [arguments]});
    let all = client.request("workspace/executeCommand", test(json!({"uri": uri}))).await.unwrap();
    assert_eq!(all["summary"], json!({"passed": 1, "failed": 1}), "{all}");
    assert_eq!(all["tests"][0]["name"], "passes");
    assert_eq!(all["tests"][0]["range"]["start"]["line"], 5);
    assert_eq!(all["tests"][1]["status"], "fail");
    assert!(all["tests"][1]["message"].as_str().unwrap().contains("_value"), "{all}");
    let one = client.request("workspace/executeCommand", test(json!({"uri": uri, "name": "passes"}))).await.unwrap();
    assert_eq!(one["tests"].as_array().unwrap().len(), 1);
    let missing = client.request("workspace/executeCommand", test(json!({"uri": uri, "name": "nope"}))).await;
    assert_eq!(missing.unwrap_err()["message"], "no test case named `nope` in the file");
    client.shutdown().await;
}

#[tokio::test]
async fn code_lenses_run_statements_files_and_tests() {
    let w = Workspace::new("lenses");
    let mut client = w.client(json!({}), json!({})).await;
    let uri = w.uri("q.flux");
    client.open(&uri, &format!("{QUERY}testcase t {{\n    x = 1\n}}\n")).await;
    let lenses = client.request("textDocument/codeLens", json!({"textDocument": {"uri": uri}})).await.unwrap();
    let lenses = lenses.as_array().unwrap();
    assert!(lenses.iter().all(|l| l.get("command").is_none()), "resolved lazily");
    let mut resolved = Vec::new();
    for lens in lenses {
        let lens = client.request("codeLens/resolve", lens.clone()).await.unwrap();
        let command = &lens["command"];
        resolved.push(format!(
            "{}:{} {} {} {}",
            lens["range"]["start"]["line"],
            lens["range"]["start"]["character"],
            command["title"].as_str().unwrap(),
            command["command"].as_str().unwrap(),
            command["arguments"][0]
        ));
    }
    let expected = [
        format!("0:0 ▶ Run all flux.run {{\"uri\":\"{uri}\"}}"),
        format!("1:0 ▶ Run flux.run {{\"uri\":\"{uri}\",\"position\":{{\"line\":1,\"character\":0}}}}"),
        format!("2:0 ▶ Run flux.run {{\"uri\":\"{uri}\",\"position\":{{\"line\":2,\"character\":0}}}}"),
        format!("3:0 ▶ Test flux.test {{\"uri\":\"{uri}\",\"name\":\"t\"}}"),
    ];
    assert_eq!(resolved, expected);
    // The lens's own arguments run the statement.
    let second = run(&mut client, json!({"uri": uri, "position": {"line": 2, "character": 0}, "now": NOW})).await;
    assert_eq!(names(&second.unwrap()), ["b"]);
    client.shutdown().await;
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[tokio::test]
async fn connections_are_listed_and_chosen() {
    let w = Workspace::new("connections");
    // A second data directory, with another bucket, behind a connection of the workspace.
    let other = w.root.join("other");
    let (points, _) = line_protocol::parse("m v=1 1700000000000000000\n", Precision::Nanoseconds);
    flux_storage::DataDir::new(&other).writer("elsewhere", true).unwrap().write(&points, 0).unwrap();
    write(
        &w.root.join("flx.toml"),
        &format!("[connections.archive]\nkind = \"local\"\ndata = \"{}\"\n", other.display()),
    );
    let mut client = w.client(json!({}), json!({})).await;
    let command = |name: &str, arguments: Value| json!({"command": name, "arguments": arguments});

    let listed = client.request("workspace/executeCommand", command("flux.connections", json!([]))).await.unwrap();
    let archive = listed["connections"].as_array().unwrap().iter().find(|c| c["name"] == "archive").cloned();
    let archive = archive.unwrap_or_else(|| panic!("archive listed: {listed}"));
    assert_eq!(archive["kind"], "local");
    assert_eq!(archive["from"], w.root.join("flx.toml").display().to_string());
    assert_eq!(listed["current"], Value::Null, "the local buckets until one is chosen");
    assert_eq!(listed["local"]["data"], w.root.join(".flx/data").display().to_string());

    let uri = w.uri("q.flux");
    client.open(&uri, "buckets()\n").await;
    let local = run(&mut client, json!({"uri": uri})).await.unwrap();
    assert_eq!(local["results"][0]["tables"][0]["rows"][0][0], "sensors", "{local}");

    let unknown = client.request("workspace/executeCommand", command("flux.setConnection", json!([{"name": "nope"}])));
    let unknown = unknown.await.unwrap_err();
    assert!(unknown["message"].as_str().unwrap().starts_with("no connection named `nope`"), "{unknown}");
    let chosen =
        client.request("workspace/executeCommand", command("flux.setConnection", json!([{"name": "archive"}]))).await;
    assert_eq!(chosen.unwrap()["current"], "archive");
    let listed = client.request("workspace/executeCommand", command("flux.connections", json!([]))).await.unwrap();
    assert_eq!(listed["current"], "archive");
    let archived = run(&mut client, json!({"uri": uri})).await.unwrap();
    assert_eq!(archived["results"][0]["tables"][0]["rows"][0][0], "elsewhere", "{archived}");
    // A run may name its connection; `null` goes back to the local buckets.
    client.request("workspace/executeCommand", command("flux.setConnection", json!([{"name": null}]))).await.unwrap();
    let named = run(&mut client, json!({"uri": uri, "connection": "archive"})).await.unwrap();
    assert_eq!(named["results"][0]["tables"][0]["rows"][0][0], "elsewhere");
    let again = run(&mut client, json!({"uri": uri})).await.unwrap();
    assert_eq!(again["results"][0]["tables"][0]["rows"][0][0], "sensors");
    client.shutdown().await;
}

/// SQLite through `sql.from`, which needs the `sql` service.
fn sql_script(database: &Path) -> String {
    format!(
        "import \"sql\"\n\nsql.from(driverName: \"sqlite3\", dataSourceName: \"file:{}\", query: \"SELECT 7 AS n\")\n",
        database.display()
    )
}

#[tokio::test]
async fn a_workspace_cannot_open_outside_services_until_trusted() {
    let w = Workspace::new("trust");
    write(
        &w.root.join("flx.toml"),
        &format!(
            "default = \"here\"\n\n[connections.here]\nkind = \"local\"\ndata = \"{}\"\nallow = [\"sql\"]\n\n\
             [connections.cmd]\nkind = \"influxdb2\"\nurl = \"http://127.0.0.1:9\"\norg = \"o\"\ntoken_command = \"touch {}\"\n",
            w.root.join(".flx/data").display(),
            w.root.join("ran").display()
        ),
    );
    let uri = w.uri("s.flux");
    let script = sql_script(&w.root.join("db.sqlite"));

    let mut client = w.client(json!({}), json!({})).await;
    client.open(&uri, &script).await;
    let refused = run(&mut client, json!({"uri": uri})).await.unwrap();
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(message.contains("--allow-sql"), "{refused}");
    let command = run(&mut client, json!({"uri": uri, "connection": "cmd"})).await.unwrap_err();
    assert!(command["message"].as_str().unwrap().contains("not done until you trust the workspace"), "{command}");
    assert!(!w.root.join("ran").exists(), "the workspace's command did not run");
    client.shutdown().await;

    // The user's own setting opens the service.
    let mut client = w.client(json!({"run": {"allow": ["sql"]}}), json!({})).await;
    client.open(&uri, &script).await;
    let allowed = run(&mut client, json!({"uri": uri})).await.unwrap();
    assert_eq!(allowed["results"][0]["tables"][0]["rows"], json!([[7]]), "{allowed}");
    client.shutdown().await;

    // So does the workspace's `allow`, once the workspace is trusted.
    let mut client = w.client(json!({"trustWorkspace": true}), json!({})).await;
    client.open(&uri, &script).await;
    let trusted = run(&mut client, json!({"uri": uri})).await.unwrap();
    assert_eq!(trusted["results"][0]["tables"][0]["rows"], json!([[7]]), "{trusted}");
    client.shutdown().await;
}

/// The labels completion offers at `line:character`, and whether the list is incomplete.
async fn complete(client: &mut Client, uri: &str, line: u32, character: u32) -> (Vec<String>, bool) {
    let position = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
    let list = client.request("textDocument/completion", position).await.unwrap();
    let labels = list["items"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap().to_owned()).collect();
    (labels, list["isIncomplete"].as_bool().unwrap())
}

/// Completion, asked again while the client is told the list is incomplete (as clients do when
/// the user types on), until the live schema has arrived.
async fn complete_when_fetched(client: &mut Client, uri: &str, line: u32, character: u32) -> Vec<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let (labels, incomplete) = complete(client, uri, line, character).await;
        if !incomplete {
            return labels;
        }
        assert!(std::time::Instant::now() < deadline, "the live schema never arrived");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn completion_knows_the_buckets_measurements_fields_and_tags_of_the_connection() {
    let w = Workspace::new("live");
    // The schema file knows a bucket the data does not, and a field of `temp` it does not hold.
    let file = r#"{"buckets": {"planned": {}, "sensors": {"measurements": {"temp": {"fields": ["humidity"]}}}}}"#;
    write(&w.root.join("flux-schema.json"), file);
    let mut client = w.client(json!({}), json!({})).await;
    let uri = w.uri("q.flux");
    let text =
        "from(bucket: \"\")\n  |> filter(fn: (r) => r._measurement == \"\" and r._field == \"\" and r.host == \"\")\n";
    client.open(&uri, text).await;
    // Inside each `""` of the second line.
    let quotes: Vec<u32> = text.lines().nth(1).unwrap().match_indices("\"\"").map(|(i, _)| i as u32 + 1).collect();
    let buckets = complete_when_fetched(&mut client, &uri, 0, 14).await;
    assert_eq!(buckets, ["planned", "sensors"]);
    let (measurements, _) = complete(&mut client, &uri, 1, quotes[0]).await;
    assert_eq!(measurements, ["temp"]);
    let (fields, _) = complete(&mut client, &uri, 1, quotes[1]).await;
    assert_eq!(fields, ["humidity", "value"], "the file's first, then the data's");
    let (hosts, _) = complete(&mut client, &uri, 1, quotes[2]).await;
    assert_eq!(hosts, ["a", "b"]);
    // Off by setting: only the file.
    client.notify("workspace/didChangeConfiguration", json!({"settings": {"schema": {"live": false}}})).await;
    let (hosts, incomplete) = complete(&mut client, &uri, 1, quotes[2]).await;
    assert_eq!((hosts.len(), incomplete), (0, false));
    client.shutdown().await;
}

#[tokio::test]
async fn a_slow_database_never_holds_completion_back() {
    let w = Workspace::new("stall");
    // A database that accepts connections and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let held = std::thread::spawn(move || listener.accept().map(|(socket, _)| socket));
    write(
        &w.root.join("flx.toml"),
        &format!(
            "default = \"stalled\"\n\n[connections.stalled]\nkind = \"influxdb2\"\nurl = \"http://127.0.0.1:{port}\"\norg = \"o\"\ntimeout = \"60s\"\n"
        ),
    );
    write(&w.root.join("flux-schema.json"), r#"{"buckets": {"planned": {}}}"#);
    let mut client = w.client(json!({}), json!({})).await;
    let uri = w.uri("q.flux");
    client.open(&uri, "from(bucket: \"\")\n").await;
    // The fetch is stuck on the socket; completion answers from the file and says there is more.
    let _socket = tokio::task::spawn_blocking(move || held.join().unwrap().unwrap()).await.unwrap();
    let (buckets, incomplete) = complete(&mut client, &uri, 0, 14).await;
    assert_eq!((buckets, incomplete), (vec!["planned".to_owned()], true));
    // Choosing the local buckets stops that fetch and asks them.
    let command = json!({"command": "flux.setConnection", "arguments": [{"name": null}]});
    client.request("workspace/executeCommand", command).await.unwrap();
    let buckets = complete_when_fetched(&mut client, &uri, 0, 14).await;
    assert_eq!(buckets, ["planned", "sensors"]);
    client.shutdown().await;
}

#[tokio::test]
async fn without_an_argument_the_last_document_runs_and_the_tables_are_shown() {
    let w = Workspace::new("bare");
    let mut client = w.client(json!({}), json!({})).await;
    let none = client.request("workspace/executeCommand", json!({"command": "flux.run"})).await.unwrap_err();
    assert_eq!(none["message"], "no document to run: give `uri`");
    let (first, second) = (w.uri("first.flux"), w.uri("q.flux"));
    client.open(&first, "import \"array\"\narray.from(rows: [{v: 1}])\n").await;
    client.open(&second, QUERY).await;
    // As Helix's `:lsp-workspace-command flux.run` sends it: no arguments.
    let answer = client.request("workspace/executeCommand", json!({"command": "flux.run"})).await.unwrap();
    assert_eq!(names(&answer), ["a", "b"], "the document opened last ran");
    let message = client.notification("window/showMessage", |_| true).await;
    let text = message["message"].as_str().unwrap();
    assert!(text.starts_with("q.flux: 6 rows\nResult: a\n"), "{text}");
    assert!(text.contains("host:string"), "{text}");
    client.shutdown().await;
}

#[tokio::test]
async fn a_long_test_case_is_cancelled_in_the_middle() {
    let w = Workspace::new("test-cancel");
    let mut client = w.client(json!({}), json!({"window": {"workDoneProgress": true}})).await;
    let uri = w.uri("slow_test.flux");
    let body = SLOW.replace("import \"generate\"\n\n", "").replace('\n', "\n    ");
    client.open(&uri, &format!("package slow_test\n\nimport \"generate\"\n\ntestcase slow {{\n    {body}\n}}\n")).await;
    let id = client
        .send_request("workspace/executeCommand", json!({"command": "flux.test", "arguments": [{"uri": uri}]}))
        .await;
    client.notification("$/progress", |p| p["value"]["kind"] == "begin").await;
    let command = json!({"command": "flux.cancel", "arguments": [{"uri": uri}]});
    assert_eq!(client.request("workspace/executeCommand", command).await.unwrap()["cancelled"], 1);
    let answer = client.response(id).await.unwrap();
    assert_eq!(answer["cancelled"], true, "{answer}");
    assert_eq!(answer["tests"], json!([]), "a test stopped in the middle neither passed nor failed");
    client.shutdown().await;
}

#[tokio::test]
async fn an_editor_defines_connections_and_browses_their_schema() {
    let w = Workspace::new("editor-connections");
    let other = w.root.join("lab");
    let (points, _) = line_protocol::parse("air,room=kitchen co2=420i 1700000000000000000\n", Precision::Nanoseconds);
    flux_storage::DataDir::new(&other).writer("lab", true).unwrap().write(&points, 0).unwrap();
    // What a client keeps in its settings: no secret, only where it comes from.
    let connections = json!({
        "lab": {"kind": "local", "data": "lab"},
        "cloud": {"kind": "influxdb2", "url": "http://127.0.0.1:9", "org": "o", "token_env": "FLX_TEST_NO_SUCH_VARIABLE"}
    });
    let mut client = w.client(json!({"connections": connections}), json!({})).await;
    let command = |name: &str, arguments: Value| json!({"command": name, "arguments": arguments});

    let listed = client.request("workspace/executeCommand", command("flux.connections", json!([]))).await.unwrap();
    let lab = listed["connections"].as_array().unwrap().iter().find(|c| c["name"] == "lab").cloned().unwrap();
    assert_eq!((lab["kind"].as_str(), lab["from"].as_str()), (Some("local"), Some("the editor's settings")));

    // The current connection (the local buckets), then one by name, then `null` for local.
    let schema = |arguments: Value| command("flux.schema", json!([arguments]));
    let local = client.request("workspace/executeCommand", schema(json!({}))).await.unwrap();
    expect_test::expect![[r#"{"connection":null,"cached":false,"buckets":[{"name":"sensors","measurements":[{"name":"temp","fields":["value"],"tags":[{"name":"host","values":["a","b"]}]}]}]}"#]]
        .assert_eq(&local.to_string());
    let again = client.request("workspace/executeCommand", schema(json!({"connection": null}))).await.unwrap();
    assert_eq!((again["cached"].as_bool(), &again["buckets"]), (Some(true), &local["buckets"]));
    let refreshed =
        client.request("workspace/executeCommand", schema(json!({"connection": null, "refresh": true}))).await.unwrap();
    assert_eq!(refreshed["cached"], false);
    let lab = client.request("workspace/executeCommand", schema(json!({"connection": "lab"}))).await.unwrap();
    expect_test::expect![[r#"{"connection":"lab","cached":false,"buckets":[{"name":"lab","measurements":[{"name":"air","fields":["co2"],"tags":[{"name":"room","values":["kitchen"]}]}]}]}"#]]
        .assert_eq(&lab.to_string());
    let unknown = client.request("workspace/executeCommand", schema(json!({"connection": "nope"}))).await.unwrap_err();
    assert!(unknown["message"].as_str().unwrap().starts_with("no connection named `nope`"), "{unknown}");

    // Testing a connection answers whether it works, and why not.
    let test = |name: &str| command("flux.testConnection", json!([{"name": name}]));
    let ok = client.request("workspace/executeCommand", test("lab")).await.unwrap();
    assert_eq!(ok, json!({"ok": true, "lines": [format!("local: {} holds 1 buckets", other.display())]}));
    let down = client.request("workspace/executeCommand", test("cloud")).await.unwrap();
    assert_eq!(down["ok"], false, "{down}");
    assert!(down["error"].as_str().unwrap().contains("cloud"), "the error names the connection: {down}");

    // A token written into the settings is refused, naming the setting.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"connections": {"bad": {"kind": "influxdb2", "url": "http://x", "org": "o", "token": "secret-value"}}}}),
        )
        .await;
    let refused = client.request("workspace/executeCommand", command("flux.connections", json!([]))).await.unwrap_err();
    let message = refused["message"].as_str().unwrap();
    assert!(message.contains("settings files must not"), "{message}");
    assert!(!message.contains("secret-value"), "the token is never repeated: {message}");
    client.shutdown().await;
}
