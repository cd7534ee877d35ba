//! A uniform view of AST nodes and their children.

use crate::TextRange;
use crate::ast::*;

/// A reference to any node of the tree.
#[derive(Clone, Copy, Debug)]
pub enum NodeRef<'a> {
    File(&'a File),
    /// A top-level statement with its offset; its statement's ranges are relative to it.
    TopLevel(&'a TopLevel),
    PackageClause(&'a PackageClause),
    Import(&'a ImportDeclaration),
    Attribute(&'a Attribute),
    AttributeParam(&'a AttributeParam),
    Statement(&'a Statement),
    /// The assignment inside an `option` statement.
    Assignment(&'a Assignment),
    Block(&'a Block),
    Expr(&'a Expr),
    /// The call of a pipe expression, which is not an `Expr` of its own.
    Call(&'a CallExpr),
    /// The record libflux wraps call arguments in; it has no node of its own in our tree.
    CallArguments(&'a CallExpr),
    Member(&'a MemberExpr),
    Property(&'a Property),
    PropertyKey(&'a PropertyKey),
    Identifier(&'a Identifier),
    StringLit(&'a StringLit),
    StringPart(&'a StringExprPart),
    TypeExpression(&'a TypeExpression),
    MonoType(&'a MonoType),
    PropertyType(&'a PropertyType),
    ParameterType(&'a ParameterType),
    TypeConstraint(&'a TypeConstraint),
    Label(&'a LabelLit),
}

impl<'a> NodeRef<'a> {
    /// The range as stored: relative to the enclosing top-level statement's offset for nodes
    /// inside one (see [`Located`] for positions in the file).
    pub fn range(self) -> TextRange {
        match self {
            NodeRef::File(n) => n.base.range,
            NodeRef::TopLevel(n) => n.range(),
            NodeRef::PackageClause(n) => n.base.range,
            NodeRef::Import(n) => n.base.range,
            NodeRef::Attribute(n) => n.base.range,
            NodeRef::AttributeParam(n) => n.base.range,
            NodeRef::Statement(n) => n.range(),
            NodeRef::Assignment(n) => n.base().range,
            NodeRef::Block(n) => n.base.range,
            NodeRef::Expr(n) => n.range(),
            NodeRef::Call(n) => n.base.range,
            NodeRef::CallArguments(n) => arguments_range(n).unwrap_or(n.base.range),
            NodeRef::Member(n) => n.base.range,
            NodeRef::Property(n) => n.base.range,
            NodeRef::PropertyKey(n) => n.range(),
            NodeRef::Identifier(n) => n.base.range,
            NodeRef::StringLit(n) => n.base.range,
            NodeRef::StringPart(StringExprPart::Text(t)) => t.base.range,
            NodeRef::StringPart(StringExprPart::Interpolated(i)) => i.base.range,
            NodeRef::TypeExpression(n) => n.base.range,
            NodeRef::MonoType(n) => n.range(),
            NodeRef::PropertyType(n) => n.base.range,
            NodeRef::ParameterType(n) => n.base().range,
            NodeRef::TypeConstraint(n) => n.base.range,
            NodeRef::Label(n) => n.base.range,
        }
    }

    /// The address of the node, to key side tables by node identity.
    pub fn address(self) -> usize {
        match self {
            NodeRef::File(n) => n as *const _ as usize,
            NodeRef::TopLevel(n) => n as *const _ as usize,
            NodeRef::PackageClause(n) => n as *const _ as usize,
            NodeRef::Import(n) => n as *const _ as usize,
            NodeRef::Attribute(n) => n as *const _ as usize,
            NodeRef::AttributeParam(n) => n as *const _ as usize,
            NodeRef::Statement(n) => n as *const _ as usize,
            NodeRef::Assignment(n) => n as *const _ as usize,
            NodeRef::Block(n) => n as *const _ as usize,
            NodeRef::Expr(n) => n as *const _ as usize,
            NodeRef::Call(n) => n as *const _ as usize,
            // Distinct from the call itself, which shares the address.
            NodeRef::CallArguments(n) => n as *const _ as usize + 1,
            NodeRef::Member(n) => n as *const _ as usize,
            NodeRef::Property(n) => n as *const _ as usize,
            NodeRef::PropertyKey(n) => n as *const _ as usize,
            NodeRef::Identifier(n) => n as *const _ as usize,
            NodeRef::StringLit(n) => n as *const _ as usize,
            NodeRef::StringPart(n) => n as *const _ as usize,
            NodeRef::TypeExpression(n) => n as *const _ as usize,
            NodeRef::MonoType(n) => n as *const _ as usize,
            NodeRef::PropertyType(n) => n as *const _ as usize,
            NodeRef::ParameterType(n) => n as *const _ as usize,
            NodeRef::TypeConstraint(n) => n as *const _ as usize,
            NodeRef::Label(n) => n as *const _ as usize,
        }
    }

    /// The children of the node in source order, as libflux's AST walk visits them;
    /// attributes are left out, as libflux leaves them out.
    pub fn children(self, out: &mut Vec<NodeRef<'a>>) {
        use NodeRef as N;
        match self {
            N::File(f) => {
                out.extend(f.package.iter().map(N::PackageClause));
                out.extend(f.imports.iter().map(N::Import));
                out.extend(f.body.iter().map(N::TopLevel));
            }
            N::TopLevel(t) => out.push(N::Statement(&t.statement)),
            N::PackageClause(p) => out.push(N::Identifier(&p.name)),
            N::Import(i) => {
                out.extend(i.alias.iter().map(N::Identifier));
                out.push(N::StringLit(&i.path));
            }
            N::Attribute(a) => out.extend(a.params.iter().map(N::AttributeParam)),
            N::AttributeParam(p) => out.push(N::Expr(&p.value)),
            N::Statement(s) => match s {
                Statement::Expr(s) => out.push(N::Expr(&s.expression)),
                Statement::Variable(s) => {
                    out.push(N::Identifier(&s.id));
                    out.push(N::Expr(&s.init));
                }
                Statement::Option(s) => out.push(N::Assignment(&s.assignment)),
                Statement::Return(s) => out.push(N::Expr(&s.argument)),
                Statement::Bad(_) => {}
                Statement::TestCase(s) => {
                    out.push(N::Identifier(&s.id));
                    out.push(N::Block(&s.block));
                }
                Statement::Builtin(s) => {
                    out.push(N::Identifier(&s.id));
                    out.push(N::TypeExpression(&s.ty));
                }
            },
            N::Assignment(a) => match a {
                Assignment::Variable(v) => {
                    out.push(N::Identifier(&v.id));
                    out.push(N::Expr(&v.init));
                }
                Assignment::Member(m) => {
                    out.push(N::Member(&m.member));
                    out.push(N::Expr(&m.init));
                }
            },
            N::Block(b) => out.extend(b.body.iter().map(N::Statement)),
            N::Expr(e) => expr_children(e, out),
            N::Call(c) => call_children(c, out),
            N::CallArguments(c) => out.extend(c.arguments.iter().map(N::Property)),
            N::Member(m) => {
                out.push(N::Expr(&m.object));
                out.push(N::PropertyKey(&m.property));
            }
            N::Property(p) => {
                out.push(N::PropertyKey(&p.key));
                out.extend(p.value.iter().map(N::Expr));
            }
            N::PropertyKey(_) | N::Identifier(_) | N::StringLit(_) | N::Label(_) => {}
            N::StringPart(part) => {
                if let StringExprPart::Interpolated(i) = part {
                    out.push(N::Expr(&i.expression));
                }
            }
            N::TypeExpression(t) => {
                out.push(N::MonoType(&t.monotype));
                out.extend(t.constraints.iter().map(N::TypeConstraint));
            }
            N::MonoType(m) => match m {
                MonoType::Tvar(_) | MonoType::Basic(_) | MonoType::Dynamic(_) | MonoType::Label(_) => {}
                MonoType::Array(a) => out.push(N::MonoType(&a.element)),
                MonoType::Stream(a) => out.push(N::MonoType(&a.element)),
                MonoType::Vector(a) => out.push(N::MonoType(&a.element)),
                MonoType::Dict(d) => {
                    out.push(N::MonoType(&d.key));
                    out.push(N::MonoType(&d.val));
                }
                MonoType::Record(r) => {
                    out.extend(r.tvar.iter().map(N::Identifier));
                    out.extend(r.properties.iter().map(N::PropertyType));
                }
                MonoType::Function(f) => {
                    out.extend(f.parameters.iter().map(N::ParameterType));
                    out.push(N::MonoType(&f.monotype));
                }
            },
            N::PropertyType(p) => {
                out.push(N::PropertyKey(&p.name));
                out.push(N::MonoType(&p.monotype));
            }
            N::ParameterType(p) => {
                out.extend(p.name().map(N::Identifier));
                out.push(N::MonoType(p.monotype()));
            }
            N::TypeConstraint(c) => {
                out.push(N::Identifier(&c.tvar));
                out.extend(c.kinds.iter().map(N::Identifier));
            }
        }
    }
}

fn call_children<'a>(c: &'a CallExpr, out: &mut Vec<NodeRef<'a>>) {
    out.push(NodeRef::Expr(&c.callee));
    if !c.arguments.is_empty() {
        out.push(NodeRef::CallArguments(c));
    }
}

fn expr_children<'a>(e: &'a Expr, out: &mut Vec<NodeRef<'a>>) {
    use NodeRef as N;
    match e {
        Expr::Identifier(_)
        | Expr::Integer(_)
        | Expr::Float(_)
        | Expr::String(_)
        | Expr::Duration(_)
        | Expr::DateTime(_)
        | Expr::Regexp(_)
        | Expr::PipeLit(_)
        | Expr::Label(_)
        | Expr::Bad(_) => {}
        Expr::Array(a) => out.extend(a.elements.iter().map(|i| N::Expr(&i.expression))),
        Expr::Dict(d) => {
            for item in &d.elements {
                out.push(N::Expr(&item.key));
                out.push(N::Expr(&item.val));
            }
        }
        Expr::Function(f) => {
            out.extend(f.params.iter().map(N::Property));
            match &f.body {
                FunctionBody::Block(b) => out.push(N::Block(b)),
                FunctionBody::Expr(e) => out.push(N::Expr(e)),
            }
        }
        Expr::Logical(l) => {
            out.push(N::Expr(&l.left));
            out.push(N::Expr(&l.right));
        }
        Expr::Object(o) => {
            out.extend(o.with.iter().map(|w| N::Identifier(&w.source)));
            out.extend(o.properties.iter().map(N::Property));
        }
        Expr::Member(m) => {
            out.push(N::Expr(&m.object));
            out.push(N::PropertyKey(&m.property));
        }
        Expr::Index(i) => {
            out.push(N::Expr(&i.array));
            out.push(N::Expr(&i.index));
        }
        Expr::Binary(b) => {
            out.push(N::Expr(&b.left));
            out.push(N::Expr(&b.right));
        }
        Expr::Unary(u) => out.push(N::Expr(&u.argument)),
        Expr::Pipe(p) => {
            out.push(N::Expr(&p.argument));
            out.push(N::Call(&p.call));
        }
        Expr::Call(c) => call_children(c, out),
        Expr::Conditional(c) => {
            out.push(N::Expr(&c.test));
            out.push(N::Expr(&c.consequent));
            out.push(N::Expr(&c.alternate));
        }
        Expr::StringExpr(s) => out.extend(s.parts.iter().map(N::StringPart)),
        Expr::Paren(p) => out.push(N::Expr(&p.expression)),
    }
}

fn arguments_range(call: &CallExpr) -> Option<TextRange> {
    let first = call.arguments.first()?;
    let last = call.arguments.last()?;
    Some(first.base.range.cover(last.base.range))
}

/// A node together with the offset its ranges are relative to, so that positions in the file
/// are at hand while walking.
#[derive(Clone, Copy, Debug)]
pub struct Located<'a> {
    pub node: NodeRef<'a>,
    pub offset: u32,
}

impl<'a> Located<'a> {
    pub fn root(file: &'a File) -> Located<'a> {
        Located { node: NodeRef::File(file), offset: 0 }
    }

    /// The node's range in the file.
    pub fn range(self) -> TextRange {
        match self.node {
            NodeRef::File(_) | NodeRef::TopLevel(_) => self.node.range(),
            node => {
                let r = node.range();
                TextRange::new(r.start + self.offset, r.end + self.offset)
            }
        }
    }

    pub fn children(self, out: &mut Vec<Located<'a>>) {
        let offset = match self.node {
            NodeRef::TopLevel(t) => t.offset,
            _ => self.offset,
        };
        let mut nodes = Vec::new();
        self.node.children(&mut nodes);
        out.extend(nodes.into_iter().map(|node| Located { node, offset }));
    }
}

/// libflux rejects a program whose AST, counted from the package node, is deeper than this.
const LIBFLUX_MAX_AST_DEPTH: u32 = 180;

/// The first node, in source order, that lies deeper than libflux allows. Top-level statement
/// wrappers are ours, not libflux's, and do not count.
pub(crate) fn too_deep_node(file: &File) -> Option<TextRange> {
    fn visit(node: Located<'_>, depth: u32) -> Option<TextRange> {
        if depth > LIBFLUX_MAX_AST_DEPTH {
            return Some(node.range());
        }
        let mut children = Vec::new();
        node.children(&mut children);
        let inner = if matches!(node.node, NodeRef::TopLevel(_)) { depth } else { depth + 1 };
        children.into_iter().find_map(|child| visit(child, inner))
    }
    // Depth 1 is libflux's package node, depth 2 the file.
    visit(Located::root(file), 2)
}
