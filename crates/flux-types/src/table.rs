//! The types of one analysis after inference, stored once each.
//!
//! Inference leaves a type per expression, all related through one substitution: the `r` of a
//! `filter` function and the rows of the stream piped into it are the same variable. A
//! [`TypeTable`] keeps that relation: it resolves every type against the final substitution
//! and stores each distinct type once (hash-consing), naming it by a [`TyId`]; the variables
//! still free are numbered in the order they were met and keep their kinds. Two expressions
//! whose types share a variable share it in the table too.

use std::hash::BuildHasher;
use std::sync::Arc;

use flux_syntax::smol_str::SmolStr;
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::ty::{Basic, Function, Kinds, Param, Scheme, Ty, Var};
use crate::unify::Subst;

/// A type in a [`TypeTable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TyId(u32);

/// One node of a stored type; children are other nodes of the same table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TyNode {
    Error,
    Basic(Basic),
    /// A variable still free after inference: an index into the table's variables.
    Var(u32),
    Array(TyId),
    Stream(TyId),
    Vector(TyId),
    Dict(TyId, TyId),
    Dynamic,
    EmptyRecord,
    /// `{label: ty | tail}`.
    Record(SmolStr, TyId, TyId),
    Function(Box<FunctionNode>),
}

/// A function type: parameters sorted by name, as in [`Function`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FunctionNode {
    pub pipe: Option<(SmolStr, TyId)>,
    pub req: Vec<(SmolStr, TyId)>,
    pub opt: Vec<(SmolStr, TyId)>,
    pub ret: TyId,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypeTable {
    nodes: Vec<TyNode>,
    /// The kinds of each free variable.
    vars: Vec<Kinds>,
}

impl TypeTable {
    pub fn node(&self, id: TyId) -> &TyNode {
        match (id.0 as usize).checked_sub(LEAVES.len()) {
            Some(i) => &self.nodes[i],
            None => &LEAVES[id.0 as usize],
        }
    }

    pub fn var_kinds(&self, var: u32) -> Kinds {
        self.vars.get(var as usize).copied().unwrap_or_default()
    }

    /// The free variables and their kinds, in the order the table numbers them.
    pub fn vars(&self) -> impl Iterator<Item = (u32, Kinds)> + '_ {
        self.vars.iter().enumerate().map(|(i, k)| (i as u32, *k))
    }

    /// How many distinct types the table holds besides the types without parts.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The type with its free variables bound, the form in which types are shown: each free
    /// variable becomes a variable of the scheme, with its kinds.
    pub fn scheme(&self, id: TyId) -> Scheme {
        let mut bound: Vec<u32> = Vec::new();
        let ty = self.materialize(id, &mut bound);
        let kinds = bound.iter().map(|&v| self.var_kinds(v)).collect();
        Scheme { kinds, ty }.canonical()
    }

    /// The type with its free variables as `Ty::Var`s numbered as the table numbers them
    /// (displayed `t0`, `t1`, ...): two types sharing a variable show it under one name.
    pub fn ty(&self, id: TyId) -> Ty {
        let mut bound = Vec::new();
        let ty = self.materialize(id, &mut bound);
        crate::substitute_bound(&ty, &bound.iter().map(|&v| Ty::Var(Var(v))).collect::<Vec<_>>())
    }

    /// Whether the type is a function.
    pub fn is_function(&self, id: TyId) -> bool {
        matches!(self.node(id), TyNode::Function(_))
    }

    /// The fields of a record type in order, and what ends it.
    pub fn record_fields(&self, mut id: TyId) -> (Vec<(&str, TyId)>, TyId) {
        let mut fields = Vec::new();
        while let TyNode::Record(label, ty, tail) = self.node(id) {
            fields.push((label.as_str(), *ty));
            id = *tail;
        }
        (fields, id)
    }

    fn materialize(&self, id: TyId, bound: &mut Vec<u32>) -> Ty {
        match self.node(id) {
            TyNode::Error => Ty::Error,
            TyNode::Basic(b) => Ty::Basic(*b),
            TyNode::Var(v) => {
                let index = bound.iter().position(|w| w == v).unwrap_or_else(|| {
                    bound.push(*v);
                    bound.len() - 1
                });
                Ty::Bound(index as u32)
            }
            TyNode::Array(t) => Ty::array(self.materialize(*t, bound)),
            TyNode::Stream(t) => Ty::stream(self.materialize(*t, bound)),
            TyNode::Vector(t) => Ty::Vector(Arc::new(self.materialize(*t, bound))),
            TyNode::Dict(k, v) => Ty::dict(self.materialize(*k, bound), self.materialize(*v, bound)),
            TyNode::Dynamic => Ty::Dynamic,
            TyNode::EmptyRecord => Ty::EmptyRecord,
            TyNode::Record(label, ty, tail) => {
                let ty = self.materialize(*ty, bound);
                Ty::field(label.clone(), ty, self.materialize(*tail, bound))
            }
            TyNode::Function(f) => {
                let mut params = |list: &[(SmolStr, TyId)]| -> Vec<Param> {
                    list.iter().map(|(name, t)| Param { name: name.clone(), ty: self.materialize(*t, bound) }).collect()
                };
                let pipe = f.pipe.as_ref().map(|p| params(std::slice::from_ref(p)).remove(0));
                let req = params(&f.req);
                let opt = params(&f.opt);
                let ret = self.materialize(f.ret, bound);
                Ty::function(Function { pipe, req, opt, ret })
            }
        }
    }
}

/// Fills a [`TypeTable`] with types resolved against a final substitution.
pub struct TypeTableBuilder<'s> {
    subst: &'s Subst,
    table: TypeTable,
    /// The stored nodes by hash, compared against the table's nodes.
    interned: HashTable<TyId>,
    /// What each substitution variable became.
    resolved: FxHashMap<Var, TyId>,
    /// What each shared inner type (by address) became: types are shared between the
    /// expressions and names that hold them, so most are seen again.
    shared: FxHashMap<usize, TyId>,
}

/// The types without parts: every table has them, as the first ids, without storing them.
const LEAVES: [TyNode; 12] = [
    TyNode::Error,
    TyNode::Dynamic,
    TyNode::EmptyRecord,
    TyNode::Basic(Basic::Int),
    TyNode::Basic(Basic::Uint),
    TyNode::Basic(Basic::Float),
    TyNode::Basic(Basic::String),
    TyNode::Basic(Basic::Bool),
    TyNode::Basic(Basic::Time),
    TyNode::Basic(Basic::Duration),
    TyNode::Basic(Basic::Bytes),
    TyNode::Basic(Basic::Regexp),
];

fn leaf(ty: &Ty) -> Option<TyId> {
    let index = match ty {
        Ty::Error | Ty::Bound(_) => 0,
        Ty::Dynamic => 1,
        Ty::EmptyRecord => 2,
        Ty::Basic(b) => 3 + *b as u32,
        _ => return None,
    };
    Some(TyId(index))
}

impl<'s> TypeTableBuilder<'s> {
    pub fn new(subst: &'s Subst) -> TypeTableBuilder<'s> {
        TypeTableBuilder {
            subst,
            table: TypeTable::default(),
            interned: HashTable::new(),
            resolved: FxHashMap::default(),
            shared: FxHashMap::default(),
        }
    }

    /// Stores `ty` as the substitution solves it.
    pub fn add(&mut self, ty: &Ty) -> TyId {
        if let Some(id) = leaf(ty) {
            return id;
        }
        // Every type borrowed here stays alive until the table is finished, so an address
        // names one type throughout.
        let address = match ty {
            Ty::Array(t) | Ty::Stream(t) | Ty::Vector(t) => Arc::as_ptr(t) as usize,
            Ty::Dict(kv) => Arc::as_ptr(kv) as usize,
            Ty::Record(field) => Arc::as_ptr(field) as usize,
            Ty::Function(f) => Arc::as_ptr(f) as usize,
            _ => 0,
        };
        if let Some(&id) = self.shared.get(&address) {
            return id;
        }
        let id = self.add_new(ty);
        if address != 0 {
            self.shared.insert(address, id);
        }
        id
    }

    fn add_new(&mut self, ty: &Ty) -> TyId {
        let node = match ty {
            Ty::Error | Ty::Bound(_) | Ty::Basic(_) | Ty::Dynamic | Ty::EmptyRecord => unreachable!("a leaf"),
            Ty::Var(v) => return self.var(*v),
            Ty::Array(t) => TyNode::Array(self.add(t)),
            Ty::Stream(t) => TyNode::Stream(self.add(t)),
            Ty::Vector(t) => TyNode::Vector(self.add(t)),
            Ty::Dict(kv) => TyNode::Dict(self.add(&kv.0), self.add(&kv.1)),
            Ty::Record(field) => {
                let ty = self.add(&field.ty);
                TyNode::Record(field.label.clone(), ty, self.add(&field.tail))
            }
            Ty::Function(f) => {
                let mut params = |list: &[Param]| -> Vec<(SmolStr, TyId)> {
                    list.iter().map(|p| (p.name.clone(), self.add(&p.ty))).collect()
                };
                let pipe = f.pipe.as_ref().map(|p| params(std::slice::from_ref(p)).remove(0));
                let req = params(&f.req);
                let opt = params(&f.opt);
                let ret = self.add(&f.ret);
                TyNode::Function(Box::new(FunctionNode { pipe, req, opt, ret }))
            }
        };
        self.intern(node)
    }

    fn var(&mut self, v: Var) -> TyId {
        if let Some(&id) = self.resolved.get(&v) {
            return id;
        }
        let id = match self.subst.link(v) {
            Some(ty) => {
                let ty = ty.clone();
                self.add(&ty)
            }
            None => {
                let index = self.table.vars.len() as u32;
                self.table.vars.push(self.subst.kinds(v));
                self.intern(TyNode::Var(index))
            }
        };
        self.resolved.insert(v, id);
        id
    }

    fn intern(&mut self, node: TyNode) -> TyId {
        let hasher = FxBuildHasher;
        let hash = hasher.hash_one(&node);
        let table = &self.table;
        if let Some(&id) = self.interned.find(hash, |id| *table.node(*id) == node) {
            return id;
        }
        let id = TyId((LEAVES.len() + self.table.nodes.len()) as u32);
        self.table.nodes.push(node);
        let table = &self.table;
        self.interned.insert_unique(hash, id, |id| hasher.hash_one(table.node(*id)));
        id
    }

    pub fn finish(self) -> TypeTable {
        self.table
    }
}
