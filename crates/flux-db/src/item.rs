//! One item per top-level statement: the stable layer between the tree and the analyses.

use std::sync::Arc;

use flux_syntax::ast::{Assignment, Expr, Statement};
use flux_syntax::smol_str::SmolStr;

use crate::{Db, SourceFile, parse};

/// What kind of top-level statement an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Variable,
    /// A variable bound to a function literal.
    Function,
    Option,
    Builtin,
    TestCase,
    Expression,
    Return,
    Bad,
}

/// How an item is recognized from one parse to the next: its kind and the name it declares.
/// Items without a name (expression statements, say) are told apart by their order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ItemKey {
    pub kind: ItemKind,
    pub name: Option<SmolStr>,
}

impl ItemKey {
    fn of(statement: &Statement) -> ItemKey {
        let (kind, name) = match statement {
            Statement::Variable(v) => {
                let kind = if matches!(v.init, Expr::Function(_)) { ItemKind::Function } else { ItemKind::Variable };
                (kind, Some(v.id.name.clone()))
            }
            Statement::Option(o) => {
                let name = match &o.assignment {
                    Assignment::Variable(v) => v.id.name.clone(),
                    Assignment::Member(m) => {
                        let object = match &m.member.object {
                            Expr::Identifier(id) => id.name.as_str(),
                            _ => "",
                        };
                        SmolStr::new(format!("{object}.{}", m.member.property.name()))
                    }
                };
                (ItemKind::Option, Some(name))
            }
            Statement::Builtin(b) => (ItemKind::Builtin, Some(b.id.name.clone())),
            Statement::TestCase(t) => (ItemKind::TestCase, Some(t.id.name.clone())),
            Statement::Expr(_) => (ItemKind::Expression, None),
            Statement::Return(_) => (ItemKind::Return, None),
            Statement::Bad(_) => (ItemKind::Bad, None),
        };
        ItemKey { kind, name }
    }
}

/// A top-level statement and its text, positions relative to the statement's chunk. Two
/// of these compare equal whenever the statement did not change, wherever it moved.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ItemSyntax {
    pub statement: Arc<Statement>,
    /// The chunk's text, from the end of the previous statement to the end of this one.
    pub source: Arc<str>,
    /// Every comment of the chunk.
    pub comments: Arc<[flux_syntax::TextRange]>,
    /// Whether a syntax error (not a warning) lies in the chunk: its semantic diagnostics are then left out,
    /// and its binding is taken to be of unknown type, so one mistake is reported once.
    pub has_syntax_errors: bool,
}

#[salsa::tracked(debug)]
pub struct Item<'db> {
    #[returns(copy)]
    pub file: SourceFile,
    #[returns(ref)]
    pub key: ItemKey,
    #[tracked]
    #[returns(ref)]
    pub syntax: ItemSyntax,
    /// Where the chunk starts in the file: add it to the syntax's ranges.
    #[tracked]
    #[returns(copy)]
    pub offset: u32,
}

/// The file's items, in source order.
#[salsa::tracked(returns(ref))]
pub fn items(db: &dyn Db, file: SourceFile) -> Vec<Item<'_>> {
    let parse = parse(db, file);
    let text = file.text(db);
    let body = &parse.file.body;
    body.iter()
        .enumerate()
        .map(|(i, top)| {
            let end = (top.offset + top.statement.range().end).min(text.len() as u32);
            // Errors up to the next statement (or the end of the file) belong to this one.
            let chunk_end = body.get(i + 1).map_or(text.len() as u32, |next| next.offset).max(end);
            let source: Arc<str> = Arc::from(&text[top.offset as usize..end as usize]);
            // An error belongs to the statement when it or one of its related locations (the
            // opener of an unclosed bracket, say) lies in the chunk.
            let inside = |r: flux_syntax::TextRange| r.end >= top.offset && r.start <= chunk_end;
            let has_syntax_errors = parse.errors.iter().any(|e| {
                e.severity() == flux_syntax::Severity::Error
                    && (inside(e.range) || e.related.iter().any(|r| inside(r.range)))
            });
            let syntax = ItemSyntax {
                statement: top.statement.clone(),
                source,
                comments: top.comments.clone(),
                has_syntax_errors,
            };
            Item::new(db, file, ItemKey::of(&top.statement), syntax, top.offset)
        })
        .collect()
}
