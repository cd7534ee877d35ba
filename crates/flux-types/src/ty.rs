//! The type terms: monotypes, kinds and type schemes.

use std::sync::Arc;

use flux_syntax::smol_str::SmolStr;

/// A type variable: an index into a [`crate::Subst`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Basic {
    Int,
    Uint,
    Float,
    String,
    Bool,
    Time,
    Duration,
    Bytes,
    Regexp,
}

impl Basic {
    pub fn name(self) -> &'static str {
        match self {
            Basic::Int => "int",
            Basic::Uint => "uint",
            Basic::Float => "float",
            Basic::String => "string",
            Basic::Bool => "bool",
            Basic::Time => "time",
            Basic::Duration => "duration",
            Basic::Bytes => "bytes",
            Basic::Regexp => "regexp",
        }
    }

    pub fn from_name(name: &str) -> Option<Basic> {
        Some(match name {
            "int" => Basic::Int,
            "uint" => Basic::Uint,
            "float" => Basic::Float,
            "string" => Basic::String,
            "bool" => Basic::Bool,
            "time" => Basic::Time,
            "duration" => Basic::Duration,
            "bytes" => Basic::Bytes,
            "regexp" => Basic::Regexp,
            _ => return None,
        })
    }

    /// The kinds this type belongs to (the SPEC's table, as libflux implements it).
    pub fn kinds(self) -> Kinds {
        use Kind::{
            Addable, Comparable, Divisible, Equatable, Negatable, Nullable, Numeric, Stringable, Subtractable, Timeable,
        };
        let basic = Kind::Basic;
        let kinds: &[Kind] = match self {
            Basic::Int | Basic::Uint | Basic::Float => &[
                Addable,
                Subtractable,
                Divisible,
                Numeric,
                Comparable,
                Equatable,
                Nullable,
                basic,
                Stringable,
                Negatable,
            ],
            Basic::String => &[Addable, Comparable, Equatable, Nullable, basic, Stringable],
            Basic::Bool => &[Equatable, Nullable, basic, Stringable],
            Basic::Duration => &[Comparable, Equatable, Nullable, basic, Negatable, Stringable, Timeable],
            Basic::Time => &[Comparable, Equatable, Nullable, basic, Timeable, Stringable],
            Basic::Regexp => &[basic],
            Basic::Bytes => &[Equatable, basic],
        };
        kinds.iter().fold(Kinds::EMPTY, |acc, &k| acc.with(k))
    }
}

/// A type class a type variable may be constrained to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Addable,
    Basic,
    Comparable,
    Divisible,
    Equatable,
    Label,
    Negatable,
    Nullable,
    Numeric,
    Record,
    Stringable,
    Subtractable,
    Timeable,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Addable,
        Kind::Basic,
        Kind::Comparable,
        Kind::Divisible,
        Kind::Equatable,
        Kind::Label,
        Kind::Negatable,
        Kind::Nullable,
        Kind::Numeric,
        Kind::Record,
        Kind::Stringable,
        Kind::Subtractable,
        Kind::Timeable,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Addable => "Addable",
            Kind::Basic => "Basic",
            Kind::Comparable => "Comparable",
            Kind::Divisible => "Divisible",
            Kind::Equatable => "Equatable",
            Kind::Label => "Label",
            Kind::Negatable => "Negatable",
            Kind::Nullable => "Nullable",
            Kind::Numeric => "Numeric",
            Kind::Record => "Record",
            Kind::Stringable => "Stringable",
            Kind::Subtractable => "Subtractable",
            Kind::Timeable => "Timeable",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A set of kinds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Kinds(u16);

impl Kinds {
    pub const EMPTY: Kinds = Kinds(0);

    pub fn with(self, kind: Kind) -> Kinds {
        Kinds(self.0 | 1 << kind as u16)
    }

    pub fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u16) != 0
    }

    pub fn union(self, other: Kinds) -> Kinds {
        Kinds(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// In alphabetical order.
    pub fn iter(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |&k| self.contains(k))
    }
}

/// A monotype. Records are lists of fields ending in the empty record, a variable or an error,
/// as in libflux: a label may repeat, and the first occurrence is the one a member access sees.
/// Inner types are shared (`Arc`): unification looks at the same type many times, and copying
/// a shared one costs a count, not a tree.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Ty {
    /// The type of something already reported as wrong: unifies with anything, so that one
    /// mistake is reported once.
    Error,
    Basic(Basic),
    Var(Var),
    /// A variable bound by the enclosing [`Scheme`], by index.
    Bound(u32),
    Array(Arc<Ty>),
    Stream(Arc<Ty>),
    Vector(Arc<Ty>),
    Dict(Arc<(Ty, Ty)>),
    Dynamic,
    EmptyRecord,
    Record(Arc<Field>),
    Function(Arc<Function>),
}

/// `{label: ty | tail}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    pub label: SmolStr,
    pub ty: Ty,
    pub tail: Ty,
}

/// A function type. Parameters are unordered: `req` and `opt` are sorted by name.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Function {
    /// The pipe parameter; the name `<-` means an unnamed one (`<-: T`).
    pub pipe: Option<Param>,
    pub req: Vec<Param>,
    pub opt: Vec<Param>,
    pub ret: Ty,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Param {
    pub name: SmolStr,
    pub ty: Ty,
}

impl Function {
    /// Every parameter: the pipe, the required ones, the optional ones.
    pub fn params(&self) -> impl Iterator<Item = &Param> {
        self.pipe.iter().chain(&self.req).chain(&self.opt)
    }

    /// The type of the parameter called `name`, wherever it is declared.
    pub fn param(&self, name: &str) -> Option<&Ty> {
        self.params().find(|p| p.name == name).map(|p| &p.ty)
    }

    pub fn sort(&mut self) {
        self.req.sort_by(|a, b| a.name.cmp(&b.name));
        self.opt.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

pub const UNNAMED_PIPE: &str = "<-";

impl Ty {
    pub const INT: Ty = Ty::Basic(Basic::Int);
    pub const FLOAT: Ty = Ty::Basic(Basic::Float);
    pub const STRING: Ty = Ty::Basic(Basic::String);
    pub const BOOL: Ty = Ty::Basic(Basic::Bool);
    pub const TIME: Ty = Ty::Basic(Basic::Time);
    pub const DURATION: Ty = Ty::Basic(Basic::Duration);
    pub const REGEXP: Ty = Ty::Basic(Basic::Regexp);

    pub fn array(t: Ty) -> Ty {
        Ty::Array(Arc::new(t))
    }

    pub fn stream(t: Ty) -> Ty {
        Ty::Stream(Arc::new(t))
    }

    pub fn dict(k: Ty, v: Ty) -> Ty {
        Ty::Dict(Arc::new((k, v)))
    }

    pub fn field(label: impl Into<SmolStr>, ty: Ty, tail: Ty) -> Ty {
        Ty::Record(Arc::new(Field { label: label.into(), ty, tail }))
    }

    /// A closed record of these fields, in order.
    pub fn record(fields: impl IntoIterator<Item = (SmolStr, Ty)>) -> Ty {
        let fields: Vec<_> = fields.into_iter().collect();
        fields.into_iter().rev().fold(Ty::EmptyRecord, |tail, (label, ty)| Ty::field(label, ty, tail))
    }

    pub fn function(f: Function) -> Ty {
        Ty::Function(Arc::new(f))
    }

    /// Calls `f` on each direct child type.
    pub fn for_each_child(&self, mut f: impl FnMut(&Ty)) {
        match self {
            Ty::Error | Ty::Basic(_) | Ty::Var(_) | Ty::Bound(_) | Ty::Dynamic | Ty::EmptyRecord => {}
            Ty::Array(t) | Ty::Stream(t) | Ty::Vector(t) => f(t),
            Ty::Dict(kv) => {
                f(&kv.0);
                f(&kv.1);
            }
            Ty::Record(field) => {
                f(&field.ty);
                f(&field.tail);
            }
            Ty::Function(func) => {
                for p in func.params() {
                    f(&p.ty);
                }
                f(&func.ret);
            }
        }
    }

    /// Rebuilds the type with `f` applied to each direct child.
    pub fn map_children(&self, mut f: impl FnMut(&Ty) -> Ty) -> Ty {
        match self {
            Ty::Error | Ty::Basic(_) | Ty::Var(_) | Ty::Bound(_) | Ty::Dynamic | Ty::EmptyRecord => self.clone(),
            Ty::Array(t) => Ty::Array(Arc::new(f(t))),
            Ty::Stream(t) => Ty::Stream(Arc::new(f(t))),
            Ty::Vector(t) => Ty::Vector(Arc::new(f(t))),
            Ty::Dict(kv) => Ty::dict(f(&kv.0), f(&kv.1)),
            Ty::Record(field) => Ty::field(field.label.clone(), f(&field.ty), f(&field.tail)),
            Ty::Function(func) => {
                let mut param = |p: &Param| Param { name: p.name.clone(), ty: f(&p.ty) };
                let pipe = func.pipe.as_ref().map(&mut param);
                let req = func.req.iter().map(&mut param).collect();
                let opt = func.opt.iter().map(&mut param).collect();
                Ty::function(Function { pipe, req, opt, ret: f(&func.ret) })
            }
        }
    }

    /// The type rewritten top-down: where `f` gives a replacement for a part, it stands as is;
    /// elsewhere the parts inside are rewritten. `None` when nothing changed, so that the
    /// parts left alone stay shared rather than copied.
    pub fn rewrite(&self, f: &mut dyn FnMut(&Ty) -> Option<Ty>) -> Option<Ty> {
        if let Some(replacement) = f(self) {
            return Some(replacement);
        }
        fn either(a: Option<Ty>, b: Option<Ty>, old: (&Ty, &Ty)) -> Option<(Ty, Ty)> {
            if a.is_none() && b.is_none() {
                return None;
            }
            Some((a.unwrap_or_else(|| old.0.clone()), b.unwrap_or_else(|| old.1.clone())))
        }
        match self {
            Ty::Error | Ty::Basic(_) | Ty::Var(_) | Ty::Bound(_) | Ty::Dynamic | Ty::EmptyRecord => None,
            Ty::Array(t) => t.rewrite(f).map(Ty::array),
            Ty::Stream(t) => t.rewrite(f).map(Ty::stream),
            Ty::Vector(t) => t.rewrite(f).map(|t| Ty::Vector(Arc::new(t))),
            Ty::Dict(kv) => {
                let (k, v) = either(kv.0.rewrite(f), kv.1.rewrite(f), (&kv.0, &kv.1))?;
                Some(Ty::dict(k, v))
            }
            Ty::Record(field) => {
                let (ty, tail) = either(field.ty.rewrite(f), field.tail.rewrite(f), (&field.ty, &field.tail))?;
                Some(Ty::field(field.label.clone(), ty, tail))
            }
            Ty::Function(func) => {
                let mut changed = false;
                let mut param = |p: &Param| {
                    let ty = p.ty.rewrite(f);
                    changed |= ty.is_some();
                    Param { name: p.name.clone(), ty: ty.unwrap_or_else(|| p.ty.clone()) }
                };
                let pipe = func.pipe.as_ref().map(&mut param);
                let req = func.req.iter().map(&mut param).collect();
                let opt = func.opt.iter().map(&mut param).collect();
                let ret = func.ret.rewrite(f);
                changed |= ret.is_some();
                let ret = ret.unwrap_or_else(|| func.ret.clone());
                changed.then(|| Ty::function(Function { pipe, req, opt, ret }))
            }
        }
    }
}

/// A type with its variables bound: `Ty::Bound(i)` stands for a fresh variable of kinds
/// `kinds[i]` at each use.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scheme {
    pub kinds: Vec<Kinds>,
    pub ty: Ty,
}

impl Scheme {
    /// A scheme with no variables.
    pub fn mono(ty: Ty) -> Scheme {
        Scheme { kinds: Vec::new(), ty }
    }

    pub fn error() -> Scheme {
        Scheme::mono(Ty::Error)
    }

    /// Renumbers the bound variables in order of first appearance and drops unused ones, so
    /// that two schemes equal up to renaming compare equal.
    pub fn canonical(&self) -> Scheme {
        let mut order: Vec<u32> = Vec::new();
        collect_bound(&self.ty, &mut order);
        let ty = rename_bound(&self.ty, &order);
        let kinds = order.iter().map(|&i| self.kinds.get(i as usize).copied().unwrap_or_default()).collect();
        Scheme { kinds, ty }
    }
}

fn collect_bound(ty: &Ty, order: &mut Vec<u32>) {
    crate::display::visit_in_display_order(ty, &mut |t| {
        if let Ty::Bound(i) = t
            && !order.contains(i)
        {
            order.push(*i);
        }
    });
}

fn rename_bound(ty: &Ty, order: &[u32]) -> Ty {
    let mut rename = |t: &Ty| match t {
        Ty::Bound(i) => Some(Ty::Bound(order.iter().position(|j| j == i).unwrap_or(0) as u32)),
        _ => None,
    };
    ty.rewrite(&mut rename).unwrap_or_else(|| ty.clone())
}
