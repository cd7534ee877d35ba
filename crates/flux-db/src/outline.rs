//! An item's symbols and foldable regions, with ranges relative to the item.

use flux_syntax::TextRange;
use flux_syntax::ast::*;
use flux_syntax::smol_str::SmolStr;
use flux_syntax::walk::NodeRef;

use crate::{Db, Item};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// The package clause (only in a file's symbols, not an item's).
    Package,
    /// An import (likewise).
    Import,
    Variable,
    Function,
    Parameter,
    Option,
    Builtin,
    TestCase,
}

/// A declaration, with the declarations inside it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Symbol {
    pub name: SmolStr,
    pub kind: SymbolKind,
    /// The whole declaration.
    pub range: TextRange,
    /// The name.
    pub selection: TextRange,
    pub children: Vec<Symbol>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FoldKind {
    /// A bracketed construct, a block or a multi-line pipeline.
    Region,
    /// A run of line comments.
    Comment,
    /// The imports of a file (only in a file's folds, not an item's).
    Imports,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fold {
    pub range: TextRange,
    pub kind: FoldKind,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ItemOutline {
    pub symbols: Vec<Symbol>,
    pub folds: Vec<Fold>,
}

#[salsa::tracked(returns(ref))]
pub fn item_outline(db: &dyn Db, item: Item) -> ItemOutline {
    let syntax = item.syntax(db);
    let mut outline = ItemOutline::default();
    statement_symbols(&syntax.statement, &mut outline.symbols);
    let mut folder = Folder { source: &syntax.source, folds: Vec::new() };
    folder.visit(NodeRef::Statement(&syntax.statement), false);
    outline.folds = folder.folds;
    outline.folds.extend(comment_folds(&syntax.source, &syntax.comments));
    outline.folds.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    outline
}

fn statement_symbols(statement: &Statement, out: &mut Vec<Symbol>) {
    match statement {
        Statement::Variable(v) => out.push(binding(&v.id, &v.init, statement.range(), SymbolKind::Variable)),
        Statement::Option(o) => match &o.assignment {
            Assignment::Variable(v) => out.push(binding(&v.id, &v.init, statement.range(), SymbolKind::Option)),
            Assignment::Member(m) => {
                let name = format!(
                    "{}.{}",
                    match &m.member.object {
                        Expr::Identifier(id) => id.name.as_str(),
                        _ => "",
                    },
                    m.member.property.name()
                );
                let mut children = Vec::new();
                function_children(&m.init, &mut children);
                out.push(Symbol {
                    name: SmolStr::new(name),
                    kind: SymbolKind::Option,
                    range: statement.range(),
                    selection: m.member.base.range,
                    children,
                });
            }
        },
        Statement::Builtin(b) => out.push(Symbol {
            name: b.id.name.clone(),
            kind: SymbolKind::Builtin,
            range: statement.range(),
            selection: b.id.base.range,
            children: Vec::new(),
        }),
        Statement::TestCase(t) => {
            let mut children = Vec::new();
            for s in &t.block.body {
                statement_symbols(s, &mut children);
            }
            out.push(Symbol {
                name: t.id.name.clone(),
                kind: SymbolKind::TestCase,
                range: statement.range(),
                selection: t.id.base.range,
                children,
            });
        }
        Statement::Expr(_) | Statement::Return(_) | Statement::Bad(_) => {}
    }
}

/// `name = init`: a function when `init` is one (with its parameters and the declarations of
/// its body as children), otherwise `kind`.
fn binding(id: &Identifier, init: &Expr, range: TextRange, kind: SymbolKind) -> Symbol {
    let mut children = Vec::new();
    let is_function = function_children(init, &mut children);
    let kind = if is_function && kind == SymbolKind::Variable { SymbolKind::Function } else { kind };
    Symbol { name: id.name.clone(), kind, range, selection: id.base.range, children }
}

/// The parameters and local declarations of a function literal; false if `init` is none.
fn function_children(init: &Expr, out: &mut Vec<Symbol>) -> bool {
    let Expr::Function(f) = init else { return false };
    for p in &f.params {
        if let PropertyKey::Identifier(id) = &p.key
            && !id.name.is_empty()
        {
            out.push(Symbol {
                name: id.name.clone(),
                kind: SymbolKind::Parameter,
                range: p.base.range,
                selection: id.base.range,
                children: Vec::new(),
            });
        }
    }
    if let FunctionBody::Block(block) = &f.body {
        for s in &block.body {
            statement_symbols(s, out);
        }
    }
    true
}

struct Folder<'a> {
    source: &'a str,
    folds: Vec<Fold>,
}

impl Folder<'_> {
    fn spans_lines(&self, range: TextRange) -> bool {
        self.source.get(range.start as usize..range.end as usize).is_some_and(|s| s.contains('\n'))
    }

    fn region(&mut self, range: TextRange) {
        if self.spans_lines(range) {
            self.folds.push(Fold { range, kind: FoldKind::Region });
        }
    }

    /// `in_pipeline`: the node is the argument of a pipe, whose own fold covers it.
    fn visit(&mut self, node: NodeRef<'_>, in_pipeline: bool) {
        match node {
            NodeRef::Block(b) => self.region(b.base.range),
            NodeRef::Expr(e) => match e {
                Expr::Array(_) | Expr::Dict(_) | Expr::Object(_) | Expr::Paren(_) => self.region(e.range()),
                Expr::Call(c) => self.call(c),
                Expr::StringExpr(_) | Expr::String(_) => self.region(e.range()),
                Expr::Pipe(_) if !in_pipeline => self.region(e.range()),
                _ => {}
            },
            NodeRef::Call(c) => self.call(c),
            NodeRef::TypeExpression(t) => self.region(t.base.range),
            _ => {}
        }
        let mut children = Vec::new();
        node.children(&mut children);
        let pipe_argument = match node {
            NodeRef::Expr(Expr::Pipe(p)) => Some(&p.argument as *const Expr),
            _ => None,
        };
        for child in children {
            let argument = matches!(child, NodeRef::Expr(e) if Some(e as *const Expr) == pipe_argument);
            self.visit(child, argument);
        }
    }

    /// The parenthesized arguments of a call, from `(` to `)`.
    fn call(&mut self, call: &CallExpr) {
        let end = call.base.range.end;
        if let Some(open) = self.source.get(call.callee.range().end as usize..end as usize).and_then(|s| s.find('(')) {
            self.region(TextRange::new(call.callee.range().end + open as u32, end));
        }
    }
}

/// Folds for the runs of two or more line comments among `comments` (sorted ranges into
/// `text`), each comment on a line of its own; a fold ends before the last line break.
pub fn comment_folds(text: &str, comments: &[TextRange]) -> Vec<Fold> {
    let own_line = |c: &TextRange| text[..c.start as usize].rsplit('\n').next().is_some_and(|b| b.trim().is_empty());
    let mut out = Vec::new();
    let mut i = 0;
    while i < comments.len() {
        let mut j = i;
        while own_line(&comments[i])
            && j + 1 < comments.len()
            && own_line(&comments[j + 1])
            && text[comments[j].end as usize..comments[j + 1].start as usize].trim().is_empty()
        {
            j += 1;
        }
        if j > i {
            let range = comments[i].cover(comments[j]);
            let end = range.start + text[range.as_usize()].trim_end().len() as u32;
            out.push(Fold { range: TextRange::new(range.start, end), kind: FoldKind::Comment });
        }
        i = j + 1;
    }
    out
}
