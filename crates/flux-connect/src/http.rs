//! HTTP for the synchronous engine: requests run on one shared background runtime, and a
//! caller's thread waits for each part of the answer, watching its cancel flag, so that a
//! cancelled run drops (and so closes) its request at once.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use bytes::Bytes;

use crate::config::Connection;
use crate::error::Error;

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("flx-net")
            .enable_all()
            .build()
            .expect("the network runtime starts")
    })
}

/// Waits for `future` on the network runtime, giving up after `timeout` or when `cancel` is
/// set; the future is dropped either way.
pub(crate) fn wait<T>(
    future: impl Future<Output = T> + Send + 'static,
    timeout: Duration,
    cancel: Option<&Arc<AtomicBool>>,
) -> Result<T, Stopped>
where
    T: Send + 'static,
{
    let cancel = cancel.cloned();
    runtime().block_on(async move {
        let canceled = async {
            match cancel {
                Some(flag) => loop {
                    if flag.load(Ordering::Relaxed) {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(20)).await;
                },
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            result = future => Ok(result),
            () = tokio::time::sleep(timeout) => Err(Stopped::TimedOut),
            () = canceled => Err(Stopped::Canceled),
        }
    })
}

pub(crate) enum Stopped {
    TimedOut,
    Canceled,
}

/// A connection's HTTP client: its TLS settings and timeout, and what a request needs to
/// say which connection failed.
#[derive(Clone)]
pub struct Client {
    inner: reqwest::Client,
    pub(crate) name: String,
    pub(crate) base: String,
    timeout: Duration,
    cancel: Option<Arc<AtomicBool>>,
}

impl Client {
    pub fn new(connection: &Connection, base: &str) -> Result<Client, Error> {
        // One provider for the process; installing it twice is harmless. ring rather than
        // aws-lc-rs keeps the build light; its lack of post-quantum key exchange is what the
        // deprecation says.
        #[allow(deprecated)]
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::Client::builder()
            // The wait for each part of an answer is timed by `wait`, which names it.
            .connect_timeout(connection.timeout)
            .user_agent(concat!("flx/", env!("CARGO_PKG_VERSION")))
            .no_proxy();
        if let Some(path) = &connection.tls.ca_file {
            let pem = std::fs::read(path).map_err(|e| {
                Error::new(&connection.name, format!("cannot read the CA file {}: {e}", path.display()))
            })?;
            let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                Error::new(&connection.name, format!("the CA file {} is not PEM certificates: {e}", path.display()))
            })?;
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        if connection.tls.skip_verify {
            builder = builder.danger_accept_invalid_certs(true);
        }
        let inner =
            builder.build().map_err(|e| Error::new(&connection.name, format!("cannot set up HTTP: {}", chain(&e))))?;
        Ok(Client {
            inner,
            name: connection.name.clone(),
            base: base.trim_end_matches('/').to_owned(),
            timeout: connection.timeout,
            cancel: None,
        })
    }

    /// The same client, stopping its requests when `cancel` is set.
    pub fn with_cancel(mut self, cancel: Option<Arc<AtomicBool>>) -> Client {
        self.cancel = cancel;
        self
    }

    pub(crate) fn error(&self, message: impl Into<String>) -> Error {
        Error::new(&self.name, message.into())
    }

    pub(crate) fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.inner.request(method, format!("{}{path}", self.base))
    }

    /// Sends the request and waits for the answer's head; an answer that is not a success is
    /// an error with what the server said.
    pub(crate) fn send(&self, request: reqwest::RequestBuilder) -> Result<Response, Error> {
        let mut response = self.send_any(request)?;
        let status = response.status();
        if !status.is_success() {
            let mut text = String::new();
            // At most 64 KiB of an error's body.
            let _ = (&mut response).take(64 * 1024).read_to_string(&mut text);
            return Err(self.error(status_message(status, &text)));
        }
        Ok(response)
    }

    /// A request a script makes (`http.post`, `requests.do`): any status is an answer, and
    /// the whole body is read.
    pub fn exchange(
        &self,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        body: Vec<u8>,
    ) -> Result<Exchange, Error> {
        let method = reqwest::Method::from_bytes(method.as_bytes())
            .map_err(|_| self.error(format!("`{method}` is not an HTTP method")))?;
        let mut request = self.inner.request(method, url).body(body);
        for (name, value) in headers {
            request = request.header(name.as_str(), value.as_str());
        }
        let started = std::time::Instant::now();
        let mut response = self.send_any(request)?;
        let status = response.status().as_u16();
        let headers = response
            .response
            .as_ref()
            .map(|r| {
                r.headers()
                    .iter()
                    .map(|(name, value)| {
                        (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut body = Vec::new();
        response.read_to_end(&mut body).map_err(|e| {
            let message = e.to_string();
            if message == crate::error::CANCELED { Error::canceled(&self.name) } else { self.error(message) }
        })?;
        Ok(Exchange { status, headers, body, duration: started.elapsed() })
    }

    fn send_any(&self, request: reqwest::RequestBuilder) -> Result<Response, Error> {
        let url = self.base.clone();
        // Sent from within the runtime, whose timers the request's timeouts use.
        let response = match wait(async move { request.send().await }, self.timeout, self.cancel.as_ref()) {
            Ok(Ok(response)) => response,
            Ok(Err(e)) => return Err(self.error(describe(&e, &url))),
            Err(Stopped::TimedOut) => {
                return Err(self.error(format!("{url} did not answer within {}", seconds(self.timeout))));
            }
            Err(Stopped::Canceled) => return Err(Error::canceled(&self.name)),
        };
        Ok(Response { client: self.clone(), response: Some(response), pending: Bytes::new() })
    }
}

fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 { format!("{} s", d.as_secs()) } else { format!("{} ms", d.as_millis()) }
}

/// What a failed request tells, with its causes, which name TLS and connection faults.
fn describe(e: &reqwest::Error, url: &str) -> String {
    let causes = chain(e);
    if e.is_connect() {
        // Past the TCP connection, the handshake is what remains to fail; rustls's own error
        // is not always reachable through the wrappers.
        let tcp_failed =
            ["refused", "dns error", "timed out", "unreachable", "reset"].iter().any(|w| causes.contains(w));
        if is_tls(e) || (url.starts_with("https://") && !tcp_failed) {
            return format!(
                "the TLS handshake with {url} failed: {causes} (trust its CA with `ca_file`, or for a test \
                 server only, `skip_verify = true`)"
            );
        }
        return format!("cannot reach {url}: {causes}");
    }
    if e.is_timeout() {
        return format!("{url} did not answer in time: {causes}");
    }
    format!("the request to {url} failed: {causes}")
}

/// Whether TLS failed: a rustls error somewhere in the causes, directly or inside an I/O
/// error.
fn is_tls(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(e);
    while let Some(e) = current {
        if e.is::<rustls::Error>() {
            return true;
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && io.get_ref().is_some_and(|inner| inner.is::<rustls::Error>())
        {
            return true;
        }
        current = e.source();
    }
    false
}

/// An error and its sources, `a: b: c`, without repeats.
pub(crate) fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(e);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

/// A failed status with the server's message: InfluxDB's `{"code", "message"}` or
/// `{"error"}` JSON, else the text.
fn status_message(status: reqwest::StatusCode, body: &str) -> String {
    let said = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|json| json.get("message").or_else(|| json.get("error")).and_then(|m| m.as_str()).map(str::to_owned));
    let said = said.unwrap_or_else(|| body.trim().chars().take(500).collect());
    let hint = match status.as_u16() {
        401 => " (check the connection's token or password)",
        403 => " (the token may not read this organization or bucket)",
        _ => "",
    };
    if said.is_empty() {
        format!("the server answered {status}{hint}")
    } else {
        format!("the server answered {status}{hint}: {said}")
    }
}

/// An answer whose body is read as it arrives.
pub struct Response {
    client: Client,
    /// `None` once the body ended, failed or was given up.
    response: Option<reqwest::Response>,
    pending: Bytes,
}

/// What a script's request got back.
#[derive(Clone, Debug)]
pub struct Exchange {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub duration: Duration,
}

impl Response {
    fn status(&self) -> reqwest::StatusCode {
        self.response.as_ref().map_or(reqwest::StatusCode::OK, |r| r.status())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.response.as_ref()?.headers().get(name).and_then(|v| v.to_str().ok())
    }

    /// The whole body, for small answers.
    pub fn text(mut self) -> Result<String, Error> {
        let mut text = String::new();
        self.read_to_string(&mut text).map_err(|e| self.client.error(e.to_string()))?;
        Ok(text)
    }

    /// The body, gunzipped when the server compressed it.
    pub fn into_reader(self) -> Box<dyn Read + Send> {
        let gzip = self.header("content-encoding").is_some_and(|e| e.eq_ignore_ascii_case("gzip"));
        if gzip { Box::new(flate2::read::GzDecoder::new(self)) } else { Box::new(self) }
    }
}

impl Read for Response {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pending.is_empty() {
            // The chunk's future borrows the response: it is moved in and back out.
            let Some(response) = self.response.take() else { return Ok(0) };
            let client = &self.client;
            let next = async move {
                let mut response = response;
                let chunk = response.chunk().await;
                (response, chunk)
            };
            match wait(next, client.timeout, client.cancel.as_ref()) {
                Ok((response, chunk)) => match chunk {
                    Ok(Some(bytes)) => {
                        self.pending = bytes;
                        self.response = Some(response);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        return Err(std::io::Error::other(format!(
                            "the answer from {} stopped before its end: {}",
                            client.base,
                            chain(&e)
                        )));
                    }
                },
                Err(stopped) => {
                    return Err(std::io::Error::other(match stopped {
                        Stopped::TimedOut => format!(
                            "the answer from {} stalled: nothing came for {}",
                            client.base,
                            seconds(client.timeout)
                        ),
                        Stopped::Canceled => crate::error::CANCELED.to_owned(),
                    }));
                }
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending = self.pending.slice(n..);
        Ok(n)
    }
}
