//! The server's mutable state: open documents, the analysis host, settings, and what the
//! client can do. It lives behind one lock that is never held across an `.await`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use flux_ide::{AnalysisHost, ColumnEncoding, FileId, Origin};
use ropey::Rope;
use tower_lsp_server::ls_types::{ClientCapabilities, MarkupKind, TextDocumentContentChangeEvent, Uri};

use crate::config::Settings;
use crate::position;
use crate::workspace;

/// What the client told us it supports, read once at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientFeatures {
    /// It asks for diagnostics (`textDocument/diagnostic`) instead of waiting for them.
    pub pull_diagnostics: bool,
    pub hierarchical_symbols: bool,
    pub multiline_tokens: bool,
    /// Which documentation it can show as Markdown (or else gets plain text): hover,
    /// completion items, signature help.
    pub markdown_hover: bool,
    pub markdown_completion: bool,
    pub markdown_signature: bool,
    pub watch_files: bool,
    pub configuration_requests: bool,
    pub diagnostic_refresh: bool,
    /// At most this many folding ranges, if the client says.
    pub folding_range_limit: Option<usize>,
    pub snippets: bool,
    /// It shows server-made progress (`window/workDoneProgress/create`).
    pub work_done_progress: bool,
}

/// Markdown unless the client lists the formats it shows and Markdown is not among them
/// (eglot without markdown-mode offers only plain text).
fn offers_markdown(formats: Option<&Vec<MarkupKind>>) -> bool {
    formats.is_none_or(|formats| formats.contains(&MarkupKind::Markdown))
}

impl ClientFeatures {
    pub fn from_capabilities(c: &ClientCapabilities) -> ClientFeatures {
        let text = c.text_document.as_ref();
        let workspace = c.workspace.as_ref();
        ClientFeatures {
            pull_diagnostics: text.is_some_and(|t| t.diagnostic.is_some()),
            hierarchical_symbols: text
                .and_then(|t| t.document_symbol.as_ref())
                .and_then(|s| s.hierarchical_document_symbol_support)
                .unwrap_or(false),
            multiline_tokens: text
                .and_then(|t| t.semantic_tokens.as_ref())
                .and_then(|s| s.multiline_token_support)
                .unwrap_or(false),
            markdown_hover: offers_markdown(
                text.and_then(|t| t.hover.as_ref()).and_then(|h| h.content_format.as_ref()),
            ),
            markdown_completion: offers_markdown(
                text.and_then(|t| t.completion.as_ref())
                    .and_then(|c| c.completion_item.as_ref())
                    .and_then(|i| i.documentation_format.as_ref()),
            ),
            markdown_signature: offers_markdown(
                text.and_then(|t| t.signature_help.as_ref())
                    .and_then(|s| s.signature_information.as_ref())
                    .and_then(|i| i.documentation_format.as_ref()),
            ),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            configuration_requests: workspace.and_then(|w| w.configuration).unwrap_or(false),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            folding_range_limit: text
                .and_then(|t| t.folding_range.as_ref())
                .and_then(|f| f.range_limit)
                .map(|l| l as usize),
            snippets: text
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            work_done_progress: c.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        }
    }
}

/// A document open in the editor.
pub struct Document {
    pub uri: Uri,
    pub rope: Rope,
    pub version: i32,
}

pub struct Session {
    pub host: AnalysisHost,
    pub encoding: ColumnEncoding,
    pub client: ClientFeatures,
    pub settings: Settings,
    /// Open documents by file name (see [`workspace::file_name`]).
    pub documents: HashMap<String, Document>,
    /// Files of the workspace folders known from disk, by name.
    pub disk: HashMap<String, Uri>,
    pub roots: Vec<PathBuf>,
    /// Files whose diagnostics are to be pushed to the client.
    pub dirty: BTreeSet<String>,
    /// Files the client holds pushed diagnostics for (which must be cleared when they go), with
    /// the id of the report sent.
    pub published: BTreeMap<String, (Uri, String)>,
    /// The last semantic tokens sent for each file, for answering delta requests.
    pub semantic_tokens: HashMap<String, (String, Arc<Vec<tower_lsp_server::ls_types::SemanticToken>>)>,
    pub runs: crate::run::Runs,
    pub live: crate::live::Live,
    /// The document opened or edited last: what a command without an argument is about.
    pub last_document: Option<Uri>,
    next_result_id: u64,
}

impl Session {
    pub fn new(encoding: ColumnEncoding, client: ClientFeatures, settings: Settings, roots: Vec<PathBuf>) -> Session {
        Session {
            host: AnalysisHost::new(settings.analysis.clone()),
            encoding,
            client,
            settings,
            documents: HashMap::new(),
            disk: HashMap::new(),
            roots,
            dirty: BTreeSet::new(),
            published: BTreeMap::new(),
            semantic_tokens: HashMap::new(),
            runs: Default::default(),
            live: Default::default(),
            last_document: None,
            next_result_id: 0,
        }
    }

    /// The connection runs use: the one `flux.setConnection` chose, else the setting.
    pub fn runs_connection(&self) -> crate::run::Choice {
        self.runs.chosen.clone().or_else(|| self.settings.connection.clone().map(Some))
    }

    /// The schema file's content (`None`: no file), merged with the live schema.
    pub fn set_file_schema(&mut self, schema: Option<Arc<flux_ide::Schema>>) {
        self.live.file = schema;
        self.apply_schema();
    }

    /// Gives the analysis the schema completion uses.
    fn apply_schema(&mut self) {
        let combined = if self.settings.live_schema { self.live.combined() } else { self.live.file.clone() };
        self.host.set_schema(combined);
    }

    pub fn next_result_id(&mut self) -> String {
        self.next_result_id += 1;
        self.next_result_id.to_string()
    }

    /// The URI to report a file's results under.
    pub fn uri(&self, name: &str) -> Option<Uri> {
        self.documents.get(name).map(|d| d.uri.clone()).or_else(|| self.disk.get(name).cloned())
    }

    pub fn file(&self, uri: &Uri) -> Option<FileId> {
        self.host.file(&workspace::file_name(uri))
    }

    /// Whether the server pushes this file's diagnostics (rather than the client pulling them,
    /// or nobody wanting them).
    pub fn pushes_diagnostics(&self, name: &str) -> bool {
        if self.documents.contains_key(name) {
            !self.client.pull_diagnostics
        } else {
            self.settings.workspace_diagnostics && self.disk.contains_key(name)
        }
    }

    /// Marks a file's diagnostics for pushing if they are pushed at all, or for clearing if
    /// the client holds old ones that are no longer wanted.
    pub fn mark_dirty(&mut self, name: &str) {
        if self.pushes_diagnostics(name) || self.published.contains_key(name) {
            self.dirty.insert(name.to_owned());
        }
    }

    pub fn open(&mut self, uri: Uri, text: String, version: i32) -> String {
        let name = workspace::file_name(&uri);
        self.host.set_file(&name, Arc::from(text.as_str()), Some(version), Origin::Editor);
        self.last_document = Some(uri.clone());
        self.documents.insert(name.clone(), Document { uri, rope: Rope::from_str(&text), version });
        self.mark_dirty(&name);
        name
    }

    /// Applies the edits of one `didChange`, in order, to the document's text.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> Result<String, String> {
        let name = workspace::file_name(uri);
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(&name) else {
            return Err(format!("change to a document that is not open: {}", uri.as_str()));
        };
        let mut warning = None;
        if version <= document.version {
            warning = Some(format!(
                "{}: version {version} after version {}; applying the change anyway",
                uri.as_str(),
                document.version
            ));
        }
        for change in changes {
            match change.range {
                Some(range) => {
                    let start = position::rope_char(&document.rope, range.start, encoding);
                    let end = position::rope_char(&document.rope, range.end, encoding).max(start);
                    document.rope.remove(start..end);
                    document.rope.insert(start, &change.text);
                }
                None => document.rope = Rope::from_str(&change.text),
            }
        }
        document.version = version;
        self.last_document = Some(document.uri.clone());
        // Run errors describe the text that ran.
        self.runs.errors.remove(&name);
        let text: Arc<str> = Arc::from(String::from(&document.rope));
        self.host.set_file(&name, text, Some(version), Origin::Editor);
        self.mark_dirty(&name);
        warning.map_or(Ok(name), Err)
    }

    /// Closes a document. A file of the workspace falls back to its text on disk: its path is
    /// returned, to be read outside the lock and handed to [`Session::reread`]; any other file is
    /// forgotten.
    pub fn close(&mut self, uri: &Uri) -> Option<PathBuf> {
        let name = workspace::file_name(uri);
        self.documents.remove(&name)?;
        if self.last_document.as_ref() == Some(uri) {
            self.last_document = None;
        }
        self.semantic_tokens.remove(&name);
        let path = workspace::file_path(uri).filter(|path| self.in_workspace(path));
        if path.is_none() {
            self.disk.remove(&name);
            self.host.remove_file(&name);
            self.mark_dirty(&name);
        }
        path
    }

    /// The text of a closed document's file as read from disk (`None`: it could not be read).
    /// Nothing happens if the document was opened again meanwhile.
    pub fn reread(&mut self, uri: &Uri, text: Option<String>) {
        let name = workspace::file_name(uri);
        if self.documents.contains_key(&name) {
            return;
        }
        match text {
            Some(text) => {
                self.disk.insert(name.clone(), uri.clone());
                self.host.set_file(&name, Arc::from(text), None, Origin::Disk);
            }
            None => {
                self.disk.remove(&name);
                self.host.remove_file(&name);
            }
        }
        self.mark_dirty(&name);
    }

    pub fn in_workspace(&self, path: &std::path::Path) -> bool {
        workspace::is_flux(path) && self.roots.iter().any(|root| path.starts_with(root))
    }

    /// Records a file read from disk, unless it is open (the editor's text wins).
    pub fn set_disk_file(&mut self, path: &std::path::Path, text: String) {
        let name = path.display().to_string();
        if self.documents.contains_key(&name) {
            return;
        }
        let Some(uri) = Uri::from_file_path(path) else { return };
        self.disk.insert(name.clone(), uri);
        self.host.set_file(&name, Arc::from(text), None, Origin::Disk);
        self.mark_dirty(&name);
    }

    pub fn remove_disk_file(&mut self, path: &std::path::Path) {
        let name = path.display().to_string();
        if self.documents.contains_key(&name) || self.disk.remove(&name).is_none() {
            return;
        }
        self.host.remove_file(&name);
        self.mark_dirty(&name);
    }

    /// Drops the disk files below `root` when its folder leaves the workspace.
    pub fn remove_root(&mut self, root: &std::path::Path) {
        self.roots.retain(|r| r != root);
        let gone: Vec<String> = self
            .disk
            .keys()
            .filter(|name| std::path::Path::new(name.as_str()).starts_with(root))
            .filter(|name| !self.roots.iter().any(|r| std::path::Path::new(name.as_str()).starts_with(r)))
            .cloned()
            .collect();
        for name in gone {
            self.remove_disk_file(std::path::Path::new(&name));
        }
    }

    pub fn set_settings(&mut self, settings: Settings) {
        let live_changed = (settings.connection != self.settings.connection && self.runs.chosen.is_none())
            || settings.live_schema != self.settings.live_schema
            || settings.trust_workspace != self.settings.trust_workspace;
        self.host.set_config(settings.analysis.clone());
        self.settings = settings;
        if live_changed {
            self.live.connection_changed();
            self.apply_schema();
        }
        let names: Vec<String> = self.documents.keys().chain(self.disk.keys()).cloned().collect();
        for name in names {
            self.mark_dirty(&name);
        }
    }
}
