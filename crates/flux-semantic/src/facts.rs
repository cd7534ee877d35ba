//! What inference learns about a statement, kept for the editor: what each name refers to,
//! the type of each name, member access and call, and where each local is visible.
//!
//! Recording is off for diagnostics (the common case) and on for the editor's questions; types
//! are recorded as inference sees them and resolved against the final substitution at the end,
//! so `r` in `filter(fn: (r) => ...)` has the row type the pipeline upstream gave it.

use flux_syntax::TextRange;
use flux_syntax::smol_str::SmolStr;
use flux_types::{Scheme, Subst, Ty};

/// An identifier a completion request inserts at the cursor, so that an unfinished expression
/// (`r.`, `filter(`) parses into the node the cursor is in. Member access on it constrains
/// nothing, so `r.` shows the columns `r` has, not a column called like the marker.
pub const COMPLETION_MARKER: &str = "__flxCompletion__";

/// Everything recorded about one statement; ranges are relative to the statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct StatementFacts {
    /// Every identifier that names something (definitions and uses), in source order.
    pub names: Vec<NameFact>,
    /// Every record member access, `object.property` or `object["property"]`.
    pub members: Vec<MemberFact>,
    pub calls: Vec<CallFact>,
    /// Every local binding (variables, parameters, `builtin`s and options in blocks).
    pub locals: Vec<LocalFact>,
}

impl StatementFacts {
    /// The name whose range contains `offset` (touching counts, so a cursor just after a name
    /// is on it).
    pub fn name_at(&self, offset: u32) -> Option<&NameFact> {
        self.names.iter().find(|n| n.range.contains_inclusive(offset))
    }

    /// The local variables and parameters visible at `offset`, innermost last.
    pub fn locals_at(&self, offset: u32) -> impl Iterator<Item = &LocalFact> {
        self.locals.iter().filter(move |l| l.visible.start <= offset && offset <= l.visible.end)
    }

    /// The call whose callee is the expression at `callee`.
    pub fn call_of(&self, callee: TextRange) -> Option<&CallFact> {
        self.calls.iter().find(|c| c.callee == callee)
    }

    /// The name a call calls, when it resolves: `f` in `f(...)`, `name` in `pkg.name(...)`.
    pub fn callee_name(&self, call: &CallFact) -> Option<&NameFact> {
        self.names
            .iter()
            .filter(|n| call.callee.start <= n.range.start && n.range.end == call.callee.end)
            .find(|n| !matches!(n.target, Target::Unresolved))
    }
}

/// What a name refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A binding inside the statement: a parameter, a variable of a block.
    Local {
        definition: TextRange,
        kind: LocalKind,
    },
    /// A package-level value: defined by this statement, an earlier one, or another file of
    /// the package.
    Package,
    /// An import of the file, by its name.
    Import,
    /// A value of the standard library: a prelude value, or `pkg.name` for an import.
    Stdlib {
        package: &'static str,
    },
    /// The dashboard variable `v`.
    Dashboard,
    Unresolved,
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

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NameFact {
    pub range: TextRange,
    pub name: SmolStr,
    /// Whether this occurrence defines the name (rather than uses it).
    pub definition: bool,
    /// Whether the name is both a property's key and its value: `{host}`, `f(tables)`.
    pub shorthand: bool,
    pub target: Target,
    /// The name's type: the declared scheme of a package-level or standard-library value, the
    /// inferred (and, for a let-bound local, generalized) type of a local.
    pub scheme: Scheme,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MemberFact {
    pub object: TextRange,
    pub property: TextRange,
    pub object_type: Scheme,
    pub scheme: Scheme,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CallFact {
    pub range: TextRange,
    pub callee: TextRange,
    /// From the opening parenthesis to the closing one (or the call's end, when missing).
    pub arguments_range: TextRange,
    pub arguments: Vec<ArgumentFact>,
    /// The callee's type as the call sees it (an instance, with the arguments' types).
    pub callee_type: Scheme,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArgumentFact {
    pub name: SmolStr,
    pub key: TextRange,
    pub value: Option<TextRange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LocalFact {
    pub name: SmolStr,
    /// The name where it is defined.
    pub range: TextRange,
    /// Where the name can be used.
    pub visible: TextRange,
    pub kind: LocalKind,
    pub scheme: Scheme,
}

/// A type as inference saw it: a monotype with free variables, or a scheme whose free
/// variables may still be bound later.
pub(crate) enum RawType {
    Mono(Ty),
    Scheme(Scheme),
}

/// The facts of a statement while inference runs, with types not yet resolved.
#[derive(Default)]
pub(crate) struct Recorder {
    pub(crate) names: Vec<(NameFact, RawType)>,
    pub(crate) members: Vec<(MemberFact, RawType, RawType)>,
    pub(crate) calls: Vec<(CallFact, RawType)>,
    pub(crate) locals: Vec<(LocalFact, RawType)>,
}

impl Recorder {
    pub(crate) fn finish(self, subst: &mut Subst) -> StatementFacts {
        let mut resolve = |raw: RawType| match raw {
            RawType::Mono(ty) => subst.generalize_all(&ty),
            RawType::Scheme(scheme) if scheme.kinds.is_empty() => subst.generalize_all(&scheme.ty),
            RawType::Scheme(scheme) => {
                let ty = subst.instantiate(&scheme);
                subst.generalize_all(&ty)
            }
        };
        let mut names: Vec<NameFact> = self
            .names
            .into_iter()
            .map(|(mut fact, raw)| {
                fact.scheme = resolve(raw);
                fact
            })
            .collect();
        names.sort_by_key(|n| (n.range.start, n.range.end));
        names.dedup_by_key(|n| n.range);
        let mut members: Vec<MemberFact> = self
            .members
            .into_iter()
            .map(|(mut fact, object, ty)| {
                fact.object_type = resolve(object);
                fact.scheme = resolve(ty);
                fact
            })
            .collect();
        members.sort_by_key(|m| m.property.start);
        let calls = self
            .calls
            .into_iter()
            .map(|(mut fact, callee)| {
                fact.callee_type = resolve(callee);
                fact
            })
            .collect();
        let locals = self
            .locals
            .into_iter()
            .map(|(mut fact, raw)| {
                fact.scheme = resolve(raw);
                fact
            })
            .collect();
        StatementFacts { names, members, calls, locals }
    }
}
