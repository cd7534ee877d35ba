//! Inlay hints: inferred types after the names of variables and function parameters.

use flux_db::{Db, SourceFile};
use flux_semantic::ir::{LocalKind, Resolution};
use flux_syntax::TextRange;
use flux_syntax::ast::{Expr, Statement};
use flux_syntax::walk::{Located, NodeRef};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint goes: right after the name.
    pub offset: u32,
    /// `: int`
    pub label: String,
    pub kind: InlayKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InlayKind {
    /// The type of a variable.
    Variable,
    /// The type of a function parameter.
    Parameter,
}

/// Which hints to show (see `docs/configuration.md`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayConfig {
    pub variable_types: bool,
    pub parameter_types: bool,
    /// Longer types are cut short with `…`.
    pub max_length: usize,
}

impl Default for InlayConfig {
    fn default() -> InlayConfig {
        InlayConfig { variable_types: true, parameter_types: true, max_length: 40 }
    }
}

pub(crate) fn inlay_hints(db: &dyn Db, file: SourceFile, range: TextRange, config: &InlayConfig) -> Vec<InlayHint> {
    let mut out = Vec::new();
    if !config.variable_types && !config.parameter_types {
        return out;
    }
    for (item, &base) in file.items(db).iter().zip(file.offsets(db).iter()) {
        let syntax = item.syntax(db);
        let statement_range = syntax.statement.range();
        if base + statement_range.end < range.start || base + statement_range.start > range.end {
            continue;
        }
        let obvious = obvious_bindings(&syntax.statement);
        let body = flux_db::item_body(db, *item);
        for name in body.names().iter().filter(|n| n.definition) {
            let offset = name.range.end + base;
            if offset < range.start || offset > range.end {
                continue;
            }
            let local_kind = match &name.resolution {
                Resolution::Local(id) => Some(body.local(*id).kind),
                _ => None,
            };
            let kind = match (&name.resolution, local_kind) {
                (_, Some(LocalKind::Parameter)) if config.parameter_types => InlayKind::Parameter,
                (_, Some(LocalKind::Variable)) | (Resolution::Package { .. }, _) if config.variable_types => {
                    InlayKind::Variable
                }
                _ => continue,
            };
            if kind == InlayKind::Variable && obvious.contains(&name.range) {
                continue;
            }
            let scheme = body.types.scheme(name.ty);
            if matches!(scheme.ty, flux_types::Ty::Error) {
                continue;
            }
            let mut shown = scheme.to_string();
            if shown.chars().count() > config.max_length {
                shown = shown.chars().take(config.max_length.saturating_sub(1)).collect::<String>() + "…";
            }
            out.push(InlayHint { offset, label: format!(": {shown}"), kind });
        }
    }
    out
}

/// The names bound to a value whose type is plain to see: a literal, or a function (whose
/// parameters get hints of their own), or an option (whose type is declared).
fn obvious_bindings(statement: &Statement) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut stack = vec![Located { node: NodeRef::Statement(statement), offset: 0 }];
    let mut children = Vec::new();
    while let Some(node) = stack.pop() {
        match node.node {
            NodeRef::Statement(Statement::Variable(v)) if is_obvious(&v.init) => out.push(v.id.base.range),
            NodeRef::Statement(Statement::Option(o)) => {
                if let flux_syntax::ast::Assignment::Variable(v) = &o.assignment {
                    out.push(v.id.base.range);
                }
            }
            _ => {}
        }
        children.clear();
        node.children(&mut children);
        stack.extend(children.iter().copied());
    }
    out
}

fn is_obvious(expr: &Expr) -> bool {
    match expr {
        Expr::Integer(_)
        | Expr::Float(_)
        | Expr::String(_)
        | Expr::StringExpr(_)
        | Expr::Duration(_)
        | Expr::DateTime(_)
        | Expr::Regexp(_)
        | Expr::Function(_) => true,
        Expr::Identifier(id) => id.name == "true" || id.name == "false",
        Expr::Unary(u) => is_obvious(&u.argument),
        Expr::Paren(p) => is_obvious(&p.expression),
        _ => false,
    }
}
