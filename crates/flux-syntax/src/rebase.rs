//! Moving every range of a subtree by the same amount.
//!
//! Top-level statements keep ranges relative to the start of their chunk of text, so that a
//! statement an edit did not touch is reused as it is. Every node type lists its fields
//! exhaustively here, so a field added to the AST without being rebased does not compile.

use crate::TextRange;
use crate::ast::*;
use crate::error::SyntaxError;

pub(crate) trait Rebase {
    /// Subtracts `base` from every range (`base` is never past a range's start).
    fn rebase(&mut self, base: u32);
}

fn range(r: &mut TextRange, base: u32) {
    r.start -= base;
    r.end -= base;
}

impl Rebase for TextRange {
    fn rebase(&mut self, base: u32) {
        range(self, base);
    }
}

impl Rebase for Comments {
    fn rebase(&mut self, base: u32) {
        for c in self.iter_mut() {
            range(&mut c.range, base);
        }
    }
}

impl Rebase for Base {
    fn rebase(&mut self, base: u32) {
        let Base { range: r, comments } = self;
        range(r, base);
        comments.rebase(base);
    }
}

impl<T: Rebase> Rebase for Vec<T> {
    fn rebase(&mut self, base: u32) {
        for item in self {
            item.rebase(base);
        }
    }
}

impl<T: Rebase> Rebase for Option<T> {
    fn rebase(&mut self, base: u32) {
        if let Some(item) = self {
            item.rebase(base);
        }
    }
}

impl<T: Rebase> Rebase for Box<T> {
    fn rebase(&mut self, base: u32) {
        (**self).rebase(base);
    }
}

impl Rebase for SyntaxError {
    fn rebase(&mut self, base: u32) {
        let SyntaxError { kind: _, range: r, message: _, related } = self;
        range(r, base);
        for info in related {
            range(&mut info.range, base);
        }
    }
}

/// Rebases the listed fields of a struct, naming all of its fields.
macro_rules! rebase_fields {
    ($ty:ident { $($field:ident),* ; $($skip:ident),* }) => {
        impl Rebase for $ty {
            #[allow(unused_variables)]
            fn rebase(&mut self, base: u32) {
                let $ty { $($field,)* $($skip: _,)* } = self;
                $($field.rebase(base);)*
            }
        }
    };
}

rebase_fields!(Attribute { base, lparen, params, rparen; name });
rebase_fields!(AttributeParam { base, value, comma; });
rebase_fields!(ExprStmt { base, attributes, expression; });
rebase_fields!(VariableAssgn { base, attributes, id, init; });
rebase_fields!(MemberAssgn { base, member, init; });
rebase_fields!(OptionStmt { base, attributes, assignment; });
rebase_fields!(ReturnStmt { base, attributes, argument; });
rebase_fields!(BadStmt { base, attributes; text });
rebase_fields!(TestCaseStmt { base, attributes, id, tk_extends, extends, block; });
rebase_fields!(BuiltinStmt { base, attributes, colon, id, ty; });
rebase_fields!(Block { base, lbrace, body, rbrace; });
rebase_fields!(TypeExpression { base, monotype, tk_where, constraints; });
rebase_fields!(TypeConstraint { base, tvar, colon, kinds, plus, comma; });
rebase_fields!(TvarType { base, name; });
rebase_fields!(NamedType { base, name; });
rebase_fields!(ArrayType { base, element, rbrack; });
rebase_fields!(StreamType { base, lbrack, element, rbrack; });
rebase_fields!(VectorType { base, lbrack, element, rbrack; });
rebase_fields!(DictType { base, key, colon, val, rbrack; });
rebase_fields!(DynamicType { base; });
rebase_fields!(RecordType { base, tvar, with, properties, rbrace; });
rebase_fields!(PropertyType { base, name, colon, monotype, comma; });
rebase_fields!(FunctionType { base, parameters, rparen, arrow, monotype; });
rebase_fields!(Identifier { base; name });
rebase_fields!(ArrayItem { expression, comma; });
rebase_fields!(ArrayExpr { base, lbrack, elements, rbrack; });
rebase_fields!(DictItem { key, colon, val, comma; });
rebase_fields!(DictExpr { base, lbrack, elements, empty_colon, rbrack; });
rebase_fields!(FunctionExpr { base, lparen, params, rparen, arrow, body; });
rebase_fields!(LogicalExpr { base, left, right; operator });
rebase_fields!(WithSource { source, with; });
rebase_fields!(ObjectExpr { base, lbrace, with, properties, rbrace; });
rebase_fields!(Property { base, key, separator, value, comma; });
rebase_fields!(MemberExpr { base, object, lbrack, property, rbrack; });
rebase_fields!(IndexExpr { base, array, lbrack, index, rbrack; });
rebase_fields!(BinaryExpr { base, left, right; operator });
rebase_fields!(UnaryExpr { base, argument; operator });
rebase_fields!(PipeExpr { base, argument, call; });
rebase_fields!(CallExpr { base, callee, lparen, arguments, rparen; });
rebase_fields!(ConditionalExpr { base, tk_if, test, tk_then, consequent, tk_else, alternate; });
rebase_fields!(StringExpr { base, parts; });
rebase_fields!(TextPart { base; value });
rebase_fields!(InterpolatedPart { base, expression, rbrace; });
rebase_fields!(ParenExpr { base, lparen, expression, rparen; });
rebase_fields!(IntegerLit { base; value });
rebase_fields!(FloatLit { base; bits });
rebase_fields!(StringLit { base; value });
rebase_fields!(DurationLit { base; values });
rebase_fields!(DateTimeLit { base; value });
rebase_fields!(RegexpLit { base; value });
rebase_fields!(PipeLit { base; });
rebase_fields!(LabelLit { base, dot, name; value });
rebase_fields!(BadExpr { base; text });

impl Rebase for Statement {
    fn rebase(&mut self, base: u32) {
        match self {
            Statement::Expr(s) => s.rebase(base),
            Statement::Variable(s) => s.rebase(base),
            Statement::Option(s) => s.rebase(base),
            Statement::Return(s) => s.rebase(base),
            Statement::Bad(s) => s.rebase(base),
            Statement::TestCase(s) => s.rebase(base),
            Statement::Builtin(s) => s.rebase(base),
        }
    }
}

impl Rebase for Assignment {
    fn rebase(&mut self, base: u32) {
        match self {
            Assignment::Variable(a) => a.rebase(base),
            Assignment::Member(a) => a.rebase(base),
        }
    }
}

impl Rebase for MonoType {
    fn rebase(&mut self, base: u32) {
        match self {
            MonoType::Tvar(t) => t.rebase(base),
            MonoType::Basic(t) => t.rebase(base),
            MonoType::Array(t) => t.rebase(base),
            MonoType::Stream(t) => t.rebase(base),
            MonoType::Vector(t) => t.rebase(base),
            MonoType::Dict(t) => t.rebase(base),
            MonoType::Dynamic(t) => t.rebase(base),
            MonoType::Record(t) => t.rebase(base),
            MonoType::Function(t) => t.rebase(base),
            MonoType::Label(t) => t.rebase(base),
        }
    }
}

impl Rebase for ParameterType {
    fn rebase(&mut self, base: u32) {
        match self {
            ParameterType::Required { base: b, name, colon, monotype, comma } => {
                b.rebase(base);
                name.rebase(base);
                colon.rebase(base);
                monotype.rebase(base);
                comma.rebase(base);
            }
            ParameterType::Optional { base: b, name, colon, monotype, assign, default, comma } => {
                b.rebase(base);
                name.rebase(base);
                colon.rebase(base);
                monotype.rebase(base);
                assign.rebase(base);
                default.rebase(base);
                comma.rebase(base);
            }
            ParameterType::Pipe { base: b, name, colon, monotype, comma } => {
                b.rebase(base);
                name.rebase(base);
                colon.rebase(base);
                monotype.rebase(base);
                comma.rebase(base);
            }
        }
    }
}

impl Rebase for FunctionBody {
    fn rebase(&mut self, base: u32) {
        match self {
            FunctionBody::Block(b) => b.rebase(base),
            FunctionBody::Expr(e) => e.rebase(base),
        }
    }
}

impl Rebase for PropertyKey {
    fn rebase(&mut self, base: u32) {
        match self {
            PropertyKey::Identifier(i) => i.rebase(base),
            PropertyKey::StringLit(s) => s.rebase(base),
        }
    }
}

impl Rebase for StringExprPart {
    fn rebase(&mut self, base: u32) {
        match self {
            StringExprPart::Text(t) => t.rebase(base),
            StringExprPart::Interpolated(i) => i.rebase(base),
        }
    }
}

impl Rebase for Expr {
    fn rebase(&mut self, base: u32) {
        match self {
            Expr::Identifier(e) => e.rebase(base),
            Expr::Array(e) => e.rebase(base),
            Expr::Dict(e) => e.rebase(base),
            Expr::Function(e) => e.rebase(base),
            Expr::Logical(e) => e.rebase(base),
            Expr::Object(e) => e.rebase(base),
            Expr::Member(e) => e.rebase(base),
            Expr::Index(e) => e.rebase(base),
            Expr::Binary(e) => e.rebase(base),
            Expr::Unary(e) => e.rebase(base),
            Expr::Pipe(e) => e.rebase(base),
            Expr::Call(e) => e.rebase(base),
            Expr::Conditional(e) => e.rebase(base),
            Expr::StringExpr(e) => e.rebase(base),
            Expr::Paren(e) => e.rebase(base),
            Expr::Integer(e) => e.rebase(base),
            Expr::Float(e) => e.rebase(base),
            Expr::String(e) => e.rebase(base),
            Expr::Duration(e) => e.rebase(base),
            Expr::DateTime(e) => e.rebase(base),
            Expr::Regexp(e) => e.rebase(base),
            Expr::PipeLit(e) => e.rebase(base),
            Expr::Label(e) => e.rebase(base),
            Expr::Bad(e) => e.rebase(base),
        }
    }
}
