//! `flx-bench typing`: what a user waits for while typing in a large file, with the full
//! semantic analysis on: diagnostics after opening, diagnostics after each typed character
//! (pulled by a client that offers `textDocument/diagnostic`, pushed to one that does not),
//! and completion of names in the middle of the file.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::lsp::{Failure, Server, percentiles};
use crate::workloads;

const URI: &str = "file:///bench/typing.flux";

/// How the client takes its diagnostics.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Pull,
    Push,
}

/// What is typed: a digit into a number (`+ 1` becomes `+ 10`), which changes no
/// diagnostic, or a letter after it (`+ 1x`), a syntax error that comes and goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Digit,
    Letter,
}

/// One generated file: its name in the table, its text, and the line and column to type at
/// (after the `1` of `a{m} = {m} + 1` in the middle group).
pub struct Workload {
    pub name: &'static str,
    pub text: String,
    pub groups: usize,
}

impl Workload {
    pub fn used(groups: usize) -> Workload {
        Workload { name: "every name used", text: workloads::used(groups), groups }
    }

    pub fn warnings(groups: usize) -> Workload {
        Workload { name: "unused-variable warnings", text: workloads::compass(groups), groups }
    }
}

#[derive(Default)]
pub struct Results {
    pub open: Vec<Duration>,
    pub edits: Vec<Duration>,
    /// Pulled answers that said `unchanged`.
    pub unchanged: usize,
    /// Diagnostics in the answer to the open.
    pub diagnostics: usize,
    pub completion_empty: Vec<Duration>,
    pub completion_prefix: Vec<Duration>,
    /// Items in the last completion of each kind.
    pub items: (usize, usize),
    pub failure: Option<String>,
}

fn capabilities(mode: Mode) -> Value {
    let mut text = json!({
        "publishDiagnostics": {"versionSupport": true},
        "completion": {"completionItem": {"snippetSupport": true}},
    });
    if mode == Mode::Pull {
        text["diagnostic"] = json!({"dynamicRegistration": false});
    }
    json!({ "textDocument": text })
}

/// Opens the workload in a fresh server and waits for its diagnostics.
fn open(server: &mut Server, workload: &Workload, mode: Mode, limit: Duration) -> Result<(Duration, usize), Failure> {
    let params = json!({"processId": null, "rootUri": null, "capabilities": capabilities(mode)});
    server.request("initialize", params, limit)?;
    server.notify("initialized", json!({}))?;
    let start = Instant::now();
    let document = json!({"uri": URI, "languageId": "flux", "version": 1, "text": workload.text});
    server.notify("textDocument/didOpen", json!({ "textDocument": document }))?;
    match mode {
        Mode::Pull => {
            let asked = Instant::now();
            let (took, report) =
                server.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}}), limit)?;
            Ok((asked - start + took, report["items"].as_array().map_or(0, Vec::len)))
        }
        Mode::Push => {
            let arrived = server.notification("textDocument/publishDiagnostics", limit, |p| p["uri"] == URI)?;
            Ok((arrived - start, 0))
        }
    }
}

/// Runs one session: `opens` fresh servers measure the open; the last one goes on with
/// `edits` typed characters and `completions` completions of each kind.
pub fn run(
    command: &[String],
    workload: &Workload,
    mode: Mode,
    edit: Edit,
    opens: usize,
    edits: usize,
    completions: usize,
) -> Results {
    let mut results = Results::default();
    let limit = Duration::from_secs(300);
    for k in 0..opens {
        let mut server = match Server::spawn(command) {
            Ok(server) => server,
            Err(e) => {
                results.failure = Some(format!("cannot start {}: {e}", command.join(" ")));
                return results;
            }
        };
        let outcome = open(&mut server, workload, mode, limit).and_then(|(took, count)| {
            results.open.push(took);
            results.diagnostics = count;
            if k + 1 == opens {
                session(&mut server, workload, mode, edit, edits, completions, limit, &mut results)
            } else {
                Ok(())
            }
        });
        if let Err(failure) = outcome {
            results.failure = Some(failure.to_string());
        }
        server.shutdown();
    }
    results
}

#[allow(clippy::too_many_arguments)]
fn session(
    server: &mut Server,
    workload: &Workload,
    mode: Mode,
    edit: Edit,
    edits: usize,
    completions: usize,
    limit: Duration,
    results: &mut Results,
) -> Result<(), Failure> {
    let middle = workload.groups / 2;
    let line = 1 + 4 * middle;
    let column = format!("a{middle} = {middle} + 1").len();
    let at = |character: usize| json!({"line": line, "character": character});
    let mut result_id: Option<String> = None;
    if mode == Mode::Pull {
        let (_, report) = server.request("textDocument/diagnostic", json!({"textDocument": {"uri": URI}}), limit)?;
        result_id = report["resultId"].as_str().map(str::to_owned);
    }
    for k in 0..edits {
        let version = k + 2;
        let typed = if edit == Edit::Digit { "0" } else { "x" };
        let change = if k % 2 == 0 {
            json!({"range": {"start": at(column), "end": at(column)}, "text": typed})
        } else {
            json!({"range": {"start": at(column), "end": at(column + 1)}, "text": ""})
        };
        let document = json!({"uri": URI, "version": version});
        let start = Instant::now();
        server.notify("textDocument/didChange", json!({"textDocument": document, "contentChanges": [change]}))?;
        match mode {
            Mode::Pull => {
                let mut params = json!({"textDocument": {"uri": URI}});
                if let Some(previous) = &result_id {
                    params["previousResultId"] = json!(previous);
                }
                let asked = Instant::now();
                let (took, report) = server.request("textDocument/diagnostic", params, limit)?;
                results.edits.push(asked - start + took);
                if report["kind"] == "unchanged" {
                    results.unchanged += 1;
                }
                result_id = report["resultId"].as_str().map(str::to_owned);
            }
            Mode::Push => {
                let arrived = server.notification("textDocument/publishDiagnostics", limit, |p| {
                    p["uri"] == URI && p["version"] == version
                })?;
                results.edits.push(arrived - start);
            }
        }
    }
    // Names completed in `b{i} = a{i} * 2` lines around the middle: at the start of `a{i}`
    // (nothing typed yet) and after its first three characters.
    for k in 0..completions {
        let i = (middle + k * 7) % workload.groups;
        let start = format!("b{i} = ").len();
        for (typed, samples) in [(0, &mut results.completion_empty), (3, &mut results.completion_prefix)] {
            let position = json!({"line": 2 + 4 * i, "character": start + typed});
            let params = json!({"textDocument": {"uri": URI}, "position": position});
            let (took, answer) = server.request("textDocument/completion", params, limit)?;
            samples.push(took);
            let count = answer["items"].as_array().map_or(0, Vec::len);
            if typed == 0 {
                results.items.0 = count;
            } else {
                results.items.1 = count;
            }
        }
    }
    Ok(())
}

/// `median / p90 / p99 / max ms (n)`.
pub fn spread(samples: &[Duration]) -> String {
    match percentiles(samples) {
        Some((m, p90, p99, max)) => format!("{m:.2} / {p90:.2} / {p99:.2} / {max:.2} ({})", samples.len()),
        None => "-".to_owned(),
    }
}
