//! Semantic analysis, per top-level statement.
//!
//! [`item_analysis`] infers one statement. It reads the types of the package-level names the
//! statement uses through [`item_binding`] of the statements defining them, so an edit inside
//! a statement re-infers it, and re-infers another statement only if it uses a name whose
//! type changed: salsa compares the new binding with the old one and stops there when they
//! are equal.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use flux_semantic::{AnalyzedStatement, Env, FileImports, PackageValue, StatementAnalysis, StatementFacts};
use flux_syntax::TextRange;
use flux_syntax::smol_str::SmolStr;

use crate::{Db, Diagnostic, Item, ItemKind, SourceFile, Workspace, items, parse};

/// The file's imports and the problems with them.
#[salsa::tracked(returns(ref))]
pub fn file_imports(db: &dyn Db, file: SourceFile) -> Arc<FileImports> {
    Arc::new(flux_semantic::analyze_imports(&parse(db, file).file))
}

/// The file's imports as statements see them: names and packages, without positions, so that
/// text moving around the imports re-infers nothing.
#[salsa::tracked(returns(ref))]
pub fn import_names(db: &dyn Db, file: SourceFile) -> Arc<FileImports> {
    let imports = file_imports(db, file);
    let imports = imports
        .imports
        .iter()
        .map(|i| flux_semantic::Import { range: TextRange::default(), name_range: TextRange::default(), ..i.clone() })
        .collect();
    Arc::new(FileImports { imports, diagnostics: Vec::new() })
}

/// The name of the file's package (`main` without a package clause).
#[salsa::tracked(returns(ref))]
pub fn package_name(db: &dyn Db, file: SourceFile) -> SmolStr {
    SmolStr::new(parse(db, file).file.package_name())
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
    let name = package_name(db, file);
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
                && package_name(db, *other) == name
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
pub struct Definitions(pub HashMap<SmolStr, Vec<usize>>);

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
    let mut definitions: HashMap<SmolStr, Vec<usize>> = HashMap::new();
    for (i, item) in items(db, file).iter().enumerate() {
        let key = item.key(db);
        let defines =
            matches!(key.kind, ItemKind::Variable | ItemKind::Function | ItemKind::Builtin | ItemKind::Option);
        // `option pkg.name = ...` sets another package's option and defines nothing.
        if let Some(name) = key.name.as_ref().filter(|n| defines && !n.contains('.')) {
            definitions.entry(name.clone()).or_default().push(i);
        }
    }
    Arc::new(Definitions(definitions))
}

/// Where each item of the file is in its list.
#[salsa::tracked(returns(ref))]
pub fn item_positions(db: &dyn Db, file: SourceFile) -> Arc<HashMap<salsa::Id, usize>> {
    Arc::new(items(db, file).iter().enumerate().map(|(i, item)| (salsa::plumbing::AsId::as_id(item), i)).collect())
}

/// The value a statement defines, as other statements see it. A statement with a syntax
/// error defines a value of unknown type, so that its uses are not reported again.
#[salsa::tracked(returns(ref))]
pub fn item_binding<'db>(db: &'db dyn Db, item: Item<'db>, workspace: Workspace) -> Option<PackageValue> {
    let analysis = item_analysis(db, item, workspace);
    let binding = analysis.binding.as_ref()?;
    let scheme = if item.syntax(db).has_syntax_errors { flux_types::Scheme::error() } else { binding.scheme.clone() };
    Some(PackageValue { scheme, option: binding.option })
}

/// The statement defining the package-level value called `name` as the statement at `index`
/// of `file` sees it: its file and its index there.
pub fn package_definition(
    db: &dyn Db,
    file: SourceFile,
    index: usize,
    name: &str,
    workspace: Workspace,
) -> Option<(SourceFile, usize)> {
    if let Some(i) = file_definitions(db, file).before(name, index) {
        return Some((file, i));
    }
    let earlier: Vec<SourceFile> = earlier_package_files(db, file, workspace).collect();
    earlier.into_iter().rev().find_map(|other| Some((other, file_definitions(db, other).last(name)?)))
}

/// The package-level value called `name` as the statement at `index` of `file` sees it.
fn lookup(db: &dyn Db, file: SourceFile, index: usize, name: &str, workspace: Workspace) -> Option<PackageValue> {
    let (file, i) = package_definition(db, file, index, name, workspace)?;
    item_binding(db, items(db, file)[i], workspace).clone()
}

/// Every package-level name the statement at `index` of `file` sees.
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

/// The index of `item` in its file's list.
pub fn item_index(db: &dyn Db, item: Item<'_>) -> usize {
    item_positions(db, item.file(db)).get(&salsa::plumbing::AsId::as_id(&item)).copied().unwrap_or(0)
}

/// Runs `f` with the environment of the statement at `index` of `file`.
fn with_env<T>(db: &dyn Db, file: SourceFile, index: usize, workspace: Workspace, f: impl FnOnce(&Env<'_>) -> T) -> T {
    let imports = import_names(db, file);
    let package_value = |name: &str| lookup(db, file, index, name, workspace);
    let package_names = || visible_package_names(db, file, index, workspace);
    let env = Env {
        package_value: &package_value,
        package_names: &package_names,
        imports,
        dashboard_variables: workspace.config(db).dashboard_variables,
    };
    f(&env)
}

/// Inference for one top-level statement.
#[salsa::tracked(returns(ref))]
pub fn item_analysis<'db>(db: &'db dyn Db, item: Item<'db>, workspace: Workspace) -> StatementAnalysis {
    let index = item_index(db, item);
    with_env(db, item.file(db), index, workspace, |env| {
        flux_semantic::analyze_statement(&item.syntax(db).statement, env)
    })
}

/// What the editor needs to know about a statement (names, types, calls, scopes), with ranges
/// relative to the item. Computed only when the editor asks.
#[salsa::tracked(returns(ref))]
pub fn item_facts<'db>(db: &'db dyn Db, item: Item<'db>, workspace: Workspace) -> Arc<StatementFacts> {
    let index = item_index(db, item);
    let (_, facts) = analyze_in_place(db, item.file(db), index, &item.syntax(db).statement, workspace);
    Arc::new(facts)
}

/// Analyzes `statement` as if it stood at `index` of `file` (before the item there): for a
/// statement the editor changed without telling the database, such as one with a completion
/// marker at the cursor.
pub fn analyze_in_place(
    db: &dyn Db,
    file: SourceFile,
    index: usize,
    statement: &flux_syntax::ast::Statement,
    workspace: Workspace,
) -> (StatementAnalysis, StatementFacts) {
    with_env(db, file, index, workspace, |env| flux_semantic::analyze_statement_with_facts(statement, env))
}

/// The package-level names used by the files of the same package other than `file`.
fn used_by_other_files(db: &dyn Db, file: SourceFile, workspace: Workspace) -> HashSet<SmolStr> {
    let mut used = HashSet::new();
    for other in package_files(db, file, workspace) {
        for item in items(db, *other) {
            used.extend(item_analysis(db, *item, workspace).used_package_names.iter().cloned());
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
    let items = items(db, file);
    let mut statements = Vec::with_capacity(items.len());
    for item in items {
        let analysis = item_analysis(db, *item, workspace);
        let offset = item.offset(db);
        let syntax = item.syntax(db);
        if !syntax.has_syntax_errors {
            out.extend(analysis.diagnostics.iter().map(|d| d.shifted(offset)));
        }
        statements.push(AnalyzedStatement {
            offset,
            statement: &syntax.statement,
            analysis,
            has_syntax_errors: syntax.has_syntax_errors,
        });
    }
    let script = flux_semantic::is_script(package_name(db, file));
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
