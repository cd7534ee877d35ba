//! Semantic analysis, per top-level statement.
//!
//! [`item_body`] resolves, infers and lowers one statement. It reads the types of the
//! package-level names the statement uses through [`item_binding`] of the statements defining
//! them, so an edit inside a statement re-infers it, and re-infers another statement only if
//! it uses a name whose type changed: salsa compares the new binding with the old one and
//! stops there when they are equal.

use std::sync::Arc;

use flux_semantic::{Body, Env, FileImports, FileProblems, ItemRef, PackageValue, SemanticDiagnostic, StatementUsage};
use flux_syntax::smol_str::SmolStr;
use rustc_hash::FxHashSet;

use crate::item::item_ref;
use crate::{Db, Diagnostic, Item, SourceFile, Workspace};

/// The file's imports with their positions, and the problems with them.
#[salsa::tracked(returns(ref))]
pub fn file_imports(db: &dyn Db, file: SourceFile) -> Arc<FileImports> {
    Arc::new(flux_semantic::analyze_imports(&file.parse(db).file))
}

fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.flux")
}

fn directory(path: &str) -> &str {
    path.rfind(['/', '\\']).map_or("", |i| &path[..i])
}

/// The other files of the file's package, in path order: the files in the same directory with
/// the same package clause. Test files stand alone, as in the standard library, where the test
/// files of a package reuse names.
#[salsa::tracked(returns(ref))]
pub fn package_files(db: &dyn Db, file: SourceFile) -> Vec<SourceFile> {
    let path = file.path(db);
    if is_test_file(path) {
        return Vec::new();
    }
    let name = file.package_name(db);
    let dir = directory(path);
    Workspace::get(db)
        .files(db)
        .iter()
        .copied()
        .filter(|other| {
            let other_path = other.path(db);
            *other != file
                && directory(other_path) == dir
                && !is_test_file(other_path)
                && other.package_name(db) == name
        })
        .collect()
}

/// The files of the package whose names this file sees: those before it in path order.
fn earlier_package_files(db: &dyn Db, file: SourceFile) -> impl Iterator<Item = SourceFile> {
    let path = file.path(db).clone();
    package_files(db, file).iter().copied().filter(move |other| *other.path(db) < path)
}

/// A name defined at the top level of a file.
#[salsa::interned(debug)]
pub struct DefinedName<'db> {
    pub file: SourceFile,
    #[returns(ref)]
    pub name: SmolStr,
}

/// The statements of a file defining `name`, in order. A statement reads the definitions of
/// the names it uses through this, not the whole file's: a statement added or renamed
/// elsewhere changes nothing it reads.
#[salsa::tracked(returns(ref))]
fn definitions<'db>(db: &'db dyn Db, key: DefinedName<'db>) -> Arc<[Item]> {
    let all = key.file(db).definitions(db);
    all.0.get(key.name(db)).map_or_else(|| Arc::from([]), |items| Arc::from(items.as_slice()))
}

/// The value a statement defines, as other statements see it. A statement with a syntax
/// error defines a value of unknown type, so that its uses are not reported again.
#[salsa::tracked(returns(ref))]
pub fn item_binding(db: &dyn Db, item: Item) -> Option<PackageValue> {
    let body = item_body(db, item);
    let binding = body.binding.as_ref()?;
    let scheme = if item.syntax(db).has_syntax_errors { flux_types::Scheme::error() } else { binding.scheme.clone() };
    Some(PackageValue {
        scheme,
        option: binding.option,
        item: item_ref(item),
        effects_when_called: binding.effects_when_called,
    })
}

/// The statement defining the package-level value called `name` as a statement standing at
/// `order` in `file` sees it: the last definition before it in the file, else the last in the
/// package's files before this one.
pub fn package_definition(db: &dyn Db, file: SourceFile, order: u64, name: &str) -> Option<Item> {
    let here = definitions(db, DefinedName::new(db, file, SmolStr::new(name)));
    if let Some(item) = here.iter().rev().find(|item| item.order(db) < order) {
        return Some(*item);
    }
    let earlier: Vec<SourceFile> = earlier_package_files(db, file).collect();
    earlier
        .into_iter()
        .rev()
        .find_map(|other| definitions(db, DefinedName::new(db, other, SmolStr::new(name))).last().copied())
}

/// Every package-level name a statement standing at `order` in `file` sees, sorted.
pub fn visible_package_names(db: &dyn Db, file: SourceFile, order: u64) -> Vec<SmolStr> {
    let mut names: Vec<SmolStr> = file
        .definitions(db)
        .0
        .iter()
        .filter(|(_, items)| items.first().is_some_and(|item| item.order(db) < order))
        .map(|(n, _)| n.clone())
        .collect();
    for other in earlier_package_files(db, file) {
        names.extend(other.definitions(db).0.keys().cloned());
    }
    names.sort();
    names.dedup();
    names
}

/// Runs `f` with the environment of a statement standing at `order` in `file`, which `item`
/// names (a statement being written has no item yet).
pub fn with_env<T>(db: &dyn Db, file: SourceFile, order: u64, item: Option<Item>, f: impl FnOnce(&Env<'_>) -> T) -> T {
    let package_value = |name: &str| {
        let defining = package_definition(db, file, order, name)?;
        item_binding(db, defining).clone()
    };
    let package_names = || visible_package_names(db, file, order);
    let env = Env {
        package_value: &package_value,
        package_names: &package_names,
        imports: file.import_names(db),
        predefined: &Workspace::get(db).config(db).predefined,
        item: item.map_or(ItemRef(u64::MAX), item_ref),
    };
    f(&env)
}

/// The statement, resolved, typed and lowered.
#[salsa::tracked(returns(ref))]
pub fn item_body(db: &dyn Db, item: Item) -> Arc<Body> {
    with_env(db, item.file(db), item.order(db), Some(item), |env| {
        Arc::new(flux_semantic::analyze_statement(&item.syntax(db).statement, env))
    })
}

/// Analyzes `statement` as if it stood at `order` in `file` (in place of `item`, if given):
/// for a statement the editor changed without telling the database, such as one with a
/// completion marker at the cursor.
pub fn statement_in_place(
    db: &dyn Db,
    file: SourceFile,
    order: u64,
    item: Option<Item>,
    statement: &flux_syntax::ast::Statement,
) -> Body {
    with_env(db, file, order, item, |env| flux_semantic::analyze_statement(statement, env))
}

/// What the statement defines and uses: what the checks over a whole file read. Typing inside
/// a statement rarely changes it, so those checks are rarely repeated.
#[salsa::tracked(returns(ref))]
pub fn item_usage(db: &dyn Db, item: Item) -> StatementUsage {
    let syntax = item.syntax(db);
    StatementUsage::of(&syntax.statement, item_body(db, item), syntax.has_syntax_errors)
}

/// The statement's own semantic diagnostics, relative to it: none while it has a syntax error,
/// which is reported instead.
#[salsa::tracked(returns(ref))]
pub fn item_diagnostics(db: &dyn Db, item: Item) -> Arc<[SemanticDiagnostic]> {
    // Most statements have none: they share one empty list.
    static NONE: std::sync::LazyLock<Arc<[SemanticDiagnostic]>> = std::sync::LazyLock::new(|| Arc::from([]));
    let body = item_body(db, item);
    if item.syntax(db).has_syntax_errors || body.diagnostics.is_empty() {
        return NONE.clone();
    }
    Arc::from(body.diagnostics.as_slice())
}

/// The checks over the file's statements (duplicates, unused imports and variables), by
/// statement index.
#[salsa::tracked(returns(ref))]
pub fn file_problems(db: &dyn Db, file: SourceFile) -> Arc<FileProblems> {
    let script = flux_semantic::is_script(file.package_name(db));
    let mut used_elsewhere = FxHashSet::default();
    if script {
        for other in package_files(db, file) {
            for item in other.items(db).iter() {
                used_elsewhere.extend(item_usage(db, *item).used_package_names.iter().cloned());
            }
        }
    }
    let usage = file.items(db).iter().map(|item| item_usage(db, *item));
    Arc::new(flux_semantic::check_file(usage, script, &used_elsewhere))
}

/// The statements' own diagnostics with the index of their statement, in order.
#[salsa::tracked(returns(ref))]
fn statement_diagnostics(db: &dyn Db, file: SourceFile) -> Arc<[(usize, SemanticDiagnostic)]> {
    let mut out = Vec::new();
    for (i, item) in file.items(db).iter().enumerate() {
        out.extend(item_diagnostics(db, *item).iter().map(|d| (i, d.clone())));
    }
    Arc::from(out)
}

/// The file's semantic diagnostics, with ranges into the file, in source order. Everything
/// but the positions is kept from edit to edit by the queries it reads.
#[salsa::tracked(returns(ref))]
pub fn semantic_diagnostics(db: &dyn Db, file: SourceFile) -> Vec<Diagnostic> {
    let disabled = &Workspace::get(db).config(db).disabled_diagnostics;
    let imports = file_imports(db, file);
    let items = file.items(db);
    let offsets = file.offsets(db);
    let mut out: Vec<SemanticDiagnostic> = imports.diagnostics.clone();
    out.extend(statement_diagnostics(db, file).iter().map(|(i, d)| d.shifted(offsets[*i])));
    let statement = |i: usize| (item_usage(db, items[i]), offsets[i]);
    out.extend(flux_semantic::file_diagnostics(file_problems(db, file), statement, imports));
    out.sort_by_key(|d| (d.range.start, d.range.end));
    out.into_iter()
        .filter(|d| !disabled.iter().any(|code| code == d.code))
        .map(|d| Diagnostic {
            severity: d.severity,
            code: d.code,
            message: d.message,
            range: d.range,
            related: d.related,
            suggestion: d.suggestion,
        })
        .collect()
}
