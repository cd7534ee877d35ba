//! `flx serve`: InfluxDB's v2 API over local buckets, spoken by raw HTTP requests and by
//! InfluxDB's official Python and JavaScript clients (from `FLX_TEST_PYTHON` and
//! `FLX_TEST_JS_CLIENT`, which `scripts/test` sets up).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    addr: String,
    dir: PathBuf,
}

impl Server {
    /// `flx serve` on a free port of the loopback address with the token `secret`.
    fn start(name: &str) -> Server {
        let dir = std::env::temp_dir().join(format!("flx-serve-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_flx"))
            .args(["serve", "--addr", "127.0.0.1:0", "--token", "secret", "--data", "data"])
            .current_dir(&dir)
            .stderr(Stdio::piped())
            .spawn()
            .expect("flx serve starts");
        let mut line = String::new();
        BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        Server { child, addr, dir }
    }

    /// One request; the status and the body.
    fn request(&self, method: &str, path: &str, headers: &[&str], body: &str) -> (u16, String) {
        let (status, _, body) = self.request_bytes(method, path, headers, body.as_bytes());
        (status, String::from_utf8(body).expect("a text body"))
    }

    /// One request; the status, the head (lower case) and the body's bytes.
    fn request_bytes(&self, method: &str, path: &str, headers: &[&str], body: &[u8]) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        for header in headers {
            request.push_str(header);
            request.push_str("\r\n");
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(request.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
        let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
        let status = head[9..12].parse().unwrap();
        let rest = &response[split + 4..];
        let body = if head.contains("transfer-encoding: chunked") { dechunk(rest) } else { rest.to_vec() };
        (status, head, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = bytes.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(std::str::from_utf8(&bytes[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&bytes[end + 2..end + 2 + size]);
        bytes = &bytes[end + 2 + size + 2..];
    }
    out
}

const AUTH: &str = "Authorization: Token secret";

#[test]
fn the_api_answers_as_influxdb_does() {
    let server = Server::start("api");
    assert_eq!(server.request("GET", "/ping", &[], "").0, 204);
    let (status, health) = server.request("GET", "/health", &[], "");
    assert_eq!(status, 200);
    assert!(health.contains("\"status\":\"pass\""), "{health}");

    // Without the token, or with another, nothing but health and ping.
    let (status, body) = server.request("GET", "/api/v2/buckets", &[], "");
    assert_eq!((status, body.as_str()), (401, r#"{"code":"unauthorized","message":"unauthorized access"}"#));
    assert_eq!(server.request("GET", "/api/v2/buckets", &["Authorization: Token secreT"], "").0, 401);

    let (status, body) = server.request("POST", "/api/v2/buckets", &[AUTH], r#"{"name": "b", "orgID": "x"}"#);
    assert_eq!(status, 201, "{body}");
    let (status, body) = server.request(
        "POST",
        "/api/v2/write?bucket=b&precision=s",
        &[AUTH],
        "cpu,host=a usage=1.5 1700000000\ncpu,host=a usage=2.5 1700000060\n",
    );
    assert_eq!(status, 204, "{body}");
    // A bad line rejects the whole batch; an unknown bucket is not found.
    let (status, body) = server.request("POST", "/api/v2/write?bucket=b", &[AUTH], "cpu usage=1 1\ncpu usage=\n");
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("\"code\":\"invalid\"") && body.contains("unable to parse line 2"), "{body}");
    assert_eq!(server.request("POST", "/api/v2/write?bucket=nope", &[AUTH], "cpu usage=1 1\n").0, 404);

    let query = r#"{"query": "from(bucket: \"b\") |> range(start: 2023-11-14T00:00:00Z, stop: 2023-11-15T00:00:00Z) |> sum()", "dialect": {"annotations": ["datatype", "group", "default"]}}"#;
    let (status, csv) =
        server.request("POST", "/api/v2/query?org=any", &[AUTH, "Content-Type: application/json"], query);
    assert_eq!(status, 200, "{csv}");
    assert!(csv.starts_with("#datatype,string,long,"), "{csv}");
    assert!(csv.contains(",,0,2023-11-14T00:00:00Z,2023-11-15T00:00:00Z,usage,cpu,a,4\r\n"), "{csv}");
    // Without annotations (InfluxDB's default dialect) each row names its result.
    let plain = r#"{"query": "from(bucket: \"b\") |> range(start: 0) |> count()"}"#;
    let (_, csv) = server.request("POST", "/api/v2/query", &[AUTH, "Content-Type: application/json"], plain);
    assert!(csv.starts_with(",result,table,") && csv.contains("\r\n,_result,0,"), "{csv}");
    // Flux as text.
    let (status, csv) =
        server.request("POST", "/api/v2/query", &[AUTH, "Content-Type: application/vnd.flux"], "buckets()");
    assert_eq!(status, 200);
    assert!(csv.contains(",b,b,"), "{csv}");
    // A query that does not compile is InfluxDB's error, with where.
    let (status, body) = server.request(
        "POST",
        "/api/v2/query",
        &[AUTH, "Content-Type: application/json"],
        r#"{"query": "from(bucket: 1)"}"#,
    );
    assert_eq!(status, 400);
    assert!(body.contains("compilation failed: error @1:14"), "{body}");

    // gzip both ways: a compressed write, and a compressed answer for a client that takes it.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(b"mem free=3i 1700000000000000000\n").unwrap();
    let gzipped = encoder.finish().unwrap();
    let (status, _, _) =
        server.request_bytes("POST", "/api/v2/write?bucket=b", &[AUTH, "Content-Encoding: gzip"], &gzipped);
    assert_eq!(status, 204);
    let query =
        br#"{"query": "from(bucket: \"b\") |> range(start: 0) |> filter(fn: (r) => r._measurement == \"mem\")"}"#;
    let gzip = [AUTH, "Accept-Encoding: gzip", "Content-Type: application/json"];
    let (status, head, body) = server.request_bytes("POST", "/api/v2/query", &gzip, query);
    assert_eq!(status, 200);
    assert!(head.contains("content-encoding: gzip"), "{head}");
    let mut csv = String::new();
    flate2::read::GzDecoder::new(&body[..]).read_to_string(&mut csv).unwrap();
    assert!(csv.contains(",3,free,mem\r\n"), "{csv}");

    let (status, ast) = server.request("POST", "/api/v2/query/ast", &[AUTH], r#"{"query": "x = 1"}"#);
    assert_eq!(status, 200);
    assert!(ast.contains("\"VariableAssignment\""), "{ast}");

    assert_eq!(server.request("DELETE", "/api/v2/buckets/b", &[AUTH], "").0, 204);
    assert_eq!(server.request("DELETE", "/api/v2/buckets/b", &[AUTH], "").0, 404);
}

#[test]
fn a_public_address_needs_a_token() {
    let run = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_flx")).args(args).output().unwrap();
    let out = run(&["serve", "--addr", "0.0.0.0:0", "--no-auth"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a loopback address"));
    let out = run(&["serve", "--addr", "127.0.0.1:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give --token or --token-env"));
}

/// InfluxDB's own Python client writes points, reads them back as tables and gets what it
/// wrote.
#[test]
fn influxdbs_python_client_writes_and_reads_back() {
    let Some(python) = flx_test_utils::external_tool("FLX_TEST_PYTHON", "InfluxDB's Python client") else { return };
    // scripts/test installs the client into the Python it names.
    let has_client = Command::new(&python).args(["-c", "import influxdb_client"]).status().is_ok_and(|s| s.success());
    assert!(has_client, "{} has no influxdb_client: run scripts/test", python.display());
    let server = Server::start("python");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/python_client.py");
    let out = Command::new(&python).arg(script).arg(format!("http://{}", server.addr)).arg("secret").output().unwrap();
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n");
}

/// InfluxDB's own JavaScript client (`@influxdata/influxdb-client`, run by node) writes
/// points, reads them back as rows and gets what it wrote.
#[test]
fn influxdbs_javascript_client_writes_and_reads_back() {
    let Some(package) = flx_test_utils::external_tool("FLX_TEST_JS_CLIENT", "InfluxDB's JavaScript client") else {
        return;
    };
    // node_modules/@influxdata/influxdb-client/package.json -> node_modules
    let modules = package.ancestors().nth(3).expect("the client's node_modules").to_path_buf();
    let server = Server::start("javascript");
    let (status, body) = server.request("POST", "/api/v2/buckets", &[AUTH], r#"{"name": "js"}"#);
    assert_eq!(status, 201, "{body}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/clients/js_client.cjs");
    let out = Command::new("node")
        .arg(script)
        .arg(format!("http://{}", server.addr))
        .arg("secret")
        .arg("js")
        .env("NODE_PATH", modules)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n");
}

/// `flx` in `dir` with only the connections of `dir/flx.toml`, and `env` set.
fn flx_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_flx"));
    command
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", dir.join("no-user-config"))
        .env("INFLUX_CONFIGS_PATH", dir.join("no-influx-configs"))
        .env_remove("INFLUX_HOST")
        .env_remove("FLX_DATA_DIR")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// flx's own InfluxDB 2.x client against `flx serve`: a script run on the server (and the
/// same with `from(host:)` in a local run) gives what the same script gives on the server's
/// bucket read locally; the connection is listed and tested without its token showing.
#[test]
fn flx_runs_scripts_on_an_influxdb2_connection() {
    let server = Server::start("connection");
    let lines: String = (0..300)
        .map(|i| format!("cpu,host=h{} usage={}.25,n={}i {}\n", i % 3, i % 17, i, 1_700_000_000 + i * 10))
        .collect();
    let (status, body) = server.request("POST", "/api/v2/buckets", &[AUTH], r#"{"name": "b"}"#);
    assert_eq!(status, 201, "{body}");
    assert_eq!(server.request("POST", "/api/v2/write?bucket=b&precision=s", &[AUTH], &lines).0, 204);
    let workspace = server.dir.join("workspace");
    std::fs::create_dir_all(&workspace).unwrap();
    std::fs::write(
        workspace.join("flx.toml"),
        format!(
            "[connections.v2]\nkind = \"influxdb2\"\nurl = \"http://{}\"\norg = \"acme\"\ntoken_env = \"FLX_TEST_TOKEN\"\n",
            server.addr
        ),
    )
    .unwrap();
    let token = [("FLX_TEST_TOKEN", "secret")];
    let text = |out: &std::process::Output| {
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    };

    let listed = flx_in(&workspace, &["connections"], &token);
    assert!(listed.status.success(), "{}", text(&listed));
    assert!(text(&listed).contains("token from $FLX_TEST_TOKEN"), "{}", text(&listed));
    let tested = flx_in(&workspace, &["connections", "test", "v2"], &token);
    assert!(tested.status.success(), "{}", text(&tested));
    assert!(text(&tested).contains("v2: authorized: the token lists 1 buckets of org acme"), "{}", text(&tested));

    let script = "from(bucket: \"b\")\n  |> range(start: 2023-11-14T22:00:00Z, stop: 2023-11-15T00:00:00Z)\n  |> filter(fn: (r) => r._field == \"usage\" and r.host != \"h1\")\n  |> aggregateWindow(every: 5m, fn: mean)\n";
    std::fs::write(workspace.join("q.flux"), script).unwrap();
    let data = server.dir.join("data");
    let local = flx_in(&workspace, &["run", "--format", "csv", "--data", data.to_str().unwrap(), "q.flux"], &[]);
    assert!(local.status.success(), "{}", text(&local));
    assert!(String::from_utf8_lossy(&local.stdout).lines().count() > 20, "{}", text(&local));
    let remote = flx_in(&workspace, &["run", "--format", "csv", "--connection", "v2", "q.flux"], &token);
    assert!(remote.status.success(), "{}", text(&remote));
    assert_eq!(String::from_utf8_lossy(&remote.stdout), String::from_utf8_lossy(&local.stdout));

    // The same read named by `host:` in a local run: the range on the server, the rest here.
    let by_host =
        script.replace("from(bucket: \"b\")", &format!("from(bucket: \"b\", host: \"http://{}\")", server.addr));
    std::fs::write(workspace.join("host.flux"), &by_host).unwrap();
    let hosted = flx_in(&workspace, &["run", "--format", "csv", "--explain", "host.flux"], &token);
    assert!(hosted.status.success(), "{}", text(&hosted));
    assert_eq!(String::from_utf8_lossy(&hosted.stdout), String::from_utf8_lossy(&local.stdout));
    assert!(text(&hosted).contains("sent: Flux to `v2`: from(bucket: \"b\") |> range("), "{}", text(&hosted));
    let listing = format!("buckets(host: \"http://{}\") |> keep(columns: [\"name\"])\n", server.addr);
    std::fs::write(workspace.join("buckets.flux"), listing).unwrap();
    let buckets = flx_in(&workspace, &["run", "--format", "csv", "buckets.flux"], &token);
    assert!(String::from_utf8_lossy(&buckets.stdout).lines().any(|l| l.trim_end() == ",,0,b"), "{}", text(&buckets));

    // A host that is no connection needs --allow-net.
    std::fs::write(
        workspace.join("other.flux"),
        "from(bucket: \"b\", host: \"http://127.0.0.1:9\") |> range(start: -1h)\n",
    )
    .unwrap();
    let refused = flx_in(&workspace, &["run", "other.flux"], &token);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("is not a configured connection"), "{}", text(&refused));
    assert!(text(&refused).contains("--allow-net"), "{}", text(&refused));

    // `to(host:)` writes through the same client, with --allow-net.
    let to = format!(
        "import \"array\"\narray.from(rows: [{{_time: 2023-11-15T00:00:00Z, _measurement: \"copied\", _field: \"f\", _value: 7}}])\n\
         |> to(bucket: \"b\", host: \"http://{}\")\n",
        server.addr
    );
    std::fs::write(workspace.join("to.flux"), to).unwrap();
    let refused = flx_in(&workspace, &["run", "to.flux"], &token);
    assert!(text(&refused).contains("would write 1 points to http://"), "{}", text(&refused));
    let wrote = flx_in(&workspace, &["run", "--allow-net", "to.flux"], &token);
    assert!(wrote.status.success(), "{}", text(&wrote));
    let query = "from(bucket: \"b\") |> range(start: 2023-11-14T00:00:00Z, stop: 2023-11-16T00:00:00Z) |> filter(fn: (r) => r._measurement == \"copied\")";
    let (_, csv) = server.request("POST", "/api/v2/query", &[AUTH, "Content-Type: application/vnd.flux"], query);
    assert!(csv.contains(",2023-11-15T00:00:00Z,7,f,copied"), "{csv}");

    // A wrong token: the connection is named, the token is not shown.
    let wrong = flx_in(&workspace, &["run", "--connection", "v2", "q.flux"], &[("FLX_TEST_TOKEN", "not-the-token")]);
    assert_eq!(wrong.status.code(), Some(1), "{}", text(&wrong));
    assert!(text(&wrong).contains("connection `v2`: the server answered 401 Unauthorized"), "{}", text(&wrong));
    assert!(!text(&wrong).contains("not-the-token"), "{}", text(&wrong));
    let untested = flx_in(&workspace, &["connections", "test", "v2"], &[("FLX_TEST_TOKEN", "not-the-token")]);
    assert_eq!(untested.status.code(), Some(1), "{}", text(&untested));
    assert!(!text(&untested).contains("not-the-token"), "{}", text(&untested));
}

/// A script's own HTTP requests (`http.post`, `requests`) reach `flx serve` with
/// `--allow-net`, and nothing without it.
#[test]
fn scripts_send_http_requests_only_when_allowed() {
    let server = Server::start("requests");
    assert_eq!(server.request("POST", "/api/v2/buckets", &[AUTH], r#"{"name": "b"}"#).0, 201);
    let dir = server.dir.join("workspace");
    std::fs::create_dir_all(&dir).unwrap();
    let script = format!(
        r#"import "http"
import "http/requests"
import "array"
import "dict"

status = http.post(url: "http://{0}/api/v2/write?bucket=b&precision=s", headers: {{Authorization: "Token secret"}}, data: bytes(v: "cpu usage=2.5 1700000000"))
health = requests.get(url: "http://{0}/health")
denied = requests.do(method: "GET", url: "http://{0}/api/v2/buckets", params: ["limit": ["1"]])

array.from(rows: [{{posted: status, health: health.statusCode, type: dict.get(dict: health.headers, key: "Content-Type", default: ""), denied: denied.statusCode, said: string(v: denied.body)}}])
"#,
        server.addr
    );
    std::fs::write(dir.join("post.flux"), script).unwrap();
    let allowed = flx_in(&dir, &["run", "--format", "json", "--allow-net", "post.flux"], &[]);
    let out = String::from_utf8_lossy(&allowed.stdout);
    assert!(allowed.status.success(), "{out}{}", String::from_utf8_lossy(&allowed.stderr));
    let rows = &serde_json::from_str::<serde_json::Value>(&out).unwrap()["results"][0]["tables"][0]["rows"];
    assert_eq!(
        rows,
        &serde_json::json!([[
            204,
            200,
            "application/json",
            401,
            r#"{"code":"unauthorized","message":"unauthorized access"}"#
        ]]),
        "posted, health, type, denied, said"
    );
    // The point the script posted is in the bucket.
    let (_, csv) = server.request(
        "POST",
        "/api/v2/query",
        &[AUTH, "Content-Type: application/vnd.flux"],
        "from(bucket: \"b\") |> range(start: 0)",
    );
    assert!(csv.contains(",2.5,usage,cpu"), "{csv}");

    let refused = flx_in(&dir, &["run", "post.flux"], &[]);
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("http.post: would send a request to http://"), "{said}");
    assert!(said.contains("--allow-net"), "{said}");
}

/// A large answer is sent in chunks as it is encoded, gzipped or not, and reads back whole.
#[test]
fn large_answers_stream_in_chunks() {
    let server = Server::start("chunks");
    assert_eq!(server.request("POST", "/api/v2/buckets", &[AUTH], r#"{"name": "b"}"#).0, 201);
    let lines: String = (0..30_000).map(|i| format!("m,host=h{} v={i}i {}\n", i % 2, 1_700_000_000 + i)).collect();
    assert_eq!(server.request("POST", "/api/v2/write?bucket=b&precision=s", &[AUTH], &lines).0, 204);
    let query = "from(bucket: \"b\") |> range(start: 2023-01-01T00:00:00Z, stop: 2024-01-01T00:00:00Z)";
    let flux = "Content-Type: application/vnd.flux";
    let (status, head, body) = server.request_bytes("POST", "/api/v2/query", &[AUTH, flux], query.as_bytes());
    assert_eq!(status, 200);
    assert!(head.contains("transfer-encoding: chunked"), "{head}");
    let text = String::from_utf8(body).unwrap();
    assert!(text.len() > 1_000_000, "{} bytes", text.len());
    let rows = text.lines().filter(|l| l.starts_with(",,")).count();
    assert_eq!(rows, 30_000);
    let (status, head, gzipped) =
        server.request_bytes("POST", "/api/v2/query", &[AUTH, flux, "Accept-Encoding: gzip"], query.as_bytes());
    assert_eq!(status, 200);
    assert!(head.contains("content-encoding: gzip") && head.contains("transfer-encoding: chunked"), "{head}");
    let mut unzipped = String::new();
    flate2::read::GzDecoder::new(&gzipped[..]).read_to_string(&mut unzipped).unwrap();
    assert!(unzipped == text, "the gzipped answer differs ({} bytes, {} bytes)", unzipped.len(), text.len());
}
