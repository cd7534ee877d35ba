//! Code actions: fixes for the diagnostics in a range.
//!
//! - a misspelled name, package member, argument or import path: the name meant;
//! - a name from a package not imported (`strings.toUpper`, or `toUpper` alone): add the
//!   import (and qualify the name);
//! - an unused import or variable: remove it, or (a variable) prefix it with `_`.

use flux_db::{Db, SourceFile};
use flux_stdlib::catalog;
use flux_syntax::TextRange;
use flux_syntax::ast::{Expr, Statement};
use flux_syntax::walk::{Located, NodeRef};

use crate::TextEdit;
use crate::navigation::{SourceChange, rename};
use crate::{Diagnostic, FileId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    /// The diagnostic it fixes.
    pub diagnostic: Diagnostic,
    pub change: SourceChange,
    /// The fix to apply when the editor picks one alone.
    pub preferred: bool,
}

pub(crate) fn code_actions(
    db: &dyn Db,
    file: SourceFile,
    range: TextRange,
    diagnostics: &[Diagnostic],
) -> Vec<CodeAction> {
    let text = file.text(db);
    let mut out = Vec::new();
    for d in diagnostics.iter().filter(|d| d.range.start <= range.end && range.start <= d.range.end) {
        let mut action = |title: String, edits: Vec<TextEdit>, preferred: bool| {
            let change = SourceChange { edits: vec![(FileId(file), edits)] };
            out.push(CodeAction { title, diagnostic: d.clone(), change, preferred });
        };
        let written = &text[d.range.as_usize()];
        if let Some(suggestion) = &d.suggestion {
            let edit = TextEdit { range: d.range, new_text: suggestion.to_string() };
            action(format!("Change `{written}` to `{suggestion}`"), vec![edit], true);
        }
        match d.code {
            // `strings.toUpper` without the import, or `toUpper` alone.
            // `strings.toUpper` without the import, or `toUpper` alone.
            "E201" => {
                if let Some(path) = flux_stdlib::package_named(written) {
                    let edits = vec![import_edit(db, file, path)];
                    action(format!("Import \"{path}\""), edits, d.suggestion.is_none());
                } else if let Some(path) = flux_stdlib::package_exporting(written) {
                    let name = catalog().package(path).map_or(written.to_owned(), |p| p.name.to_string());
                    let edits = vec![
                        import_edit(db, file, path),
                        TextEdit { range: d.range, new_text: format!("{name}.{written}") },
                    ];
                    action(format!("Import \"{path}\" and use `{name}.{written}`"), edits, d.suggestion.is_none());
                }
            }
            "W202" => {
                let parse = file.parse(db);
                if let Some(import) = parse.file.imports.iter().find(|i| i.base.range.contains_range(d.range)) {
                    let edit = TextEdit { range: whole_lines(text, import.base.range), new_text: String::new() };
                    action(format!("Remove the unused import \"{}\"", import.path.value), vec![edit], true);
                }
            }
            "W201" => {
                if let Some(statement) = variable_statement(db, file, d.range) {
                    let edit = TextEdit { range: whole_lines(text, statement), new_text: String::new() };
                    action(format!("Remove the unused variable `{written}`"), vec![edit], true);
                }
                if let Ok(change) = rename(db, file, d.range.start, &format!("_{written}")) {
                    out.push(CodeAction {
                        title: format!("Rename to `_{written}` (marks it unused on purpose)"),
                        diagnostic: d.clone(),
                        change,
                        preferred: false,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// An edit adding `import "path"` after the last import (or the package clause, or at the top).
pub(crate) fn import_edit(db: &dyn Db, file: SourceFile, path: &str) -> TextEdit {
    let parse = file.parse(db);
    if let Some(last) = parse.file.imports.last() {
        let end = last.base.range.end;
        return TextEdit { range: TextRange::empty(end), new_text: format!("\nimport \"{path}\"") };
    }
    match &parse.file.package {
        Some(clause) => {
            let end = clause.base.range.end;
            TextEdit { range: TextRange::empty(end), new_text: format!("\n\nimport \"{path}\"") }
        }
        None => TextEdit { range: TextRange::empty(0), new_text: format!("import \"{path}\"\n\n") },
    }
}

/// `range` widened to whole lines (with the line break) when nothing else is on them.
fn whole_lines(text: &str, range: TextRange) -> TextRange {
    let start = text[..range.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let end = text[range.end as usize..].find('\n').map_or(text.len(), |i| range.end as usize + i + 1);
    let before = &text[start..range.start as usize];
    let after = &text[range.end as usize..end];
    if before.trim().is_empty() && after.trim().is_empty() { TextRange::new(start as u32, end as u32) } else { range }
}

/// The statement `name = ...` whose name is at `name`, top-level or in a block.
fn variable_statement(db: &dyn Db, file: SourceFile, name: TextRange) -> Option<TextRange> {
    let parse = file.parse(db);
    let mut stack = vec![Located::root(&parse.file)];
    let mut children = Vec::new();
    while let Some(node) = stack.pop() {
        if let NodeRef::Statement(Statement::Variable(v)) = node.node {
            let id = TextRange::new(v.id.base.range.start + node.offset, v.id.base.range.end + node.offset);
            if id == name && !matches!(v.init, Expr::Bad(_)) {
                return Some(node.range());
            }
        }
        if node.range().contains_range(name) || matches!(node.node, NodeRef::File(_)) {
            children.clear();
            node.children(&mut children);
            stack.extend(children.iter().copied());
        }
    }
    None
}
