//! Semantic tokens of an item: every name, literal, keyword, operator and comment classified,
//! with ranges relative to the item.
//!
//! Names and literals come from the tree, where scopes tell a parameter from a variable.
//! Keywords and operators have no node of their own: they are found by scanning the text
//! between the tree's leaves, where nothing but keywords, operators and punctuation remains.

use flux_syntax::TextRange;
use flux_syntax::ast::*;
use flux_syntax::lexer::{Lexer, Mode, TokenKind};
use flux_syntax::smol_str::SmolStr;

use crate::{Db, Item, ItemKind, SourceFile, items, parse};

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

impl TokenType {
    /// All types, in the order of the legend the server announces.
    pub const ALL: [TokenType; 13] = [
        TokenType::Namespace,
        TokenType::Function,
        TokenType::Parameter,
        TokenType::Variable,
        TokenType::Property,
        TokenType::String,
        TokenType::Number,
        TokenType::Regexp,
        TokenType::Operator,
        TokenType::Keyword,
        TokenType::Comment,
        TokenType::Type,
        TokenType::Decorator,
    ];
}

/// A set of modifiers, one bit each in the order of [`TokenModifiers::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenModifiers(pub u32);

impl TokenModifiers {
    pub const DECLARATION: TokenModifiers = TokenModifiers(1);
    pub const READONLY: TokenModifiers = TokenModifiers(2);
    pub const DEFAULT_LIBRARY: TokenModifiers = TokenModifiers(4);
    pub const NONE: TokenModifiers = TokenModifiers(0);
    /// The modifiers' names, in bit order.
    pub const ALL: [&'static str; 3] = ["declaration", "readonly", "defaultLibrary"];

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

/// The names a file declares at its top level and imports, for telling a function or a
/// package from a variable. Small and rarely changing: queries that read it are reused
/// across most edits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FileNames {
    pub namespaces: Vec<SmolStr>,
    pub functions: Vec<SmolStr>,
}

#[salsa::tracked(returns(ref))]
pub fn file_names(db: &dyn Db, file: SourceFile) -> FileNames {
    let parse = parse(db, file);
    let namespaces = parse
        .file
        .imports
        .iter()
        .map(|i| match &i.alias {
            Some(alias) => alias.name.clone(),
            None => SmolStr::new(i.path.value.rsplit('/').next().unwrap_or_default()),
        })
        .collect();
    let functions = items(db, file)
        .iter()
        .filter(|item| item.key(db).kind == ItemKind::Function)
        .filter_map(|item| item.key(db).name.clone())
        .collect();
    FileNames { namespaces, functions }
}

#[salsa::tracked(returns(ref))]
pub fn item_tokens<'db>(db: &'db dyn Db, item: Item<'db>) -> ItemTokens {
    let syntax = item.syntax(db);
    let names = file_names(db, item.file(db));
    let mut classifier = Classifier { names, scopes: Vec::new(), tokens: Vec::new() };
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
    names: &'a FileNames,
    /// Names bound in the enclosing functions and blocks, innermost last.
    scopes: Vec<Vec<(SmolStr, TokenType)>>,
    tokens: Vec<SemanticToken>,
}

impl Classifier<'_> {
    fn push(&mut self, range: TextRange, ty: TokenType, modifiers: TokenModifiers) {
        if !range.is_empty() {
            self.tokens.push(token(range, ty, modifiers));
        }
    }

    fn bind(&mut self, name: &SmolStr, ty: TokenType) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.push((name.clone(), ty));
        }
    }

    /// What a name refers to, as far as the file alone tells.
    fn resolve(&self, name: &str) -> (TokenType, TokenModifiers) {
        for scope in self.scopes.iter().rev() {
            if let Some((_, ty)) = scope.iter().rev().find(|(n, _)| n == name) {
                return (*ty, TokenModifiers::NONE);
            }
        }
        if self.names.functions.iter().any(|f| f == name) {
            (TokenType::Function, TokenModifiers::NONE)
        } else if self.names.namespaces.iter().any(|n| n == name) {
            (TokenType::Namespace, TokenModifiers::NONE)
        } else if name == "true" || name == "false" {
            (TokenType::Variable, TokenModifiers::READONLY | TokenModifiers::DEFAULT_LIBRARY)
        } else {
            (TokenType::Variable, TokenModifiers::NONE)
        }
    }

    fn statement(&mut self, statement: &Statement) {
        for a in statement.attributes() {
            for p in &a.params {
                self.expr(&p.value);
            }
        }
        match statement {
            Statement::Expr(s) => self.expr(&s.expression),
            Statement::Variable(v) => self.binding(&v.id, &v.init),
            Statement::Option(o) => match &o.assignment {
                Assignment::Variable(v) => {
                    self.push(v.id.base.range, TokenType::Variable, TokenModifiers::DECLARATION);
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

    fn binding(&mut self, id: &Identifier, init: &Expr) {
        let ty = if matches!(init, Expr::Function(_)) { TokenType::Function } else { TokenType::Variable };
        self.push(id.base.range, ty, TokenModifiers::DECLARATION);
        self.bind(&id.name, ty);
        self.expr(init);
    }

    fn block(&mut self, block: &Block) {
        self.scopes.push(Vec::new());
        for s in &block.body {
            self.statement(s);
        }
        self.scopes.pop();
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::Identifier(id) => {
                let (ty, modifiers) = self.resolve(&id.name);
                self.push(id.base.range, ty, modifiers);
            }
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
            Expr::Member(m) => {
                self.expr(&m.object);
                self.member_property(&m.property, TokenType::Property);
            }
            Expr::Index(i) => {
                self.expr(&i.array);
                self.expr(&i.index);
            }
            Expr::Function(f) => {
                self.scopes.push(Vec::new());
                for p in &f.params {
                    if let PropertyKey::Identifier(id) = &p.key {
                        self.push(id.base.range, TokenType::Parameter, TokenModifiers::DECLARATION);
                        self.bind(&id.name, TokenType::Parameter);
                    }
                    if let Some(default) = &p.value {
                        self.expr(default);
                    }
                }
                match &f.body {
                    FunctionBody::Expr(body) => self.expr(body),
                    FunctionBody::Block(b) => self.block(b),
                }
                self.scopes.pop();
            }
            Expr::Object(o) => {
                if let Some(with) = &o.with {
                    let (ty, modifiers) = self.resolve(&with.source.name);
                    self.push(with.source.base.range, ty, modifiers);
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
        match &call.callee {
            Expr::Identifier(id) => {
                let (ty, modifiers) = self.resolve(&id.name);
                // Whatever is called is a function, unless it is known to be a parameter.
                let ty = if ty == TokenType::Parameter { ty } else { TokenType::Function };
                self.push(id.base.range, ty, modifiers);
            }
            Expr::Member(m) => {
                self.expr(&m.object);
                self.member_property(&m.property, TokenType::Function);
            }
            other => self.expr(other),
        }
        // Arguments are named after the function's parameters.
        self.properties(&call.arguments, TokenType::Parameter);
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
                        let (ty, modifiers) = self.resolve(&id.name);
                        self.push(id.base.range, ty, modifiers);
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
