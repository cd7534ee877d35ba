//! The incremental analysis database.
//!
//! Inputs are the files' texts and the workspace configuration; everything else is a salsa
//! query derived from them, recomputed only when what it read has changed:
//!
//! ```text
//! SourceFile.text ──► parse ──► items ──► Item (one per top-level statement)
//!        │              │                   ├─ syntax: the statement (ranges relative to it)
//!        └─► line_index │                   └─ offset: where it starts in the file
//!                       └─► syntax_diagnostics
//! ```
//!
//! An edit reparses only the statements around it ([`flux_syntax::Parse::reparse`]); the
//! other statements keep the same `Arc`, their items compare equal, and every query that reads
//! only unchanged items is reused without running. Queries never do I/O: the host sets inputs.

mod item;
mod outline;
mod semantic;
mod tokens;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use flux_syntax::{LineIndex, Parse, Severity, SyntaxError};

pub use item::{Item, ItemKey, ItemKind, ItemSyntax, items};
pub use outline::{FoldKind, FoldRange, ItemOutline, Symbol, SymbolKind, item_outline};
pub use semantic::{
    analyze_in_place, file_definitions, file_imports, item_analysis, item_binding, item_facts, item_index,
    package_definition, package_files, package_name, semantic_diagnostics, visible_package_names,
};
pub use tokens::{FileNames, ItemTokens, SemanticToken, TokenModifiers, TokenType, file_names, item_tokens};

/// A Flux source file: an open document or a file of the workspace on disk.
#[salsa::input(debug)]
pub struct SourceFile {
    /// How the file is named to people: a path, or a URI for a document with no path.
    #[returns(ref)]
    pub path: String,
    #[returns(ref)]
    pub text: Arc<str>,
    /// The editor's version of an open document; `None` for a file read from disk.
    #[returns(copy)]
    pub version: Option<i32>,
}

/// The workspace: its files and its configuration.
#[salsa::input(debug)]
pub struct Workspace {
    #[returns(ref)]
    pub files: Vec<SourceFile>,
    #[returns(ref)]
    pub config: Config,
}

/// Settings that change what the analysis reports (see `docs/configuration.md`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Config {
    /// Diagnostic codes not to report, such as `W101`.
    pub disabled_diagnostics: Vec<String>,
    /// Whether the dashboard variable `v` (`v.timeRangeStart`, ...) is known.
    pub dashboard_variables: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config { disabled_diagnostics: Vec::new(), dashboard_variables: true }
    }
}

#[salsa::db]
pub trait Db: salsa::Database {
    /// The previous parse of each file, so that a new text is parsed incrementally.
    fn parse_cache(&self) -> &ParseCache;
}

/// The database. Cloning it makes another handle on the same storage, for reading on another
/// thread; setting an input cancels the queries running on other handles and waits for them
/// to be dropped.
#[salsa::db]
#[derive(Clone, Default)]
pub struct RootDatabase {
    storage: salsa::Storage<Self>,
    parse_cache: Arc<ParseCache>,
}

impl RootDatabase {
    /// A database that calls `on_event` for every salsa event (for tests that count
    /// executions).
    pub fn with_events(on_event: impl Fn(salsa::Event) + Send + Sync + 'static) -> RootDatabase {
        RootDatabase { storage: salsa::Storage::new(Some(Box::new(on_event))), parse_cache: Arc::default() }
    }
}

#[salsa::db]
impl salsa::Database for RootDatabase {}

#[salsa::db]
impl Db for RootDatabase {
    fn parse_cache(&self) -> &ParseCache {
        &self.parse_cache
    }
}

/// The last parse of each file with the text it was parsed from. Not part of salsa's
/// dependency tracking, and it need not be: [`flux_syntax::Parse::reparse`] returns exactly
/// what a full parse would, so the cache only makes [`parse`] faster, never different.
#[derive(Default)]
pub struct ParseCache(Mutex<HashMap<SourceFile, Parsed>>);

/// A text and its parse.
type Parsed = (Arc<str>, Arc<Parse>);

impl ParseCache {
    fn get(&self, file: SourceFile) -> Option<Parsed> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).get(&file).cloned()
    }

    fn put(&self, file: SourceFile, text: Arc<str>, parse: Arc<Parse>) {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(file, (text, parse));
    }
}

/// The file's syntax tree and syntax errors, reparsed incrementally from the previous parse.
#[salsa::tracked(returns(ref), no_eq)]
pub fn parse(db: &dyn Db, file: SourceFile) -> Arc<Parse> {
    let text = file.text(db).clone();
    let parse = match db.parse_cache().get(file) {
        Some((old_text, old)) if *old_text == *text => old,
        Some((old_text, old)) => Arc::new(old.reparse(&old_text, &text)),
        None => Arc::new(flux_syntax::parse(&text)),
    };
    db.parse_cache().put(file, text, parse.clone());
    parse
}

#[salsa::tracked(returns(ref))]
pub fn line_index(db: &dyn Db, file: SourceFile) -> Arc<LineIndex> {
    Arc::new(LineIndex::new(file.text(db)))
}

/// A problem in a file, with ranges into the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub range: flux_syntax::TextRange,
    pub related: Vec<flux_syntax::RelatedInfo>,
    /// A replacement for the text at `range` that fixes the mistake.
    pub suggestion: Option<flux_syntax::smol_str::SmolStr>,
}

impl From<&SyntaxError> for Diagnostic {
    fn from(e: &SyntaxError) -> Diagnostic {
        Diagnostic {
            severity: e.severity(),
            code: e.code(),
            message: e.message.clone(),
            range: e.range,
            related: e.related.clone(),
            suggestion: None,
        }
    }
}

/// The file's syntax errors, less those the configuration disables.
#[salsa::tracked(returns(ref))]
pub fn syntax_diagnostics(db: &dyn Db, file: SourceFile, workspace: Workspace) -> Vec<Diagnostic> {
    let disabled = &workspace.config(db).disabled_diagnostics;
    parse(db, file)
        .errors
        .iter()
        .filter(|e| !disabled.iter().any(|code| code == e.code()))
        .map(Diagnostic::from)
        .collect()
}

#[cfg(test)]
mod tests;
