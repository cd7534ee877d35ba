//! A client that speaks JSON-RPC to an in-process server, for the protocol tests.
#![allow(dead_code)] // Each test file uses its own part.

use std::collections::VecDeque;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// A client that speaks JSON-RPC to a server, in process or not.
pub struct Client {
    writer: Box<dyn AsyncWrite + Unpin + Send>,
    reader: BufReader<Box<dyn AsyncRead + Unpin + Send>>,
    next_id: i64,
    /// Notifications read while waiting for something else.
    pub notifications: VecDeque<Value>,
    /// The answer to `workspace/configuration` requests.
    pub settings: Value,
}

pub const TIMEOUT: Duration = Duration::from_secs(20);

impl Client {
    /// Starts a server and initializes it with `capabilities` and other `initialize` params.
    pub async fn start(params: Value) -> (Client, Value) {
        let (client_side, server_side) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_side);
        tokio::spawn(flux_lsp::serve(server_read, server_write));
        let (reader, writer) = tokio::io::split(client_side);
        Client::initialize(Box::new(reader), Box::new(writer), params).await
    }

    /// Starts the `flux-lsp` executable with `command`'s environment and initializes it.
    pub async fn start_process(mut command: tokio::process::Command, params: Value) -> (Client, Value) {
        command
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .kill_on_drop(true);
        let mut child = command.spawn().expect("flux-lsp starts");
        let (stdin, stdout) = (child.stdin.take().unwrap(), child.stdout.take().unwrap());
        // The process ends with the client: dropping `child` kills it.
        tokio::spawn(async move { child.wait().await });
        Client::initialize(Box::new(stdout), Box::new(stdin), params).await
    }

    async fn initialize(
        reader: Box<dyn AsyncRead + Unpin + Send>,
        writer: Box<dyn AsyncWrite + Unpin + Send>,
        mut params: Value,
    ) -> (Client, Value) {
        let mut client = Client {
            writer,
            reader: BufReader::new(reader),
            next_id: 0,
            notifications: VecDeque::new(),
            settings: Value::Null,
        };
        params["processId"] = Value::Null;
        if params.get("capabilities").is_none() {
            params["capabilities"] = json!({});
        }
        let result = client.request("initialize", params).await.expect("initialize succeeds");
        client.notify("initialized", json!({})).await;
        (client, result)
    }

    /// Bytes as they are, framed or not.
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    pub async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.writer.write_all(frame.as_bytes()).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    pub async fn read(&mut self) -> Value {
        let read = async {
            let mut length = None;
            loop {
                let mut line = String::new();
                self.reader.read_line(&mut line).await.unwrap();
                assert!(!line.is_empty(), "the server closed the connection");
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = Some(n.parse::<usize>().unwrap());
                }
            }
            let mut body = vec![0; length.expect("a Content-Length header")];
            self.reader.read_exact(&mut body).await.unwrap();
            serde_json::from_slice::<Value>(&body).unwrap()
        };
        tokio::time::timeout(TIMEOUT, read).await.expect("the server answers in time")
    }

    /// Handles a message that is not what we wait for: answers the server's requests, keeps
    /// notifications.
    pub async fn handle(&mut self, message: Value) {
        if message.get("id").is_some() && message.get("method").is_some() {
            self.notifications.push_back(message.clone());
            let result = match message["method"].as_str().unwrap() {
                "workspace/configuration" => json!([self.settings.clone()]),
                _ => Value::Null,
            };
            self.send(json!({"jsonrpc": "2.0", "id": message["id"], "result": result})).await;
        } else {
            self.notifications.push_back(message);
        }
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params).await;
        self.response(id).await
    }

    /// Sends a request without waiting for its answer; returns its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        id
    }

    /// The answer to request `id`; other answers are dropped.
    pub async fn response(&mut self, id: i64) -> Result<Value, Value> {
        loop {
            let message = self.read().await;
            if message.get("method").is_none() && message["id"] == id {
                return match message.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(message["result"].clone()),
                };
            }
            self.handle(message).await;
        }
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    /// The next notification `method` whose params satisfy `wanted`; others are dropped.
    pub async fn notification(&mut self, method: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            while let Some(n) = self.notifications.pop_front() {
                if n["method"] == method && wanted(&n["params"]) {
                    return n["params"].clone();
                }
            }
            let message = self.read().await;
            self.handle(message).await;
        }
    }

    /// The next diagnostics pushed for `uri`.
    pub async fn diagnostics(&mut self, uri: &str) -> Value {
        self.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri).await
    }

    pub async fn open(&mut self, uri: &str, text: &str) {
        let doc = json!({"uri": uri, "languageId": "flux", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({ "textDocument": doc })).await;
    }

    pub async fn change(&mut self, uri: &str, version: i32, changes: Value) {
        let doc = json!({"uri": uri, "version": version});
        self.notify("textDocument/didChange", json!({"textDocument": doc, "contentChanges": changes})).await;
    }

    pub async fn shutdown(mut self) {
        self.request("shutdown", Value::Null).await.unwrap();
        self.notify("exit", Value::Null).await;
    }
}
