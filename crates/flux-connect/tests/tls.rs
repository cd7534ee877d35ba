//! TLS with a certificate authority of the test's own (made by `openssl`, served by Python's
//! `ssl` module): trusted through `ca_file`, refused without it, accepted with `skip_verify`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use flux_connect::influxdb2::Influxdb2;
use flux_connect::{Allow, Connection, Kind, Origin, Secret, Tls};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

const SERVER: &str = r#"
import http.server, json, ssl, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = {"/health": {"status": "pass", "version": "tls-test"}}.get(self.path.split("?")[0], {"buckets": []})
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[1], sys.argv[2])
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
"#;

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("flx-connect-tls-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An authority of the test's own and a certificate it signed for 127.0.0.1: the authority,
/// the server's certificate and its key.
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let openssl = |args: &[&str]| {
        let status = Command::new("openssl").args(args).current_dir(dir).stderr(Stdio::null()).status();
        assert!(status.expect("openssl runs").success(), "openssl {args:?}");
    };
    let key = ["-newkey", "rsa:2048", "-nodes", "-days", "1"];
    openssl(
        &[&["req", "-x509"][..], &key, &["-subj", "/CN=flx test CA", "-keyout", "ca.key", "-out", "ca.pem"]].concat(),
    );
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "key.pem",
        "-out",
        "leaf.csr",
    ]);
    std::fs::write(dir.join("leaf.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n").unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        "leaf.ext",
        "-out",
        "cert.pem",
    ]);
    (dir.join("ca.pem"), dir.join("cert.pem"), dir.join("key.pem"))
}

fn connection(url: &str, tls: Tls) -> Connection {
    Connection {
        name: "secure".to_owned(),
        kind: Kind::Influxdb2 { url: url.to_owned(), org: "o".to_owned(), token: Secret::Value("t".to_owned()) },
        origin: Origin::Script,
        tls,
        timeout: Duration::from_secs(5),
        allow: Allow::default(),
    }
}

#[test]
fn a_private_authority_is_trusted_through_ca_file() {
    let dir = scratch();
    let (ca, cert, key) = certificates(&dir);
    let mut child = Command::new("python3")
        .args(["-c", SERVER])
        .arg(&cert)
        .arg(&key)
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut port = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut port).unwrap();
    let _server = Server(child);
    let url = format!("https://127.0.0.1:{}", port.trim());

    let trusted = Influxdb2::new(&connection(&url, Tls { ca_file: Some(ca.clone()), skip_verify: false })).unwrap();
    assert_eq!(trusted.health().unwrap().version.as_deref(), Some("tls-test"));
    assert!(trusted.buckets().unwrap().is_empty());

    let untrusted = Influxdb2::new(&connection(&url, Tls::default())).unwrap();
    let error = untrusted.health().unwrap_err().to_string();
    assert!(error.starts_with(&format!("connection `secure`: the TLS handshake with {url} failed")), "{error}");
    assert!(error.contains("ca_file"), "{error}");

    let skipping = Influxdb2::new(&connection(&url, Tls { ca_file: None, skip_verify: true })).unwrap();
    assert_eq!(skipping.health().unwrap().status, "pass");

    let missing = Influxdb2::new(&connection(&url, Tls { ca_file: Some(dir.join("nope.pem")), skip_verify: false }));
    let error = missing.err().expect("a missing CA file is an error").to_string();
    assert!(error.starts_with("connection `secure`: cannot read the CA file"), "{error}");
}
