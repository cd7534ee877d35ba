//! `flx-bench lsp`: language servers driven over stdio the way an editor drives them, timing
//! what a user waits for. Any stdio server can be measured, so ours and the reference server
//! run the same script side by side.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::workloads;

/// Why a session ended early.
#[derive(Debug)]
pub enum Failure {
    Timeout(&'static str),
    /// The server exited; the end of what it wrote to standard error.
    Exited(String),
    Error(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Timeout(what) => write!(f, "no answer to {what} within the time limit"),
            Failure::Exited(why) => write!(f, "the server exited: {why}"),
            Failure::Error(e) => write!(f, "error answer: {e}"),
        }
    }
}

/// A server process and our side of its pipes.
pub struct Server {
    child: Child,
    stdin: ChildStdin,
    /// Each message with the moment its last byte arrived, before it was parsed: latencies
    /// exclude our own JSON parsing, which is the client's cost, not the server's.
    messages: Receiver<(Instant, Value)>,
    /// Notifications read while waiting for something else.
    backlog: VecDeque<(Instant, Value)>,
    /// Answers to requests sent with [`Server::send_request`], by id, read while waiting for
    /// something else.
    answers: std::collections::HashMap<i64, (Instant, Value)>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
    next_id: i64,
}

impl Server {
    pub fn spawn(command: &[String]) -> std::io::Result<Server> {
        let mut child = Command::new(&command[0])
            .args(&command[1..])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let mut stderr = child.stderr.take().expect("piped");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = stderr_tail.clone();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                let mut tail = tail.lock().expect("not poisoned");
                tail.extend_from_slice(&chunk[..n]);
                let excess = tail.len().saturating_sub(2000);
                tail.drain(..excess);
            }
        });
        Ok(Server {
            child,
            stdin,
            messages,
            backlog: VecDeque::new(),
            answers: Default::default(),
            stderr_tail,
            next_id: 0,
        })
    }

    fn send(&mut self, message: &Value) -> Result<(), Failure> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .map_err(|_| self.exited())
    }

    fn exited(&mut self) -> Failure {
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_else(|e| e.to_string());
        std::thread::sleep(Duration::from_millis(100));
        let tail = String::from_utf8_lossy(&self.stderr_tail.lock().expect("not poisoned")).into_owned();
        // The line naming the error (a Rust panic, a JavaScript exception), else the last one.
        let lines: Vec<&str> = tail.lines().filter(|l| !l.trim().is_empty()).collect();
        let reason = lines
            .iter()
            .find(|l| l.contains("Error") || l.contains("panicked") || l.contains("overflow"))
            .or(lines.last())
            .map_or("", |l| l.trim());
        Failure::Exited(format!("{status}; {reason}"))
    }

    /// The next message and when it arrived, answering the server's own requests on the way.
    fn next(&mut self, deadline: Instant, what: &'static str) -> Result<(Instant, Value), Failure> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (arrived, message) = match self.messages.recv_timeout(left) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => return Err(Failure::Timeout(what)),
                Err(RecvTimeoutError::Disconnected) => return Err(self.exited()),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                let answer = if message["method"] == "workspace/configuration" { json!([null]) } else { Value::Null };
                self.send(&json!({"jsonrpc": "2.0", "id": message["id"], "result": answer}))?;
                continue;
            }
            return Ok((arrived, message));
        }
    }

    /// Sends a request and returns its result with the time the answer took to arrive.
    pub fn request(
        &mut self,
        method: &'static str,
        params: Value,
        limit: Duration,
    ) -> Result<(Duration, Value), Failure> {
        let (id, sent) = self.send_request(method, params)?;
        self.answer(id, sent, method, limit)
    }

    /// Sends a request without waiting for its answer: its id and when it was sent.
    pub fn send_request(&mut self, method: &'static str, params: Value) -> Result<(i64, Instant), Failure> {
        self.next_id += 1;
        let id = self.next_id;
        let sent = Instant::now();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        Ok((id, sent))
    }

    /// The answer to request `id` sent at `sent`, and how long it took.
    pub fn answer(
        &mut self,
        id: i64,
        sent: Instant,
        method: &'static str,
        limit: Duration,
    ) -> Result<(Duration, Value), Failure> {
        let deadline = sent + limit;
        loop {
            let (arrived, message) = match self.answers.remove(&id) {
                Some(found) => found,
                None => self.next(deadline, method)?,
            };
            if message.get("method").is_none() {
                if message["id"] != id {
                    let other = message["id"].as_i64().unwrap_or_default();
                    self.answers.insert(other, (arrived, message));
                    continue;
                }
                return match message.get("error") {
                    Some(e) => Err(Failure::Error(e.to_string())),
                    None => Ok((arrived - sent, message["result"].clone())),
                };
            }
            self.backlog.push_back((arrived, message));
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) -> Result<(), Failure> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    /// Waits for the notification `method` whose params satisfy `wanted`; returns when it
    /// arrived.
    pub fn notification(
        &mut self,
        method: &'static str,
        limit: Duration,
        wanted: impl Fn(&Value) -> bool,
    ) -> Result<Instant, Failure> {
        if let Some(i) = self.backlog.iter().position(|(_, m)| m["method"] == method && wanted(&m["params"])) {
            return Ok(self.backlog.remove(i).expect("found").0);
        }
        self.backlog.clear();
        let deadline = Instant::now() + limit;
        loop {
            let (arrived, message) = self.next(deadline, method)?;
            if message["method"] == method && wanted(&message["params"]) {
                return Ok(arrived);
            }
            if message.get("method").is_none() {
                let id = message["id"].as_i64().unwrap_or_default();
                self.answers.insert(id, (arrived, message));
            }
        }
    }

    /// Resident memory of the server process (kB): (now, peak).
    pub fn memory(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| {
            status.lines().find_map(|l| l.strip_prefix(name)).and_then(|v| v.split_whitespace().next()?.parse().ok())
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    pub fn shutdown(mut self) {
        let _ = self.request("shutdown", Value::Null, Duration::from_secs(10));
        let _ = self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    let arrived = Instant::now();
    Some((arrived, serde_json::from_slice(&body).ok()?))
}

/// What one server did with one file.
#[derive(Default)]
pub struct Session {
    pub initialize: Option<Duration>,
    pub open: Option<Duration>,
    pub edits: Vec<Duration>,
    pub hovers: Vec<Duration>,
    pub completions: Vec<Duration>,
    /// How many completions offered the `_value` column.
    pub completions_with_columns: usize,
    pub symbols: Vec<Duration>,
    /// All of a file's semantic tokens, once after opening.
    pub tokens_full: Option<Duration>,
    /// The semantic tokens changed by each edit.
    pub token_deltas: Vec<Duration>,
    /// Resident memory (kB) after opening, and the peak over the session.
    pub rss_after_open: Option<u64>,
    pub peak_rss: Option<u64>,
    pub failure: Option<String>,
}

/// How much of the script to run.
pub struct Plan {
    pub edits: usize,
    /// Hovers, and as many completions.
    pub hovers: usize,
    pub symbols: usize,
    pub limit: Duration,
}

const URI: &str = "file:///bench/big.flux";

/// Opens the `groups`-group compass file in a fresh server, then types in its middle, hovers
/// and asks for symbols, as `plan` says.
pub fn session(command: &[String], groups: usize, plan: &Plan) -> Session {
    let mut result = Session::default();
    let text = workloads::compass(groups);
    let mut server = match Server::spawn(command) {
        Ok(server) => server,
        Err(e) => {
            result.failure = Some(format!("cannot start {}: {e}", command.join(" ")));
            return result;
        }
    };
    if let Err(failure) = run_session(&mut server, &text, groups, plan, &mut result) {
        result.failure = Some(failure.to_string());
        if let Some((_, peak)) = server.memory() {
            result.peak_rss = Some(peak);
        }
    }
    server.shutdown();
    result
}

fn run_session(server: &mut Server, text: &str, groups: usize, plan: &Plan, out: &mut Session) -> Result<(), Failure> {
    let capabilities = json!({
        "textDocument": {
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "completion": {"completionItem": {"snippetSupport": true}},
            "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
            "publishDiagnostics": {"versionSupport": true},
            "diagnostic": {"dynamicRegistration": false},
        },
    });
    let (took, init) = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        plan.limit,
    )?;
    server.notify("initialized", json!({}))?;
    out.initialize = Some(took);
    let tokens_delta = init["capabilities"]["semanticTokensProvider"]["full"]["delta"] == true;

    // A server that offers `textDocument/diagnostic` is asked for diagnostics; the others push
    // them.
    let pull = !init["capabilities"]["diagnosticProvider"].is_null();
    let start = Instant::now();
    let document = json!({"uri": URI, "languageId": "flux", "version": 1, "text": text});
    server.notify("textDocument/didOpen", json!({ "textDocument": document }))?;
    let mut result_id = None;
    if pull {
        let asked = Instant::now();
        let (took, report) =
            server.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}}), plan.limit)?;
        out.open = Some(asked - start + took);
        result_id = report["resultId"].as_str().map(str::to_owned);
    } else {
        let arrived = server.notification("textDocument/publishDiagnostics", plan.limit, |p| p["uri"] == URI)?;
        out.open = Some(arrived - start);
    }
    out.rss_after_open = server.memory().map(|(rss, _)| rss);

    // All the semantic tokens once, as an editor asks when it shows the file.
    let mut tokens_result = None;
    if tokens_delta {
        let params = json!({"textDocument": {"uri": URI}});
        let (took, tokens) = server.request("textDocument/semanticTokens/full", params, plan.limit)?;
        out.tokens_full = Some(took);
        tokens_result = tokens["resultId"].as_str().map(str::to_owned);
    }

    // The middle group's `a{m} = {m} + 1`: a digit typed after the `1`, then deleted again;
    // sent as an edit, or as the whole new text to a server that takes only that.
    let full_sync =
        init["capabilities"]["textDocumentSync"] == 1 || init["capabilities"]["textDocumentSync"]["change"] == 1;
    let middle = groups / 2;
    let line = 1 + 4 * middle;
    let column = format!("a{middle} = {middle} + 1").len();
    let statement = format!("\na{middle} = {middle} + 1\n");
    let edited_text = text.replacen(&statement, &format!("\na{middle} = {middle} + 10\n"), 1);
    let document = |version: usize| json!({"uri": URI, "version": version});
    let at = |character: usize| json!({"line": line, "character": character});
    for k in 0..plan.edits {
        let version = k + 2;
        let change = match (full_sync, k % 2 == 0) {
            (true, true) => json!({"text": edited_text}),
            (true, false) => json!({"text": text}),
            (false, true) => json!({"range": {"start": at(column), "end": at(column)}, "text": "0"}),
            (false, false) => json!({"range": {"start": at(column), "end": at(column + 1)}, "text": ""}),
        };
        let start = Instant::now();
        server
            .notify("textDocument/didChange", json!({"textDocument": document(version), "contentChanges": [change]}))?;
        if pull {
            let mut params = json!({"textDocument": {"uri": URI}});
            if let Some(previous) = &result_id {
                params["previousResultId"] = json!(previous);
            }
            let asked = Instant::now();
            let (took, report) = server.request("textDocument/diagnostic", params, plan.limit)?;
            out.edits.push(asked - start + took);
            result_id = report["resultId"].as_str().map(str::to_owned);
        } else {
            let arrived = server.notification("textDocument/publishDiagnostics", plan.limit, |p| {
                p["uri"] == URI && (p["version"] == version || p["version"].is_null())
            })?;
            out.edits.push(arrived - start);
        }
        if k < plan.symbols {
            let params = json!({"textDocument": {"uri": URI}});
            let (took, _) = server.request("textDocument/documentSymbol", params, plan.limit)?;
            out.symbols.push(took);
            // Editors ask for the tokens that changed since their last result.
            if let Some(previous) = tokens_result.take() {
                let params = json!({"textDocument": {"uri": URI}, "previousResultId": previous});
                let (took, delta) = server.request("textDocument/semanticTokens/full/delta", params, plan.limit)?;
                out.token_deltas.push(took);
                tokens_result = delta["resultId"].as_str().map(str::to_owned);
            }
        }
    }

    // Hover the `a{i}` of the `b{i} = a{i} * 2` lines around the middle.
    for k in 0..plan.hovers {
        let i = (middle + k * 7) % groups;
        let position = json!({"line": 2 + 4 * i, "character": format!("b{i} = ").len() + 1});
        let (took, hover) = server.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": position}),
            plan.limit,
        )?;
        out.hovers.push(took);
        if hover.is_null() {
            return Err(Failure::Error(format!("no hover at {position}")));
        }
    }
    // Complete the columns after the `r.` of `r._measurement` in the `q{i}` lines around the
    // middle.
    for k in 0..plan.hovers {
        let i = (middle + k * 7) % groups;
        let line_text = text.lines().nth(4 + 4 * i).unwrap_or_default();
        let character = line_text.find("r._measurement").map_or(0, |c| c + 2);
        let position = json!({"line": 4 + 4 * i, "character": character});
        let (took, completion) = server.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": URI}, "position": position}),
            plan.limit,
        )?;
        out.completions.push(took);
        let items = completion.get("items").unwrap_or(&completion);
        if items.as_array().is_some_and(|items| items.iter().any(|i| i["label"] == "_value")) {
            out.completions_with_columns += 1;
        }
    }
    out.peak_rss = server.memory().map(|(_, peak)| peak);
    Ok(())
}

/// `(median, p90, p99, max)` in milliseconds, or `None` for no samples.
pub fn percentiles(samples: &[Duration]) -> Option<(f64, f64, f64, f64)> {
    if samples.is_empty() {
        return None;
    }
    let mut sorted = samples.to_vec();
    sorted.sort();
    let at = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    Some((at(0.5), at(0.9), at(0.99), at(1.0)))
}
