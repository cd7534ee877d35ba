//! Navigation by real scope: definition, references, highlight and rename.
//!
//! What a name refers to comes from the statements' bodies ([`flux_db::item_body`]): a local of
//! its statement, a package-level value (of this file or another file of the package), an
//! import, or the standard library. References search only where the name can be: a local's
//! statement; for a package-level value, the statements of the package whose analysis used a
//! name of that spelling.

use std::sync::Arc;

use flux_db::{Db, Item, SourceFile, Workspace};
use flux_semantic::Body;
use flux_semantic::ir::{LocalKind, Name, Predeclared, Resolution};
use flux_syntax::TextRange;
use flux_syntax::ast::Statement;
use flux_syntax::smol_str::SmolStr;
use flux_types::Scheme;

use crate::FileId;
use crate::TextEdit;

/// What a name stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Symbol {
    Local {
        name: SmolStr,
        kind: LocalKind,
        item: Item,
        definition: TextRange,
    },
    Package {
        item: Item,
        name: SmolStr,
    },
    Import {
        file: SourceFile,
        name: SmolStr,
        path: String,
    },
    Stdlib {
        package: &'static str,
        name: SmolStr,
    },
    /// `v` or `task`, which InfluxDB defines.
    Predeclared(Predeclared),
}

/// The item whose chunk holds `offset`, and where it starts.
pub(crate) fn item_at(db: &dyn Db, file: SourceFile, offset: u32) -> Option<(Item, u32)> {
    let offsets = file.offsets(db);
    let index = offsets.partition_point(|&start| start <= offset).checked_sub(1)?;
    Some((file.items(db)[index], offsets[index]))
}

/// The body of the statement holding `offset`, and where the statement starts.
pub(crate) fn body_at(db: &dyn Db, file: SourceFile, offset: u32) -> Option<(Arc<Body>, u32)> {
    let (item, base) = item_at(db, file, offset)?;
    Some((flux_db::item_body(db, item).clone(), base))
}

/// The documentation comment above a statement.
pub(crate) fn doc_comment(statement: &Statement) -> String {
    flux_syntax::ast::doc_text(statement.leading_comments())
}

/// The name at `offset`: its range, what it stands for, and its type when known.
pub(crate) fn symbol_at(db: &dyn Db, file: SourceFile, offset: u32) -> Option<(TextRange, Symbol, Option<Scheme>)> {
    // An import's name or path.
    let imports = flux_db::file_imports(db, file);
    if let Some(import) = imports.imports.iter().find(|i| i.name_range.contains_inclusive(offset)) {
        let symbol = Symbol::Import { file, name: import.name.clone(), path: import.path.clone() };
        return Some((import.name_range, symbol, None));
    }
    let (item, base) = item_at(db, file, offset)?;
    let body = flux_db::item_body(db, item);
    let name = body.name_at(offset - base)?;
    let range = TextRange::new(name.range.start + base, name.range.end + base);
    let symbol = match &name.resolution {
        Resolution::Local(id) => {
            let local = body.local(*id);
            let definition = TextRange::new(local.range.start + base, local.range.end + base);
            Symbol::Local { name: name.name.clone(), kind: local.kind, item, definition }
        }
        Resolution::Package { item: defining, .. } => {
            Symbol::Package { item: flux_db::item_with_ref(*defining), name: name.name.clone() }
        }
        Resolution::Import(alias) => {
            let import = imports.get(alias)?;
            Symbol::Import { file, name: alias.clone(), path: import.path.clone() }
        }
        Resolution::Stdlib { package, name } => Symbol::Stdlib { package, name: name.clone() },
        Resolution::Predeclared(p) => Symbol::Predeclared(*p),
        Resolution::Unresolved => return None,
    };
    let scheme = match &name.resolution {
        Resolution::Local(id) => body.types.scheme(body.local(*id).ty),
        _ if name.definition => body.types.scheme(name.ty),
        Resolution::Package { item, .. } => flux_db::item_binding(db, flux_db::item_with_ref(*item))
            .as_ref()
            .map_or_else(|| body.types.scheme(name.ty), |v| v.scheme.clone()),
        Resolution::Stdlib { .. } => {
            crate::completion::stdlib_member(name).map_or_else(|| body.types.scheme(name.ty), |(_, m)| m.scheme.clone())
        }
        _ => body.types.scheme(name.ty),
    };
    Some((range, symbol, Some(scheme)))
}

/// Where a symbol is defined in the workspace (nothing for the standard library).
fn definition_range(db: &dyn Db, symbol: &Symbol) -> Option<(SourceFile, TextRange)> {
    match symbol {
        Symbol::Local { item, definition, .. } => Some((item.file(db), *definition)),
        Symbol::Package { item, .. } => {
            let base = flux_db::item_offset(db, *item);
            let binding = flux_db::item_body(db, *item).binding.as_ref()?.range;
            Some((item.file(db), TextRange::new(binding.start + base, binding.end + base)))
        }
        Symbol::Import { file, name, .. } => {
            let imports = flux_db::file_imports(db, *file);
            Some((*file, imports.get(name)?.name_range))
        }
        Symbol::Stdlib { .. } | Symbol::Predeclared(_) => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: FileId,
    pub range: TextRange,
}

pub(crate) fn definition(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<Location> {
    let Some((_, symbol, _)) = symbol_at(db, file, offset) else { return Vec::new() };
    definition_range(db, &symbol).map(|(f, range)| Location { file: FileId(f), range }).into_iter().collect()
}

/// One occurrence of a symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub file: FileId,
    pub range: TextRange,
    /// Whether this occurrence defines the name (a write, for highlighting).
    pub definition: bool,
    /// `{host}` or `f(tables)`: renaming must keep the key.
    pub(crate) shorthand: bool,
}

/// Every occurrence of the symbol, in file order then source order.
fn occurrences(db: &dyn Db, symbol: &Symbol, only: Option<SourceFile>) -> Vec<Reference> {
    let mut out = Vec::new();
    if let Symbol::Import { file, name, .. } = symbol
        && let Some(import) = flux_db::file_imports(db, *file).get(name)
    {
        out.push(Reference { file: FileId(*file), range: import.name_range, definition: true, shorthand: false });
    }
    let mut scan = |item: Item, keep: &dyn Fn(&Name) -> bool| {
        let base = flux_db::item_offset(db, item);
        for name in flux_db::item_body(db, item).names().iter().filter(|n| keep(n)) {
            out.push(Reference {
                file: FileId(item.file(db)),
                range: TextRange::new(name.range.start + base, name.range.end + base),
                definition: name.definition,
                shorthand: name.shorthand,
            });
        }
    };
    match symbol {
        Symbol::Local { item, definition, .. } => {
            let base = flux_db::item_offset(db, *item);
            let body = flux_db::item_body(db, *item);
            let local = TextRange::new(definition.start - base, definition.end - base);
            let Some((id, _)) = body.locals().find(|(_, l)| l.range == local) else { return out };
            scan(*item, &|n| n.resolution == Resolution::Local(id));
        }
        Symbol::Package { item: defining, name } => {
            let target = flux_db::item_ref(*defining);
            let defining_file = defining.file(db);
            let mut files = vec![defining_file];
            files.extend(flux_db::package_files(db, defining_file).iter().copied());
            files.sort_by(|a, b| a.path(db).cmp(b.path(db)));
            for file in files.into_iter().filter(|f| only.is_none_or(|o| o == *f)) {
                for item in file.items(db).iter() {
                    let body = flux_db::item_body(db, *item);
                    let defines = *item == *defining;
                    if !defines && body.used_package_names.binary_search(name).is_err() {
                        continue;
                    }
                    scan(*item, &|n| matches!(&n.resolution, Resolution::Package { item, .. } if *item == target));
                }
            }
        }
        Symbol::Import { file, name, .. } => {
            for item in file.items(db).iter() {
                if flux_db::item_body(db, *item).used_imports.binary_search(name).is_err() {
                    continue;
                }
                scan(*item, &|n| matches!(&n.resolution, Resolution::Import(alias) if alias == name));
            }
        }
        Symbol::Stdlib { package, name } => {
            let Some(file) = only else { return out };
            for item in file.items(db).iter() {
                scan(
                    *item,
                    &|n| matches!(&n.resolution, Resolution::Stdlib { package: p, name: m } if p == package && m == name),
                );
            }
        }
        Symbol::Predeclared(p) => {
            let Some(file) = only else { return out };
            for item in file.items(db).iter() {
                scan(*item, &|n| n.resolution == Resolution::Predeclared(*p));
            }
        }
    }
    out
}

/// Every occurrence of the name at `offset` in the workspace (the standard library's names:
/// in this file).
pub(crate) fn references(db: &dyn Db, file: SourceFile, offset: u32, include_declaration: bool) -> Vec<Reference> {
    let Some((_, symbol, _)) = symbol_at(db, file, offset) else { return Vec::new() };
    let only = matches!(symbol, Symbol::Stdlib { .. } | Symbol::Predeclared(_)).then_some(file);
    let mut found = occurrences(db, &symbol, only);
    if !include_declaration {
        found.retain(|r| !r.definition);
    }
    found
}

/// The occurrences of the name at `offset` in its file.
pub(crate) fn highlights(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<Reference> {
    let Some((_, symbol, _)) = symbol_at(db, file, offset) else { return Vec::new() };
    occurrences(db, &symbol, Some(file)).into_iter().filter(|r| r.file == FileId(file)).collect()
}

/// The name that would be renamed at `offset`, or why it cannot be.
pub(crate) fn prepare_rename(db: &dyn Db, file: SourceFile, offset: u32) -> Result<TextRange, String> {
    let Some((range, symbol, _)) = symbol_at(db, file, offset) else {
        return Err("there is no name to rename here".to_owned());
    };
    match symbol {
        Symbol::Stdlib { package, name } => {
            Err(format!("`{name}` belongs to the standard library (package \"{package}\") and cannot be renamed"))
        }
        Symbol::Predeclared(Predeclared::Dashboard) => {
            Err("`v` is defined by the dashboard and cannot be renamed".to_owned())
        }
        Symbol::Predeclared(Predeclared::Task) => {
            Err("`task` is the task option InfluxDB defines and cannot be renamed".to_owned())
        }
        Symbol::Local { kind: LocalKind::Super, .. } => Err("`super` cannot be renamed".to_owned()),
        _ => Ok(range),
    }
}

/// The edits of a rename, per file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceChange {
    pub edits: Vec<(FileId, Vec<TextEdit>)>,
}

impl SourceChange {
    fn push(&mut self, file: FileId, edit: TextEdit) {
        match self.edits.iter_mut().find(|(f, _)| *f == file) {
            Some((_, edits)) => edits.push(edit),
            None => self.edits.push((file, vec![edit])),
        }
    }
}

pub(crate) fn rename(db: &dyn Db, file: SourceFile, offset: u32, new_name: &str) -> Result<SourceChange, String> {
    prepare_rename(db, file, offset)?;
    let (_, symbol, _) = symbol_at(db, file, offset).ok_or("there is no name to rename here")?;
    check_identifier(new_name)?;
    let old = match &symbol {
        Symbol::Local { name, .. } | Symbol::Package { name, .. } | Symbol::Import { name, .. } => name.clone(),
        _ => unreachable!("refused by prepare_rename"),
    };
    if old == new_name {
        return Ok(SourceChange::default());
    }
    let found = occurrences(db, &symbol, None);
    for reference in &found {
        if let Some(problem) = collision(db, reference, new_name) {
            return Err(problem);
        }
    }
    if let Some(problem) = captured_use(db, &symbol, new_name) {
        return Err(problem);
    }
    if let Symbol::Package { item: defining, .. } = &symbol {
        let defining = defining.file(db);
        let mut files = vec![defining];
        files.extend(flux_db::package_files(db, defining).iter().copied());
        for f in files {
            if f.definitions(db).0.contains_key(new_name) {
                return Err(format!(
                    "`{new_name}` is already defined in package {} ({})",
                    f.package_name(db),
                    f.path(db)
                ));
            }
        }
    }
    let mut change = SourceChange::default();
    for reference in found {
        let new_text = match (&symbol, reference.definition, reference.shorthand) {
            // `import "strings"` has no name of its own to replace: give it an alias.
            (Symbol::Import { file, name, .. }, true, _) => {
                let import = flux_db::file_imports(db, *file).get(name).cloned();
                match import {
                    Some(i) if file.parse(db).file.imports.iter().any(|d| d.path.base.range == i.name_range) => {
                        let at = TextRange::new(i.name_range.start, i.name_range.start);
                        change.push(reference.file, TextEdit { range: at, new_text: format!("{new_name} ") });
                        continue;
                    }
                    _ => new_name.to_owned(),
                }
            }
            (_, _, true) => format!("{old}: {new_name}"),
            _ => new_name.to_owned(),
        };
        change.push(reference.file, TextEdit { range: reference.range, new_text });
    }
    Ok(change)
}

fn check_identifier(name: &str) -> Result<(), String> {
    if !flux_syntax::lexer::is_identifier(name) {
        return Err(format!("`{name}` is not a valid Flux identifier"));
    }
    if flux_syntax::lexer::KEYWORDS.contains(&name) {
        return Err(format!("`{name}` is a keyword of Flux"));
    }
    Ok(())
}

/// Why `new_name` cannot replace the name at `reference`: it already means something there.
fn collision(db: &dyn Db, reference: &Reference, new_name: &str) -> Option<String> {
    let file = reference.file.0;
    let (item, base) = item_at(db, file, reference.range.start)?;
    let body = flux_db::item_body(db, item);
    let line =
        |offset: u32| flux_db::line_index(db, file).line_col(offset, flux_syntax::ColumnEncoding::Utf32).line + 1;
    let rel = reference.range.start - base;
    if let Some((_, local)) = body.locals_at(rel).find(|(_, l)| l.name == new_name) {
        return Some(format!(
            "`{new_name}` is already defined on line {} where the name is used (line {})",
            line(local.range.start + base),
            line(reference.range.start)
        ));
    }
    if let Some((_, local)) = body.locals().find(|(_, l)| l.name == new_name && l.visible.contains_inclusive(rel)) {
        return Some(format!("`{new_name}` is already defined on line {}", line(local.range.start + base)));
    }
    if flux_db::package_definition(db, file, item.order(db), new_name).is_some() {
        return Some(format!(
            "`{new_name}` is already a package-level name where the renamed one is used (line {})",
            line(reference.range.start)
        ));
    }
    if flux_db::file_imports(db, file).get(new_name).is_some() {
        return Some(format!("`{new_name}` already names an import of {}", file.path(db)));
    }
    if let Some(used) =
        body.names().iter().find(|n| n.name == new_name && matches!(n.resolution, Resolution::Stdlib { .. }))
    {
        return Some(format!(
            "`{new_name}` would hide the standard library's `{new_name}`, used on line {}",
            line(used.range.start + base)
        ));
    }
    None
}

/// A use of `new_name` that the renamed binding would capture: a use in the binding's scope
/// that means something else now.
fn captured_use(db: &dyn Db, symbol: &Symbol, new_name: &str) -> Option<String> {
    let problem = |file: SourceFile, offset: u32| {
        let line = flux_db::line_index(db, file).line_col(offset, flux_syntax::ColumnEncoding::Utf32).line + 1;
        format!("`{new_name}` is used on line {line} of {}, where it would then mean the renamed name", file.path(db))
    };
    let uses_in = |item: Item, scope: Option<TextRange>| -> Option<u32> {
        if !item.syntax(db).source.contains(new_name) {
            return None;
        }
        let body = flux_db::item_body(db, item);
        let base = flux_db::item_offset(db, item);
        body.names()
            .iter()
            .find(|n| n.name == new_name && !n.definition && scope.is_none_or(|s| s.contains_range(n.range)))
            .map(|n| n.range.start + base)
    };
    match symbol {
        Symbol::Local { item, definition, .. } => {
            let base = flux_db::item_offset(db, *item);
            let body = flux_db::item_body(db, *item);
            let local_range = TextRange::new(definition.start - base, definition.end - base);
            let (_, local) = body.locals().find(|(_, l)| l.range == local_range)?;
            uses_in(*item, Some(local.visible)).map(|at| problem(item.file(db), at))
        }
        Symbol::Package { item: defining, .. } => {
            let defining = defining.file(db);
            let mut files = vec![defining];
            files.extend(flux_db::package_files(db, defining).iter().copied());
            files
                .into_iter()
                .find_map(|f| f.items(db).iter().find_map(|item| uses_in(*item, None)).map(|at| problem(f, at)))
        }
        Symbol::Import { file, .. } => {
            file.items(db).iter().find_map(|item| uses_in(*item, None)).map(|at| problem(*file, at))
        }
        Symbol::Stdlib { .. } | Symbol::Predeclared(_) => None,
    }
}

/// A declaration found by a workspace symbol search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: crate::SymbolKind,
    pub file: FileId,
    pub range: TextRange,
    /// The package the declaration belongs to.
    pub container: String,
}

/// At most this many workspace symbols are returned, best matches first.
pub const WORKSPACE_SYMBOL_LIMIT: usize = 256;

pub(crate) fn workspace_symbols(db: &dyn Db, query: &str) -> Vec<WorkspaceSymbol> {
    let mut found: Vec<(u32, WorkspaceSymbol)> = Vec::new();
    for file in Workspace::get(db).files(db) {
        let package = file.package_name(db).to_string();
        let mut add = |symbol: &crate::DocumentSymbol| {
            if matches!(symbol.kind, crate::SymbolKind::Package | crate::SymbolKind::Import) {
                return;
            }
            if let Some(score) = crate::fuzzy::score(query, &symbol.name) {
                found.push((
                    score,
                    WorkspaceSymbol {
                        name: symbol.name.clone(),
                        kind: symbol.kind,
                        file: FileId(*file),
                        range: symbol.selection,
                        container: package.clone(),
                    },
                ));
            }
        };
        for symbol in crate::symbols::document_symbols(db, *file) {
            add(&symbol);
        }
    }
    found.sort_by(|(a, x), (b, y)| b.cmp(a).then_with(|| x.name.cmp(&y.name)));
    found.truncate(WORKSPACE_SYMBOL_LIMIT);
    found.into_iter().map(|(_, s)| s).collect()
}
