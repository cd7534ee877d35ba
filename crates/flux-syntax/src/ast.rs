//! The Flux abstract syntax tree.
//!
//! An owned tree with a byte range on every node. Its shape follows libflux's AST (the same
//! node kinds, `ParenExpression` kept, call arguments as properties) so that the JSON
//! serialization matches what libflux and InfluxDB's `/api/v2/query/ast` produce and the
//! formatter can reproduce `flux fmt`.
//!
//! Comments are attached, as in libflux, to the token they precede: a node's `comments` hold
//! the comments before its first token, and nodes made of several tokens have one comment
//! list per inner token (`lparen`, `rparen`, `comma`, ...). Nothing is lost: every comment of
//! a file sits in exactly one of these lists or in [`File::eof`].

use std::sync::Arc;

use smol_str::SmolStr;

use crate::TextRange;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Comment {
    pub range: TextRange,
    /// The comment as written, from `//` up to and including its line's `\n` (if any).
    pub text: SmolStr,
}

impl Comment {
    pub fn new(range: TextRange, text: &str) -> Comment {
        Comment { range, text: SmolStr::new(text) }
    }

    /// The comment's words: the text after `//` without the line terminator.
    pub fn content(&self) -> &str {
        let text = self.text.strip_prefix("//").unwrap_or(&self.text);
        text.trim_end_matches(['\n', '\r'])
    }
}

/// The comments before one token. Most tokens have none, and then this is a single null
/// pointer: every node has at least one such list, so their size matters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Comments(Option<Box<[Comment]>>);

impl Comments {
    pub fn new(comments: Vec<Comment>) -> Comments {
        if comments.is_empty() { Comments(None) } else { Comments(Some(comments.into_boxed_slice())) }
    }
}

impl std::ops::Deref for Comments {
    type Target = [Comment];
    fn deref(&self) -> &[Comment] {
        self.0.as_deref().unwrap_or_default()
    }
}

impl std::ops::DerefMut for Comments {
    fn deref_mut(&mut self) -> &mut [Comment] {
        self.0.as_deref_mut().unwrap_or_default()
    }
}

impl<'a> IntoIterator for &'a Comments {
    type Item = &'a Comment;
    type IntoIter = std::slice::Iter<'a, Comment>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl From<Vec<Comment>> for Comments {
    fn from(comments: Vec<Comment>) -> Comments {
        Comments::new(comments)
    }
}

/// Range and leading comments, shared by every node.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Base {
    pub range: TextRange,
    pub comments: Comments,
}

impl Base {
    pub fn new(range: TextRange) -> Base {
        Base { range, comments: Comments::default() }
    }

    pub fn with_comments(range: TextRange, comments: Comments) -> Base {
        Base { range, comments }
    }
}

/// A file. The package clause, the imports and `eof` have ranges into the file's text; each
/// top-level statement has ranges relative to its [`TopLevel::offset`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct File {
    pub base: Base,
    pub package: Option<PackageClause>,
    pub imports: Vec<ImportDeclaration>,
    /// Every comment of the package clause and the imports, in order, including those the
    /// tree has no place for.
    pub header_comments: Arc<[TextRange]>,
    pub body: Vec<TopLevel>,
    /// Comments after the last token.
    pub eof: Comments,
}

/// A top-level statement and where its chunk of text starts: right after the previous
/// statement's last token (or the imports, or the file's start). The statement's ranges count
/// from `offset`, so a statement an edit leaves alone is shared, unchanged, between the trees
/// before and after the edit (and two such trees compare equal in time proportional to the
/// number of statements, because `Arc` equality checks pointers first).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TopLevel {
    pub offset: u32,
    pub statement: Arc<Statement>,
    /// Every comment in the chunk, relative to `offset`, in order: those before the statement
    /// and inside it, including the few the tree has no place for.
    pub comments: Arc<[TextRange]>,
}

impl TopLevel {
    /// The statement's range in the file.
    pub fn range(&self) -> TextRange {
        let r = self.statement.range();
        TextRange::new(r.start + self.offset, r.end + self.offset)
    }
}

impl File {
    /// Every comment of the file, in order, wherever it stands.
    pub fn comments(&self) -> impl Iterator<Item = TextRange> + '_ {
        let body = self
            .body
            .iter()
            .flat_map(|top| top.comments.iter().map(move |c| TextRange::new(c.start + top.offset, c.end + top.offset)));
        self.header_comments.iter().copied().chain(body).chain(self.eof.iter().map(|c| c.range))
    }

    /// The package name, `main` when there is no package clause.
    pub fn package_name(&self) -> &str {
        self.package.as_ref().map_or("main", |p| p.name.name.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Attribute {
    pub base: Base,
    /// The name without `@`.
    pub name: SmolStr,
    pub lparen: Comments,
    pub params: Vec<AttributeParam>,
    pub rparen: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AttributeParam {
    pub base: Base,
    pub value: Expr,
    pub comma: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PackageClause {
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub name: Identifier,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImportDeclaration {
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub alias: Option<Identifier>,
    pub path: StringLit,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Statement {
    Expr(ExprStmt),
    Variable(Box<VariableAssgn>),
    Option(Box<OptionStmt>),
    Return(ReturnStmt),
    Bad(BadStmt),
    TestCase(Box<TestCaseStmt>),
    Builtin(Box<BuiltinStmt>),
}

impl Statement {
    pub fn base(&self) -> &Base {
        match self {
            Statement::Expr(s) => &s.base,
            Statement::Variable(s) => &s.base,
            Statement::Option(s) => &s.base,
            Statement::Return(s) => &s.base,
            Statement::Bad(s) => &s.base,
            Statement::TestCase(s) => &s.base,
            Statement::Builtin(s) => &s.base,
        }
    }

    pub fn range(&self) -> TextRange {
        self.base().range
    }

    pub fn attributes(&self) -> &[Attribute] {
        match self {
            Statement::Expr(s) => &s.attributes,
            Statement::Variable(s) => &s.attributes,
            Statement::Option(s) => &s.attributes,
            Statement::Return(s) => &s.attributes,
            Statement::Bad(s) => &s.attributes,
            Statement::TestCase(s) => &s.attributes,
            Statement::Builtin(s) => &s.attributes,
        }
    }

    pub(crate) fn attributes_mut(&mut self) -> &mut Vec<Attribute> {
        match self {
            Statement::Expr(s) => &mut s.attributes,
            Statement::Variable(s) => &mut s.attributes,
            Statement::Option(s) => &mut s.attributes,
            Statement::Return(s) => &mut s.attributes,
            Statement::Bad(s) => &mut s.attributes,
            Statement::TestCase(s) => &mut s.attributes,
            Statement::Builtin(s) => &mut s.attributes,
        }
    }

    /// The comments written directly before the statement: its documentation.
    pub fn leading_comments(&self) -> &[Comment] {
        if let Some(first) = self.attributes().first() {
            return &first.base.comments;
        }
        match self {
            Statement::Expr(s) => s.expression.leading_comments(),
            Statement::Variable(s) => &s.id.base.comments,
            Statement::Option(s) => &s.base.comments,
            Statement::Return(s) => &s.base.comments,
            Statement::Bad(s) => &s.base.comments,
            Statement::TestCase(s) => &s.base.comments,
            Statement::Builtin(s) => &s.base.comments,
        }
    }
}

/// The text of a run of `//` comments as documentation: one line per comment, the single
/// space after `//` removed.
pub fn doc_text(comments: &[Comment]) -> String {
    let mut out = String::new();
    for (i, c) in comments.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = c.content();
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExprStmt {
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub expression: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VariableAssgn {
    /// The comments of `base` are those before `=`.
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub id: Identifier,
    pub init: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MemberAssgn {
    /// The comments of `base` are those before `=`.
    pub base: Base,
    pub member: MemberExpr,
    pub init: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Assignment {
    Variable(VariableAssgn),
    Member(MemberAssgn),
}

impl Assignment {
    pub fn base(&self) -> &Base {
        match self {
            Assignment::Variable(a) => &a.base,
            Assignment::Member(a) => &a.base,
        }
    }

    pub fn init(&self) -> &Expr {
        match self {
            Assignment::Variable(a) => &a.init,
            Assignment::Member(a) => &a.init,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OptionStmt {
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub assignment: Assignment,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReturnStmt {
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub argument: Expr,
}

/// Tokens that form no statement; the error explaining why is in the parse's error list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BadStmt {
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TestCaseStmt {
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub id: Identifier,
    /// Before `extends` (not in libflux's JSON).
    pub tk_extends: Comments,
    pub extends: Option<StringLit>,
    pub block: Block,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BuiltinStmt {
    pub base: Base,
    pub attributes: Vec<Attribute>,
    pub colon: Comments,
    pub id: Identifier,
    pub ty: TypeExpression,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Block {
    pub base: Base,
    pub lbrace: Comments,
    pub body: Vec<Statement>,
    pub rbrace: Comments,
}

// ---------------------------------------------------------------------------------------------
// Type expressions

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeExpression {
    pub base: Base,
    pub monotype: MonoType,
    /// Before `where`.
    pub tk_where: Comments,
    pub constraints: Vec<TypeConstraint>,
}

// Comments that stand before punctuation inside types, where libflux has no place for them
// (and `flux fmt` loses them), are kept in fields named after the punctuation. They are not
// part of the JSON AST, which stays libflux's.

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TypeConstraint {
    pub base: Base,
    pub tvar: Identifier,
    pub colon: Comments,
    /// The kinds, `A + B`; `plus[i]` stands before the `+` that precedes `kinds[i + 1]`.
    pub kinds: Vec<Identifier>,
    pub plus: Vec<Comments>,
    /// Before the `,` that follows, if one does.
    pub comma: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MonoType {
    /// A single-letter type variable such as `A`.
    Tvar(TvarType),
    /// A named basic type such as `int`.
    Basic(NamedType),
    Array(Box<ArrayType>),
    Stream(Box<StreamType>),
    Vector(Box<VectorType>),
    Dict(Box<DictType>),
    Dynamic(DynamicType),
    Record(Box<RecordType>),
    Function(Box<FunctionType>),
    Label(Box<LabelLit>),
}

impl MonoType {
    pub fn base(&self) -> &Base {
        match self {
            MonoType::Tvar(t) => &t.base,
            MonoType::Basic(t) => &t.base,
            MonoType::Array(t) => &t.base,
            MonoType::Stream(t) => &t.base,
            MonoType::Vector(t) => &t.base,
            MonoType::Dict(t) => &t.base,
            MonoType::Dynamic(t) => &t.base,
            MonoType::Record(t) => &t.base,
            MonoType::Function(t) => &t.base,
            MonoType::Label(t) => &t.base,
        }
    }

    pub fn range(&self) -> TextRange {
        self.base().range
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TvarType {
    pub base: Base,
    pub name: Identifier,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NamedType {
    pub base: Base,
    pub name: Identifier,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArrayType {
    pub base: Base,
    pub element: MonoType,
    pub rbrack: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StreamType {
    pub base: Base,
    pub lbrack: Comments,
    pub element: MonoType,
    pub rbrack: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VectorType {
    pub base: Base,
    pub lbrack: Comments,
    pub element: MonoType,
    pub rbrack: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DictType {
    pub base: Base,
    pub key: MonoType,
    pub colon: Comments,
    pub val: MonoType,
    pub rbrack: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DynamicType {
    pub base: Base,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecordType {
    pub base: Base,
    /// `A` in `{A with x: int}`.
    pub tvar: Option<Identifier>,
    /// Before `with`.
    pub with: Comments,
    pub properties: Vec<PropertyType>,
    pub rbrace: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PropertyType {
    pub base: Base,
    pub name: PropertyKey,
    pub colon: Comments,
    pub monotype: MonoType,
    /// Before the `,` that follows, if one does.
    pub comma: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FunctionType {
    pub base: Base,
    pub parameters: Vec<ParameterType>,
    pub rparen: Comments,
    pub arrow: Comments,
    pub monotype: MonoType,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ParameterType {
    Required {
        base: Base,
        name: Identifier,
        colon: Comments,
        monotype: MonoType,
        /// Before the `,` that follows, if one does.
        comma: Comments,
    },
    /// `?name: T` with an optional label default `= .label`.
    Optional {
        base: Base,
        name: Identifier,
        colon: Comments,
        monotype: MonoType,
        /// Before `=`.
        assign: Comments,
        default: Option<LabelLit>,
        comma: Comments,
    },
    /// `<-name: T`, or `<-: T` without a name.
    Pipe { base: Base, name: Option<Identifier>, colon: Comments, monotype: MonoType, comma: Comments },
}

impl ParameterType {
    /// The comments before the `,` after the parameter.
    pub fn comma_mut(&mut self) -> &mut Comments {
        match self {
            ParameterType::Required { comma, .. }
            | ParameterType::Optional { comma, .. }
            | ParameterType::Pipe { comma, .. } => comma,
        }
    }

    pub fn base(&self) -> &Base {
        match self {
            ParameterType::Required { base, .. }
            | ParameterType::Optional { base, .. }
            | ParameterType::Pipe { base, .. } => base,
        }
    }

    pub fn name(&self) -> Option<&Identifier> {
        match self {
            ParameterType::Required { name, .. } | ParameterType::Optional { name, .. } => Some(name),
            ParameterType::Pipe { name, .. } => name.as_ref(),
        }
    }

    pub fn monotype(&self) -> &MonoType {
        match self {
            ParameterType::Required { monotype, .. }
            | ParameterType::Optional { monotype, .. }
            | ParameterType::Pipe { monotype, .. } => monotype,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Expressions

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expr {
    Identifier(Identifier),
    Array(Box<ArrayExpr>),
    Dict(Box<DictExpr>),
    Function(Box<FunctionExpr>),
    Logical(Box<LogicalExpr>),
    Object(Box<ObjectExpr>),
    Member(Box<MemberExpr>),
    Index(Box<IndexExpr>),
    Binary(Box<BinaryExpr>),
    Unary(Box<UnaryExpr>),
    Pipe(Box<PipeExpr>),
    Call(Box<CallExpr>),
    Conditional(Box<ConditionalExpr>),
    StringExpr(Box<StringExpr>),
    Paren(Box<ParenExpr>),
    Integer(IntegerLit),
    Float(FloatLit),
    String(StringLit),
    Duration(DurationLit),
    DateTime(DateTimeLit),
    Regexp(RegexpLit),
    PipeLit(PipeLit),
    Label(LabelLit),
    /// Where an expression was required but none could be parsed; the error is in the
    /// parse's error list.
    Bad(Box<BadExpr>),
}

impl Expr {
    pub fn base(&self) -> &Base {
        match self {
            Expr::Identifier(e) => &e.base,
            Expr::Array(e) => &e.base,
            Expr::Dict(e) => &e.base,
            Expr::Function(e) => &e.base,
            Expr::Logical(e) => &e.base,
            Expr::Object(e) => &e.base,
            Expr::Member(e) => &e.base,
            Expr::Index(e) => &e.base,
            Expr::Binary(e) => &e.base,
            Expr::Unary(e) => &e.base,
            Expr::Pipe(e) => &e.base,
            Expr::Call(e) => &e.base,
            Expr::Conditional(e) => &e.base,
            Expr::StringExpr(e) => &e.base,
            Expr::Paren(e) => &e.base,
            Expr::Integer(e) => &e.base,
            Expr::Float(e) => &e.base,
            Expr::String(e) => &e.base,
            Expr::Duration(e) => &e.base,
            Expr::DateTime(e) => &e.base,
            Expr::Regexp(e) => &e.base,
            Expr::PipeLit(e) => &e.base,
            Expr::Label(e) => &e.base,
            Expr::Bad(e) => &e.base,
        }
    }

    pub fn range(&self) -> TextRange {
        self.base().range
    }

    /// The comments before the expression's first token.
    pub fn leading_comments(&self) -> &[Comment] {
        match self {
            Expr::Logical(e) => e.left.leading_comments(),
            Expr::Member(e) => e.object.leading_comments(),
            Expr::Index(e) => e.array.leading_comments(),
            Expr::Binary(e) => e.left.leading_comments(),
            Expr::Pipe(e) => e.argument.leading_comments(),
            Expr::Call(e) => e.callee.leading_comments(),
            Expr::Array(e) => &e.lbrack,
            Expr::Dict(e) => &e.lbrack,
            Expr::Function(e) => &e.lparen,
            Expr::Object(e) => &e.lbrace,
            Expr::Paren(e) => &e.lparen,
            Expr::Conditional(e) => &e.tk_if,
            other => &other.base().comments,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Identifier {
    pub base: Base,
    pub name: SmolStr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArrayItem {
    pub expression: Expr,
    pub comma: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArrayExpr {
    pub base: Base,
    pub lbrack: Comments,
    pub elements: Vec<ArrayItem>,
    pub rbrack: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DictItem {
    pub key: Expr,
    /// Comments before `:` (libflux drops these).
    pub colon: Comments,
    pub val: Expr,
    pub comma: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DictExpr {
    pub base: Base,
    pub lbrack: Comments,
    pub elements: Vec<DictItem>,
    /// Before the `:` of the empty dictionary `[:]` (not in libflux's JSON, which loses them).
    pub empty_colon: Comments,
    pub rbrack: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FunctionBody {
    Block(Block),
    Expr(Expr),
}

impl FunctionBody {
    pub fn range(&self) -> TextRange {
        match self {
            FunctionBody::Block(b) => b.base.range,
            FunctionBody::Expr(e) => e.range(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FunctionExpr {
    pub base: Base,
    pub lparen: Comments,
    /// Parameters: the key is the name, the value the default (`<-` for the pipe parameter).
    pub params: Vec<Property>,
    pub rparen: Comments,
    pub arrow: Comments,
    pub body: FunctionBody,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LogicalOperator {
    And,
    Or,
}

impl LogicalOperator {
    pub fn as_str(self) -> &'static str {
        match self {
            LogicalOperator::And => "and",
            LogicalOperator::Or => "or",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LogicalExpr {
    /// The comments of `base` are those before the operator.
    pub base: Base,
    pub operator: LogicalOperator,
    pub left: Expr,
    pub right: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct WithSource {
    pub source: Identifier,
    /// Comments before `with`.
    pub with: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ObjectExpr {
    pub base: Base,
    pub lbrace: Comments,
    pub with: Option<WithSource>,
    pub properties: Vec<Property>,
    pub rbrace: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PropertyKey {
    Identifier(Identifier),
    StringLit(StringLit),
}

impl PropertyKey {
    pub fn base(&self) -> &Base {
        match self {
            PropertyKey::Identifier(i) => &i.base,
            PropertyKey::StringLit(s) => &s.base,
        }
    }

    pub fn range(&self) -> TextRange {
        self.base().range
    }

    /// The property name.
    pub fn name(&self) -> &str {
        match self {
            PropertyKey::Identifier(i) => &i.name,
            PropertyKey::StringLit(s) => &s.value,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Property {
    pub base: Base,
    pub key: PropertyKey,
    /// Comments before `:` (or `=` for a parameter default).
    pub separator: Comments,
    /// `None` for the shorthand `{a}`, meaning `{a: a}`, and for a parameter without default.
    pub value: Option<Expr>,
    /// Comments before the `,` that follows, if any.
    pub comma: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MemberExpr {
    pub base: Base,
    pub object: Expr,
    /// Comments before `.` or `[`.
    pub lbrack: Comments,
    pub property: PropertyKey,
    /// Comments before `]` in `a["b"]`.
    pub rbrack: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IndexExpr {
    pub base: Base,
    pub array: Expr,
    pub lbrack: Comments,
    pub index: Expr,
    pub rbrack: Comments,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    Multiplication,
    Division,
    Modulo,
    Power,
    Addition,
    Subtraction,
    LessThanEqual,
    LessThan,
    GreaterThanEqual,
    GreaterThan,
    Not,
    Exists,
    Equal,
    NotEqual,
    RegexpMatch,
    NotRegexpMatch,
    /// Joins expressions that follow each other with no operator, inside brackets where
    /// libflux tolerates it; never produced for a valid program.
    Invalid,
}

impl Operator {
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Multiplication => "*",
            Operator::Division => "/",
            Operator::Modulo => "%",
            Operator::Power => "^",
            Operator::Addition => "+",
            Operator::Subtraction => "-",
            Operator::LessThanEqual => "<=",
            Operator::LessThan => "<",
            Operator::GreaterThanEqual => ">=",
            Operator::GreaterThan => ">",
            Operator::Not => "not",
            Operator::Exists => "exists",
            Operator::Equal => "==",
            Operator::NotEqual => "!=",
            Operator::RegexpMatch => "=~",
            Operator::NotRegexpMatch => "!~",
            Operator::Invalid => "<INVALID_OP>",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BinaryExpr {
    /// The comments of `base` are those before the operator.
    pub base: Base,
    pub operator: Operator,
    pub left: Expr,
    pub right: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UnaryExpr {
    pub base: Base,
    pub operator: Operator,
    pub argument: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PipeExpr {
    /// The comments of `base` are those before `|>`.
    pub base: Base,
    pub argument: Expr,
    pub call: CallExpr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallExpr {
    pub base: Base,
    pub callee: Expr,
    pub lparen: Comments,
    /// The named arguments. libflux wraps them in one record expression; so does our JSON.
    pub arguments: Vec<Property>,
    pub rparen: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ConditionalExpr {
    pub base: Base,
    pub tk_if: Comments,
    pub test: Expr,
    pub tk_then: Comments,
    pub consequent: Expr,
    pub tk_else: Comments,
    pub alternate: Expr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StringExpr {
    pub base: Base,
    pub parts: Vec<StringExprPart>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum StringExprPart {
    Text(TextPart),
    Interpolated(InterpolatedPart),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TextPart {
    pub base: Base,
    /// The text with escapes resolved.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InterpolatedPart {
    pub base: Base,
    pub expression: Expr,
    pub rbrace: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ParenExpr {
    pub base: Base,
    pub lparen: Comments,
    pub expression: Expr,
    pub rparen: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IntegerLit {
    pub base: Base,
    pub value: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FloatLit {
    pub base: Base,
    /// The IEEE-754 bits, so that the tree can be compared and hashed; see [`FloatLit::value`].
    pub bits: u64,
}

impl FloatLit {
    pub fn value(&self) -> f64 {
        f64::from_bits(self.bits)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StringLit {
    pub base: Base,
    /// The string with escapes resolved.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    pub magnitude: i64,
    /// `y mo w d h m s ms us ns` (`µs` is normalized to `us`).
    pub unit: SmolStr,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DurationLit {
    pub base: Base,
    pub values: Vec<Duration>,
}

/// A calendar date-time with a fixed UTC offset, as written in an RFC 3339 literal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
    /// Offset from UTC in seconds, east positive.
    pub offset_seconds: i32,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTimeLit {
    pub base: Base,
    pub value: DateTime,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RegexpLit {
    pub base: Base,
    /// The pattern with `\/` and `\xHH` resolved.
    pub value: String,
}

/// `<-`, the default of a function's pipe parameter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PipeLit {
    pub base: Base,
}

/// `.name` or `."name"`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LabelLit {
    pub base: Base,
    /// Before the `.` and before the name after it (libflux's JSON has no place for them).
    pub dot: Comments,
    pub value: SmolStr,
    pub name: Comments,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BadExpr {
    pub base: Base,
    pub text: String,
}
