//! The AST as JSON, in the shape libflux serializes and InfluxDB's `/api/v2/query/ast` returns.
//!
//! Node kinds are `"type"` tags (`File`, `VariableAssignment`, `PipeExpression`, ...), field
//! names and their order follow libflux, and every node has a `location` with 1-based `line`
//! and `column` and the `source` text. As in libflux, columns count bytes. Where libflux
//! attaches syntax errors to nodes (`"errors": [{"msg": ...}]`), each of our errors is attached
//! to the innermost node that contains it. Comments libflux drops (before a dictionary's `:`)
//! appear as an extra `colon` field.

use std::collections::HashMap;

use crate::ast::*;
use crate::walk::{Located, NodeRef};
use crate::{ColumnEncoding, LineIndex, SyntaxError, TextRange, format_date_time};

/// Options for [`to_json`].
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonOptions<'a> {
    /// The file name recorded in the `File` node (omitted when empty, as libflux does).
    pub file_name: &'a str,
    /// Indent with two spaces, one field per line.
    pub pretty: bool,
    /// Only what the program means: no locations, no comments, and no parentheses (a
    /// parenthesized expression is written as the expression). Two texts whose trees write
    /// the same are the same program up to layout, which is what formatting must keep.
    pub code_only: bool,
}

/// Serializes `file`, parsed from `text`, with `errors` attached to their nodes.
pub fn to_json(file: &File, text: &str, errors: &[SyntaxError], options: JsonOptions<'_>) -> String {
    let mut w = Writer {
        out: String::with_capacity(text.len() * if options.code_only { 2 } else { 8 }),
        pretty: options.pretty,
        code_only: options.code_only,
        open: Vec::new(),
        text,
        index: LineIndex::new(text),
        errors: attach_errors(file, errors),
        offset: 0,
    };
    w.file(file, options.file_name);
    if w.pretty {
        w.out.push('\n');
    }
    w.out
}

/// Maps each error to the innermost node containing its start.
fn attach_errors<'e>(file: &File, errors: &'e [SyntaxError]) -> HashMap<usize, Vec<&'e str>> {
    let mut attached: HashMap<usize, Vec<&'e str>> = HashMap::new();
    for error in errors {
        let mut node = Located::root(file);
        let mut children = Vec::new();
        loop {
            children.clear();
            node.children(&mut children);
            match children.iter().find(|c| c.range().contains_range(TextRange::empty(error.range.start))) {
                Some(&child) => node = child,
                None => break,
            }
        }
        // A top-level wrapper is ours, not libflux's: its statement carries the error.
        let target = match node.node {
            NodeRef::TopLevel(t) => NodeRef::Statement(&t.statement),
            other => other,
        };
        attached.entry(target.address()).or_default().push(&error.message);
    }
    attached
}

struct Writer<'a> {
    out: String,
    pretty: bool,
    code_only: bool,
    /// For each open object or array: whether it has no member yet.
    open: Vec<bool>,
    text: &'a str,
    index: LineIndex,
    errors: HashMap<usize, Vec<&'a str>>,
    /// What the ranges being written are relative to: the current top-level statement's
    /// offset, or 0 in the file's header.
    offset: u32,
}

impl Writer<'_> {
    // ---- JSON primitives ----

    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.open.len() {
                self.out.push_str("  ");
            }
        }
    }

    /// Separates a new member or element from the previous one.
    fn member(&mut self) {
        let first = self.open.last_mut().expect("inside a container");
        if !*first {
            self.out.push(',');
        }
        *first = false;
        self.newline();
    }

    fn begin(&mut self, bracket: char) {
        self.out.push(bracket);
        self.open.push(true);
    }

    fn end(&mut self, bracket: char) {
        let empty = self.open.pop().expect("a container is open");
        if !empty {
            self.newline();
        }
        self.out.push(bracket);
    }

    fn key(&mut self, key: &str) {
        self.member();
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str(if self.pretty { "\": " } else { "\":" });
    }

    fn string(&mut self, value: &str) {
        self.out.push_str(&serde_json::to_string(value).expect("strings serialize"));
    }

    fn field_str(&mut self, key: &str, value: &str) {
        self.key(key);
        self.string(value);
    }

    fn raw(&mut self, key: &str, value: &str) {
        self.key(key);
        self.out.push_str(value);
    }

    /// Starts an object that is an element of an array.
    fn element_object(&mut self) {
        self.member();
        self.begin('{');
    }

    // ---- shared parts of nodes ----

    fn object_typed(&mut self, ty: &str) {
        self.begin('{');
        self.field_str("type", ty);
    }

    fn location(&mut self, range: TextRange) {
        if self.code_only {
            return;
        }
        let range = TextRange::new(range.start + self.offset, range.end + self.offset);
        let (start, end) = self.index.range(range, ColumnEncoding::Utf8);
        self.key("location");
        self.begin('{');
        self.key("start");
        self.position(start.line + 1, start.col + 1);
        self.key("end");
        self.position(end.line + 1, end.col + 1);
        let source = &self.text[range];
        if !source.is_empty() {
            self.field_str("source", source);
        }
        self.end('}');
    }

    fn position(&mut self, line: u32, column: u32) {
        self.begin('{');
        self.raw("line", &line.to_string());
        self.raw("column", &column.to_string());
        self.end('}');
    }

    fn comments(&mut self, key: &str, comments: &[Comment]) {
        if comments.is_empty() || self.code_only {
            return;
        }
        self.key(key);
        self.begin('[');
        for c in comments {
            self.element_object();
            self.field_str("text", &c.text);
            self.end('}');
        }
        self.end(']');
    }

    /// `location`, `comments`, `attributes` and `errors`, the fields every node starts with.
    fn base(&mut self, node: NodeRef<'_>, base: &Base, attributes: &[Attribute]) {
        self.location(base.range);
        self.comments("comments", &base.comments);
        if !attributes.is_empty() {
            self.key("attributes");
            self.begin('[');
            for a in attributes {
                self.attribute(a);
            }
            self.end(']');
        }
        if let Some(messages) = self.errors.remove(&node.address()) {
            self.key("errors");
            self.begin('[');
            for m in messages {
                self.element_object();
                self.field_str("msg", m);
                self.end('}');
            }
            self.end(']');
        }
    }

    fn attribute(&mut self, a: &Attribute) {
        self.element_object();
        self.base(NodeRef::Attribute(a), &a.base, &[]);
        self.field_str("name", &a.name);
        self.key("params");
        self.begin('[');
        for p in &a.params {
            self.element_object();
            self.base(NodeRef::AttributeParam(p), &p.base, &[]);
            self.key("value");
            self.expr(&p.value);
            self.comments("comma", &p.comma);
            self.end('}');
        }
        self.end(']');
        self.end('}');
    }

    // ---- nodes ----

    fn file(&mut self, f: &File, name: &str) {
        self.object_typed("File");
        let empty = f.package.is_none() && f.imports.is_empty() && f.body.is_empty();
        if !empty {
            self.base(NodeRef::File(f), &f.base, &[]);
        }
        if !name.is_empty() {
            self.field_str("name", name);
        }
        self.field_str("metadata", "parser-type=flx");
        self.key("package");
        match &f.package {
            Some(p) => {
                self.object_typed("PackageClause");
                self.base(NodeRef::PackageClause(p), &p.base, &p.attributes);
                self.key("name");
                self.identifier(&p.name);
                self.end('}');
            }
            None => self.out.push_str("null"),
        }
        self.key("imports");
        self.begin('[');
        for i in &f.imports {
            self.member();
            self.object_typed("ImportDeclaration");
            self.base(NodeRef::Import(i), &i.base, &i.attributes);
            self.key("as");
            match &i.alias {
                Some(alias) => self.identifier(alias),
                None => self.out.push_str("null"),
            }
            self.key("path");
            self.string_lit(&i.path);
            self.end('}');
        }
        self.end(']');
        self.key("body");
        self.begin('[');
        for top in &f.body {
            self.member();
            self.offset = top.offset;
            self.statement(&top.statement);
            self.offset = 0;
        }
        self.end(']');
        self.comments("eof", &f.eof);
        self.end('}');
    }

    fn statements(&mut self, key: &str, statements: &[Statement]) {
        self.key(key);
        self.begin('[');
        for s in statements {
            self.member();
            self.statement(s);
        }
        self.end(']');
    }

    fn statement(&mut self, s: &Statement) {
        let node = NodeRef::Statement(s);
        match s {
            Statement::Expr(e) => {
                self.object_typed("ExpressionStatement");
                self.base(node, &e.base, &e.attributes);
                self.key("expression");
                self.expr(&e.expression);
            }
            Statement::Variable(v) => {
                self.object_typed("VariableAssignment");
                self.variable_assignment_fields(node, v, &v.attributes);
            }
            Statement::Option(o) => {
                self.object_typed("OptionStatement");
                self.base(node, &o.base, &o.attributes);
                self.key("assignment");
                let a = NodeRef::Assignment(&o.assignment);
                match &o.assignment {
                    Assignment::Variable(v) => {
                        self.object_typed("VariableAssignment");
                        self.variable_assignment_fields(a, v, &[]);
                        self.end('}');
                    }
                    Assignment::Member(m) => {
                        self.object_typed("MemberAssignment");
                        self.base(a, &m.base, &[]);
                        self.key("member");
                        self.begin('{');
                        self.member_fields(NodeRef::Member(&m.member), &m.member);
                        self.end('}');
                        self.key("init");
                        self.expr(&m.init);
                        self.end('}');
                    }
                }
            }
            Statement::Return(r) => {
                self.object_typed("ReturnStatement");
                self.base(node, &r.base, &r.attributes);
                self.key("argument");
                self.expr(&r.argument);
            }
            Statement::Bad(b) => {
                self.object_typed("BadStatement");
                self.base(node, &b.base, &b.attributes);
                self.field_str("text", &b.text);
            }
            Statement::TestCase(t) => {
                self.object_typed("TestCaseStatement");
                self.base(node, &t.base, &t.attributes);
                self.key("id");
                self.identifier(&t.id);
                if let Some(extends) = &t.extends {
                    self.key("extends");
                    self.string_lit(extends);
                }
                self.key("block");
                self.block(&t.block);
            }
            Statement::Builtin(b) => {
                self.object_typed("BuiltinStatement");
                self.base(node, &b.base, &b.attributes);
                self.comments("colon", &b.colon);
                self.key("id");
                self.identifier(&b.id);
                self.key("ty");
                self.type_expression(&b.ty);
            }
        }
        self.end('}');
    }

    fn variable_assignment_fields(&mut self, node: NodeRef<'_>, v: &VariableAssgn, attributes: &[Attribute]) {
        self.base(node, &v.base, attributes);
        self.key("id");
        self.identifier(&v.id);
        self.key("init");
        self.expr(&v.init);
    }

    fn block(&mut self, b: &Block) {
        self.object_typed("Block");
        self.base(NodeRef::Block(b), &b.base, &[]);
        self.comments("lbrace", &b.lbrace);
        self.statements("body", &b.body);
        self.comments("rbrace", &b.rbrace);
        self.end('}');
    }

    /// An identifier where libflux embeds it untagged (names of declarations).
    fn identifier(&mut self, id: &Identifier) {
        self.begin('{');
        self.identifier_fields(id);
        self.end('}');
    }

    fn identifier_fields(&mut self, id: &Identifier) {
        self.base(NodeRef::Identifier(id), &id.base, &[]);
        self.field_str("name", &id.name);
    }

    /// A string literal where libflux embeds it untagged (import paths).
    fn string_lit(&mut self, s: &StringLit) {
        self.begin('{');
        self.base(NodeRef::StringLit(s), &s.base, &[]);
        self.field_str("value", &s.value);
        self.end('}');
    }

    fn property_key(&mut self, key: &PropertyKey) {
        match key {
            PropertyKey::Identifier(id) => {
                self.object_typed("Identifier");
                self.identifier_fields(id);
            }
            PropertyKey::StringLit(s) => {
                self.object_typed("StringLiteral");
                self.base(NodeRef::PropertyKey(key), &s.base, &[]);
                self.field_str("value", &s.value);
            }
        }
        self.end('}');
    }

    fn property(&mut self, p: &Property) {
        self.object_typed("Property");
        self.base(NodeRef::Property(p), &p.base, &[]);
        self.key("key");
        self.property_key(&p.key);
        self.comments("separator", &p.separator);
        self.key("value");
        match &p.value {
            Some(v) => self.expr(v),
            None => self.out.push_str("null"),
        }
        self.comments("comma", &p.comma);
        self.end('}');
    }

    fn properties(&mut self, key: &str, properties: &[Property]) {
        self.key(key);
        self.begin('[');
        for p in properties {
            self.member();
            self.property(p);
        }
        self.end(']');
    }

    fn member_fields(&mut self, node: NodeRef<'_>, m: &MemberExpr) {
        self.base(node, &m.base, &[]);
        self.key("object");
        self.expr(&m.object);
        self.comments("lbrack", &m.lbrack);
        self.key("property");
        self.property_key(&m.property);
        self.comments("rbrack", &m.rbrack);
    }

    fn call_fields(&mut self, node: NodeRef<'_>, c: &CallExpr) {
        self.base(node, &c.base, &[]);
        self.key("callee");
        self.expr(&c.callee);
        self.comments("lparen", &c.lparen);
        if let (Some(first), Some(last)) = (c.arguments.first(), c.arguments.last()) {
            self.key("arguments");
            self.begin('[');
            self.member();
            self.object_typed("ObjectExpression");
            let range = first.base.range.cover(last.base.range);
            self.base(NodeRef::CallArguments(c), &Base::new(range), &[]);
            self.properties("properties", &c.arguments);
            self.end('}');
            self.end(']');
        }
        self.comments("rparen", &c.rparen);
    }

    fn expr(&mut self, e: &Expr) {
        self.expr_with_comma(e, &[]);
    }

    /// An expression object, with a trailing `comma` field when `comma` is not empty.
    fn expr_with_comma(&mut self, e: &Expr, comma: &[Comment]) {
        if let (true, Expr::Paren(p)) = (self.code_only, e) {
            return self.expr_with_comma(&p.expression, comma);
        }
        let node = NodeRef::Expr(e);
        match e {
            Expr::Identifier(id) => {
                self.object_typed("Identifier");
                self.identifier_fields(id);
            }
            Expr::Array(a) => {
                self.object_typed("ArrayExpression");
                self.base(node, &a.base, &[]);
                self.comments("lbrack", &a.lbrack);
                self.key("elements");
                self.begin('[');
                for item in &a.elements {
                    // libflux flattens the element's fields and its `comma` into one object.
                    self.member();
                    self.expr_with_comma(&item.expression, &item.comma);
                }
                self.end(']');
                self.comments("rbrack", &a.rbrack);
            }
            Expr::Dict(d) => {
                self.object_typed("DictExpression");
                self.base(node, &d.base, &[]);
                self.comments("lbrack", &d.lbrack);
                self.key("elements");
                self.begin('[');
                for item in &d.elements {
                    self.element_object();
                    self.key("key");
                    self.expr(&item.key);
                    self.comments("colon", &item.colon);
                    self.key("val");
                    self.expr(&item.val);
                    self.comments("comma", &item.comma);
                    self.end('}');
                }
                self.end(']');
                self.comments("rbrack", &d.rbrack);
            }
            Expr::Function(f) => {
                self.object_typed("FunctionExpression");
                self.base(node, &f.base, &[]);
                self.comments("lparen", &f.lparen);
                self.properties("params", &f.params);
                self.comments("rparen", &f.rparen);
                self.comments("arrow", &f.arrow);
                self.key("body");
                match &f.body {
                    FunctionBody::Block(b) => self.block(b),
                    FunctionBody::Expr(e) => self.expr(e),
                }
            }
            Expr::Logical(l) => {
                self.object_typed("LogicalExpression");
                self.base(node, &l.base, &[]);
                self.field_str("operator", l.operator.as_str());
                self.key("left");
                self.expr(&l.left);
                self.key("right");
                self.expr(&l.right);
            }
            Expr::Object(o) => {
                self.object_typed("ObjectExpression");
                self.base(node, &o.base, &[]);
                self.comments("lbrace", &o.lbrace);
                if let Some(with) = &o.with {
                    self.key("with");
                    self.begin('{');
                    self.identifier_fields(&with.source);
                    self.comments("with", &with.with);
                    self.end('}');
                }
                self.properties("properties", &o.properties);
                self.comments("rbrace", &o.rbrace);
            }
            Expr::Member(m) => {
                self.object_typed("MemberExpression");
                self.member_fields(node, m);
            }
            Expr::Index(i) => {
                self.object_typed("IndexExpression");
                self.base(node, &i.base, &[]);
                self.key("array");
                self.expr(&i.array);
                self.comments("lbrack", &i.lbrack);
                self.key("index");
                self.expr(&i.index);
                self.comments("rbrack", &i.rbrack);
            }
            Expr::Binary(b) => {
                self.object_typed("BinaryExpression");
                self.base(node, &b.base, &[]);
                self.field_str("operator", b.operator.as_str());
                self.key("left");
                self.expr(&b.left);
                self.key("right");
                self.expr(&b.right);
            }
            Expr::Unary(u) => {
                self.object_typed("UnaryExpression");
                self.base(node, &u.base, &[]);
                self.field_str("operator", u.operator.as_str());
                self.key("argument");
                self.expr(&u.argument);
            }
            Expr::Pipe(p) => {
                self.object_typed("PipeExpression");
                self.base(node, &p.base, &[]);
                self.key("argument");
                self.expr(&p.argument);
                self.key("call");
                self.begin('{');
                self.call_fields(NodeRef::Call(&p.call), &p.call);
                self.end('}');
            }
            Expr::Call(c) => {
                self.object_typed("CallExpression");
                self.call_fields(node, c);
            }
            Expr::Conditional(c) => {
                self.object_typed("ConditionalExpression");
                self.base(node, &c.base, &[]);
                self.comments("tk_if", &c.tk_if);
                self.key("test");
                self.expr(&c.test);
                self.comments("tk_then", &c.tk_then);
                self.key("consequent");
                self.expr(&c.consequent);
                self.comments("tk_else", &c.tk_else);
                self.key("alternate");
                self.expr(&c.alternate);
            }
            Expr::StringExpr(s) => {
                self.object_typed("StringExpression");
                self.base(node, &s.base, &[]);
                self.key("parts");
                self.begin('[');
                for part in &s.parts {
                    self.member();
                    match part {
                        StringExprPart::Text(t) => {
                            self.object_typed("TextPart");
                            self.base(NodeRef::StringPart(part), &t.base, &[]);
                            self.field_str("value", &t.value);
                        }
                        StringExprPart::Interpolated(i) => {
                            self.object_typed("InterpolatedPart");
                            self.base(NodeRef::StringPart(part), &i.base, &[]);
                            self.key("expression");
                            self.expr(&i.expression);
                        }
                    }
                    self.end('}');
                }
                self.end(']');
            }
            Expr::Paren(p) => {
                self.object_typed("ParenExpression");
                self.base(node, &p.base, &[]);
                self.comments("lparen", &p.lparen);
                self.key("expression");
                self.expr(&p.expression);
                self.comments("rparen", &p.rparen);
            }
            Expr::Integer(i) => {
                self.object_typed("IntegerLiteral");
                self.base(node, &i.base, &[]);
                self.field_str("value", &i.value.to_string());
            }
            Expr::Float(f) => {
                self.object_typed("FloatLiteral");
                self.base(node, &f.base, &[]);
                self.raw("value", &serde_json::to_string(&f.value()).expect("floats serialize"));
            }
            Expr::String(s) => {
                self.object_typed("StringLiteral");
                self.base(node, &s.base, &[]);
                self.field_str("value", &s.value);
            }
            Expr::Duration(d) => {
                self.object_typed("DurationLiteral");
                self.base(node, &d.base, &[]);
                self.key("values");
                self.begin('[');
                for v in &d.values {
                    self.element_object();
                    self.raw("magnitude", &v.magnitude.to_string());
                    self.field_str("unit", &v.unit);
                    self.end('}');
                }
                self.end(']');
            }
            Expr::DateTime(d) => {
                self.object_typed("DateTimeLiteral");
                self.base(node, &d.base, &[]);
                self.field_str("value", &format_date_time(&d.value));
            }
            Expr::Regexp(r) => {
                self.object_typed("RegexpLiteral");
                self.base(node, &r.base, &[]);
                self.field_str("value", &r.value);
            }
            Expr::PipeLit(p) => {
                self.object_typed("PipeLiteral");
                self.base(node, &p.base, &[]);
            }
            Expr::Label(l) => {
                self.object_typed("LabelLiteral");
                self.label_fields(l);
            }
            Expr::Bad(b) => {
                self.object_typed("BadExpression");
                self.base(node, &b.base, &[]);
                self.field_str("text", &b.text);
                self.raw("expression", "null");
            }
        }
        self.comments("comma", comma);
        self.end('}');
    }

    fn label_fields(&mut self, l: &LabelLit) {
        self.base(NodeRef::Label(l), &l.base, &[]);
        self.field_str("value", &l.value);
    }

    fn type_expression(&mut self, t: &TypeExpression) {
        self.object_typed("TypeExpression");
        self.base(NodeRef::TypeExpression(t), &t.base, &[]);
        self.key("monotype");
        self.monotype(&t.monotype);
        self.key("constraints");
        self.begin('[');
        for c in &t.constraints {
            self.member();
            self.object_typed("TypeConstraint");
            self.base(NodeRef::TypeConstraint(c), &c.base, &[]);
            self.key("tvar");
            self.identifier(&c.tvar);
            self.key("kinds");
            self.begin('[');
            for k in &c.kinds {
                self.member();
                self.identifier(k);
            }
            self.end(']');
            self.end('}');
        }
        self.end(']');
        self.end('}');
    }

    fn monotype(&mut self, m: &MonoType) {
        let node = NodeRef::MonoType(m);
        match m {
            MonoType::Tvar(t) => {
                self.object_typed("TvarType");
                self.base(node, &t.base, &[]);
                self.key("name");
                self.identifier(&t.name);
            }
            MonoType::Basic(t) => {
                self.object_typed("NamedType");
                self.base(node, &t.base, &[]);
                self.key("name");
                self.identifier(&t.name);
            }
            MonoType::Array(t) => {
                self.object_typed("ArrayType");
                self.base(node, &t.base, &[]);
                self.key("element");
                self.monotype(&t.element);
            }
            MonoType::Stream(t) => {
                self.object_typed("StreamType");
                self.base(node, &t.base, &[]);
                self.key("element");
                self.monotype(&t.element);
            }
            MonoType::Vector(t) => {
                self.object_typed("VectorType");
                self.base(node, &t.base, &[]);
                self.key("element");
                self.monotype(&t.element);
            }
            MonoType::Dict(t) => {
                self.object_typed("DictType");
                self.base(node, &t.base, &[]);
                self.key("key");
                self.monotype(&t.key);
                self.key("val");
                self.monotype(&t.val);
            }
            MonoType::Dynamic(t) => {
                self.object_typed("DynamicType");
                self.base(node, &t.base, &[]);
            }
            MonoType::Record(t) => {
                self.object_typed("RecordType");
                self.base(node, &t.base, &[]);
                if let Some(tvar) = &t.tvar {
                    self.key("tvar");
                    self.identifier(tvar);
                }
                self.key("properties");
                self.begin('[');
                for p in &t.properties {
                    self.element_object();
                    self.base(NodeRef::PropertyType(p), &p.base, &[]);
                    self.key("name");
                    self.property_key(&p.name);
                    self.key("monotype");
                    self.monotype(&p.monotype);
                    self.end('}');
                }
                self.end(']');
            }
            MonoType::Function(t) => {
                self.object_typed("FunctionType");
                self.base(node, &t.base, &[]);
                self.key("parameters");
                self.begin('[');
                for p in &t.parameters {
                    self.member();
                    self.parameter_type(p);
                }
                self.end(']');
                self.key("monotype");
                self.monotype(&t.monotype);
            }
            MonoType::Label(l) => {
                self.object_typed("LabelType");
                self.label_fields(l);
            }
        }
        self.end('}');
    }

    fn parameter_type(&mut self, p: &ParameterType) {
        let node = NodeRef::ParameterType(p);
        match p {
            ParameterType::Required { base, name, monotype, .. } => {
                self.object_typed("Required");
                self.base(node, base, &[]);
                self.key("name");
                self.identifier(name);
                self.key("monotype");
                self.monotype(monotype);
            }
            ParameterType::Optional { base, name, monotype, default, .. } => {
                self.object_typed("Optional");
                self.base(node, base, &[]);
                self.key("name");
                self.identifier(name);
                self.key("monotype");
                self.monotype(monotype);
                self.key("default");
                match default {
                    Some(label) => {
                        self.begin('{');
                        self.label_fields(label);
                        self.end('}');
                    }
                    None => self.out.push_str("null"),
                }
            }
            ParameterType::Pipe { base, name, monotype, .. } => {
                self.object_typed("Pipe");
                self.base(node, base, &[]);
                if let Some(name) = name {
                    self.key("name");
                    self.identifier(name);
                }
                self.key("monotype");
                self.monotype(monotype);
            }
        }
        self.end('}');
    }
}
