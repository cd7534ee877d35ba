//! The typed, resolved program: one [`Body`] per top-level statement.
//!
//! A body is the statement lowered into an expression arena. Every expression has the
//! monotype inference gave it, from the statement's final substitution (stored once per
//! distinct type in a [`TypeTable`], so types of different expressions stay related); every
//! identifier is resolved to exactly one thing ([`Resolution`]). Pipes, shorthand properties,
//! parentheses and defaults are lowered: a call carries its piped argument, `{host}` is
//! `{host: host}`, parentheses are gone and a function literal carries the expressions of its
//! defaults. An evaluator runs a body without looking at the syntax again; every expression
//! keeps its source range (relative to the statement) for errors.
//!
//! The editor's features read the same bodies: the names table says what each identifier
//! refers to, the locals say where each is visible, and the types answer hovers and
//! completions.

use flux_syntax::TextRange;
use flux_syntax::ast::{DateTime, Duration, LogicalOperator, Operator};
use flux_syntax::smol_str::SmolStr;
use flux_types::{Scheme, TyId, TypeTable};

use crate::{Binding, SemanticDiagnostic};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub(crate) u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub(crate) u32);

impl LocalId {
    /// Its position among the body's locals: a frame's slot.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The statement defining a package-level value, named by whoever runs the analysis (the
/// database uses its item ids); the analysis passes it through without looking inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef(pub u64);

/// One top-level statement, lowered, resolved and typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    pub statement: Stmt,
    pub(crate) exprs: Vec<Expr>,
    pub(crate) expr_types: Vec<TyId>,
    pub types: TypeTable,
    pub(crate) locals: Vec<Local>,
    /// Every identifier that names something, sorted by range.
    pub(crate) names: Vec<Name>,
    /// The package-level name the statement defines, with its type.
    pub binding: Option<Binding>,
    /// With ranges relative to the statement, sorted.
    pub diagnostics: Vec<SemanticDiagnostic>,
    /// Package-level names the statement reads, sorted, without duplicates.
    pub used_package_names: Vec<SmolStr>,
    /// Import names (aliases) the statement uses, sorted, without duplicates.
    pub used_imports: Vec<SmolStr>,
    /// The first use of the predeclared task option `task`.
    pub implicit_task: Option<TextRange>,
    /// Whether running the statement runs a side effect: it calls a function that writes
    /// output (`yield`, `to`) or talks to another system (`http.post`), outside any function
    /// body that it does not call.
    pub effects: bool,
}

impl Body {
    pub fn expr(&self, id: ExprId) -> &Expr {
        &self.exprs[id.0 as usize]
    }

    /// Every expression with its id, in the order they were lowered (children before parents).
    pub fn exprs(&self) -> impl Iterator<Item = (ExprId, &Expr)> {
        self.exprs.iter().enumerate().map(|(i, e)| (ExprId(i as u32), e))
    }

    pub fn expr_type(&self, id: ExprId) -> TyId {
        self.expr_types[id.0 as usize]
    }

    /// The expression's type with its free variables bound, as it is shown.
    pub fn expr_scheme(&self, id: ExprId) -> Scheme {
        self.types.scheme(self.expr_type(id))
    }

    pub fn local(&self, id: LocalId) -> &Local {
        &self.locals[id.0 as usize]
    }

    pub fn locals(&self) -> impl Iterator<Item = (LocalId, &Local)> {
        self.locals.iter().enumerate().map(|(i, l)| (LocalId(i as u32), l))
    }

    /// The local variables and parameters visible at `offset`, innermost last.
    pub fn locals_at(&self, offset: u32) -> impl Iterator<Item = (LocalId, &Local)> {
        self.locals().filter(move |(_, l)| l.visible.start <= offset && offset <= l.visible.end)
    }

    pub fn names(&self) -> &[Name] {
        &self.names
    }

    /// The identifier whose range contains `offset` (touching counts, so a cursor just after
    /// a name is on it).
    pub fn name_at(&self, offset: u32) -> Option<&Name> {
        let after = self.names.partition_point(|n| n.range.end < offset);
        self.names[after..].iter().take_while(|n| n.range.start <= offset).find(|n| n.range.contains_inclusive(offset))
    }

    /// The identifier at exactly `range`.
    pub fn name_with_range(&self, range: TextRange) -> Option<&Name> {
        let i = self.names.binary_search_by_key(&(range.start, range.end), |n| (n.range.start, n.range.end)).ok()?;
        Some(&self.names[i])
    }

    /// The member access whose property is at `range`.
    pub fn member_at(&self, property: TextRange) -> Option<(ExprId, &Expr)> {
        self.exprs()
            .find(|(_, e)| matches!(&e.kind, ExprKind::Member { property_range, .. } if *property_range == property))
    }

    /// The calls of the statement, with their ids.
    pub fn calls(&self) -> impl Iterator<Item = (ExprId, &Call)> {
        self.exprs().filter_map(|(id, e)| match &e.kind {
            ExprKind::Call(call) => Some((id, &**call)),
            _ => None,
        })
    }

    /// The call whose callee is the expression at `callee`.
    pub fn call_with_callee(&self, callee: TextRange) -> Option<(ExprId, &Call)> {
        self.calls().find(|(_, c)| self.expr(c.callee).range == callee)
    }

    /// The name a call calls, when it is one: `f` in `f(...)`, `pkg.name` in `pkg.name(...)`.
    pub fn callee_name(&self, call: &Call) -> Option<&Name> {
        let callee = self.expr(call.callee);
        if !matches!(callee.kind, ExprKind::Name(_)) {
            return None;
        }
        // `pkg.name` is one expression whose name is the last identifier.
        self.names
            .iter()
            .filter(|n| n.range.end == callee.range.end && callee.range.start <= n.range.start)
            .find(|n| !matches!(n.resolution, Resolution::Unresolved))
    }
}

/// A statement, at the top level or in a block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Stmt {
    /// `name = value`.
    Variable {
        target: Target,
        value: ExprId,
    },
    /// `option name = value`.
    Option {
        target: Target,
        value: ExprId,
    },
    /// `option pkg.name = value`: sets an option of an imported package.
    PackageOption {
        package: SmolStr,
        name: SmolStr,
        value: ExprId,
    },
    /// `builtin name : type`: a value the runtime provides.
    Builtin {
        target: Target,
        scheme: Scheme,
    },
    TestCase(Box<TestCase>),
    Expr(ExprId),
    Return(ExprId),
    /// A statement that did not parse.
    #[default]
    Bad,
}

/// What a definition defines.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A package-level value, by name (at the top level).
    Package(SmolStr),
    /// A local of the enclosing block.
    Local(LocalId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestCase {
    pub name: SmolStr,
    /// The path of the test file whose test case of the same name this one extends.
    pub extends: Option<String>,
    /// `super`, when the test case extends another.
    pub super_local: Option<LocalId>,
    pub body: Vec<Stmt>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    pub kind: ExprKind,
    /// Relative to the statement.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    Literal(Literal),
    /// `"a ${b} c"`.
    Interpolated(Vec<StringPart>),
    /// A name, including `pkg.name` for a member of an imported package.
    Name(Resolution),
    Member {
        object: ExprId,
        property: SmolStr,
        property_range: TextRange,
    },
    Index {
        array: ExprId,
        index: ExprId,
    },
    Array(Vec<ExprId>),
    Dict(Vec<(ExprId, ExprId)>),
    /// `{with? fields}`; shorthand fields are lowered to names.
    Record {
        with: Option<ExprId>,
        fields: Vec<Field>,
    },
    Function(Box<Function>),
    Call(Box<Call>),
    /// `not`, `exists`, `-`, `+`.
    Unary {
        operator: Operator,
        argument: ExprId,
    },
    Binary {
        operator: Operator,
        left: ExprId,
        right: ExprId,
    },
    Logical {
        operator: LogicalOperator,
        left: ExprId,
        right: ExprId,
    },
    Conditional {
        test: ExprId,
        consequent: ExprId,
        alternate: ExprId,
    },
    /// Code that did not parse, or `<-` outside a parameter's default.
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Literal {
    Int(i64),
    /// The IEEE-754 bits of a float.
    Float(u64),
    String(String),
    Duration(Vec<Duration>),
    Time(DateTime),
    Regexp(String),
    /// A record label used as a value (`.host`).
    Label(SmolStr),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StringPart {
    Text(String),
    Expr(ExprId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: SmolStr,
    pub label_range: TextRange,
    pub value: ExprId,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    pub params: Vec<Parameter>,
    pub body: FunctionBody,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parameter {
    pub name: SmolStr,
    pub local: LocalId,
    /// Evaluated in the function's scope when the argument is not given.
    pub default: Option<ExprId>,
    /// `<-`: the parameter receives the piped value.
    pub pipe: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FunctionBody {
    Expr(ExprId),
    Block(Vec<Stmt>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    pub callee: ExprId,
    pub arguments: Vec<Argument>,
    /// The piped value of `value |> f(...)`.
    pub pipe: Option<ExprId>,
    /// From the end of the callee to the end of the call: the parenthesized arguments.
    pub arguments_range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Argument {
    pub name: SmolStr,
    pub key_range: TextRange,
    pub value: ExprId,
    /// `f(x)`: the key is also the value.
    pub shorthand: bool,
}

/// What an identifier refers to: exactly one of these.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// A parameter or a variable of a block.
    Local(LocalId),
    /// A package-level value: defined by this statement, an earlier one, or another file of
    /// the package.
    Package { name: SmolStr, item: ItemRef },
    /// A value of the standard library: a prelude value, or `pkg.name` for an import.
    Stdlib { package: &'static str, name: SmolStr },
    /// An import of the file, by its name.
    Import(SmolStr),
    /// A value the environment defines for the script: the dashboard variable `v`, the task
    /// option `task`.
    Predeclared(Predeclared),
    /// Reported by a diagnostic.
    Unresolved,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Predeclared {
    /// `v`, which InfluxDB dashboards and notebooks define.
    Dashboard,
    /// `task`, the option InfluxDB adds to a task created from a template or in its UI.
    Task,
}

/// An identifier of the statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    pub range: TextRange,
    pub name: SmolStr,
    pub resolution: Resolution,
    /// Whether this occurrence defines the name (rather than uses it).
    pub definition: bool,
    /// Whether the name is both a property's key and its value: `{host}`, `f(tables)`.
    pub shorthand: bool,
    /// The type here: the instance a use has, or the defined type of a definition.
    pub ty: TyId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LocalKind {
    Variable,
    Parameter,
    Builtin,
    Option,
    /// `super` in a test case that extends another.
    Super,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Local {
    pub name: SmolStr,
    /// The name where it is defined.
    pub range: TextRange,
    /// Where the name can be used.
    pub visible: TextRange,
    pub kind: LocalKind,
    /// Its type where it is defined (generalized at each use when let-bound).
    pub ty: TyId,
}

/// A package as the executor runs it: the statements of each of its files, lowered, resolved
/// and typed. Owned and shareable, so that a run can keep it while the editor goes on
/// changing the files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Program {
    /// In the order they are run: the files of the package that the file the program was asked
    /// for sees (those before it in path order), then that file.
    pub files: Vec<ProgramFile>,
}

impl Program {
    /// The statement a [`Resolution::Package`] refers to, and its file.
    pub fn statement(&self, item: ItemRef) -> Option<(&ProgramFile, &ProgramStatement)> {
        self.files.iter().find_map(|f| f.statements.iter().find(|s| s.item == item).map(|s| (f, s)))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramFile {
    pub path: String,
    pub text: std::sync::Arc<str>,
    pub package: SmolStr,
    pub imports: crate::FileImports,
    pub statements: Vec<ProgramStatement>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramStatement {
    pub item: ItemRef,
    /// Where the statement's chunk starts in the file: add it to the body's ranges.
    pub offset: u32,
    pub body: std::sync::Arc<Body>,
    /// Whether the statement has a syntax error (its body is then incomplete).
    pub has_syntax_errors: bool,
}
