//! The protocol handlers.
//!
//! Ordering: tower-lsp-server runs handlers concurrently but polls each new one in the order
//! its message arrived. Notifications that change documents therefore do all their work
//! synchronously, before any `.await`, and requests take their analysis snapshot the same
//! way; a request sees exactly the edits that arrived before it.
//!
//! Work: each request's snapshot moves to a blocking worker thread and is dropped there, never
//! held across an `.await`. A change to the inputs cancels the snapshots' queries, which answer
//! `ContentModified`; a panic answers its request with an internal error and the server goes on.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use flux_ide::{Analysis, Cancellable, ColumnEncoding, FileId, FormatDeclinedReason, LineIndex};
use serde_json::Value;
use tokio::sync::Notify;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::config::{self, Settings};
use crate::state::{ClientFeatures, Session};
use crate::{convert, diagnostics, position, tokens, workspace};

pub struct Server {
    pub(crate) client: Client,
    pub(crate) shared: Arc<Shared>,
}

pub(crate) struct Shared {
    /// Empty until `initialize`.
    session: Mutex<Option<Session>>,
    /// Wakes the diagnostics worker when files are marked dirty.
    pub(crate) dirty: Notify,
    /// Wakes the completions waiting for the live schema.
    pub(crate) schema_fetched: Notify,
}

impl Shared {
    /// The session, even if a panic elsewhere poisoned the lock: every change to it completes
    /// before anything that could panic observes it, so it stays consistent.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What a request handler gets on its worker thread.
struct Request {
    analysis: Analysis,
    file: FileId,
    uri: Uri,
    encoding: ColumnEncoding,
    client: ClientFeatures,
    settings: Settings,
    /// The errors of the file's last run.
    run_errors: Vec<(flux_ide::TextRange, String)>,
}

impl Request {
    fn line_index(&self) -> Cancellable<Arc<LineIndex>> {
        self.analysis.line_index(self.file)
    }

    fn offset(&self, position: Position) -> Cancellable<Option<u32>> {
        let index = self.line_index()?;
        Ok(position::offset(&index, position, self.encoding))
    }

    /// A location in any file of the workspace.
    fn location(&self, file: FileId, range: flux_ide::TextRange) -> Cancellable<Option<Location>> {
        let index = self.analysis.line_index(file)?;
        let uri =
            if file == self.file { Some(self.uri.clone()) } else { workspace::uri_of(&self.analysis.file_name(file)?) };
        Ok(uri.map(|uri| Location { uri, range: position::range(&index, range, self.encoding) }))
    }

    fn workspace_edit(&self, change: &flux_ide::SourceChange) -> Cancellable<WorkspaceEdit> {
        let mut changes = std::collections::HashMap::new();
        for (file, edits) in &change.edits {
            let index = self.analysis.line_index(*file)?;
            let Some(location) = self.location(*file, flux_ide::TextRange::default())? else { continue };
            let edits: Vec<TextEdit> = edits.iter().map(|e| convert::text_edit(e, &index, self.encoding)).collect();
            changes.insert(location.uri, edits);
        }
        Ok(WorkspaceEdit { changes: Some(changes), document_changes: None, change_annotations: None })
    }
}

impl Server {
    pub fn new(client: Client) -> Server {
        Server {
            client,
            shared: Arc::new(Shared { session: Mutex::new(None), dirty: Notify::new(), schema_fetched: Notify::new() }),
        }
    }

    /// Another handle on the same server, for work that outlives a handler.
    pub(crate) fn handle(&self) -> Server {
        Server { client: self.client.clone(), shared: self.shared.clone() }
    }

    /// Runs `f` on the session under its lock; `None` before `initialize`.
    pub(crate) fn with_session<T>(&self, f: impl FnOnce(&mut Session) -> T) -> Option<T> {
        self.shared.lock().as_mut().map(f)
    }

    /// Answers a request about `uri` on a blocking worker with a snapshot taken now.
    async fn request<T, F>(&self, uri: &Uri, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(Request) -> Cancellable<T> + Send + 'static,
    {
        let request = {
            let guard = self.shared.lock();
            let Some(session) = guard.as_ref() else {
                return Err(Error {
                    code: ErrorCode::ServerError(-32002),
                    message: "not initialized".into(),
                    data: None,
                });
            };
            let Some(file) = session.file(uri) else {
                return Err(Error::invalid_params(format!("unknown document {}", uri.as_str())));
            };
            Request {
                analysis: session.host.analysis(),
                file,
                uri: uri.clone(),
                encoding: session.encoding,
                client: session.client,
                settings: session.settings.clone(),
                run_errors: session.runs.errors.get(&workspace::file_name(uri)).cloned().unwrap_or_default(),
            }
        };
        match tokio::task::spawn_blocking(move || f(request)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_cancelled)) => Err(Error {
                code: ErrorCode::ContentModified,
                message: "the document changed while the request was answered".into(),
                data: None,
            }),
            Err(e) => Err(internal_error(e)),
        }
    }

    /// Runs a notification's synchronous work, turning a panic into a logged error.
    pub(crate) fn guarded(&self, what: &str, f: impl FnOnce(&mut Session)) {
        let result = std::panic::catch_unwind(AssertUnwindSafe(|| self.with_session(f)));
        match result {
            Ok(_) => self.shared.dirty.notify_one(),
            Err(panic) => self.log(MessageType::ERROR, format!("internal error in {what}: {}", panic_message(&*panic))),
        }
    }

    pub(crate) fn log(&self, level: MessageType, message: String) {
        let client = self.client.clone();
        tokio::spawn(async move { client.log_message(level, message).await });
    }

    async fn apply_settings(&self, value: &Value) {
        let mut problems = Vec::new();
        let settings = config::parse(value, &mut problems);
        let schema_changed = self.with_session(|s| s.settings.schema_file != settings.schema_file).unwrap_or(false);
        let refresh = self.with_session(|session| {
            let changed = session.settings != settings;
            if changed {
                session.set_settings(settings);
            }
            changed.then_some(session.client)
        });
        if schema_changed {
            self.load_schema().await;
        }
        self.shared.dirty.notify_one();
        if !problems.is_empty() {
            let message = format!("flux-lsp settings: {}", problems.join("; "));
            self.client.show_message(MessageType::WARNING, message).await;
        }
        if let Some(Some(client)) = refresh
            && client.pull_diagnostics
            && client.diagnostic_refresh
        {
            let _ = self.client.workspace_diagnostic_refresh().await;
        }
    }

    /// Asks the client for the `flux` section, for clients that send no settings with
    /// `didChangeConfiguration`.
    async fn pull_settings(&self) {
        let item = ConfigurationItem { scope_uri: None, section: Some("flux".to_owned()) };
        if let Ok(mut values) = self.client.configuration(vec![item]).await
            && let Some(value) = values.pop()
            && !value.is_null()
        {
            self.apply_settings(&value).await;
        }
    }
}

pub(crate) fn internal_error(e: tokio::task::JoinError) -> Error {
    let message = if e.is_panic() {
        format!("internal error: {}", panic_message(&*e.into_panic()))
    } else {
        "the request was cancelled".to_owned()
    };
    Error { code: ErrorCode::InternalError, message: message.into(), data: None }
}

pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_owned()
    }
}

/// The workspace folders named at `initialize`, as directories.
fn roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut uris: Vec<&Uri> = params.workspace_folders.iter().flatten().map(|f| &f.uri).collect();
    #[allow(deprecated)] // Older clients name only a root.
    if uris.is_empty()
        && let Some(root) = &params.root_uri
    {
        uris.push(root);
    }
    uris.into_iter().filter_map(workspace::file_path).collect()
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = position::negotiate(&params.capabilities);
        let client = ClientFeatures::from_capabilities(&params.capabilities);
        let mut problems = Vec::new();
        let settings = match &params.initialization_options {
            Some(options) => config::parse(options, &mut problems),
            None => Settings::default(),
        };
        if !problems.is_empty() {
            self.log(MessageType::WARNING, format!("flux-lsp settings: {}", problems.join("; ")));
        }
        *self.shared.lock() = Some(Session::new(encoding, client, settings, roots(&params)));

        let capabilities = ServerCapabilities {
            position_encoding: Some(position::encoding_kind(encoding)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            })),
            document_symbol_provider: Some(OneOf::Right(DocumentSymbolOptions {
                label: Some("Flux".to_owned()),
                work_done_progress_options: Default::default(),
            })),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                resolve_provider: Some(true),
                // Not space: a list after every space in the code would be in the way.
                trigger_characters: Some(vec![".".to_owned(), "\"".to_owned(), "(".to_owned()]),
                ..Default::default()
            }),
            signature_help_provider: Some(SignatureHelpOptions {
                trigger_characters: Some(vec!["(".to_owned(), ",".to_owned()]),
                retrigger_characters: Some(vec![":".to_owned(), " ".to_owned()]),
                work_done_progress_options: Default::default(),
            }),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_highlight_provider: Some(OneOf::Left(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            inlay_hint_provider: Some(OneOf::Left(true)),
            document_formatting_provider: Some(OneOf::Left(true)),
            document_range_formatting_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..Default::default()
            })),
            semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
                SemanticTokensOptions {
                    legend: tokens::legend(),
                    range: Some(true),
                    full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                    work_done_progress_options: Default::default(),
                },
            )),
            diagnostic_provider: client.pull_diagnostics.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("flx".to_owned()),
                    inter_file_dependencies: false,
                    workspace_diagnostics: false,
                    work_done_progress_options: Default::default(),
                })
            }),
            code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(true) }),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: crate::run::COMMANDS.iter().map(|c| (*c).to_owned()).collect(),
                work_done_progress_options: WorkDoneProgressOptions { work_done_progress: Some(true) },
            }),
            workspace: Some(WorkspaceServerCapabilities {
                workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                    supported: Some(true),
                    change_notifications: Some(OneOf::Left(true)),
                }),
                file_operations: None,
            }),
            ..Default::default()
        };
        Ok(InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "flux-lsp".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        tokio::spawn(diagnostics::worker(self.client.clone(), self.shared.clone()));
        let Some((roots, client)) = self.with_session(|s| (s.roots.clone(), s.client)) else { return };
        if client.configuration_requests {
            self.pull_settings().await;
        }
        if client.watch_files {
            self.watch_files().await;
        }
        self.scan(roots).await;
        self.load_schema().await;
        self.refresh_live_schema(false);
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.guarded("didOpen", |session| {
            session.open(doc.uri, doc.text, doc.version);
        });
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let mut problem = None;
        self.guarded("didChange", |session| {
            if let Err(message) = session.change(&uri, version, params.content_changes) {
                problem = Some(message);
            }
        });
        if let Some(message) = problem {
            self.log(MessageType::WARNING, message);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let mut reread = None;
        self.guarded("didClose", |session| reread = session.close(&uri));
        // The file's text on disk replaces the editor's: read without the lock, off the
        // async threads.
        let Some(path) = reread else { return };
        let text = tokio::task::spawn_blocking(move || workspace::read(&path).ok()).await.ok().flatten();
        self.guarded("didClose", |session| session.reread(&uri, text));
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let empty = params.settings.is_null() || params.settings.as_object().is_some_and(|o| o.is_empty());
        let pull = self.with_session(|s| s.client.configuration_requests).unwrap_or(false);
        if empty && pull {
            self.pull_settings().await;
        } else {
            self.apply_settings(&params.settings).await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let removed: Vec<PathBuf> = params.event.removed.iter().filter_map(|f| workspace::file_path(&f.uri)).collect();
        let added: Vec<PathBuf> = params.event.added.iter().filter_map(|f| workspace::file_path(&f.uri)).collect();
        self.guarded("didChangeWorkspaceFolders", |session| {
            for root in &removed {
                session.remove_root(root);
            }
            session.roots.extend(added.iter().cloned());
        });
        self.scan(added).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.files_changed(params.changes).await;
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let previous = params.previous_result_id;
        self.request(&params.text_document.uri, move |r| {
            let report =
                diagnostics::report(&r.analysis, r.file, &r.uri, r.encoding, previous.as_deref(), &r.run_errors)?;
            let result_id = report.result_id;
            let report = match report.items {
                None => DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
                }),
                Some(items) => DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: Some(result_id), items },
                }),
            };
            Ok(DocumentDiagnosticReportResult::Report(report))
        })
        .await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.request(&params.text_document.uri, |r| {
            let symbols = r.analysis.document_symbols(r.file)?;
            let index = r.line_index()?;
            Ok(Some(if r.client.hierarchical_symbols {
                DocumentSymbolResponse::Nested(
                    symbols.iter().map(|s| convert::document_symbol(s, &index, r.encoding)).collect(),
                )
            } else {
                let mut flat = Vec::new();
                convert::flat_symbols(&symbols, None, &index, r.encoding, &r.uri, &mut flat);
                DocumentSymbolResponse::Flat(flat)
            }))
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.request(&params.text_document.uri, |r| {
            let folds = r.analysis.folding_ranges(r.file)?;
            let index = r.line_index()?;
            let text = r.analysis.file_text(r.file)?;
            let mut ranges: Vec<FoldingRange> =
                folds.iter().filter_map(|f| convert::folding_range(f, &index, &text)).collect();
            // Lines folded twice (a call that is the whole body of a block, say) fold once.
            ranges.dedup_by_key(|f| (f.start_line, f.end_line));
            if let Some(limit) = r.client.folding_range_limit {
                ranges.truncate(limit);
            }
            Ok(Some(ranges))
        })
        .await
    }

    async fn selection_range(&self, params: SelectionRangeParams) -> Result<Option<Vec<SelectionRange>>> {
        let positions = params.positions;
        self.request(&params.text_document.uri, move |r| {
            let index = r.line_index()?;
            let offsets: Vec<u32> = positions
                .iter()
                .map(|p| position::offset(&index, *p, r.encoding).unwrap_or_else(|| index.len()))
                .collect();
            let ranges = r.analysis.selection_ranges(r.file, &offsets)?;
            Ok(Some(ranges.iter().map(|chain| convert::selection_range(chain, &index, r.encoding)).collect()))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params.position;
        self.request(&params.text_document_position_params.text_document.uri, move |r| {
            let index = r.line_index()?;
            let Some(offset) = position::offset(&index, at, r.encoding) else { return Ok(None) };
            let Some(hover) = r.analysis.hover(r.file, offset)? else { return Ok(None) };
            Ok(Some(Hover {
                contents: HoverContents::Markup(convert::markup(hover.markdown, r.client.markdown_hover)),
                range: Some(position::range(&index, hover.range, r.encoding)),
            }))
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position.position;
        let schema_pending = self.live_schema_for_completion().await;
        self.request(&params.text_document_position.text_document.uri, move |r| {
            let Some(offset) = r.offset(at)? else { return Ok(None) };
            let completions = r.analysis.completions(r.file, offset)?;
            let index = r.line_index()?;
            let items = completions
                .items
                .iter()
                .map(|item| convert::completion_item(item, &index, r.encoding, r.client.snippets))
                .collect();
            let is_incomplete = completions.incomplete || schema_pending;
            Ok(Some(CompletionResponse::List(CompletionList { is_incomplete, items })))
        })
        .await
    }

    async fn completion_resolve(&self, mut item: CompletionItem) -> Result<CompletionItem> {
        let key = item.data.as_ref().and_then(|d| serde_json::from_value::<flux_ide::DocumentationKey>(d.clone()).ok());
        let markdown = self.with_session(|s| s.client.markdown_completion).unwrap_or(true);
        if let Some(key) = key
            && let Some(analysis) = self.with_session(|s| s.host.analysis())
            && let Some(text) = analysis.completion_documentation(&key)
        {
            item.documentation = Some(Documentation::MarkupContent(convert::markup(text, markdown)));
        }
        Ok(item)
    }

    async fn signature_help(&self, params: SignatureHelpParams) -> Result<Option<SignatureHelp>> {
        let at = params.text_document_position_params.position;
        self.request(&params.text_document_position_params.text_document.uri, move |r| {
            let Some(offset) = r.offset(at)? else { return Ok(None) };
            let help = r.analysis.signature_help(r.file, offset)?;
            Ok(help.map(|h| convert::signature_help(&h, r.client.markdown_signature)))
        })
        .await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params.position;
        self.request(&params.text_document_position_params.text_document.uri, move |r| {
            let Some(offset) = r.offset(at)? else { return Ok(None) };
            let mut locations = Vec::new();
            for target in r.analysis.definition(r.file, offset)? {
                locations.extend(r.location(target.file, target.range)?);
            }
            Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position.position;
        let declaration = params.context.include_declaration;
        self.request(&params.text_document_position.text_document.uri, move |r| {
            let Some(offset) = r.offset(at)? else { return Ok(None) };
            let mut locations = Vec::new();
            for reference in r.analysis.references(r.file, offset, declaration)? {
                locations.extend(r.location(reference.file, reference.range)?);
            }
            Ok(Some(locations))
        })
        .await
    }

    async fn document_highlight(&self, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params.position;
        self.request(&params.text_document_position_params.text_document.uri, move |r| {
            let Some(offset) = r.offset(at)? else { return Ok(None) };
            let index = r.line_index()?;
            let highlights = r
                .analysis
                .highlights(r.file, offset)?
                .iter()
                .map(|h| DocumentHighlight {
                    range: position::range(&index, h.range, r.encoding),
                    kind: Some(if h.definition { DocumentHighlightKind::WRITE } else { DocumentHighlightKind::READ }),
                })
                .collect();
            Ok(Some(highlights))
        })
        .await
    }

    async fn prepare_rename(&self, params: TextDocumentPositionParams) -> Result<Option<PrepareRenameResponse>> {
        let at = params.position;
        let answer = self
            .request(&params.text_document.uri, move |r| {
                let Some(offset) = r.offset(at)? else { return Ok(Err("no position".to_owned())) };
                let index = r.line_index()?;
                Ok(r.analysis.prepare_rename(r.file, offset)?.map(|range| position::range(&index, range, r.encoding)))
            })
            .await?;
        match answer {
            Ok(range) => Ok(Some(PrepareRenameResponse::Range(range))),
            Err(reason) => Err(Error::invalid_params(reason)),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position.position;
        let new_name = params.new_name;
        let answer = self
            .request(&params.text_document_position.text_document.uri, move |r| {
                let Some(offset) = r.offset(at)? else { return Ok(Err("no position".to_owned())) };
                match r.analysis.rename(r.file, offset, &new_name)? {
                    Ok(change) => Ok(Ok(r.workspace_edit(&change)?)),
                    Err(reason) => Ok(Err(reason)),
                }
            })
            .await?;
        answer.map(Some).map_err(Error::invalid_params)
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        let Some(analysis) = self.with_session(|s| s.host.analysis()) else { return Ok(None) };
        let query = params.query;
        let encoding = self.with_session(|s| s.encoding).unwrap_or(ColumnEncoding::Utf16);
        let found = tokio::task::spawn_blocking(move || -> Cancellable<Vec<SymbolInformation>> {
            let mut out = Vec::new();
            for symbol in analysis.workspace_symbols(&query)? {
                let Some(uri) = workspace::uri_of(&analysis.file_name(symbol.file)?) else { continue };
                let index = analysis.line_index(symbol.file)?;
                #[allow(deprecated)] // A required field of the type.
                out.push(SymbolInformation {
                    name: symbol.name,
                    kind: convert::symbol_kind(symbol.kind, None),
                    tags: None,
                    deprecated: None,
                    location: Location { uri, range: position::range(&index, symbol.range, encoding) },
                    container_name: Some(symbol.container),
                });
            }
            Ok(out)
        })
        .await;
        match found {
            Ok(Ok(symbols)) => Ok(Some(WorkspaceSymbolResponse::Flat(symbols))),
            Ok(Err(_)) => {
                Err(Error { code: ErrorCode::ContentModified, message: "the workspace changed".into(), data: None })
            }
            Err(e) => Err(internal_error(e)),
        }
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.request(&params.text_document.uri, move |r| {
            let index = r.line_index()?;
            let Some(range) = position::text_range(&index, range, r.encoding) else { return Ok(None) };
            let hints = r.analysis.inlay_hints(r.file, range, &r.settings.inlay_hints)?;
            Ok(Some(hints.iter().map(|h| convert::inlay_hint(h, &index, r.encoding)).collect()))
        })
        .await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        self.run_command(params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri;
        self.request(&uri, move |r| {
            let runnables = r.analysis.runnables(r.file)?;
            let index = r.line_index()?;
            Ok(Some(crate::run::code_lenses(&runnables, &index, r.encoding, &r.uri)))
        })
        .await
    }

    async fn code_lens_resolve(&self, lens: CodeLens) -> Result<CodeLens> {
        Ok(crate::run::resolve_code_lens(lens))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.format(&params.text_document.uri, None).await
    }

    async fn range_formatting(&self, params: DocumentRangeFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.format(&params.text_document.uri, Some(params.range)).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let range = params.range;
        self.request(&params.text_document.uri, move |r| {
            let index = r.line_index()?;
            let Some(range) = position::text_range(&index, range, r.encoding) else { return Ok(None) };
            let mut out = Vec::new();
            for action in r.analysis.code_actions(r.file, range)? {
                let diagnostic = convert::diagnostic(&action.diagnostic, &index, r.encoding, &r.uri);
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: action.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic]),
                    edit: Some(r.workspace_edit(&action.change)?),
                    is_preferred: action.preferred.then_some(true),
                    ..Default::default()
                }));
            }
            Ok(Some(out))
        })
        .await
    }

    async fn semantic_tokens_full(&self, params: SemanticTokensParams) -> Result<Option<SemanticTokensResult>> {
        let uri = params.text_document.uri;
        let data = self.request(&uri, |r| semantic_data(&r, None)).await?;
        let result_id = self.remember_tokens(&uri, data.clone());
        Ok(Some(SemanticTokensResult::Tokens(tokens::tokens(result_id, data.to_vec()))))
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let previous = self
            .with_session(|s| s.semantic_tokens.get(&workspace::file_name(&uri)).cloned())
            .flatten()
            .filter(|(id, _)| *id == params.previous_result_id);
        let data = self.request(&uri, |r| semantic_data(&r, None)).await?;
        let result_id = self.remember_tokens(&uri, data.clone());
        Ok(Some(match previous {
            Some((_, old)) => SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                result_id: Some(result_id),
                edits: tokens::diff(&old, &data),
            }),
            None => SemanticTokensFullDeltaResult::Tokens(tokens::tokens(result_id, data.to_vec())),
        }))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let range = params.range;
        let data = self
            .request(&params.text_document.uri, move |r| {
                let index = r.line_index()?;
                let range = position::text_range(&index, range, r.encoding);
                semantic_data(&r, Some(range.unwrap_or_else(|| flux_ide::TextRange::new(0, index.len()))))
            })
            .await?;
        Ok(Some(SemanticTokensRangeResult::Tokens(SemanticTokens { result_id: None, data: data.to_vec() })))
    }
}

impl Server {
    /// `window/workDoneProgress/cancel`: the cancel button of a run's progress.
    pub(crate) async fn progress_cancel(&self, params: WorkDoneProgressCancelParams) {
        self.with_session(|s| s.runs.cancel_token(&params.token));
    }

    /// Formatting edits; a file with a syntax error is left alone and the error says where.
    async fn format(&self, uri: &Uri, range: Option<Range>) -> Result<Option<Vec<TextEdit>>> {
        let answer = self
            .request(uri, move |r| {
                let index = r.line_index()?;
                let range = range.and_then(|range| position::text_range(&index, range, r.encoding));
                Ok(match r.analysis.format(r.file, range)? {
                    Ok(edits) => Ok(edits.iter().map(|e| convert::text_edit(e, &index, r.encoding)).collect()),
                    Err(declined) => {
                        let at = index.line_col(declined.range.start, ColumnEncoding::Utf32);
                        let (line, column, message) = (at.line + 1, at.col + 1, declined.message);
                        Err(match declined.reason {
                            FormatDeclinedReason::SyntaxError => {
                                format!("not formatted: syntax error at {line}:{column}: {message}")
                            }
                            FormatDeclinedReason::WouldLose => format!(
                                "not formatted: {message} (at {line}:{column}); the file is unchanged. \
                                 This is a bug in flx's formatter: please report it"
                            ),
                        })
                    }
                })
            })
            .await?;
        // -32803 is the protocol's RequestFailed.
        answer.map(Some).map_err(|message| Error {
            code: ErrorCode::ServerError(-32803),
            message: message.into(),
            data: None,
        })
    }

    /// Keeps a file's latest semantic tokens for the next delta request and names them.
    fn remember_tokens(&self, uri: &Uri, data: Arc<Vec<SemanticToken>>) -> String {
        self.with_session(|s| {
            let id = s.next_result_id();
            s.semantic_tokens.insert(workspace::file_name(uri), (id.clone(), data));
            id
        })
        .unwrap_or_default()
    }
}

fn semantic_data(r: &Request, range: Option<flux_ide::TextRange>) -> Cancellable<Arc<Vec<SemanticToken>>> {
    let found = r.analysis.semantic_tokens(r.file, range)?;
    let index = r.line_index()?;
    let text = r.analysis.file_text(r.file)?;
    Ok(Arc::new(tokens::encode(&found, &index, &text, r.encoding, r.client.multiline_tokens)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::LspService;

    async fn server_with(uri: &Uri, text: &str) -> (LspService<Server>, tower_lsp_server::ClientSocket) {
        let (service, socket) = LspService::new(Server::new);
        let params = InitializeParams::default();
        service.inner().initialize(params).await.unwrap();
        let document = TextDocumentItem::new(uri.clone(), "flux".to_owned(), 1, text.to_owned());
        service.inner().did_open(DidOpenTextDocumentParams { text_document: document }).await;
        (service, socket)
    }

    fn symbols_request(uri: &Uri) -> DocumentSymbolParams {
        DocumentSymbolParams {
            text_document: TextDocumentIdentifier::new(uri.clone()),
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        }
    }

    #[tokio::test]
    async fn a_panic_answers_its_request_and_the_server_goes_on() {
        let uri: Uri = "file:///t/p.flux".parse().unwrap();
        let (service, _socket) = server_with(&uri, "x = 1\n").await;
        let server = service.inner();
        let error = server.request(&uri, |_| -> Cancellable<()> { panic!("deliberate") }).await.unwrap_err();
        assert_eq!(error.code, ErrorCode::InternalError);
        assert_eq!(error.message, "internal error: deliberate");
        let symbols = server.document_symbol(symbols_request(&uri)).await.unwrap();
        assert!(matches!(symbols, Some(DocumentSymbolResponse::Flat(s)) if s[0].name == "x"));
    }

    #[tokio::test]
    async fn a_change_during_a_request_answers_content_modified() {
        let uri: Uri = "file:///t/c.flux".parse().unwrap();
        let (service, _socket) = server_with(&uri, "x = 1\n").await;
        let server = service.inner();
        let (started, wait_started) = tokio::sync::oneshot::channel();
        let request = server.request(&uri, move |r| {
            let _ = started.send(());
            // Ask until a change cancels the question (or give up, failing the test).
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            while std::time::Instant::now() < deadline {
                r.analysis.diagnostics(r.file)?;
            }
            Ok(())
        });
        let change = async {
            wait_started.await.unwrap();
            let params = DidChangeTextDocumentParams {
                text_document: VersionedTextDocumentIdentifier::new(uri.clone(), 2),
                content_changes: vec![TextDocumentContentChangeEvent {
                    range: None,
                    range_length: None,
                    text: "x = 2\n".to_owned(),
                }],
            };
            server.did_change(params).await;
        };
        let (answer, ()) = tokio::join!(request, change);
        assert_eq!(answer.unwrap_err().code, ErrorCode::ContentModified);
    }
}
