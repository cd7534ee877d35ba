//! What a connection does when the server misbehaves: each fault is a clear error naming the
//! connection, never its token, and never a hang; a canceled request is closed at once.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use flux_connect::influxdb2::Influxdb2;
use flux_connect::{Allow, Connection, Kind, Origin, Secret, Tls};

const TOKEN: &str = "tok-never-shown-42";

fn connection(url: &str, timeout: Duration) -> Connection {
    Connection {
        name: "prod".to_owned(),
        kind: Kind::Influxdb2 { url: url.to_owned(), org: "acme".to_owned(), token: Secret::Value(TOKEN.to_owned()) },
        origin: Origin::Script,
        tls: Tls::default(),
        timeout,
        allow: Allow::default(),
    }
}

/// A server on a free port that handles one connection with `answer`, and reports whether
/// the client closed the connection (a read of 0 bytes) after the answer.
fn serve_once(answer: impl FnOnce(&mut TcpStream) + Send + 'static) -> (String, std::thread::JoinHandle<bool>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        answer(&mut stream);
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut rest = [0u8; 64];
        matches!(stream.read(&mut rest), Ok(0))
    });
    (url, handle)
}

fn query_error(connection: &Connection, cancel: Option<Arc<AtomicBool>>) -> String {
    let client = Influxdb2::new(connection).unwrap().with_cancel(cancel);
    let mut body = match client.query("buckets()", None) {
        Ok(body) => body,
        Err(e) => return e.to_string(),
    };
    let mut text = String::new();
    match body.read_to_string(&mut text) {
        Ok(_) => panic!("the answer read whole: {text}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn an_unreachable_host_is_named() {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let error = query_error(&connection(&format!("http://127.0.0.1:{port}"), Duration::from_secs(5)), None);
    assert!(error.starts_with(&format!("connection `prod`: cannot reach http://127.0.0.1:{port}")), "{error}");
    assert!(error.contains("refused"), "{error}");
    assert!(!error.contains(TOKEN));
}

#[test]
fn a_silent_server_times_out() {
    let (url, server) = serve_once(|_| std::thread::sleep(Duration::from_millis(1500)));
    let started = Instant::now();
    let error = query_error(&connection(&url, Duration::from_millis(300)), None);
    assert!(started.elapsed() < Duration::from_secs(1), "waited {:?}", started.elapsed());
    assert_eq!(error, format!("connection `prod`: {url} did not answer within 300 ms"));
    drop(server);
}

#[test]
fn a_wrong_token_says_so() {
    let (url, server) = serve_once(|s| {
        let body = r#"{"code":"unauthorized","message":"unauthorized access"}"#;
        write!(
            s,
            "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
    });
    let error = query_error(&connection(&url, Duration::from_secs(5)), None);
    assert_eq!(
        error,
        "connection `prod`: the server answered 401 Unauthorized (check the connection's token or password): unauthorized access"
    );
    server.join().unwrap();
}

#[test]
fn a_stop_mid_stream_is_an_error_not_an_end() {
    let (url, server) = serve_once(|s| {
        let part = "#datatype,string,long,double\n#group,false,false,false\n#default,_result,,\n,result,table,_value\n,,0,1.5\n";
        write!(
            s,
            "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{part}\r\n",
            part.len()
        )
        .unwrap();
        s.flush().unwrap();
        // Closed without the last chunk.
        let _ = s.shutdown(std::net::Shutdown::Both);
    });
    let error = query_error(&connection(&url, Duration::from_secs(5)), None);
    assert!(error.starts_with(&format!("the answer from {url} stopped before its end")), "{error}");
    let _ = server.join();
}

#[test]
fn a_stalled_stream_times_out() {
    let (url, server) = serve_once(|s| {
        write!(s, "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabc\n\r\n")
            .unwrap();
        s.flush().unwrap();
        std::thread::sleep(Duration::from_millis(1500));
    });
    let started = Instant::now();
    let error = query_error(&connection(&url, Duration::from_millis(300)), None);
    assert!(started.elapsed() < Duration::from_secs(1), "waited {:?}", started.elapsed());
    assert_eq!(error, format!("the answer from {url} stalled: nothing came for 300 ms"));
    drop(server);
}

#[test]
fn a_cancel_closes_the_request() {
    // The server answers the head, then waits: the client's cancel must close the socket.
    let (url, server) = serve_once(|s| {
        write!(s, "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n").unwrap();
        s.flush().unwrap();
    });
    let cancel = Arc::new(AtomicBool::new(false));
    let setter = cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        setter.store(true, Ordering::Relaxed);
    });
    let started = Instant::now();
    let error = query_error(&connection(&url, Duration::from_secs(30)), Some(cancel));
    assert!(started.elapsed() < Duration::from_secs(2), "waited {:?}", started.elapsed());
    assert_eq!(error, flux_connect::CANCELED);
    assert!(server.join().unwrap(), "the server's socket stayed open after the cancel");
}

#[test]
fn tls_to_a_plain_server_fails_clearly() {
    let (url, server) = serve_once(|s| {
        let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    });
    let https = url.replace("http://", "https://");
    let error = query_error(&connection(&https, Duration::from_secs(5)), None);
    assert!(error.starts_with(&format!("connection `prod`: the TLS handshake with {https} failed")), "{error}");
    assert!(error.contains("ca_file"), "{error}");
    let _ = server.join();
}
