//! InfluxDB 1.x through InfluxQL: the same Flux over the same points gives the same tables
//! from a local bucket and from a real InfluxDB 1.6.7 (`influxd` from `FLX_TEST_INFLUXD`,
//! which scripts/test sets up), where the read's range, filters and windows are pushed down
//! as InfluxQL.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// An `influxd` of its own on free loopback ports, with its data in a scratch directory.
struct Influxd {
    child: Child,
    url: String,
}

impl Drop for Influxd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flx-influxql-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Influxd {
    fn start(influxd: &Path, dir: &Path) -> Influxd {
        let (http, rpc) = (free_port(), free_port());
        std::fs::create_dir_all(dir).unwrap();
        let config = dir.join("influxd.conf");
        let d = dir.display();
        std::fs::write(
            &config,
            format!(
                "reporting-enabled = false\nbind-address = \"127.0.0.1:{rpc}\"\n[meta]\n  dir = \"{d}/meta\"\n\
                 [data]\n  dir = \"{d}/data\"\n  wal-dir = \"{d}/wal\"\n[monitor]\n  store-enabled = false\n\
                 [http]\n  bind-address = \"127.0.0.1:{http}\"\n  auth-enabled = false\n  log-enabled = false\n"
            ),
        )
        .unwrap();
        let log = std::fs::File::create(dir.join("influxd.log")).unwrap();
        let child = Command::new(influxd)
            .args(["run", "-config"])
            .arg(&config)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let server = Influxd { child, url: format!("http://127.0.0.1:{http}") };
        for _ in 0..200 {
            if http_request("GET", &server.url, "/ping", "").is_some_and(|(status, _)| status == 204) {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("influxd did not answer /ping within 10 s: see {}", dir.join("influxd.log").display());
    }
}

/// A plain HTTP/1.1 request: the status and the body.
fn http_request(method: &str, base: &str, path: &str, body: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).ok()?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    Some((status, response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default()))
}

/// Points of two measurements over two hours: tags that some series lack, fields of four
/// types that some points lack, and gaps, so that windows are empty, partial and full.
fn line_protocol() -> String {
    let base = 1_699_999_200i64; // 2023-11-14T22:00:00Z
    let mut out = String::new();
    for i in 0..720i64 {
        let t = (base + i * 10) * 1_000_000_000;
        for (h, host) in ["a", "b", "c"].iter().enumerate() {
            if (i + h as i64) % 17 == 0 || (h == 2 && (300..420).contains(&i)) {
                continue;
            }
            let region = match h {
                0 => ",region=eu",
                1 => ",region=us",
                _ => "",
            };
            let usage = ((i as f64) * 0.37 + h as f64).sin() * 100.0 / 3.0;
            let n = (i * 7 + h as i64 * 13) % 50 - 20;
            let mut fields = format!("usage={usage:?},n={n}i");
            if i % 3 == 0 {
                write!(fields, ",ok={}", i % 2 == 0).unwrap();
            }
            if i % 5 == h as i64 {
                write!(fields, ",state=\"s{}\"", i % 4).unwrap();
            }
            writeln!(out, "cpu,host={host}{region} {fields} {t}").unwrap();
            if i % 6 == 0 {
                writeln!(out, "mem,host={host} used={}i,free={:?} {t}", 1000 + i * h as i64, 0.5 + i as f64 / 8.0)
                    .unwrap();
            }
        }
    }
    out
}

/// The query shapes: each runs on the local bucket and through InfluxQL. `pushed` says the
/// windows must be computed by the database.
const SHAPES: &[(&str, bool)] = &[
    ("|> range(start: 2023-11-14T22:00:00Z, stop: 2023-11-15T00:00:00Z)", false),
    ("|> range(start: -90m) |> filter(fn: (r) => r._measurement == \"mem\")", false),
    (
        "|> range(start: 2023-11-14T22:30:00Z, stop: 2023-11-14T22:40:00Z) |> filter(fn: (r) => r._measurement == \"cpu\" and r._field == \"usage\")",
        false,
    ),
    ("|> range(start: -2h) |> filter(fn: (r) => r.host == \"a\")", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r.host != \"a\" and r._field == \"n\")", false),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r.host == \"a\" or r.host == \"c\") |> filter(fn: (r) => r._field == \"usage\")",
        false,
    ),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"ok\" or r._field == \"state\")", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r._measurement == \"mem\" or r._field == \"n\")", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\") |> filter(fn: (r) => r._value > 20.0)", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r.region == \"eu\")", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r.host =~ /^[ab]$/ and r._field == \"free\")", false),
    ("|> range(start: -2h) |> filter(fn: (r) => not (r.host == \"b\") and r._measurement == \"mem\")", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\") |> aggregateWindow(every: 1m, fn: mean)", true),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\" and r.host == \"b\") |> aggregateWindow(every: 5m, fn: sum)",
        true,
    ),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"n\") |> aggregateWindow(every: 7m, fn: sum)", true),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r._measurement == \"cpu\") |> aggregateWindow(every: 10m, fn: count)",
        true,
    ),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\") |> aggregateWindow(every: 3m, fn: min)", true),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"n\") |> aggregateWindow(every: 3m, fn: max)", true),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r._field == \"state\") |> aggregateWindow(every: 15m, fn: first)",
        true,
    ),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"ok\") |> aggregateWindow(every: 15m, fn: last)", true),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\" and r.host == \"c\") |> aggregateWindow(every: 5m, fn: mean, createEmpty: false)",
        true,
    ),
    (
        "|> range(start: 2023-11-14T22:00:30Z, stop: 2023-11-14T23:59:50Z) |> filter(fn: (r) => r._field == \"free\") |> aggregateWindow(every: 10m, fn: mean)",
        true,
    ),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\") |> aggregateWindow(every: 10m, offset: 30s, fn: max)",
        true,
    ),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\") |> aggregateWindow(every: 20m, fn: mean, timeSrc: \"_start\")",
        true,
    ),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"n\") |> aggregateWindow(every: 10m, fn: mean)", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\") |> window(every: 30m) |> mean()", true),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"n\") |> window(every: 30m) |> first()", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r._measurement == \"mem\") |> mean()", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"state\") |> last()", false),
    ("|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\") |> limit(n: 3, offset: 2)", false),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r._field == \"usage\") |> aggregateWindow(every: 10m, fn: mean) |> group() |> max()",
        true,
    ),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r._measurement == \"mem\") |> pivot(rowKey: [\"_time\"], columnKey: [\"_field\"], valueColumn: \"_value\") |> limit(n: 5)",
        false,
    ),
    ("|> range(start: -2h) |> filter(fn: (r) => r._measurement == \"disk\")", false),
    (
        "|> range(start: 2023-11-15T01:00:00Z, stop: 2023-11-15T02:00:00Z) |> aggregateWindow(every: 1m, fn: count)",
        true,
    ),
    (
        "|> range(start: -2h) |> filter(fn: (r) => r.region == \"us\" and r._field == \"usage\") |> aggregateWindow(every: 1h, fn: sum) |> map(fn: (r) => ({r with _value: r._value * 2.0}))",
        true,
    ),
];

#[test]
fn flux_over_influxql_gives_what_the_local_bucket_gives() {
    let Some(influxd) = flx_test_utils::external_tool("FLX_TEST_INFLUXD", "InfluxDB 1.x (influxd)") else { return };
    let dir = scratch("differential");
    let server = Influxd::start(&influxd, &dir.join("influxd"));
    let lines = line_protocol();
    let created = http_request("POST", &server.url, "/query", "q=CREATE%20DATABASE%20telegraf").unwrap();
    assert_eq!(created.0, 200, "{}", created.1);
    let written = http_request("POST", &server.url, "/write?db=telegraf&precision=ns", &lines).unwrap();
    assert_eq!(written.0, 204, "{}", written.1);

    let workspace = dir.join("workspace");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::write(
        workspace.join("flx.toml"),
        format!("[connections.v1]\nkind = \"influxdb1\"\nurl = \"{}\"\ndatabase = \"telegraf\"\n", server.url),
    )
    .unwrap();
    std::fs::write(workspace.join("points.lp"), &lines).unwrap();
    let flx = |args: &[&str]| -> Output {
        Command::new(env!("CARGO_BIN_EXE_flx"))
            .args(args)
            .current_dir(&workspace)
            .env("XDG_CONFIG_HOME", dir.join("no-user-config"))
            .env("INFLUX_CONFIGS_PATH", dir.join("no-influx-configs"))
            .env_remove("INFLUX_HOST")
            .env_remove("FLX_DATA_DIR")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let wrote = flx(&["write", "--bucket", "telegraf", "points.lp"]);
    assert!(wrote.status.success(), "{}", String::from_utf8_lossy(&wrote.stderr));

    let now = "2023-11-15T00:00:00Z";
    let mut failures = Vec::new();
    for (i, (shape, pushed)) in SHAPES.iter().enumerate() {
        let script = format!("from(bucket: \"telegraf\")\n    {shape}\n");
        let file = format!("q{i}.flux");
        std::fs::write(workspace.join(&file), &script).unwrap();
        let local = flx(&["run", "--format", "csv", "--now", now, &file]);
        let remote = flx(&["run", "--format", "csv", "--now", now, "--connection", "v1", "--explain", &file]);
        let stderr = String::from_utf8_lossy(&remote.stderr);
        assert!(local.status.success(), "{script}: {}", String::from_utf8_lossy(&local.stderr));
        assert!(remote.status.success(), "{script}: {stderr}");
        assert!(
            local.stdout.len() > 200 || shape.contains("disk") || shape.contains("2023-11-15T01"),
            "{script} read nothing"
        );
        if local.stdout != remote.stdout {
            failures.push(format!(
                "{script}\nlocal:\n{}\nthrough InfluxQL:\n{}\n{stderr}",
                String::from_utf8_lossy(&local.stdout),
                String::from_utf8_lossy(&remote.stdout)
            ));
        }
        // A measurement that does not exist needs no more than its (missing) fields.
        let asked = if shape.contains("\"disk\"") { "sent: SHOW FIELD KEYS" } else { "sent: SELECT" };
        assert!(stderr.contains(asked), "{script} sent no InfluxQL: {stderr}");
        assert_eq!(
            stderr.contains("GROUP BY time("),
            *pushed,
            "{script}: windows pushed or not as expected:\n{stderr}"
        );
    }
    assert!(failures.is_empty(), "{} of {} shapes differ:\n{}", failures.len(), SHAPES.len(), failures.join("\n"));

    // `to()` on the connection writes to the database, only when allowed.
    let write = "import \"array\"\n\
        array.from(rows: [{_time: 2023-11-15T00:00:00Z, _measurement: \"copied\", _field: \"f\", _value: 1.25, host: \"x y\"}])\n\
        |> to(bucket: \"telegraf/autogen\")\n";
    std::fs::write(workspace.join("write.flux"), write).unwrap();
    let refused = flx(&["run", "--connection", "v1", "write.flux"]);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("would write 1 points to the connection `v1`") && said.contains("--allow-net"), "{said}");
    let wrote = flx(&["run", "--connection", "v1", "--allow-net", "write.flux"]);
    assert!(wrote.status.success(), "{}", String::from_utf8_lossy(&wrote.stderr));
    let (_, answer) =
        http_request("POST", &server.url, "/query?db=telegraf&epoch=ns", "q=SELECT%20*%20FROM%20copied").unwrap();
    assert!(
        answer.contains(r#""columns":["time","f","host"],"values":[[1700006400000000000,1.25,"x y"]]"#),
        "{answer}"
    );

    // `flx serve --connection v1`: InfluxDB's v2 API over the 1.x database.
    let mut serve = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_flx"))
            .args(["serve", "--addr", "127.0.0.1:0", "--no-auth", "--connection", "v1"])
            .current_dir(&workspace)
            .env("XDG_CONFIG_HOME", dir.join("no-user-config"))
            .env("INFLUX_CONFIGS_PATH", dir.join("no-influx-configs"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(serve.0.stderr.take().unwrap()), &mut line).unwrap();
    assert!(line.contains("over the connection `v1`"), "{line}");
    let api = format!("http://{}", line.split("http://").nth(1).and_then(|r| r.split_whitespace().next()).unwrap());
    let script = format!("from(bucket: \"telegraf\")\n    {}\n", SHAPES[12].0);
    std::fs::write(workspace.join("served.flux"), &script).unwrap();
    let direct = flx(&["run", "--format", "csv", "--now", now, "--connection", "v1", "served.flux"]);
    let annotations = ["datatype", "group", "default"];
    let body = serde_json::json!({"query": script, "now": now, "dialect": {"annotations": annotations}}).to_string();
    let served = http_post_json(&api, "/api/v2/query", &body);
    let direct = String::from_utf8_lossy(&direct.stdout);
    assert!(direct.len() > 1000, "{direct}");
    assert!(
        served == direct,
        "flx serve forwarded otherwise than flx run:\n{}\n---\n{}",
        &served[..served.len().min(600)],
        &direct[..direct.len().min(600)]
    );
    let (status, _) =
        http_request("POST", &api, "/api/v2/write?bucket=telegraf&precision=s", "served v=3i 1700000000").unwrap();
    assert_eq!(status, 204);
    let (_, answer) =
        http_request("POST", &server.url, "/query?db=telegraf&epoch=s", "q=SELECT%20*%20FROM%20served").unwrap();
    assert!(answer.contains(r#""values":[[1700000000,3]]"#), "{answer}");
    let (_, listed) = http_request("GET", &api, "/api/v2/buckets", "").unwrap();
    assert!(listed.contains(r#""name":"telegraf""#), "{listed}");
}

/// A child process that is killed when the test ends, passed or not.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A JSON POST whose answer may be chunked: the body, dechunked.
fn http_post_json(base: &str, path: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let text = String::from_utf8(response).unwrap();
    let (head, mut rest) = text.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}\n{rest}");
    if !head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        return rest.to_owned();
    }
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let size = usize::from_str_radix(size.trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.push_str(&after[..size]);
        rest = &after[size + 2..];
    }
    out
}

/// A language server (`flx lsp`) over stdio, for the live schema test.
struct Lsp {
    child: Child,
    stdin: std::process::ChildStdin,
    stdout: std::io::BufReader<std::process::ChildStdout>,
    next_id: i64,
}

impl Lsp {
    fn start(workspace: &Path, home: &Path) -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_flx"))
            .arg("lsp")
            .current_dir(workspace)
            .env("XDG_CONFIG_HOME", home.join("no-user-config"))
            .env("INFLUX_CONFIGS_PATH", home.join("no-influx-configs"))
            .env_remove("INFLUX_HOST")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let (stdin, stdout) = (child.stdin.take().unwrap(), child.stdout.take().unwrap());
        Lsp { child, stdin, stdout: std::io::BufReader::new(stdout), next_id: 0 }
    }

    fn send(&mut self, message: serde_json::Value) {
        use std::io::Write;
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn read(&mut self) -> serde_json::Value {
        use std::io::{BufRead, Read};
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(self.stdout.read_line(&mut line).unwrap() > 0, "the server closed its output");
            match line.trim_end().strip_prefix("Content-Length: ") {
                Some(n) => length = n.parse().unwrap(),
                None if line.trim_end().is_empty() => break,
                None => {}
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn request(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(serde_json::json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.read();
            if message.get("method").is_some() && message.get("id").is_some() {
                // A request of the server's (configuration, progress): answered empty.
                self.send(serde_json::json!({"jsonrpc": "2.0", "id": message["id"], "result": null}));
            } else if message["id"] == id {
                return message["result"].clone();
            }
        }
    }

    /// The labels completion offers at `line:character` once the live schema has arrived.
    fn complete(&mut self, uri: &str, line: u32, character: u32) -> Vec<String> {
        for _ in 0..400 {
            let position =
                serde_json::json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}});
            let list = self.request("textDocument/completion", position);
            if list["isIncomplete"] == false {
                return list["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i["label"].as_str().unwrap().to_owned())
                    .collect();
            }
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        panic!("the live schema did not arrive within 10 s");
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_schema_of_a_database_comes_from_its_show_statements() {
    let Some(influxd) = flx_test_utils::external_tool("FLX_TEST_INFLUXD", "InfluxDB 1.x (influxd)") else { return };
    let dir = scratch("schema");
    let server = Influxd::start(&influxd, &dir.join("influxd"));
    let created = http_request("POST", &server.url, "/query", "q=CREATE%20DATABASE%20telegraf").unwrap();
    assert_eq!(created.0, 200, "{}", created.1);
    let written = http_request("POST", &server.url, "/write?db=telegraf&precision=ns", &line_protocol()).unwrap();
    assert_eq!(written.0, 204, "{}", written.1);

    // The client: everything in one request, from the index.
    let toml = format!("default = \"v1\"\n\n[connections.v1]\nkind = \"influxdb1\"\nurl = \"{}\"\n", server.url);
    let workspace = dir.join("workspace");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::write(workspace.join("flx.toml"), &toml).unwrap();
    let places = flux_connect::Places { workspace: Some(workspace.clone()), ..flux_connect::Places::default() };
    let connections = flux_connect::Connections::load(&places).unwrap();
    let client = flux_connect::influxql::InfluxQl::new(connections.get("v1").unwrap()).unwrap();
    let schema = client.schema("telegraf", 200, 500).unwrap();
    assert_eq!(schema.retention_policies, ["autogen"]);
    assert_eq!(schema.measurements.keys().collect::<Vec<_>>(), ["cpu", "mem"]);
    let cpu = &schema.measurements["cpu"];
    assert_eq!(cpu.fields, ["n", "ok", "state", "usage"]);
    assert_eq!(cpu.tags["host"], ["a", "b", "c"]);
    assert_eq!(cpu.tags["region"], ["eu", "us"]);
    assert_eq!(schema.measurements["mem"].fields, ["free", "used"]);

    // The language server completes with it: the connection is the workspace's default.
    let mut lsp = Lsp::start(&workspace, &dir);
    let folder = serde_json::json!([{"uri": format!("file://{}", workspace.display()), "name": "w"}]);
    lsp.request("initialize", serde_json::json!({"processId": null, "workspaceFolders": folder, "capabilities": {}}));
    lsp.send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let uri = format!("file://{}/q.flux", workspace.display());
    let text =
        "from(bucket: \"telegraf/autogen\")\n  |> filter(fn: (r) => r._measurement == \"cpu\" and r.region == \"\")\n";
    let document = serde_json::json!({"uri": uri, "languageId": "flux", "version": 1, "text": text});
    lsp.send(
        serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": document}}),
    );
    assert_eq!(lsp.complete(&uri, 0, 14), ["telegraf", "telegraf/autogen"]);
    let region = text.lines().nth(1).unwrap().rfind("\"\"").unwrap() as u32 + 1;
    assert_eq!(lsp.complete(&uri, 1, region), ["eu", "us"]);
    drop(lsp);
    drop(server);
    std::fs::remove_dir_all(&dir).unwrap();
}
