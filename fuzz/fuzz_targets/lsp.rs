//! The server survives whatever reaches its input: after an `initialize`, arbitrary bytes
//! (random, or mutations of real LSP traffic when the corpus is seeded with it), then a valid
//! request; the server must answer that request. Announced lengths are capped and padded
//! after, so that no frame of the fuzzed bytes can swallow the final request.
#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// The largest `Content-Length` the bytes announce, if all are small enough to pad past.
fn largest_length(data: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(data).to_ascii_lowercase();
    let mut largest = 0;
    for (at, _) in text.match_indices("content-length:") {
        let digits: String =
            text[at + 15..].trim_start().chars().take_while(|c| c.is_ascii_digit()).take(12).collect();
        let n: usize = digits.parse().unwrap_or(0);
        if n > 1 << 16 {
            return None;
        }
        largest = largest.max(n);
    }
    Some(largest)
}

fuzz_target!(|data: &[u8]| {
    let Some(pad) = largest_length(data) else { return };
    // `exit` in the bytes may end the session before the final request, as it should.
    let may_exit = data.windows(4).any(|w| w == b"exit");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let (client, server) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server);
        let session = tokio::spawn(flux_lsp::serve(server_read, server_write));
        let (client_read, mut client_write) = tokio::io::split(client);
        let mut input = frame(r#"{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"processId":null,"capabilities":{}}}"#);
        input.extend(frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#));
        input.extend_from_slice(data);
        input.extend(std::iter::repeat_n(b'\n', pad + 4));
        input.extend(frame(r#"{"jsonrpc":"2.0","id":"probe","method":"workspace/symbol","params":{"query":"x"}}"#));
        let writer = tokio::spawn(async move {
            let _ = client_write.write_all(&input).await;
            let _ = client_write.flush().await;
            client_write
        });
        let mut reader = BufReader::new(client_read);
        let answered = tokio::time::timeout(Duration::from_secs(20), async {
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return false;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("the server frames its messages")];
                reader.read_exact(&mut body).await.expect("a whole body");
                let message: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if message["id"] == "probe" {
                    return true;
                }
            }
        })
        .await
        .expect("the server answers within 20 s");
        assert!(answered || may_exit, "the server stopped without answering the request after the fuzzed bytes");
        drop(writer.await);
        drop(reader);
        session.abort();
    });
});
