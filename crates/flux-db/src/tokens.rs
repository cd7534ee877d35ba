//! Semantic tokens of an item: every name, literal, keyword, operator and comment classified,
//! with ranges relative to the item.
//!
//! Literals, properties and types come from the tree; what a name is (a parameter, a local
//! function, a package, a standard-library value) comes from its resolution in the
//! statement's [`Body`], and whether it is a function from its type. Keywords and operators
//! have no node of their own: they are found by scanning the text between the tree's leaves,
//! where nothing but keywords, operators and punctuation remains.

use flux_semantic::Body;
use flux_semantic::ir::{LocalKind, Resolution};
use flux_syntax::TextRange;
use flux_syntax::ast::*;
use flux_syntax::lexer::{Lexer, Mode, TokenKind};

use crate::{Db, Item, item_body};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TokenType {
    Namespace,
    Function,
    Parameter,
    Variable,
    Property,
    String,
    Number,
    Regexp,
    Operator,
    Keyword,
    Comment,
    Type,
    Decorator,
}

/// A set of modifiers, one bit each in the order of [`TokenModifiers::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenModifiers(pub u32);

impl TokenModifiers {
    pub const DECLARATION: TokenModifiers = TokenModifiers(1);
    pub const READONLY: TokenModifiers = TokenModifiers(2);
    pub const DEFAULT_LIBRARY: TokenModifiers = TokenModifiers(4);
    pub const NONE: TokenModifiers = TokenModifiers(0);

    pub fn contains(self, other: TokenModifiers) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for TokenModifiers {
    type Output = TokenModifiers;
    fn bitor(self, other: TokenModifiers) -> TokenModifiers {
        TokenModifiers(self.0 | other.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SemanticToken {
    pub range: TextRange,
    pub ty: TokenType,
    pub modifiers: TokenModifiers,
}

/// An item's tokens in source order, without overlaps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ItemTokens {
    pub tokens: Vec<SemanticToken>,
}

#[salsa::tracked(returns(ref))]
pub fn item_tokens(db: &dyn Db, item: Item) -> ItemTokens {
    let syntax = item.syntax(db);
    let body = item_body(db, item);
    let mut classifier = Classifier { body, tokens: Vec::new() };
    classifier.statement(&syntax.statement);
    let mut tokens = classifier.tokens;
    tokens.extend(syntax.comments.iter().map(|&range| token(range, TokenType::Comment, TokenModifiers::NONE)));
    tokens.sort_by_key(|t| (t.range.start, t.range.end));
    tokens.dedup_by_key(|t| t.range.start);
    let gaps = lexical_tokens(&syntax.source, &tokens);
    tokens.extend(gaps);
    tokens.sort_by_key(|t| (t.range.start, t.range.end));
    ItemTokens { tokens }
}

fn token(range: TextRange, ty: TokenType, modifiers: TokenModifiers) -> SemanticToken {
    SemanticToken { range, ty, modifiers }
}

/// Keywords, operators and attributes in the text between the classified tokens.
fn lexical_tokens(source: &str, classified: &[SemanticToken]) -> Vec<SemanticToken> {
    let mut out = Vec::new();
    let mut lexer = Lexer::new(source);
    let mut gap_start = 0u32;
    let ends = classified.iter().map(|t| (t.range.start, t.range.end)).chain(std::iter::once((source.len() as u32, 0)));
    for (start, end) in ends {
        if start > gap_start {
            lexer.reset(gap_start);
            loop {
                let t = lexer.next_token(Mode::Normal);
                if t.kind == TokenKind::Eof || t.range.end > start {
                    break;
                }
                let ty = match t.kind {
                    kind if kind.is_keyword() => Some(TokenType::Keyword),
                    // The only names left here are the type constructors and the contextual
                    // keywords (`with`, `where`, `extends`).
                    TokenKind::Ident if matches!(&source[t.range], "stream" | "vector") => Some(TokenType::Type),
                    TokenKind::Ident => Some(TokenType::Keyword),
                    TokenKind::Attribute => Some(TokenType::Decorator),
                    TokenKind::Add
                    | TokenKind::Sub
                    | TokenKind::Mul
                    | TokenKind::Div
                    | TokenKind::Mod
                    | TokenKind::Pow
                    | TokenKind::Eq
                    | TokenKind::Neq
                    | TokenKind::Lt
                    | TokenKind::Lte
                    | TokenKind::Gt
                    | TokenKind::Gte
                    | TokenKind::RegexEq
                    | TokenKind::RegexNeq
                    | TokenKind::Assign
                    | TokenKind::Arrow
                    | TokenKind::PipeReceive
                    | TokenKind::PipeForward
                    | TokenKind::QuestionMark => Some(TokenType::Operator),
                    _ => None,
                };
                if let Some(ty) = ty {
                    out.push(token(t.range, ty, TokenModifiers::NONE));
                }
            }
        }
        gap_start = gap_start.max(end);
    }
    out
}

struct Classifier<'a> {
    body: &'a Body,
    tokens: Vec<SemanticToken>,
}

impl Classifier<'_> {
    fn push(&mut self, range: TextRange, ty: TokenType, modifiers: TokenModifiers) {
        if !range.is_empty() {
            self.tokens.push(token(range, ty, modifiers));
        }
    }

    /// The identifier at `range`, classified by what it resolved to.
    fn name(&mut self, range: TextRange, called: bool) {
        let Some(name) = self.body.name_with_range(range) else {
            let ty = if called { TokenType::Function } else { TokenType::Variable };
            self.push(range, ty, TokenModifiers::NONE);
            return;
        };
        let function = self.body.types.is_function(name.ty);
        let (ty, mut modifiers) = match &name.resolution {
            Resolution::Local(id) if self.body.local(*id).kind == LocalKind::Parameter => {
                (TokenType::Parameter, TokenModifiers::NONE)
            }
            Resolution::Import(_) => (TokenType::Namespace, TokenModifiers::NONE),
            Resolution::Stdlib { name, .. } if name == "true" || name == "false" => {
                (TokenType::Variable, TokenModifiers::READONLY | TokenModifiers::DEFAULT_LIBRARY)
            }
            Resolution::Stdlib { .. } if function || called => (TokenType::Function, TokenModifiers::DEFAULT_LIBRARY),
            Resolution::Stdlib { .. } => (TokenType::Variable, TokenModifiers::DEFAULT_LIBRARY),
            Resolution::Predeclared(_) => (TokenType::Variable, TokenModifiers::READONLY),
            _ if function || called => (TokenType::Function, TokenModifiers::NONE),
            _ => (TokenType::Variable, TokenModifiers::NONE),
        };
        if name.definition {
            modifiers = modifiers | TokenModifiers::DECLARATION;
        }
        self.push(range, ty, modifiers);
    }

    fn statement(&mut self, statement: &Statement) {
        for a in statement.attributes() {
            for p in &a.params {
                self.expr(&p.value);
            }
        }
        match statement {
            Statement::Expr(s) => self.expr(&s.expression),
            Statement::Variable(v) => {
                self.name(v.id.base.range, false);
                self.expr(&v.init);
            }
            Statement::Option(o) => match &o.assignment {
                Assignment::Variable(v) => {
                    self.name(v.id.base.range, false);
                    self.expr(&v.init);
                }
                Assignment::Member(m) => {
                    self.expr(&m.member.object);
                    self.push(m.member.property.range(), TokenType::Property, TokenModifiers::DECLARATION);
                    self.expr(&m.init);
                }
            },
            Statement::Return(r) => self.expr(&r.argument),
            Statement::Bad(_) => {}
            Statement::TestCase(t) => {
                self.push(t.id.base.range, TokenType::Function, TokenModifiers::DECLARATION);
                if let Some(extends) = &t.extends {
                    self.push(extends.base.range, TokenType::String, TokenModifiers::NONE);
                }
                self.block(&t.block);
            }
            Statement::Builtin(b) => {
                let ty = if matches!(b.ty.monotype, MonoType::Function(_)) {
                    TokenType::Function
                } else {
                    TokenType::Variable
                };
                self.push(b.id.base.range, ty, TokenModifiers::DECLARATION | TokenModifiers::DEFAULT_LIBRARY);
                self.monotype(&b.ty.monotype);
                for c in &b.ty.constraints {
                    self.push(c.tvar.base.range, TokenType::Type, TokenModifiers::NONE);
                    for k in &c.kinds {
                        self.push(k.base.range, TokenType::Type, TokenModifiers::NONE);
                    }
                }
            }
        }
    }

    fn block(&mut self, block: &Block) {
        for s in &block.body {
            self.statement(s);
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Identifier(id) => self.name(id.base.range, false),
            Expr::Integer(_) | Expr::Float(_) | Expr::Duration(_) | Expr::DateTime(_) => {
                self.push(e.range(), TokenType::Number, TokenModifiers::NONE)
            }
            Expr::String(_) => self.push(e.range(), TokenType::String, TokenModifiers::NONE),
            Expr::Regexp(_) => self.push(e.range(), TokenType::Regexp, TokenModifiers::NONE),
            Expr::Label(_) => self.push(e.range(), TokenType::Property, TokenModifiers::NONE),
            Expr::PipeLit(_) => self.push(e.range(), TokenType::Operator, TokenModifiers::NONE),
            Expr::Bad(_) => {}
            Expr::StringExpr(s) => {
                // The text around the interpolations is string; what is inside them is code.
                let mut from = s.base.range.start;
                for part in &s.parts {
                    if let StringExprPart::Interpolated(i) = part {
                        self.push(TextRange::new(from, i.base.range.start), TokenType::String, TokenModifiers::NONE);
                        self.expr(&i.expression);
                        from = i.base.range.end;
                    }
                }
                self.push(TextRange::new(from, s.base.range.end), TokenType::String, TokenModifiers::NONE);
            }
            Expr::Call(c) => self.call(c),
            Expr::Pipe(p) => {
                self.expr(&p.argument);
                self.call(&p.call);
            }
            Expr::Member(m) => self.member(m, false),
            Expr::Index(i) => {
                self.expr(&i.array);
                self.expr(&i.index);
            }
            Expr::Function(f) => {
                for p in &f.params {
                    if let PropertyKey::Identifier(id) = &p.key {
                        self.name(id.base.range, false);
                    }
                    if let Some(default) = &p.value {
                        self.expr(default);
                    }
                }
                match &f.body {
                    FunctionBody::Expr(body) => self.expr(body),
                    FunctionBody::Block(b) => self.block(b),
                }
            }
            Expr::Object(o) => {
                if let Some(with) = &o.with {
                    self.name(with.source.base.range, false);
                }
                self.properties(&o.properties, TokenType::Property);
            }
            Expr::Array(a) => {
                for item in &a.elements {
                    self.expr(&item.expression);
                }
            }
            Expr::Dict(d) => {
                for item in &d.elements {
                    self.expr(&item.key);
                    self.expr(&item.val);
                }
            }
            Expr::Binary(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::Logical(l) => {
                self.expr(&l.left);
                self.expr(&l.right);
            }
            Expr::Unary(u) => self.expr(&u.argument),
            Expr::Conditional(c) => {
                self.expr(&c.test);
                self.expr(&c.consequent);
                self.expr(&c.alternate);
            }
            Expr::Paren(p) => self.expr(&p.expression),
        }
    }

    fn call(&mut self, call: &CallExpr) {
        // Whatever is called is a function, unless it is a parameter.
        match &call.callee {
            Expr::Identifier(id) => self.name(id.base.range, true),
            Expr::Member(m) => self.member(m, true),
            other => self.expr(other),
        }
        // Arguments are named after the function's parameters.
        self.properties(&call.arguments, TokenType::Parameter);
    }

    /// `object.property`: a package's value is classified as a name, a record's property as a
    /// property (or a function, when called).
    fn member(&mut self, m: &MemberExpr, called: bool) {
        self.expr(&m.object);
        match &m.property {
            PropertyKey::Identifier(id) if self.body.name_with_range(id.base.range).is_some() => {
                self.name(id.base.range, called)
            }
            key => self.member_property(key, if called { TokenType::Function } else { TokenType::Property }),
        }
    }

    fn member_property(&mut self, key: &PropertyKey, ty: TokenType) {
        match key {
            PropertyKey::Identifier(id) => self.push(id.base.range, ty, TokenModifiers::NONE),
            PropertyKey::StringLit(s) => self.push(s.base.range, TokenType::String, TokenModifiers::NONE),
        }
    }

    fn properties(&mut self, properties: &[Property], key_type: TokenType) {
        for p in properties {
            match &p.value {
                Some(value) => {
                    self.member_property(&p.key, key_type);
                    self.expr(value);
                }
                // The shorthand `{a}` is both a key and a reference to `a`.
                None => {
                    if let PropertyKey::Identifier(id) = &p.key {
                        self.name(id.base.range, false);
                    }
                }
            }
        }
    }

    fn monotype(&mut self, m: &MonoType) {
        match m {
            MonoType::Tvar(t) => self.push(t.base.range, TokenType::Type, TokenModifiers::NONE),
            MonoType::Basic(t) => self.push(t.base.range, TokenType::Type, TokenModifiers::NONE),
            MonoType::Dynamic(t) => self.push(t.base.range, TokenType::Type, TokenModifiers::NONE),
            MonoType::Label(l) => self.push(l.base.range, TokenType::Property, TokenModifiers::NONE),
            MonoType::Array(a) => self.monotype(&a.element),
            MonoType::Stream(s) => self.monotype(&s.element),
            MonoType::Vector(v) => self.monotype(&v.element),
            MonoType::Dict(d) => {
                self.monotype(&d.key);
                self.monotype(&d.val);
            }
            MonoType::Record(r) => {
                if let Some(tvar) = &r.tvar {
                    self.push(tvar.base.range, TokenType::Type, TokenModifiers::NONE);
                }
                for p in &r.properties {
                    self.member_property(&p.name, TokenType::Property);
                    self.monotype(&p.monotype);
                }
            }
            MonoType::Function(f) => {
                for p in &f.parameters {
                    if let Some(name) = p.name() {
                        self.push(name.base.range, TokenType::Parameter, TokenModifiers::DECLARATION);
                    }
                    self.monotype(p.monotype());
                    if let ParameterType::Optional { default: Some(label), .. } = p {
                        self.push(label.base.range, TokenType::Property, TokenModifiers::NONE);
                    }
                }
                self.monotype(&f.monotype);
            }
        }
    }
}
