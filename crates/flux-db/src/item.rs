//! One item per top-level statement: the stable layer between the tree and the analyses.

use std::sync::Arc;

use flux_semantic::ItemRef;
use flux_syntax::ast::{Assignment, Expr, Statement};
use flux_syntax::smol_str::SmolStr;
use salsa::plumbing::{AsId, FromId};

use crate::{Db, SourceFile};

/// A top-level statement of a file. The host ([`crate::Files`]) keeps one item per statement
/// and sets its fields only when they change, so the queries of the statements an edit did
/// not touch stay valid.
#[salsa::input(debug)]
pub struct Item {
    #[returns(copy)]
    pub file: SourceFile,
    /// Where the statement stands among the file's statements: a number that grows along the
    /// file and that inserting or removing other statements leaves alone (unlike the index),
    /// so that what a statement can see does not change when unrelated statements come and
    /// go.
    #[returns(copy)]
    pub order: u64,
    /// What the statement declares: read by the queries that find definitions by name.
    #[returns(ref)]
    pub key: ItemKey,
    #[returns(ref)]
    pub syntax: ItemSyntax,
}

/// The package-level names a file defines: for each name, the items defining it, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Definitions(pub rustc_hash::FxHashMap<SmolStr, Vec<Item>>);

impl Definitions {
    pub(crate) fn of(db: &dyn Db, items: &[Item]) -> Definitions {
        let mut definitions: rustc_hash::FxHashMap<SmolStr, Vec<Item>> = rustc_hash::FxHashMap::default();
        for item in items {
            if let Some(name) = item.key(db).defines() {
                definitions.entry(name.clone()).or_default().push(*item);
            }
        }
        Definitions(definitions)
    }
}

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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ItemKey {
    pub kind: ItemKind,
    pub name: Option<SmolStr>,
}

impl ItemKey {
    pub(crate) fn of(statement: &Statement) -> ItemKey {
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

    /// Whether the statement defines a package-level value (`option pkg.name = ...` sets
    /// another package's option and defines nothing).
    pub fn defines(&self) -> Option<&SmolStr> {
        let defines =
            matches!(self.kind, ItemKind::Variable | ItemKind::Function | ItemKind::Builtin | ItemKind::Option);
        self.name.as_ref().filter(|n| defines && !n.contains('.'))
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
    /// Whether a syntax error (not a warning) lies in the chunk: its semantic diagnostics are
    /// then left out, and its binding is taken to be of unknown type, so one mistake is
    /// reported once.
    pub has_syntax_errors: bool,
}

/// Where each item of the file is in its list.
#[salsa::tracked(returns(ref))]
pub(crate) fn item_positions(db: &dyn Db, file: SourceFile) -> Arc<rustc_hash::FxHashMap<Item, usize>> {
    Arc::new(file.items(db).iter().enumerate().map(|(i, item)| (*item, i)).collect())
}

/// The index of `item` in its file's list.
pub fn item_index(db: &dyn Db, item: Item) -> usize {
    item_positions(db, item.file(db)).get(&item).copied().unwrap_or(0)
}

/// The item as the analysis names package-level definitions.
pub fn item_ref(item: Item) -> ItemRef {
    ItemRef(item.as_id().as_bits())
}

/// The item named by `r`, which [`item_ref`] made.
pub fn item_with_ref(r: ItemRef) -> Item {
    Item::from_id(salsa::Id::from_bits(r.0))
}
