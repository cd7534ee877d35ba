//! An indented, human-readable outline of a tree, one node per line with its position.

use std::fmt::Write;

use crate::ast::*;
use crate::walk::{Located, NodeRef};
use crate::{ColumnEncoding, LineIndex, format_date_time};

/// Renders `file` as an outline such as
///
/// ```text
/// File 1:1-1:6
///   VariableAssignment 1:1-1:6
///     Identifier `x` 1:1-1:2
///     IntegerLiteral 1 1:5-1:6
/// ```
///
/// Positions are 1-based lines and character columns.
pub fn debug_tree(file: &File, text: &str) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    write_node(&mut out, &index, text, Located::root(file), 0);
    out
}

fn write_node(out: &mut String, index: &LineIndex, text: &str, node: Located<'_>, depth: usize) {
    let mut children = Vec::new();
    // A top-level wrapper is transparent: its statement is written in its place.
    if let NodeRef::TopLevel(_) = node.node {
        node.children(&mut children);
        for child in children {
            write_node(out, index, text, child, depth);
        }
        return;
    }
    let (start, end) = index.range(node.range(), ColumnEncoding::Utf32);
    let _ = writeln!(
        out,
        "{:indent$}{} {}:{}-{}:{}",
        "",
        label(node, text),
        start.line + 1,
        start.col + 1,
        end.line + 1,
        end.col + 1,
        indent = depth * 2
    );
    // Attributes come first in the source; the walk leaves them out, the outline does not.
    children.extend(
        attributes_of(node.node)
            .unwrap_or_default()
            .iter()
            .map(|a| Located { node: NodeRef::Attribute(a), offset: node.offset }),
    );
    node.children(&mut children);
    for child in children {
        write_node(out, index, text, child, depth + 1);
    }
}

fn attributes_of(node: NodeRef<'_>) -> Option<&[Attribute]> {
    match node {
        NodeRef::PackageClause(p) => Some(&p.attributes),
        NodeRef::Import(i) => Some(&i.attributes),
        NodeRef::Statement(s) => Some(s.attributes()),
        _ => None,
    }
}

fn label(located: Located<'_>, text: &str) -> String {
    match located.node {
        NodeRef::TopLevel(_) => "TopLevel".to_owned(),
        NodeRef::File(_) => "File".to_owned(),
        NodeRef::PackageClause(_) => "PackageClause".to_owned(),
        NodeRef::Import(_) => "ImportDeclaration".to_owned(),
        NodeRef::Attribute(a) => format!("Attribute @{}", a.name),
        NodeRef::AttributeParam(_) => "AttributeParam".to_owned(),
        NodeRef::Statement(s) => match s {
            Statement::Expr(_) => "ExpressionStatement".to_owned(),
            Statement::Variable(_) => "VariableAssignment".to_owned(),
            Statement::Option(_) => "OptionStatement".to_owned(),
            Statement::Return(_) => "ReturnStatement".to_owned(),
            Statement::Bad(b) => format!("BadStatement {:?}", b.text),
            Statement::TestCase(_) => "TestCaseStatement".to_owned(),
            Statement::Builtin(_) => "BuiltinStatement".to_owned(),
        },
        NodeRef::Assignment(Assignment::Variable(_)) => "VariableAssignment".to_owned(),
        NodeRef::Assignment(Assignment::Member(_)) => "MemberAssignment".to_owned(),
        NodeRef::Block(_) => "Block".to_owned(),
        NodeRef::Call(_) => "CallExpression".to_owned(),
        NodeRef::CallArguments(_) => "Arguments".to_owned(),
        NodeRef::Member(_) => "MemberExpression".to_owned(),
        NodeRef::Property(_) => "Property".to_owned(),
        NodeRef::PropertyKey(PropertyKey::Identifier(id)) | NodeRef::Identifier(id) => {
            format!("Identifier `{}`", id.name)
        }
        NodeRef::PropertyKey(PropertyKey::StringLit(s)) | NodeRef::StringLit(s) => {
            format!("StringLiteral {:?}", s.value)
        }
        NodeRef::StringPart(StringExprPart::Text(t)) => format!("TextPart {:?}", t.value),
        NodeRef::StringPart(StringExprPart::Interpolated(_)) => "InterpolatedPart".to_owned(),
        NodeRef::TypeExpression(_) => "TypeExpression".to_owned(),
        NodeRef::MonoType(m) => match m {
            MonoType::Tvar(t) => format!("TvarType {}", t.name.name),
            MonoType::Basic(t) => format!("NamedType {}", t.name.name),
            MonoType::Array(_) => "ArrayType".to_owned(),
            MonoType::Stream(_) => "StreamType".to_owned(),
            MonoType::Vector(_) => "VectorType".to_owned(),
            MonoType::Dict(_) => "DictType".to_owned(),
            MonoType::Dynamic(_) => "DynamicType".to_owned(),
            MonoType::Record(_) => "RecordType".to_owned(),
            MonoType::Function(_) => "FunctionType".to_owned(),
            MonoType::Label(l) => format!("LabelType .{}", l.value),
        },
        NodeRef::PropertyType(_) => "PropertyType".to_owned(),
        NodeRef::ParameterType(p) => match p {
            ParameterType::Required { .. } => "Required".to_owned(),
            ParameterType::Optional { default: Some(d), .. } => format!("Optional default=.{}", d.value),
            ParameterType::Optional { .. } => "Optional".to_owned(),
            ParameterType::Pipe { .. } => "Pipe".to_owned(),
        },
        NodeRef::TypeConstraint(_) => "TypeConstraint".to_owned(),
        NodeRef::Label(l) => format!("LabelLiteral .{}", l.value),
        NodeRef::Expr(e) => match e {
            Expr::Identifier(id) => format!("Identifier `{}`", id.name),
            Expr::Array(_) => "ArrayExpression".to_owned(),
            Expr::Dict(_) => "DictExpression".to_owned(),
            Expr::Function(_) => "FunctionExpression".to_owned(),
            Expr::Logical(l) => format!("LogicalExpression {}", l.operator.as_str()),
            Expr::Object(o) => match &o.with {
                Some(w) => format!("ObjectExpression with `{}`", w.source.name),
                None => "ObjectExpression".to_owned(),
            },
            Expr::Member(_) => "MemberExpression".to_owned(),
            Expr::Index(_) => "IndexExpression".to_owned(),
            Expr::Binary(b) => format!("BinaryExpression {}", b.operator.as_str()),
            Expr::Unary(u) => format!("UnaryExpression {}", u.operator.as_str()),
            Expr::Pipe(_) => "PipeExpression".to_owned(),
            Expr::Call(_) => "CallExpression".to_owned(),
            Expr::Conditional(_) => "ConditionalExpression".to_owned(),
            Expr::StringExpr(_) => "StringExpression".to_owned(),
            Expr::Paren(_) => "ParenExpression".to_owned(),
            Expr::Integer(i) => format!("IntegerLiteral {}", i.value),
            Expr::Float(f) => format!("FloatLiteral {:?}", f.value()),
            Expr::String(s) => format!("StringLiteral {:?}", s.value),
            Expr::Duration(_) => format!("DurationLiteral {}", &text[located.range()]),
            Expr::DateTime(d) => format!("DateTimeLiteral {}", format_date_time(&d.value)),
            Expr::Regexp(r) => format!("RegexpLiteral /{}/", r.value),
            Expr::PipeLit(_) => "PipeLiteral".to_owned(),
            Expr::Label(l) => format!("LabelLiteral .{}", l.value),
            Expr::Bad(b) => format!("BadExpression {:?}", b.text),
        },
    }
}
