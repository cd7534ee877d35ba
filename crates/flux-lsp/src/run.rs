//! Running Flux from the editor: the `flux.*` commands of `workspace/executeCommand`, the code
//! lenses that call them, and run errors shown as diagnostics of their own source (`flx run`)
//! until the next edit. The argument and answer shapes are a public protocol, written down in
//! docs/configuration.md.
//!
//! A run takes an owned program out of a snapshot and runs on a thread of its own, so that it
//! holds no snapshot (edits go on) and no worker thread (requests go on). Cancelling it (the
//! progress's cancel button, `flux.cancel`, or `$/cancelRequest`) sets the run's flag, which
//! the engine and the network client both watch.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use flux_connect::{Connection, Connections, Places, Secret};
use flux_ide::{Analysis, ColumnEncoding, FileId, LineIndex, RunScope, RunnableKind, Severity, TextRange};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

use crate::config::Settings;
use crate::server::{Server, internal_error};
use crate::{position, workspace};

pub const RUN: &str = "flux.run";
pub const TEST: &str = "flux.test";
pub const CANCEL: &str = "flux.cancel";
pub const CONNECTIONS: &str = "flux.connections";
pub const SET_CONNECTION: &str = "flux.setConnection";
pub const TEST_CONNECTION: &str = "flux.testConnection";
pub const SCHEMA: &str = "flux.schema";
pub const COMMANDS: [&str; 7] = [RUN, TEST, CANCEL, CONNECTIONS, SET_CONNECTION, TEST_CONNECTION, SCHEMA];

/// Which connection runs use: `Some(Some(name))` one by name, `Some(None)` the local buckets,
/// `None` whatever `flx.toml` names as its `default` (else the local buckets).
pub type Choice = Option<Option<String>>;

/// The source of run errors among a file's diagnostics.
pub const RUN_SOURCE: &str = "flx run";

/// The runs in progress and what runs use, kept in the session.
#[derive(Default)]
pub struct Runs {
    active: Vec<ActiveRun>,
    next_id: u64,
    /// Named by `flux.setConnection`.
    pub chosen: Choice,
    /// Run errors by file name: shown until the file changes or runs again.
    pub errors: std::collections::HashMap<String, Vec<(TextRange, String)>>,
}

struct ActiveRun {
    id: u64,
    file: String,
    token: Option<ProgressToken>,
    cancel: Arc<AtomicBool>,
}

impl Runs {
    /// Cancels the runs of `file` (every run when `None`); returns how many.
    fn cancel(&self, file: Option<&str>) -> usize {
        let mut count = 0;
        for run in self.active.iter().filter(|r| file.is_none_or(|f| f == r.file)) {
            if !run.cancel.swap(true, Ordering::Relaxed) {
                count += 1;
            }
        }
        count
    }

    pub fn cancel_token(&self, token: &ProgressToken) {
        for run in self.active.iter().filter(|r| r.token.as_ref() == Some(token)) {
            run.cancel.store(true, Ordering::Relaxed);
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RunArgs {
    uri: Option<Uri>,
    range: Option<Range>,
    position: Option<Position>,
    connection: Option<String>,
    now: Option<String>,
    format: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TestArgs {
    uri: Option<Uri>,
    name: Option<String>,
    now: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct CancelArgs {
    uri: Option<Uri>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SetConnectionArgs {
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct TestConnectionArgs {
    name: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct SchemaArgs {
    /// Absent: the current connection; `null`: the local buckets; else one by name.
    #[serde(default, deserialize_with = "present")]
    pub connection: Choice,
    /// Ask again even when what the connection said last is fresh.
    #[serde(default)]
    pub refresh: bool,
}

/// A field that is there, `null` or not: `Some(None)` for `null`.
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Choice, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// The command's one argument, as `T`; a missing argument is read as `{}`.
fn argument<T: serde::de::DeserializeOwned>(command: &str, arguments: Vec<Value>) -> Result<T> {
    let value = arguments.into_iter().next().unwrap_or(Value::Object(Default::default()));
    serde_json::from_value(value).map_err(|e| Error::invalid_params(format!("{command}: {e}")))
}

fn parse_now(now: Option<&str>) -> Result<i64> {
    match now {
        Some(text) => flux_exec::time::parse_rfc3339(text).map_err(|e| Error::invalid_params(format!("now: {e}"))),
        None => Ok(flux_exec::time::now()),
    }
}

pub(crate) fn request_failed(message: String) -> Error {
    // -32803 is the protocol's RequestFailed.
    Error { code: ErrorCode::ServerError(-32803), message: message.into(), data: None }
}

/// Where the configuration is read from: the first workspace folder stands for the working
/// directory of the CLI.
fn places(settings: &Settings, roots: &[PathBuf]) -> Places {
    let mut places = Places::from_environment();
    places.workspace = roots.first().cloned().or(places.workspace);
    places.client = settings.connections.clone();
    places
}

/// Where local buckets are: the setting, else `$FLX_DATA_DIR`, else `.flx/data` in the first
/// workspace folder.
pub fn data_dir(settings: &Settings, roots: &[PathBuf]) -> PathBuf {
    let root = roots.first().cloned().unwrap_or_default();
    match (&settings.run.data_dir, std::env::var_os("FLX_DATA_DIR")) {
        (Some(dir), _) => root.join(dir),
        (None, Some(dir)) if !dir.is_empty() => PathBuf::from(dir),
        _ => root.join(flux_storage::bucket::DEFAULT_DATA_DIR),
    }
}

/// The connection a run uses and the outside services it may use, after the trust rule: a
/// workspace `flx.toml` is shared with the code, so until the user trusts the workspace its
/// `allow` counts for nothing, and its connections get no secret: a command would run code of
/// the workspace's, and an environment variable's value would go to a server it names.
pub struct Target {
    pub connection: Option<Connection>,
    pub allow: flux_connect::Allow,
    pub data_dir: PathBuf,
    pub connections: Arc<Connections>,
}

impl Target {
    /// How a run on the target goes, for `flux_exec::run_on` (a `local` connection brings its
    /// own data directory).
    pub fn run_options(&self, now: i64, cancel: Arc<AtomicBool>) -> flux_exec::RunOptions {
        let local = matches!(&self.connection, Some(c) if matches!(c.kind, flux_connect::Kind::Local { .. }));
        flux_exec::RunOptions {
            now,
            cancel: Some(cancel),
            data_dir: (!local).then(|| flux_storage::DataDir::new(self.data_dir.clone())),
            connections: Some(self.connections.clone()),
            allow: self.allow,
            ..flux_exec::RunOptions::default()
        }
    }
}

pub fn target(settings: &Settings, roots: &[PathBuf], choice: &Choice) -> std::result::Result<Target, String> {
    let connections = Connections::load(&places(settings, roots)).map_err(|e| e.to_string())?;
    let connection = match choice {
        Some(None) => None,
        Some(Some(name)) => connections.choose(Some(name)).map_err(|e| e.to_string())?.cloned(),
        None => connections.choose(None).map_err(|e| e.to_string())?.cloned(),
    };
    let mut allow = settings.run.allow;
    if let Some(c) = &connection {
        let from_workspace = matches!(c.origin, flux_connect::Origin::File { workspace: true, .. });
        if from_workspace && !settings.trust_workspace {
            if let Some((what, secret)) = c.kind.secret()
                && *secret != Secret::None
            {
                return Err(format!(
                    "the connection `{}` of the workspace's {} gets its {what} {}, which is not done \
                     until you trust the workspace (setting `trustWorkspace`)",
                    c.name,
                    c.origin,
                    secret.describe()
                ));
            }
        } else {
            allow = allow.union(c.allow);
        }
    }
    Ok(Target { connection, allow, data_dir: data_dir(settings, roots), connections: Arc::new(connections) })
}

impl Server {
    pub(crate) async fn run_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        let token = params.work_done_progress_params.work_done_token;
        let arguments = params.arguments;
        match params.command.as_str() {
            // Without an argument (a client's generic command list: Helix's
            // `:lsp-workspace-command`), the document edited last runs and the tables are also
            // shown as a message, since such a client drops the answer.
            RUN => {
                let announce = arguments.is_empty();
                let mut args: RunArgs = argument(RUN, arguments)?;
                let uri = self.document_or_last(args.uri.take())?;
                self.run(uri, args, token, announce).await.map(Some)
            }
            TEST => {
                let announce = arguments.is_empty();
                let mut args: TestArgs = argument(TEST, arguments)?;
                let uri = self.document_or_last(args.uri.take())?;
                self.test(uri, args, token, announce).await.map(Some)
            }
            CANCEL => {
                let args: CancelArgs = argument(CANCEL, arguments)?;
                let file = args.uri.as_ref().map(workspace::file_name);
                let count = self.with_session(|s| s.runs.cancel(file.as_deref())).unwrap_or(0);
                Ok(Some(json!({ "cancelled": count })))
            }
            CONNECTIONS => self.connections().await.map(Some),
            SET_CONNECTION => {
                let args: SetConnectionArgs = argument(SET_CONNECTION, arguments)?;
                self.set_connection(args.name).await.map(Some)
            }
            TEST_CONNECTION => {
                let args: TestConnectionArgs = argument(TEST_CONNECTION, arguments)?;
                self.test_connection(args.name).await.map(Some)
            }
            SCHEMA => {
                let args: SchemaArgs = argument(SCHEMA, arguments)?;
                self.schema_command(args).await.map(Some)
            }
            other => Err(Error::invalid_params(format!(
                "unknown command `{other}` (this server runs {})",
                COMMANDS.join(", ")
            ))),
        }
    }

    /// The connection runs use now: the one chosen, else the setting, else `flx.toml`'s default.
    fn current_connection(&self) -> Choice {
        self.with_session(|s| s.runs_connection()).flatten()
    }

    async fn connections(&self) -> Result<Value> {
        let Some((settings, roots)) = self.with_session(|s| (s.settings.clone(), s.roots.clone())) else {
            return Err(not_initialized());
        };
        let choice = self.current_connection();
        let loaded =
            blocking(move || Connections::load(&places(&settings, &roots)).map(|c| (c, data_dir(&settings, &roots))))
                .await?
                .map_err(|e| request_failed(e.to_string()))?;
        let (connections, data) = loaded;
        let current = match choice {
            Some(chosen) => chosen,
            None => connections.default.clone(),
        };
        let list = connections.describe(|c| c.origin.to_string());
        Ok(json!({
            "connections": list,
            "current": current,
            "local": {"data": data.display().to_string()},
            "warnings": connections.warnings,
        }))
    }

    async fn set_connection(&self, name: Option<String>) -> Result<Value> {
        let Some((settings, roots)) = self.with_session(|s| (s.settings.clone(), s.roots.clone())) else {
            return Err(not_initialized());
        };
        if let Some(wanted) = name.clone() {
            let known = blocking(move || {
                Connections::load(&places(&settings, &roots))
                    .map(|c| c.get(&wanted).is_some().then_some(()).ok_or(c.names()))
            })
            .await?
            .map_err(|e| request_failed(e.to_string()))?;
            if let Err(names) = known {
                return Err(Error::invalid_params(format!(
                    "no connection named `{}` (configured: {names})",
                    name.as_deref().unwrap_or_default()
                )));
            }
        }
        self.with_session(|s| {
            s.runs.chosen = Some(name.clone());
            s.live.connection_changed();
        });
        self.refresh_live_schema(true);
        Ok(json!({ "current": name }))
    }

    /// Whether a connection answers, as `flx connections test` says: `{"ok", "lines", "error"?}`.
    async fn test_connection(&self, name: String) -> Result<Value> {
        let Some((settings, roots)) = self.with_session(|s| (s.settings.clone(), s.roots.clone())) else {
            return Err(not_initialized());
        };
        // The trust rule holds here too: a workspace's connection gets no secret until trusted.
        let target = blocking(move || target(&settings, &roots, &Some(Some(name)))).await?.map_err(request_failed)?;
        let Some(connection) = target.connection else {
            return Err(request_failed("no connection was chosen".to_owned()));
        };
        let checked = blocking(move || flux_exec::check_connection(&connection)).await?;
        Ok(match checked {
            Ok(lines) => json!({ "ok": true, "lines": lines }),
            Err(e) => json!({ "ok": false, "lines": [], "error": e.to_string() }),
        })
    }

    /// The document named, else the one opened or edited last.
    fn document_or_last(&self, uri: Option<Uri>) -> Result<Uri> {
        match uri.or_else(|| self.with_session(|s| s.last_document.clone()).flatten()) {
            Some(uri) => Ok(uri),
            None => Err(Error::invalid_params("no document to run: give `uri`")),
        }
    }

    async fn run(&self, uri: Uri, args: RunArgs, token: Option<ProgressToken>, announce: bool) -> Result<Value> {
        let now = parse_now(args.now.as_deref())?;
        let csv = match args.format.as_deref() {
            None | Some("json") => false,
            Some("csv") => true,
            Some(other) => return Err(Error::invalid_params(format!("format: expected json or csv, found `{other}`"))),
        };
        let name = workspace::file_name(&uri);
        let connection = match args.connection.clone() {
            Some(name) => Some(Some(name)),
            None => self.current_connection(),
        };
        let (range, position) = (args.range, args.position);
        let prepared = self
            .prepare(&uri, move |analysis, file, encoding, settings, roots| {
                let index = analysis.line_index(file).map_err(|_| Failure::Modified)?;
                let scope = match (range, position) {
                    (Some(range), _) => RunScope::Range(
                        position::text_range(&index, range, encoding)
                            .ok_or_else(|| Failure::Params("range: outside the document".to_owned()))?,
                    ),
                    (None, Some(at)) => RunScope::Position(
                        position::offset(&index, at, encoding)
                            .ok_or_else(|| Failure::Params("position: outside the document".to_owned()))?,
                    ),
                    (None, None) => RunScope::File,
                };
                let input = match analysis.run_input(file, scope).map_err(|_| Failure::Modified)? {
                    Ok(input) => input,
                    Err(message) => return Err(Failure::Failed(message)),
                };
                // Errors in what runs stop the run; those in statements left out do not.
                let errors: Vec<_> = analysis
                    .diagnostics(file)
                    .map_err(|_| Failure::Modified)?
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .filter(|d| !input.left_out.iter().any(|r| r.contains_range(d.range)))
                    .collect();
                if let Some(first) = errors.first() {
                    let at = index.line_col(first.range.start, ColumnEncoding::Utf32);
                    let range = position::range(&index, first.range, encoding);
                    return Err(Failure::NotRun(
                        format!(
                            "not run: {} error{} in the script; the first, at line {}, column {}: {}",
                            errors.len(),
                            if errors.len() == 1 { "" } else { "s" },
                            at.line + 1,
                            at.col + 1,
                            first.message
                        ),
                        range,
                    ));
                }
                let target = target(&settings, &roots, &connection).map_err(Failure::Failed)?;
                Ok(Prepared { input, target, index, settings, encoding })
            })
            .await?;
        let Prepared { input, target, index, settings, encoding } = prepared;
        let first_statement = input.selected.first().copied().unwrap_or_default();

        let title = format!("Running {}", file_title(&uri));
        let started = Instant::now();
        let (outcome, cancelled) = self
            .supervise(&name, token, title, move |cancel| {
                let options = target.run_options(now, cancel);
                flux_exec::run_on(&input.program, &input.text, target.connection.as_ref(), options)
            })
            .await?;

        let (results, row_count) = flux_exec::table::limit_rows(&outcome.results, settings.run.max_rows);
        let mut answer = flux_exec::json::results_json(&results);
        answer["truncated"] = json!(row_count > settings.run.max_rows);
        answer["rowCount"] = json!(row_count);
        answer["elapsedMs"] = json!((started.elapsed().as_secs_f64() * 1e4).round() / 10.0);
        if cancelled {
            // What was made before the cancel; the engine's "canceled" error is no error here.
            answer["cancelled"] = json!(true);
            if csv {
                answer["csv"] = json!(flux_exec::csv::encode_results(&results));
            }
            return Ok(answer);
        }
        if csv {
            let mut text = flux_exec::csv::encode_results(&results);
            if let Some(error) = &outcome.error {
                flux_exec::csv::encode_error(&mut text, &error.message, !results.is_empty());
            }
            answer["csv"] = json!(text);
        }
        let mut run_errors = std::collections::HashMap::new();
        run_errors.insert(name.clone(), Vec::new());
        if let Some(error) = &outcome.error {
            let mut report = json!({ "message": error.message });
            if let Some((path, range)) = &error.at {
                if *path == name {
                    report["uri"] = json!(uri);
                    report["range"] = json!(position::range(&index, *range, encoding));
                }
                run_errors.entry(path.clone()).or_insert_with(Vec::new).push((*range, error.message.clone()));
            } else {
                // Without a place, the error is shown on the first statement that ran.
                run_errors.entry(name.clone()).or_insert_with(Vec::new).push((first_statement, error.message.clone()));
            }
            answer["error"] = report;
        }
        self.show_run_errors(run_errors).await;
        if announce {
            let mut text =
                format!("{}: {row_count} rows\n{}", file_title(&uri), flux_exec::text::results_text(&results));
            if let Some(error) = answer.get("error") {
                text.push_str(&format!("error: {}\n", error["message"].as_str().unwrap_or_default()));
            }
            self.client.show_message(MessageType::INFO, text.trim_end()).await;
        }
        Ok(answer)
    }

    /// Makes a run ready on a worker, from a snapshot of the analysis and the session: `make`
    /// is tried again on a new snapshot when a change to the inputs (this document, another
    /// file of the workspace) cancels it, so that a run is not refused for someone's typing.
    async fn prepare<T: Send + 'static>(
        &self,
        uri: &Uri,
        make: impl Fn(Analysis, FileId, ColumnEncoding, Settings, Vec<PathBuf>) -> std::result::Result<T, Failure>
        + Clone
        + Send
        + 'static,
    ) -> Result<T> {
        const ATTEMPTS: usize = 20;
        for _ in 0..ATTEMPTS {
            let (analysis, file, encoding, settings, roots) = self.snapshot(uri)?;
            let make = make.clone();
            match blocking(move || make(analysis, file, encoding, settings, roots)).await? {
                Ok(value) => return Ok(value),
                Err(Failure::Modified) => continue,
                Err(failure) => return Err(failure.into_error()),
            }
        }
        Err(Failure::Modified.into_error())
    }

    /// The analysis and what a run needs of the session.
    fn snapshot(&self, uri: &Uri) -> Result<(Analysis, FileId, ColumnEncoding, Settings, Vec<PathBuf>)> {
        let guard = self.shared.lock();
        let Some(session) = guard.as_ref() else { return Err(not_initialized()) };
        let Some(file) = session.file(uri) else {
            return Err(Error::invalid_params(format!("unknown document {}", uri.as_str())));
        };
        Ok((session.host.analysis(), file, session.encoding, session.settings.clone(), session.roots.clone()))
    }

    /// Runs `work` on a thread of its own as a run of `file`, with progress; `work` gets the
    /// run's cancel flag. Also says whether the run was cancelled (by `flux.cancel` or the
    /// progress's button: a `$/cancelRequest` drops this future, and the transport answers).
    async fn supervise<T: Send + 'static>(
        &self,
        file: &str,
        token: Option<ProgressToken>,
        title: String,
        work: impl FnOnce(Arc<AtomicBool>) -> T + Send + 'static,
    ) -> Result<(T, bool)> {
        let (id, cancel, progress) = self.start_run(file, token, title).await;
        let guard = CancelOnDrop(Some(cancel.clone()));
        let flag = cancel.clone();
        let outcome = on_own_thread(move || work(flag)).await;
        guard.disarm();
        self.finish_run(id, progress).await;
        Ok((outcome?, cancel.load(Ordering::Relaxed)))
    }

    /// Registers a run and begins its progress (with a cancel button) when the client shows
    /// progress.
    async fn start_run(
        &self,
        file: &str,
        token: Option<ProgressToken>,
        title: String,
    ) -> (u64, Arc<AtomicBool>, Option<ProgressToken>) {
        let cancel = Arc::new(AtomicBool::new(false));
        let supported = self.with_session(|s| s.client.work_done_progress).unwrap_or(false);
        let id = self
            .with_session(|s| {
                s.runs.next_id += 1;
                s.runs.next_id
            })
            .unwrap_or(0);
        let token = match token {
            Some(token) => Some(token),
            None if supported => {
                let token = ProgressToken::String(format!("flx-run-{id}"));
                self.client.create_work_done_progress(token.clone()).await.ok().map(|()| token)
            }
            None => None,
        };
        self.with_session(|s| {
            s.runs.active.push(ActiveRun { id, file: file.to_owned(), token: token.clone(), cancel: cancel.clone() })
        });
        if let Some(token) = &token {
            let begin = WorkDoneProgressBegin { title, cancellable: Some(true), message: None, percentage: None };
            self.client
                .send_notification::<notification::Progress>(ProgressParams {
                    token: token.clone(),
                    value: ProgressParamsValue::WorkDone(WorkDoneProgress::Begin(begin)),
                })
                .await;
        }
        (id, cancel, token)
    }

    async fn finish_run(&self, id: u64, token: Option<ProgressToken>) {
        self.with_session(|s| s.runs.active.retain(|r| r.id != id));
        if let Some(token) = token {
            self.client
                .send_notification::<notification::Progress>(ProgressParams {
                    token,
                    value: ProgressParamsValue::WorkDone(WorkDoneProgress::End(WorkDoneProgressEnd { message: None })),
                })
                .await;
        }
    }

    /// Replaces the run errors of the files named; the diagnostics worker sends them.
    async fn show_run_errors(&self, errors: std::collections::HashMap<String, Vec<(TextRange, String)>>) {
        let refresh = self.with_session(|s| {
            for (name, list) in errors {
                let changed = s.runs.errors.get(&name).map_or(!list.is_empty(), |old| *old != list);
                if list.is_empty() {
                    s.runs.errors.remove(&name);
                } else {
                    s.runs.errors.insert(name.clone(), list);
                }
                if changed {
                    s.mark_dirty(&name);
                }
            }
            s.client.pull_diagnostics && s.client.diagnostic_refresh
        });
        self.shared.dirty.notify_one();
        if refresh == Some(true) {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    async fn test(&self, uri: Uri, args: TestArgs, token: Option<ProgressToken>, announce: bool) -> Result<Value> {
        let now = parse_now(args.now.as_deref())?;
        let name = workspace::file_name(&uri);
        let wanted = args.name.clone();
        let prepared = self
            .prepare(&uri, move |analysis, file, encoding, _, _| {
                let modified = |_| Failure::Modified;
                let runnables = analysis.runnables(file).map_err(modified)?;
                let cases: Vec<(String, TextRange)> = runnables
                    .into_iter()
                    .filter_map(|r| match r.kind {
                        RunnableKind::TestCase { name } => Some((name, r.range)),
                        RunnableKind::Query => None,
                    })
                    .filter(|(name, _)| wanted.as_ref().is_none_or(|w| w == name))
                    .collect();
                if cases.is_empty() {
                    return Err(Failure::Failed(match &wanted {
                        Some(name) => format!("no test case named `{name}` in the file"),
                        None => "the file has no test case".to_owned(),
                    }));
                }
                let program = analysis.program(file).map_err(modified)?;
                let errors: Vec<flux_ide::Diagnostic> = analysis
                    .diagnostics(file)
                    .map_err(modified)?
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                let index = analysis.line_index(file).map_err(modified)?;
                Ok((cases, program, errors, index, encoding))
            })
            .await?;
        let (cases, program, errors, index, encoding) = prepared;

        let title = format!("Testing {}", file_title(&uri));
        let all: Vec<TextRange> = cases.iter().map(|(_, r)| *r).collect();
        let (results, cancelled) = self
            .supervise(&name, token, title, move |stop| {
                let infos = flux_exec::harness::testcases(&program);
                let mut out = Vec::new();
                for (case, range) in cases {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let started = Instant::now();
                    // Errors in the block, or outside every block, stop it from compiling.
                    let own: Vec<&flux_ide::Diagnostic> = errors
                        .iter()
                        .filter(|d| range.contains_range(d.range) || !all.iter().any(|r| r.contains_range(d.range)))
                        .collect();
                    let info = infos.iter().find(|i| i.name == case);
                    let verdict: std::result::Result<(), (String, Option<TextRange>)> = match (info, own.first()) {
                        (_, Some(first)) => Err((format!("failed to compile: {}", first.message), Some(first.range))),
                        (None, None) => Err(("the test case did not lower".to_owned(), None)),
                        (Some(info), None) if info.extends.is_some() => Err((
                            "a test case that extends another runs with `flx test`, which finds the file it extends"
                                .to_owned(),
                            None,
                        )),
                        (Some(info), None) => {
                            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                flux_exec::harness::run_test(&program, info.item, None, now, Some(stop.clone()))
                            }));
                            match outcome {
                                Ok(Ok(())) => Ok(()),
                                Ok(Err(error)) => Err((error.message, error.at.map(|(_, r)| r))),
                                Err(_) => Err(("internal error in the engine".to_owned(), None)),
                            }
                        }
                    };
                    if stop.load(Ordering::Relaxed) {
                        // Stopped in the middle: neither passed nor failed.
                        break;
                    }
                    let elapsed = (started.elapsed().as_secs_f64() * 1e4).round() / 10.0;
                    let status = if verdict.is_ok() { "pass" } else { "fail" };
                    let mut entry = json!({
                        "name": case,
                        "status": status,
                        "range": position::range(&index, range, encoding),
                        "durationMs": elapsed,
                    });
                    if let Err((message, at)) = verdict {
                        entry["message"] = json!(message);
                        if let Some(at) = at {
                            entry["errorRange"] = json!(position::range(&index, at, encoding));
                        }
                    }
                    out.push(entry);
                }
                out
            })
            .await?;
        let count = |status: &str| results.iter().filter(|r| r["status"] == status).count();
        let summary = json!({"passed": count("pass"), "failed": count("fail")});
        let mut answer = json!({ "tests": results, "summary": summary });
        if cancelled {
            answer["cancelled"] = json!(true);
        }
        if announce {
            let mut text = format!("{}: {} passed, {} failed", file_title(&uri), count("pass"), count("fail"));
            for failed in results.iter().filter(|r| r["status"] == "fail") {
                text.push_str(&format!(
                    "\nFAIL {}: {}",
                    failed["name"],
                    failed["message"].as_str().unwrap_or_default()
                ));
            }
            self.client.show_message(MessageType::INFO, text).await;
        }
        Ok(answer)
    }
}

/// What a run needs, made ready on a worker.
struct Prepared {
    input: flux_ide::RunInput,
    target: Target,
    index: Arc<LineIndex>,
    settings: Settings,
    encoding: ColumnEncoding,
}

/// Why a run did not start.
enum Failure {
    /// The document changed meanwhile.
    Modified,
    Params(String),
    Failed(String),
    /// An error in what would run, and where it is (in the client's encoding).
    NotRun(String, Range),
}

impl Failure {
    fn into_error(self) -> Error {
        match self {
            Failure::Modified => Error {
                code: ErrorCode::ContentModified,
                message: "the workspace kept changing while the run was prepared".into(),
                data: None,
            },
            Failure::Params(message) => Error::invalid_params(message),
            Failure::Failed(message) => request_failed(message),
            Failure::NotRun(message, range) => {
                Error { data: Some(json!({ "range": range })), ..request_failed(message) }
            }
        }
    }
}

/// Sets the run's cancel flag when the request's future is dropped (`$/cancelRequest`)
/// before the run ends.
struct CancelOnDrop(Option<Arc<AtomicBool>>);

impl CancelOnDrop {
    /// The run ended: nothing to cancel.
    fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(flag) = &self.0 {
            flag.store(true, Ordering::Relaxed);
        }
    }
}

pub(crate) fn not_initialized() -> Error {
    Error { code: ErrorCode::ServerError(-32002), message: "not initialized".into(), data: None }
}

fn file_title(uri: &Uri) -> String {
    let text = uri.as_str();
    text.rsplit('/').next().unwrap_or(text).to_owned()
}

/// Lowers the calling thread's priority (nice 10), so that on a busy machine a long run leaves
/// the CPU to the editor's requests first; threads the run starts inherit it.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
pub fn lower_priority() {
    // SAFETY: setpriority takes plain integers and touches no memory of ours. On Linux,
    // PRIO_PROCESS with `who` 0 names the calling thread only (setpriority(2), NOTES).
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 10);
    }
}

#[cfg(not(target_os = "linux"))]
pub fn lower_priority() {}

/// Runs `f` on a blocking worker (short work: preparing a run).
pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(internal_error)
}

/// Runs `f` on a thread of its own, so that a long run takes none of the workers requests
/// are answered on; a panic answers the request with an internal error.
pub(crate) async fn on_own_thread<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let (send, receive) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new().name("flx-run".to_owned()).stack_size(16 << 20).spawn(move || {
        lower_priority();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        let _ = send.send(outcome);
    });
    if let Err(e) = spawned {
        return Err(request_failed(format!("cannot start a thread for the run: {e}")));
    }
    match receive.await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(panic)) => Err(Error {
            code: ErrorCode::InternalError,
            message: format!("internal error in the engine: {}", crate::server::panic_message(&*panic)).into(),
            data: None,
        }),
        Err(_) => Err(request_failed("the run's thread ended without an answer".to_owned())),
    }
}

/// "▶ Run all" at the top of a file with statements to run, "▶ Run" above each of them and
/// "▶ Test" above each test case; their commands are filled in by [`resolve_code_lens`].
pub fn code_lenses(
    runnables: &[flux_ide::Runnable],
    index: &LineIndex,
    encoding: ColumnEncoding,
    uri: &Uri,
) -> Vec<CodeLens> {
    let lens = |range: TextRange, data: Value| CodeLens {
        range: position::range(index, range, encoding),
        command: None,
        data: Some(data),
    };
    let mut out = Vec::new();
    let queries = runnables.iter().filter(|r| r.kind == RunnableKind::Query).count();
    if queries > 1 {
        out.push(lens(TextRange::new(0, 0), json!({"uri": uri, "run": "file"})));
    }
    for runnable in runnables {
        let start = position::range(index, runnable.range, encoding).start;
        out.push(match &runnable.kind {
            RunnableKind::Query => lens(runnable.range, json!({"uri": uri, "run": "statement", "position": start})),
            RunnableKind::TestCase { name } => lens(runnable.range, json!({"uri": uri, "test": name})),
        });
    }
    out
}

pub fn resolve_code_lens(mut lens: CodeLens) -> CodeLens {
    let Some(data) = lens.data.take() else { return lens };
    let uri = data["uri"].clone();
    lens.command = Some(if let Some(name) = data.get("test") {
        Command {
            title: "▶ Test".to_owned(),
            command: TEST.to_owned(),
            arguments: Some(vec![json!({"uri": uri, "name": name})]),
        }
    } else if data["run"] == "file" {
        Command { title: "▶ Run all".to_owned(), command: RUN.to_owned(), arguments: Some(vec![json!({"uri": uri})]) }
    } else {
        Command {
            title: "▶ Run".to_owned(),
            command: RUN.to_owned(),
            arguments: Some(vec![json!({"uri": uri, "position": data["position"]})]),
        }
    });
    lens.data = Some(data);
    lens
}
