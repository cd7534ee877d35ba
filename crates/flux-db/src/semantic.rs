//! Semantic analysis, per top-level statement.
//!
//! [`item_body`] resolves, infers and lowers one statement. It reads the types of the
//! package-level names the statement uses through [`item_binding`] of the statements defining
//! them, so an edit inside a statement re-infers it, and re-infers another statement only if
//! it uses a name whose type changed: salsa compares the new binding with the old one and
//! stops there when they are equal.

use std::collections::HashSet;
use std::sync::Arc;

use flux_semantic::{AnalyzedStatement, Body, Env, FileImports, ItemRef, PackageValue};
use flux_syntax::smol_str::SmolStr;
use rustc_hash::FxHashMap;

use crate::item::{item_index, item_ref};
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
pub fn package_files(db: &dyn Db, file: SourceFile, workspace: Workspace) -> Vec<SourceFile> {
    let path = file.path(db);
    if is_test_file(path) {
        return Vec::new();
    }
    let name = file.package_name(db);
    let dir = directory(path);
    workspace
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
fn earlier_package_files(db: &dyn Db, file: SourceFile, workspace: Workspace) -> impl Iterator<Item = SourceFile> {
    let path = file.path(db).clone();
    package_files(db, file, workspace).iter().copied().filter(move |other| *other.path(db) < path)
}

/// The package-level names a file defines: for each name, the indexes of the items defining
/// it, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Definitions(pub FxHashMap<SmolStr, Vec<usize>>);

impl Definitions {
    /// The last item defining `name` before the item at `index`.
    fn before(&self, name: &str, index: usize) -> Option<usize> {
        let positions = self.0.get(name)?;
        let count = positions.partition_point(|&i| i < index);
        count.checked_sub(1).map(|k| positions[k])
    }

    fn last(&self, name: &str) -> Option<usize> {
        self.0.get(name)?.last().copied()
    }
}

#[salsa::tracked(returns(ref))]
pub fn file_definitions(db: &dyn Db, file: SourceFile) -> Arc<Definitions> {
    let mut definitions: FxHashMap<SmolStr, Vec<usize>> = FxHashMap::default();
    for (i, item) in file.items(db).iter().enumerate() {
        if let Some(name) = item.key(db).defines() {
            definitions.entry(name.clone()).or_default().push(i);
        }
    }
    Arc::new(Definitions(definitions))
}

/// The value a statement defines, as other statements see it. A statement with a syntax
/// error defines a value of unknown type, so that its uses are not reported again.
#[salsa::tracked(returns(ref))]
pub fn item_binding(db: &dyn Db, item: Item, workspace: Workspace) -> Option<PackageValue> {
    let body = item_body(db, item, workspace);
    let binding = body.binding.as_ref()?;
    let scheme = if item.syntax(db).has_syntax_errors { flux_types::Scheme::error() } else { binding.scheme.clone() };
    Some(PackageValue { scheme, option: binding.option, item: item_ref(item) })
}

/// The statement defining the package-level value called `name` as the statement at `index`
/// of `file` sees it.
pub fn package_definition(
    db: &dyn Db,
    file: SourceFile,
    index: usize,
    name: &str,
    workspace: Workspace,
) -> Option<Item> {
    if let Some(i) = file_definitions(db, file).before(name, index) {
        return Some(file.items(db)[i]);
    }
    let earlier: Vec<SourceFile> = earlier_package_files(db, file, workspace).collect();
    earlier.into_iter().rev().find_map(|other| Some(other.items(db)[file_definitions(db, other).last(name)?]))
}

/// Every package-level name the statement at `index` of `file` sees, sorted.
pub fn visible_package_names(db: &dyn Db, file: SourceFile, index: usize, workspace: Workspace) -> Vec<SmolStr> {
    let mut names: Vec<SmolStr> = file_definitions(db, file)
        .0
        .iter()
        .filter(|(_, positions)| positions.first().is_some_and(|&i| i < index))
        .map(|(n, _)| n.clone())
        .collect();
    for other in earlier_package_files(db, file, workspace) {
        names.extend(file_definitions(db, other).0.keys().cloned());
    }
    names.sort();
    names.dedup();
    names
}

/// Runs `f` with the environment of the statement at `index` of `file`, which `item` names
/// (a statement being written has no item yet).
pub fn with_env<T>(
    db: &dyn Db,
    file: SourceFile,
    index: usize,
    item: Option<Item>,
    workspace: Workspace,
    f: impl FnOnce(&Env<'_>) -> T,
) -> T {
    let package_value = |name: &str| {
        let defining = package_definition(db, file, index, name, workspace)?;
        item_binding(db, defining, workspace).clone()
    };
    let package_names = || visible_package_names(db, file, index, workspace);
    let env = Env {
        package_value: &package_value,
        package_names: &package_names,
        imports: file.import_names(db),
        dashboard_variables: workspace.config(db).dashboard_variables,
        item: item.map_or(ItemRef(u64::MAX), item_ref),
    };
    f(&env)
}

/// The statement, resolved, typed and lowered.
#[salsa::tracked(returns(ref))]
pub fn item_body(db: &dyn Db, item: Item, workspace: Workspace) -> Arc<Body> {
    let index = item_index(db, item);
    with_env(db, item.file(db), index, Some(item), workspace, |env| {
        Arc::new(flux_semantic::analyze_statement(&item.syntax(db).statement, env))
    })
}

/// Analyzes `statement` as if it stood at `index` of `file` (in place of `item`, if given):
/// for a statement the editor changed without telling the database, such as one with a
/// completion marker at the cursor.
pub fn statement_in_place(
    db: &dyn Db,
    file: SourceFile,
    index: usize,
    item: Option<Item>,
    statement: &flux_syntax::ast::Statement,
    workspace: Workspace,
) -> Body {
    with_env(db, file, index, item, workspace, |env| flux_semantic::analyze_statement(statement, env))
}

/// The package-level names used by the files of the same package other than `file`.
fn used_by_other_files(db: &dyn Db, file: SourceFile, workspace: Workspace) -> HashSet<SmolStr> {
    let mut used = HashSet::new();
    for other in package_files(db, file, workspace) {
        for item in other.items(db).iter() {
            used.extend(item_body(db, *item, workspace).used_package_names.iter().cloned());
        }
    }
    used
}

/// The file's semantic diagnostics, with ranges into the file, in source order.
#[salsa::tracked(returns(ref))]
pub fn semantic_diagnostics(db: &dyn Db, file: SourceFile, workspace: Workspace) -> Vec<Diagnostic> {
    let disabled = &workspace.config(db).disabled_diagnostics;
    let imports = file_imports(db, file);
    let mut out: Vec<flux_semantic::SemanticDiagnostic> = imports.diagnostics.clone();
    let items = file.items(db);
    let offsets = file.offsets(db);
    let mut statements = Vec::with_capacity(items.len());
    for (item, &offset) in items.iter().zip(offsets.iter()) {
        let body = item_body(db, *item, workspace);
        let syntax = item.syntax(db);
        if !syntax.has_syntax_errors {
            out.extend(body.diagnostics.iter().map(|d| d.shifted(offset)));
        }
        statements.push(AnalyzedStatement {
            offset,
            statement: &syntax.statement,
            body,
            has_syntax_errors: syntax.has_syntax_errors,
        });
    }
    let script = flux_semantic::is_script(file.package_name(db));
    let used_elsewhere = if script { used_by_other_files(db, file, workspace) } else { HashSet::new() };
    out.extend(flux_semantic::file_diagnostics(&statements, imports, script, &used_elsewhere));
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
