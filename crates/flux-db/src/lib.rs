//! The incremental analysis database.
//!
//! Inputs are the files, each with its text, its parse and its top-level statements (one
//! [`Item`] input per statement), and the workspace configuration; everything else is a
//! salsa query derived from them, recomputed only when what it read has changed:
//!
//! ```text
//! SourceFile ─ text, parse, offsets, items ──► line_index, syntax_diagnostics, file-level queries
//!     ├─ definitions: name -> [Item] ─────────► definitions(name) ─┐
//!     └─ Item ─ syntax (the statement), order ─► item_body ◄─────────┘──► item_binding, item_tokens,
//!                                                   │                   item_diagnostics, item_usage
//!                                                   └─ reads other items' item_binding
//!   item_usage of every item ──► file_problems ─┐
//!   item_diagnostics of every item ─────────────┴─► semantic_diagnostics (+ offsets)
//! ```
//!
//! The host keeps the inputs in step with the texts ([`Files`]): it reparses a changed text
//! incrementally from the previous parse and sets only the items whose statements changed.
//! Queries never do I/O.
//!
//! **Durability.** A keystroke changes one statement. Statements an editor has not touched,
//! the definitions and the imports are set with a durability above what a keystroke changes,
//! so salsa knows without looking that every query reading only those is still valid: after
//! an edit, only the queries reading the edited statements (and the file-level queries
//! reading the text and the statement list) are checked again, not the whole file. A
//! statement's first edit lowers its durability, which costs one check of everything (its
//! old durability was written); definitions coming or going cost the same.

mod input;
mod item;
mod outline;
mod semantic;
mod tokens;

use std::sync::Arc;

use flux_syntax::smol_str::SmolStr;
use flux_syntax::{LineIndex, Parse, Severity, SyntaxError};

pub use input::{Files, Origin};
pub use item::{Definitions, Item, ItemKey, ItemKind, ItemSyntax, item_index, item_ref, item_with_ref};
pub use outline::{Fold, FoldKind, ItemOutline, Symbol, SymbolKind, comment_folds, item_outline};
pub use semantic::{
    file_imports, file_problems, item_binding, item_body, item_diagnostics, item_usage, package_definition,
    package_files, semantic_diagnostics, statement_in_place, visible_package_names, with_env,
};
pub use tokens::{SemanticToken, TokenModifiers, TokenType, item_tokens};

/// A Flux source file: an open document or a file of the workspace on disk. Set by [`Files`].
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
    /// The syntax tree of the whole text and its syntax errors.
    #[returns(ref)]
    pub parse: Arc<Parse>,
    /// The top-level statements, in order.
    #[returns(ref)]
    pub items: Arc<[Item]>,
    /// The package-level names the statements define, each with the statements defining it in
    /// order: set only when a definition comes, goes or moves, so that adding or removing
    /// other statements changes nothing a statement's analysis reads.
    #[returns(ref)]
    pub definitions: Arc<Definitions>,
    /// Where each item's chunk of text starts, in the order of `items`.
    #[returns(ref)]
    pub offsets: Arc<[u32]>,
    /// The name the package clause declares (`main` without one).
    #[returns(ref)]
    pub package_name: SmolStr,
    /// The file's imports as its statements see them: names and packages, without positions,
    /// so that text moving around the imports changes nothing.
    #[returns(ref)]
    pub import_names: Arc<flux_semantic::FileImports>,
}

/// The workspace: its files and its configuration. One per database ([`Workspace::get`]), so
/// that queries take a file or an item alone: a query of several arguments costs a lookup of
/// their combination at every call.
#[salsa::input(singleton, debug)]
pub struct Workspace {
    #[returns(ref)]
    pub files: Vec<SourceFile>,
    #[returns(ref)]
    pub config: Config,
}

/// Settings that change what the analysis reports (see `docs/configuration.md`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Config {
    /// Diagnostic codes not to report, such as `W101`.
    pub disabled_diagnostics: Vec<String>,
    /// The values InfluxDB defines for scripts: the dashboard variable `v` (which custom
    /// variables it has) and the task option `task`.
    pub predefined: flux_semantic::Predefined,
}

#[salsa::db]
pub trait Db: salsa::Database {}

/// The database. Cloning it makes another handle on the same storage, for reading on another
/// thread; setting an input cancels the queries running on other handles and waits for them
/// to be dropped.
#[salsa::db]
#[derive(Clone, Default)]
pub struct RootDatabase {
    storage: salsa::Storage<Self>,
}

impl RootDatabase {
    /// A database that calls `on_event` for every salsa event (for tests that count
    /// executions).
    pub fn with_events(on_event: impl Fn(salsa::Event) + Send + Sync + 'static) -> RootDatabase {
        RootDatabase { storage: salsa::Storage::new(Some(Box::new(on_event))) }
    }
}

#[salsa::db]
impl salsa::Database for RootDatabase {}

#[salsa::db]
impl Db for RootDatabase {}

/// Where `item` starts in its file.
pub fn item_offset(db: &dyn Db, item: Item) -> u32 {
    let file = item.file(db);
    file.offsets(db).get(item_index(db, item)).copied().unwrap_or(0)
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
    pub message: SmolStr,
    pub range: flux_syntax::TextRange,
    pub related: Vec<flux_syntax::RelatedInfo>,
    /// A replacement for the text at `range` that fixes the mistake.
    pub suggestion: Option<SmolStr>,
}

impl From<&SyntaxError> for Diagnostic {
    fn from(e: &SyntaxError) -> Diagnostic {
        Diagnostic {
            severity: e.severity(),
            code: e.code(),
            message: SmolStr::new(&e.message),
            range: e.range,
            related: e.related.clone(),
            suggestion: None,
        }
    }
}

/// The file's syntax errors, less those the configuration disables.
#[salsa::tracked(returns(ref))]
pub fn syntax_diagnostics(db: &dyn Db, file: SourceFile) -> Vec<Diagnostic> {
    let disabled = &Workspace::get(db).config(db).disabled_diagnostics;
    file.parse(db)
        .errors
        .iter()
        .filter(|e| !disabled.iter().any(|code| code == e.code()))
        .map(Diagnostic::from)
        .collect()
}

#[cfg(test)]
mod tests;
