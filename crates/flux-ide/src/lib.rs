//! The editor features of flx, behind one API.
//!
//! [`AnalysisHost`] owns the database and applies changes; [`Analysis`] is a snapshot for
//! answering requests, cheap to make and safe to use on another thread. Every answer is a plain
//! struct with byte offsets into the file: the language server and the command line convert
//! them to their own terms. A snapshot's queries are cancelled when the host applies a
//! change; they then return `Err(Cancelled)`.

mod actions;
mod codes;
mod completion;
mod cursor;
mod folding;
mod format;
mod fuzzy;
mod header;
mod hover;
mod inlay;
mod markup;
mod navigation;
mod program;
mod run;
pub mod schema;
mod selection;
mod semantic_tokens;
mod signature;
mod symbols;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use flux_db::{Files, RootDatabase, SourceFile, Workspace};
use rustc_hash::FxHashSet;
use salsa::{Durability, Setter};

pub use actions::CodeAction;
pub use codes::{DiagnosticCode, diagnostic_code, diagnostic_codes};
pub use completion::{COMPLETION_LIMIT, CompletionItem, CompletionKind, Completions, DocumentationKey};
pub use flux_db::{Config, Diagnostic, Fold, FoldKind, Origin, SemanticToken, SymbolKind, TokenModifiers, TokenType};
pub use flux_fmt::{Declined as FormatDeclined, Reason as FormatDeclinedReason};
pub use flux_semantic::ir::{Program, ProgramFile, ProgramStatement};
pub use flux_semantic::{DashboardVariables, Predefined};
pub use flux_syntax::{ColumnEncoding, LineCol, LineIndex, RelatedInfo, Severity, TextRange};
pub use hover::HoverResult;
pub use inlay::{InlayConfig, InlayHint, InlayKind};
pub use markup::plain_text;
pub use navigation::{Location, Reference, SourceChange, WORKSPACE_SYMBOL_LIMIT, WorkspaceSymbol};
pub use run::{RunInput, RunScope, Runnable, RunnableKind, compile};
pub use schema::{Schema, SchemaProvider};
pub use signature::{SignatureHelp, SignatureParameter};
pub use symbols::DocumentSymbol;

/// A request interrupted by a change to the inputs; answer it again on a new snapshot.
pub use salsa::Cancelled;
pub type Cancellable<T> = Result<T, Cancelled>;

/// Replace the text at `range` with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// A file known to the analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileId(SourceFile);

/// Owns the database; the only place inputs change.
pub struct AnalysisHost {
    db: RootDatabase,
    workspace: Workspace,
    inputs: Files,
    files: HashMap<String, SourceFile>,
    /// Files that left the workspace, emptied, kept to be reused if they come back.
    removed: HashMap<String, SourceFile>,
    /// Not a database input: only completion reads it, and it is not derived from the files.
    schema: Option<Arc<Schema>>,
    /// Files with many statements not analyzed yet (new, or mostly replaced): the first
    /// snapshot to need them analyzes them on two threads.
    fresh: Arc<Mutex<FxHashSet<SourceFile>>>,
}

/// A file with at least this many new statements has them analyzed on two threads.
const PARALLEL_STATEMENTS: usize = 512;

impl Default for AnalysisHost {
    fn default() -> Self {
        AnalysisHost::new(Config::default())
    }
}

impl AnalysisHost {
    pub fn new(config: Config) -> AnalysisHost {
        let db = RootDatabase::default();
        let workspace = Workspace::builder(Vec::new(), config).durability(Durability::HIGH).new(&db);
        AnalysisHost {
            db,
            workspace,
            inputs: Files::default(),
            files: HashMap::new(),
            removed: HashMap::new(),
            schema: None,
            fresh: Arc::default(),
        }
    }

    /// Adds or updates the file called `name` (a path or URI) and returns its id.
    pub fn set_file(&mut self, name: &str, text: Arc<str>, version: Option<i32>, origin: Origin) -> FileId {
        let (file, changed) = match (self.files.get(name).copied(), self.removed.remove(name)) {
            (Some(file), _) | (None, Some(file)) => {
                (file, self.inputs.update(&mut self.db, file, text, version, origin))
            }
            (None, None) => {
                let file = self.inputs.create(&mut self.db, name.to_owned(), text, version, origin);
                (file, file.items(&self.db).len())
            }
        };
        if changed >= PARALLEL_STATEMENTS {
            self.fresh.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(file);
        }
        if self.files.insert(name.to_owned(), file).is_none() {
            self.set_workspace_files();
        }
        FileId(file)
    }

    pub fn remove_file(&mut self, name: &str) {
        if let Some(file) = self.files.remove(name) {
            self.set_workspace_files();
            self.inputs.clear(&mut self.db, file);
            self.removed.insert(name.to_owned(), file);
        }
    }

    fn set_workspace_files(&mut self) {
        let mut files: Vec<SourceFile> = self.files.values().copied().collect();
        files.sort_by(|a, b| a.path(&self.db).cmp(b.path(&self.db)));
        self.workspace.set_files(&mut self.db).with_durability(Durability::MEDIUM).to(files);
    }

    pub fn file(&self, name: &str) -> Option<FileId> {
        self.files.get(name).copied().map(FileId)
    }

    pub fn set_config(&mut self, config: Config) {
        if *self.workspace.config(&self.db) != config {
            self.workspace.set_config(&mut self.db).with_durability(Durability::HIGH).to(config);
        }
    }

    /// What completion knows of the data (buckets, measurements, tags), if anything.
    pub fn set_schema(&mut self, schema: Option<Arc<Schema>>) {
        self.schema = schema;
    }

    /// A snapshot for answering requests, possibly on another thread. Drop it soon: the next
    /// change waits until every snapshot is gone (after cancelling their queries).
    pub fn analysis(&self) -> Analysis {
        Analysis { db: self.db.clone(), schema: self.schema.clone(), fresh: self.fresh.clone() }
    }
}

/// What the features reading every statement of a file ask of each: its body and what the
/// file-level diagnostics read of it.
fn prefetch_item(db: &RootDatabase, item: flux_db::Item) {
    flux_db::item_diagnostics(db, item);
    flux_db::item_usage(db, item);
}

/// A read-only view of the analysis at one moment.
#[derive(Clone)]
pub struct Analysis {
    db: RootDatabase,
    schema: Option<Arc<Schema>>,
    fresh: Arc<Mutex<FxHashSet<SourceFile>>>,
}

impl Analysis {
    fn with_db<T>(&self, f: impl FnOnce(&RootDatabase) -> T + std::panic::UnwindSafe) -> Cancellable<T> {
        let db = std::panic::AssertUnwindSafe(&self.db);
        Cancelled::catch(std::panic::AssertUnwindSafe(|| f(*db)))
    }

    /// Analyzes the statements of a fresh file on two threads: half here, half on a helper
    /// with its own handle on the database. Salsa shares the results (and waits when both
    /// need the same statement), so the features that read every statement find them done.
    fn prefetch(&self, file: FileId) -> Cancellable<()> {
        let fresh = self.fresh.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).contains(&file.0);
        if !fresh {
            return Ok(());
        }
        let items = self.with_db(|db| file.0.items(db).clone())?;
        let (first, second) = items.split_at(items.len() / 2);
        let helper_db = self.db.clone();
        std::thread::scope(|scope| {
            let helper = scope.spawn(move || {
                Cancelled::catch(std::panic::AssertUnwindSafe(|| {
                    for item in second {
                        prefetch_item(&helper_db, *item);
                    }
                }))
            });
            let mine = self.with_db(|db| {
                for item in first {
                    prefetch_item(db, *item);
                }
            });
            let theirs = helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            mine.and(theirs)
        })?;
        self.fresh.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(&file.0);
        Ok(())
    }

    /// The names of all files, for listing a workspace.
    pub fn files(&self) -> Cancellable<Vec<(FileId, String)>> {
        self.with_db(move |db| Workspace::get(db).files(db).iter().map(|f| (FileId(*f), f.path(db).clone())).collect())
    }

    /// The name the file was added under (a path or a URI).
    pub fn file_name(&self, file: FileId) -> Cancellable<String> {
        self.with_db(|db| file.0.path(db).clone())
    }

    pub fn file_text(&self, file: FileId) -> Cancellable<Arc<str>> {
        self.with_db(|db| file.0.text(db).clone())
    }

    pub fn file_version(&self, file: FileId) -> Cancellable<Option<i32>> {
        self.with_db(|db| file.0.version(db))
    }

    pub fn line_index(&self, file: FileId) -> Cancellable<Arc<LineIndex>> {
        self.with_db(|db| flux_db::line_index(db, file.0).clone())
    }

    /// The file's package as the executor runs it: every statement of the package's files,
    /// lowered, resolved and typed. Owned: keep it after the snapshot is gone.
    pub fn program(&self, file: FileId) -> Cancellable<Arc<Program>> {
        self.prefetch(file)?;
        self.with_db(move |db| program::program(db, file.0))
    }

    /// The statements of the file an editor offers to run, and its test cases, in order.
    pub fn runnables(&self, file: FileId) -> Cancellable<Vec<Runnable>> {
        self.with_db(move |db| run::runnables(db, file.0))
    }

    /// The program that runs `scope` of the file; `Err` says why there is nothing to run.
    pub fn run_input(&self, file: FileId, scope: RunScope) -> Cancellable<Result<RunInput, String>> {
        self.prefetch(file)?;
        self.with_db(move |db| run::run_input(db, file.0, scope))
    }

    /// The file's problems, in source order.
    pub fn diagnostics(&self, file: FileId) -> Cancellable<Vec<Diagnostic>> {
        self.prefetch(file)?;
        self.with_db(move |db| {
            let syntax = flux_db::syntax_diagnostics(db, file.0);
            let semantic = flux_db::semantic_diagnostics(db, file.0);
            let mut all: Vec<Diagnostic> = syntax.iter().chain(semantic).cloned().collect();
            all.sort_by_key(|d| (d.range.start, d.range.end));
            all
        })
    }

    /// The file's declarations as a tree.
    pub fn document_symbols(&self, file: FileId) -> Cancellable<Vec<DocumentSymbol>> {
        self.with_db(|db| symbols::document_symbols(db, file.0))
    }

    pub fn folding_ranges(&self, file: FileId) -> Cancellable<Vec<Fold>> {
        self.with_db(|db| folding::folding_ranges(db, file.0))
    }

    /// For each offset, the ranges of the nodes around it, innermost first.
    pub fn selection_ranges(&self, file: FileId, offsets: &[u32]) -> Cancellable<Vec<Vec<TextRange>>> {
        self.with_db(|db| offsets.iter().map(|&o| selection::selection_ranges(db, file.0, o)).collect())
    }

    /// Semantic tokens in source order, all of them or those overlapping `range`.
    pub fn semantic_tokens(&self, file: FileId, range: Option<TextRange>) -> Cancellable<Vec<SemanticToken>> {
        self.prefetch(file)?;
        self.with_db(move |db| semantic_tokens::semantic_tokens(db, file.0, range))
    }

    pub fn hover(&self, file: FileId, offset: u32) -> Cancellable<Option<HoverResult>> {
        self.with_db(move |db| hover::hover(db, file.0, offset))
    }

    pub fn completions(&self, file: FileId, offset: u32) -> Cancellable<Completions> {
        let schema = self.schema.clone();
        self.with_db(move |db| completion::completions(db, file.0, offset, schema.as_deref()))
    }

    /// The documentation of a completion item, in Markdown.
    pub fn completion_documentation(&self, key: &DocumentationKey) -> Option<String> {
        completion::documentation(key)
    }

    pub fn signature_help(&self, file: FileId, offset: u32) -> Cancellable<Option<SignatureHelp>> {
        self.with_db(move |db| signature::signature_help(db, file.0, offset))
    }

    pub fn definition(&self, file: FileId, offset: u32) -> Cancellable<Vec<Location>> {
        self.with_db(move |db| navigation::definition(db, file.0, offset))
    }

    pub fn references(&self, file: FileId, offset: u32, include_declaration: bool) -> Cancellable<Vec<Reference>> {
        self.with_db(move |db| navigation::references(db, file.0, offset, include_declaration))
    }

    pub fn highlights(&self, file: FileId, offset: u32) -> Cancellable<Vec<Reference>> {
        self.with_db(move |db| navigation::highlights(db, file.0, offset))
    }

    /// The range of the name to rename, or why it cannot be renamed.
    pub fn prepare_rename(&self, file: FileId, offset: u32) -> Cancellable<Result<TextRange, String>> {
        self.with_db(move |db| navigation::prepare_rename(db, file.0, offset))
    }

    pub fn rename(&self, file: FileId, offset: u32, new_name: &str) -> Cancellable<Result<SourceChange, String>> {
        self.with_db(move |db| navigation::rename(db, file.0, offset, new_name))
    }

    /// Declarations of the workspace's files matching `query` (fuzzily), best first.
    pub fn workspace_symbols(&self, query: &str) -> Cancellable<Vec<WorkspaceSymbol>> {
        self.with_db(move |db| navigation::workspace_symbols(db, query))
    }

    pub fn inlay_hints(&self, file: FileId, range: TextRange, config: &InlayConfig) -> Cancellable<Vec<InlayHint>> {
        self.prefetch(file)?;
        self.with_db(move |db| inlay::inlay_hints(db, file.0, range, config))
    }

    /// The edits that format the file (those touching `range`, if given), or why it is not
    /// formatted: a syntax error, or the formatter's safety net (see [`FormatDeclined`]).
    pub fn format(&self, file: FileId, range: Option<TextRange>) -> Cancellable<Result<Vec<TextEdit>, FormatDeclined>> {
        self.with_db(move |db| format::format(db, file.0, range))
    }

    /// Fixes for the diagnostics overlapping `range`.
    pub fn code_actions(&self, file: FileId, range: TextRange) -> Cancellable<Vec<CodeAction>> {
        let diagnostics = self.diagnostics(file)?;
        self.with_db(move |db| actions::code_actions(db, file.0, range, &diagnostics))
    }
}

#[cfg(test)]
mod tests;
