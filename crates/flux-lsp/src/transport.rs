//! The JSON-RPC transport: frames (`Content-Length` headers and a JSON body) read from the
//! client's stream, dispatched to the service, and the answers written back in frames.
//!
//! tower-lsp-server's own transport ends the session at the first frame it cannot decode, so a
//! client that sends one bad message (a body cut inside a multi-byte character, a stray line)
//! loses its server. This one reads the stream itself and survives anything: a body that is not
//! JSON is answered with a parse error (-32700), JSON that is not a JSON-RPC message with an
//! invalid-request error (-32600), both with id null; a header line that is not a header, or a
//! frame without a usable `Content-Length`, is skipped up to the next `Content-Length` line.
//! What was dropped is logged to standard error, without the message's text (it may hold
//! code).

use std::collections::VecDeque;

use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tower_lsp_server::ClientSocket;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_service::Service;

/// The largest body accepted: bigger announced lengths are treated as wrong.
const MAX_BODY: usize = 256 << 20;
/// The longest header line kept while looking for the end of a line.
const MAX_HEADER_LINE: usize = 8 << 10;

/// One thing read from the client.
#[derive(Debug, PartialEq)]
pub(crate) enum Incoming {
    Request(Request),
    Response(Response),
    /// A frame that is not a message; answered with this error and id null.
    Invalid(ErrorCode),
}

/// Reads frames from a byte stream, resynchronizing after anything malformed.
pub(crate) struct FrameReader<R> {
    input: R,
    buffer: VecDeque<u8>,
    eof: bool,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub(crate) fn new(input: R) -> Self {
        FrameReader { input, buffer: VecDeque::new(), eof: false }
    }

    /// Reads more bytes into the buffer; false at the end of the stream.
    async fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        let mut chunk = [0u8; 16 << 10];
        match self.input.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                self.eof = true;
                false
            }
            Ok(n) => {
                self.buffer.extend(&chunk[..n]);
                true
            }
        }
    }

    /// The next line, without its line break (`\r\n` or `\n`); `None` at the end of the stream.
    /// A line longer than `MAX_HEADER_LINE` comes back cut, flagged as too long.
    async fn line(&mut self) -> Option<(Vec<u8>, bool)> {
        let mut scanned = 0;
        loop {
            if let Some(i) = self.buffer.iter().skip(scanned).position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.buffer.drain(..scanned + i + 1).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Some((line, false));
            }
            scanned = self.buffer.len();
            if scanned > MAX_HEADER_LINE {
                let line: Vec<u8> = self.buffer.drain(..).collect();
                return Some((line, true));
            }
            if !self.fill().await {
                if self.buffer.is_empty() {
                    return None;
                }
                return Some((self.buffer.drain(..).collect(), false));
            }
        }
    }

    /// The next message, or `None` when the stream has ended.
    pub(crate) async fn next(&mut self) -> Option<Incoming> {
        let length = self.headers().await?;
        let body = self.body(length).await?;
        Some(decode(&body).unwrap_or_else(|code| {
            log(&format!("dropped a {}-byte message: {}", body.len(), describe(code)));
            Incoming::Invalid(code)
        }))
    }

    /// Reads a header block; the body's length. Malformed blocks are skipped, and reading
    /// resumes at the next `Content-Length` line.
    async fn headers(&mut self) -> Option<usize> {
        let mut length: Option<usize> = None;
        let mut started = false;
        loop {
            let (mut line, too_long) = self.line().await?;
            // A frame's first header right after bytes that are not one (the rest of a body
            // longer than announced, say): resume at the header.
            if let Some(at) = find_marker(&line).filter(|&at| at > 0) {
                log(&format!("skipped {at} bytes that are not a message header"));
                line.drain(..at);
                length = None;
                started = false;
            }
            if line.is_empty() && !too_long {
                if !started {
                    continue;
                }
                match length {
                    Some(length) => return Some(length),
                    None => {
                        log("skipped a header block without a Content-Length");
                        started = false;
                        continue;
                    }
                }
            }
            match parse_header(&line).filter(|_| !too_long) {
                Some(Header::ContentLength(n)) if n <= MAX_BODY => {
                    length = Some(n);
                    started = true;
                }
                Some(Header::ContentLength(n)) => {
                    log(&format!("skipped a message announcing {n} bytes (more than {MAX_BODY})"));
                    length = None;
                    started = false;
                }
                Some(Header::Other) => started = true,
                _ => {
                    // Not a header, or a header before any Content-Length: out of step. Skip
                    // up to the next line that starts a frame.
                    log(&format!("skipped {} bytes that are not a message header", line.len()));
                    length = None;
                    started = false;
                }
            }
        }
    }

    /// `length` bytes of body. When the stream holds a new frame's `Content-Length` line right
    /// after a complete JSON value that comes before `length` bytes (a length that was too
    /// large), the body ends there and the next frame starts at that line.
    async fn body(&mut self, length: usize) -> Option<Vec<u8>> {
        let mut checked = 0;
        loop {
            let available = self.buffer.len().min(length);
            if let Some(end) = early_end(&mut self.buffer, checked, available) {
                log(&format!("a message was shorter than its Content-Length ({end} of {length} bytes)"));
                return Some(self.buffer.drain(..end).collect());
            }
            if self.buffer.len() >= length {
                return Some(self.buffer.drain(..length).collect());
            }
            checked = available;
            if !self.fill().await {
                // The stream ended inside the body: what came is all there is.
                if self.buffer.is_empty() {
                    return None;
                }
                return Some(self.buffer.drain(..).collect());
            }
        }
    }
}

enum Header {
    ContentLength(usize),
    Other,
}

/// `Name: value` lines; `None` for a line that is not a header.
fn parse_header(line: &[u8]) -> Option<Header> {
    let line = std::str::from_utf8(line).ok()?;
    let (name, value) = line.split_once(':')?;
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    if name.eq_ignore_ascii_case("content-length") {
        return value.trim().parse().ok().map(Header::ContentLength).or(Some(Header::ContentLength(usize::MAX)));
    }
    Some(Header::Other)
}

const MARKER: &[u8] = b"Content-Length:";

/// Where `Content-Length:` (in any case) starts in `bytes`.
fn find_marker(bytes: &[u8]) -> Option<usize> {
    bytes.windows(MARKER.len()).position(|w| w.eq_ignore_ascii_case(MARKER))
}

/// Where a body ends early: the offset of a `Content-Length:` line that follows a complete
/// JSON value, looking at the bytes from about `from` to `to`.
fn early_end(buffer: &mut VecDeque<u8>, from: usize, to: usize) -> Option<usize> {
    let bytes = &buffer.make_contiguous()[..to];
    let mut at = from.saturating_sub(MARKER.len());
    while let Some(i) = find_marker(&bytes[at..]) {
        let end = at + i;
        if end > 0 && serde_json::from_slice::<serde::de::IgnoredAny>(&bytes[..end]).is_ok() {
            return Some(end);
        }
        at = end + 1;
    }
    None
}

/// A body as a message, or the error code it is answered with.
fn decode(body: &[u8]) -> Result<Incoming, ErrorCode> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ErrorCode::ParseError)?;
    let object = value.as_object().ok_or(ErrorCode::InvalidRequest)?;
    if object.contains_key("method") {
        serde_json::from_value(value).map(Incoming::Request).map_err(|_| ErrorCode::InvalidRequest)
    } else if object.contains_key("id") && (object.contains_key("result") || object.contains_key("error")) {
        serde_json::from_value(value).map(Incoming::Response).map_err(|_| ErrorCode::InvalidRequest)
    } else {
        Err(ErrorCode::InvalidRequest)
    }
}

fn describe(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::ParseError => "its body is not JSON",
        _ => "it is not a JSON-RPC request, notification or response",
    }
}

/// The server's own diagnostics about the transport go to standard error, which clients show
/// in their server log.
#[allow(clippy::print_stderr)]
fn log(message: &str) {
    eprintln!("flux-lsp: {message}");
}

/// A message to the client.
enum Outgoing {
    Response(Response),
    Request(Request),
}

/// Writes `message` as one frame.
async fn write_frame<W: AsyncWrite + Unpin>(output: &mut W, message: &Outgoing) -> std::io::Result<()> {
    let body = match message {
        Outgoing::Response(r) => serde_json::to_vec(r),
        Outgoing::Request(r) => serde_json::to_vec(r),
    }
    .map_err(std::io::Error::other)?;
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    output.write_all(&frame).await?;
    output.flush().await
}

/// Serves `service` over the streams until the client sends `exit` or closes its side. At most
/// `concurrency` requests are handled at once; further ones wait, in order.
pub(crate) async fn serve<I, O, S>(input: I, output: O, mut service: S, socket: ClientSocket, concurrency: usize)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite + Unpin,
    S: Service<Request, Response = Option<Response>> + Send + 'static,
    S::Future: Send + 'static,
{
    let (to_client, mut client_responses) = socket.split();
    let (to_client, stop_requests) = futures::stream::abortable(to_client);
    let (outgoing_tx, mut outgoing_rx) = mpsc::unbounded::<Outgoing>();
    let (mut tasks_tx, tasks_rx) = mpsc::channel::<S::Future>(concurrency);

    let write = async move {
        let mut output = output;
        while let Some(message) = outgoing_rx.next().await {
            if write_frame(&mut output, &message).await.is_err() {
                // The client is gone; reading ends too when its side closes.
                break;
            }
        }
    };

    let handle = {
        let outgoing = outgoing_tx.clone();
        tasks_rx.buffer_unordered(concurrency).for_each(move |done| {
            if let Ok(Some(response)) = done {
                let _ = outgoing.unbounded_send(Outgoing::Response(response));
            }
            futures::future::ready(())
        })
    };

    let forward_server_requests = {
        let outgoing = outgoing_tx.clone();
        to_client.for_each(move |request| {
            let _ = outgoing.unbounded_send(Outgoing::Request(request));
            futures::future::ready(())
        })
    };

    let read = async move {
        let mut reader = FrameReader::new(input);
        while let Some(incoming) = reader.next().await {
            match incoming {
                Incoming::Request(request) => {
                    if futures::future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
                        break;
                    }
                    // The server must exit right after `exit`, whether or not the client
                    // closes its side.
                    let exit = request.method() == "exit";
                    if tasks_tx.send(service.call(request)).await.is_err() || exit {
                        break;
                    }
                }
                Incoming::Response(response) => {
                    if client_responses.send(response).await.is_err() {
                        break;
                    }
                }
                Incoming::Invalid(code) => {
                    let response = Response::from_error(Id::Null, Error::new(code));
                    let _ = outgoing_tx.unbounded_send(Outgoing::Response(response));
                }
            }
        }
        tasks_tx.close_channel();
        stop_requests.abort();
        drop(outgoing_tx);
    };

    futures::join!(read, handle, forward_server_requests, write);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8]) -> Vec<Incoming> {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        runtime.block_on(async {
            let mut reader = FrameReader::new(input);
            let mut out = Vec::new();
            while let Some(incoming) = reader.next().await {
                out.push(incoming);
            }
            out
        })
    }

    fn methods(incoming: &[Incoming]) -> Vec<String> {
        incoming
            .iter()
            .map(|i| match i {
                Incoming::Request(r) => r.method().to_owned(),
                Incoming::Response(_) => "response".to_owned(),
                Incoming::Invalid(code) => format!("invalid {}", code.code()),
            })
            .collect()
    }

    #[test]
    fn frames_are_read_with_any_header_case_and_line_ending() {
        let (notification, response) =
            (r#"{"jsonrpc":"2.0","method":"initialized"}"#, r#"{"jsonrpc":"2.0","id":1,"result":null}"#);
        let input = format!(
            "content-length: {}\n\n{notification}\
             Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: {}\r\n\r\n{response}",
            notification.len(),
            response.len()
        );
        assert_eq!(methods(&read_all(input.as_bytes())), ["initialized", "response"]);
    }

    #[test]
    fn garbage_between_frames_is_skipped() {
        let body = r#"{"jsonrpc":"2.0","method":"initialized"}"#;
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        let input = format!("junk\r\n{frame}\r\n\r\nmore junk: here\r\n\r\n{frame}trailing{frame}");
        assert_eq!(methods(&read_all(input.as_bytes())), ["initialized", "initialized", "initialized"]);
    }

    #[test]
    fn a_body_cut_by_the_end_of_the_stream_is_a_parse_error() {
        let input = b"Content-Length: 100\r\n\r\n{\"jsonrpc\":";
        assert_eq!(methods(&read_all(input)), ["invalid -32700"]);
    }
}
