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
    parse
        .file
        .body
        .iter()
        .map(|top| {
            let end = (top.offset + top.statement.range().end).min(text.len() as u32);
            let source: Arc<str> = Arc::from(&text[top.offset as usize..end as usize]);
            let syntax = ItemSyntax { statement: top.statement.clone(), source, comments: top.comments.clone() };
            Item::new(db, file, ItemKey::of(&top.statement), syntax, top.offset)
        })
        .collect()
}
