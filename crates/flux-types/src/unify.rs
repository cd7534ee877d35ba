//! The substitution (a union-find over type variables with levels for generalization) and
//! unification, following the rules of the SPEC as libflux applies them, so that the programs
//! libflux accepts are accepted here too.

use flux_syntax::smol_str::SmolStr;

use crate::ty::{Field, Function, Kind, Kinds, Scheme, Ty, UNNAMED_PIPE, Var};

#[derive(Clone, Debug)]
enum Slot {
    Unbound { kinds: Kinds, level: u32 },
    Link(Ty),
}

/// The solved part of the constraints: what each variable stands for.
#[derive(Clone, Debug, Default)]
pub struct Subst {
    slots: Vec<Slot>,
    /// The let-nesting depth: variables made deeper than the current level are generalized
    /// when a binding is finished.
    level: u32,
}

/// Why two types do not unify, or a type is not of a kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeErrorKind {
    Mismatch {
        expected: Ty,
        found: Ty,
    },
    /// The expected record has a label the found one lacks.
    MissingLabel(SmolStr),
    /// The found record has a label the expected (closed) one does not allow.
    ExtraLabel(SmolStr),
    NotOfKind {
        ty: Ty,
        kind: Kind,
    },
    /// A type that would contain itself.
    Occurs {
        ty: Ty,
    },
    MissingArgument(SmolStr),
    ExtraArgument {
        name: SmolStr,
        expected: Vec<SmolStr>,
    },
    /// Piping into a function that has no pipe parameter, or calling one that needs a piped
    /// value without one.
    MissingPipeArgument {
        into_function_without_pipe: bool,
    },
    MultiplePipeArguments {
        expected: SmolStr,
        found: SmolStr,
    },
}

/// Where inside the compared types an error was found, outermost first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    Argument(SmolStr),
    Label(SmolStr),
    Return,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeError {
    pub kind: TypeErrorKind,
    pub context: Vec<Context>,
}

impl Subst {
    pub fn fresh(&mut self) -> Ty {
        Ty::Var(self.fresh_var(Kinds::EMPTY))
    }

    pub fn fresh_var(&mut self, kinds: Kinds) -> Var {
        self.slots.push(Slot::Unbound { kinds, level: self.level });
        Var(self.slots.len() as u32 - 1)
    }

    pub fn enter_level(&mut self) {
        self.level += 1;
    }

    pub fn exit_level(&mut self) {
        self.level -= 1;
    }

    /// Follows links until `ty` is not a bound variable.
    pub fn shallow(&self, ty: &Ty) -> Ty {
        let mut ty = ty.clone();
        while let Ty::Var(v) = ty {
            match &self.slots[v.0 as usize] {
                Slot::Link(t) => ty = t.clone(),
                Slot::Unbound { .. } => break,
            }
        }
        ty
    }

    /// `ty` with every solved variable replaced (the parts without one are shared).
    pub fn apply(&self, ty: &Ty) -> Ty {
        let mut solved = |t: &Ty| match t {
            Ty::Var(v) => match &self.slots[v.0 as usize] {
                Slot::Link(linked) => Some(self.apply(linked)),
                Slot::Unbound { .. } => None,
            },
            _ => None,
        };
        ty.rewrite(&mut solved).unwrap_or_else(|| ty.clone())
    }

    /// What `var` is bound to, if it is.
    pub fn link(&self, var: Var) -> Option<&Ty> {
        match &self.slots[var.0 as usize] {
            Slot::Link(t) => Some(t),
            Slot::Unbound { .. } => None,
        }
    }

    pub fn kinds(&self, var: Var) -> Kinds {
        match &self.slots[var.0 as usize] {
            Slot::Unbound { kinds, .. } => *kinds,
            Slot::Link(_) => Kinds::EMPTY,
        }
    }

    /// A fresh instance of `scheme`.
    pub fn instantiate(&mut self, scheme: &Scheme) -> Ty {
        let vars: Vec<Ty> = scheme.kinds.iter().map(|&k| Ty::Var(self.fresh_var(k))).collect();
        substitute_bound(&scheme.ty, &vars)
    }

    /// Binds the variables of `ty` created deeper than the current level.
    pub fn generalize(&self, ty: &Ty) -> Scheme {
        let ty = self.apply(ty);
        let mut vars: Vec<Var> = Vec::new();
        let ty = self.bind_free(&ty, &mut vars, &|level| level > self.level);
        let kinds = vars.iter().map(|&v| self.kinds(v)).collect();
        Scheme { kinds, ty }.canonical()
    }

    /// Binds every free variable of `ty`: the scheme of a closed top-level binding, or the
    /// form in which a type is shown.
    pub fn generalize_all(&self, ty: &Ty) -> Scheme {
        let ty = self.apply(ty);
        let mut vars: Vec<Var> = Vec::new();
        let ty = self.bind_free(&ty, &mut vars, &|_| true);
        let kinds = vars.iter().map(|&v| self.kinds(v)).collect();
        Scheme { kinds, ty }.canonical()
    }

    fn bind_free(&self, ty: &Ty, vars: &mut Vec<Var>, generalizable: &dyn Fn(u32) -> bool) -> Ty {
        let mut bind = |t: &Ty| match t {
            Ty::Var(v) => match &self.slots[v.0 as usize] {
                Slot::Unbound { level, .. } if generalizable(*level) => {
                    let index = vars.iter().position(|w| w == v).unwrap_or_else(|| {
                        vars.push(*v);
                        vars.len() - 1
                    });
                    Some(Ty::Bound(index as u32))
                }
                _ => None,
            },
            _ => None,
        };
        ty.rewrite(&mut bind).unwrap_or_else(|| ty.clone())
    }

    /// Requires `ty` to be of `kind`.
    pub fn constrain(&mut self, ty: &Ty, kind: Kind) -> Result<(), TypeError> {
        let ty = self.shallow(ty);
        let fail =
            |ty: &Ty| Err(TypeError { kind: TypeErrorKind::NotOfKind { ty: ty.clone(), kind }, context: vec![] });
        match &ty {
            Ty::Error | Ty::Bound(_) => Ok(()),
            Ty::Basic(b) => {
                if b.kinds().contains(kind) {
                    Ok(())
                } else {
                    fail(&ty)
                }
            }
            Ty::Var(v) => {
                if let Slot::Unbound { kinds, .. } = &mut self.slots[v.0 as usize] {
                    *kinds = kinds.with(kind);
                }
                Ok(())
            }
            Ty::Array(t) | Ty::Stream(t) => match kind {
                Kind::Equatable => self.constrain(t, kind),
                _ => fail(&ty),
            },
            Ty::Vector(t) => self.constrain(t, kind),
            Ty::Dict(_) | Ty::Function(_) => fail(&ty),
            Ty::Dynamic => match kind {
                Kind::Basic => Ok(()),
                _ => fail(&ty),
            },
            Ty::EmptyRecord => match kind {
                Kind::Record | Kind::Equatable => Ok(()),
                _ => fail(&ty),
            },
            Ty::Record(field) => match kind {
                Kind::Record => Ok(()),
                Kind::Equatable => {
                    self.constrain(&field.ty, kind)?;
                    self.constrain(&field.tail, kind)
                }
                _ => fail(&ty),
            },
        }
    }

    /// Unifies the `expected` type with the `found` one, recording every problem in `errors`.
    pub fn unify(&mut self, expected: &Ty, found: &Ty, errors: &mut Vec<TypeError>) {
        let exp = self.shallow(expected);
        let act = self.shallow(found);
        match (&exp, &act) {
            (Ty::Error, _) | (_, Ty::Error) => {}
            (Ty::Dynamic, Ty::Dynamic) => {}
            // A dynamic value may be used like a record, and vice versa.
            (Ty::Dynamic, Ty::Record(_) | Ty::EmptyRecord) | (Ty::Record(_) | Ty::EmptyRecord, Ty::Dynamic) => {}
            (Ty::Basic(a), Ty::Basic(b)) if a == b => {}
            (Ty::Var(a), Ty::Var(b)) if a == b => {}
            (Ty::Var(a), Ty::Var(b)) => self.union_vars(*a, *b),
            (Ty::Var(v), t) | (t, Ty::Var(v)) => self.bind(*v, t, errors),
            (Ty::Array(a), Ty::Array(b)) | (Ty::Stream(a), Ty::Stream(b)) | (Ty::Vector(a), Ty::Vector(b)) => {
                self.unify(a, b, errors)
            }
            (Ty::Dict(a), Ty::Dict(b)) => {
                self.unify(&a.0, &b.0, errors);
                self.unify(&a.1, &b.1, errors);
            }
            (Ty::EmptyRecord, Ty::EmptyRecord) => {}
            (Ty::Record(_) | Ty::EmptyRecord, Ty::Record(_) | Ty::EmptyRecord) => {
                self.unify_records(&exp, &act, errors)
            }
            (Ty::Function(f), Ty::Function(g)) => self.unify_functions(f, g, errors),
            _ => errors.push(TypeError {
                kind: TypeErrorKind::Mismatch { expected: self.apply(&exp), found: self.apply(&act) },
                context: vec![],
            }),
        }
    }

    fn union_vars(&mut self, a: Var, b: Var) {
        let (Slot::Unbound { kinds: ka, level: la }, Slot::Unbound { kinds: kb, level: lb }) =
            (self.slots[a.0 as usize].clone(), self.slots[b.0 as usize].clone())
        else {
            unreachable!("shallow() returns unbound variables only");
        };
        self.slots[b.0 as usize] = Slot::Unbound { kinds: ka.union(kb), level: la.min(lb) };
        self.slots[a.0 as usize] = Slot::Link(Ty::Var(b));
    }

    fn bind(&mut self, var: Var, ty: &Ty, errors: &mut Vec<TypeError>) {
        let ty = self.apply(ty);
        if self.occurs(var, &ty) {
            errors.push(TypeError { kind: TypeErrorKind::Occurs { ty }, context: vec![] });
            return;
        }
        let Slot::Unbound { kinds, level } = self.slots[var.0 as usize].clone() else {
            unreachable!("shallow() returns unbound variables only");
        };
        self.adjust_levels(&ty, level);
        self.slots[var.0 as usize] = Slot::Link(ty.clone());
        let mut failed = false;
        for kind in kinds.iter() {
            if let Err(e) = self.constrain(&ty, kind) {
                errors.push(e);
                failed = true;
            }
        }
        // A variable whose kinds the type violates stands for nothing known: binding it to the
        // type anyway would report the same mistake again wherever the variable is used.
        if failed {
            self.slots[var.0 as usize] = Slot::Link(Ty::Error);
        }
    }

    fn occurs(&self, var: Var, ty: &Ty) -> bool {
        match ty {
            Ty::Var(v) => *v == var,
            _ => {
                let mut found = false;
                ty.for_each_child(|t| found = found || self.occurs(var, t));
                found
            }
        }
    }

    /// Lowers the level of the variables in `ty` to `level`: they now belong to a binding at
    /// that depth and must not be generalized deeper.
    fn adjust_levels(&mut self, ty: &Ty, level: u32) {
        let mut vars = Vec::new();
        free_vars(ty, &mut vars);
        for v in vars {
            if let Slot::Unbound { level: l, .. } = &mut self.slots[v.0 as usize] {
                *l = (*l).min(level);
            }
        }
    }

    /// Records unify field by field from the head, as in libflux: equal labels unify their
    /// types and tails; different labels over the same tail variable are a mismatch; otherwise
    /// each side's tail takes the other's head over a shared fresh tail.
    fn unify_records(&mut self, exp: &Ty, act: &Ty, errors: &mut Vec<TypeError>) {
        match (exp, act) {
            (Ty::Record(a), Ty::Record(b)) => {
                let tail_a = self.shallow(&a.tail);
                let tail_b = self.shallow(&b.tail);
                let same_tail_var = matches!((&tail_a, &tail_b), (Ty::Var(x), Ty::Var(y)) if x == y);
                if a.label == b.label {
                    let mut inner = Vec::new();
                    self.unify(&a.ty, &b.ty, &mut inner);
                    errors.extend(in_context(inner, Context::Label(a.label.clone())));
                    if !same_tail_var {
                        self.unify(&a.tail, &b.tail, errors);
                    }
                } else if same_tail_var {
                    errors.push(TypeError {
                        kind: TypeErrorKind::Mismatch { expected: self.apply(exp), found: self.apply(act) },
                        context: vec![],
                    });
                } else {
                    let var = self.fresh();
                    let exp_rest = Ty::field(a.label.clone(), a.ty.clone(), var.clone());
                    let act_rest = Ty::field(b.label.clone(), b.ty.clone(), var);
                    self.unify(&a.tail, &act_rest, errors);
                    self.unify(&exp_rest, &b.tail, errors);
                }
            }
            (Ty::Record(a), Ty::EmptyRecord) => {
                errors.push(TypeError { kind: TypeErrorKind::MissingLabel(a.label.clone()), context: vec![] })
            }
            (Ty::EmptyRecord, Ty::Record(b)) => {
                errors.push(TypeError { kind: TypeErrorKind::ExtraLabel(b.label.clone()), context: vec![] })
            }
            _ => {}
        }
    }

    /// `f` is the expected function (the callee's type, say), `g` the found one (built from a
    /// call's arguments). Parameters match by name; pipe parameters match each other.
    fn unify_functions(&mut self, f: &Function, g: &Function, errors: &mut Vec<TypeError>) {
        // Required parameters by name, with the pipe parameters when they match.
        let mut f_req: Vec<(&SmolStr, &Ty)> = f.req.iter().map(|p| (&p.name, &p.ty)).collect();
        let mut g_req: Vec<(&SmolStr, &Ty)> = g.req.iter().map(|p| (&p.name, &p.ty)).collect();
        match (&f.pipe, &g.pipe) {
            (Some(fp), Some(gp)) => {
                if fp.name != UNNAMED_PIPE && gp.name != UNNAMED_PIPE && fp.name != gp.name {
                    errors.push(TypeError {
                        kind: TypeErrorKind::MultiplePipeArguments {
                            expected: fp.name.clone(),
                            found: gp.name.clone(),
                        },
                        context: vec![],
                    });
                } else {
                    f_req.push((&fp.name, &fp.ty));
                    g_req.push((&fp.name, &gp.ty));
                }
            }
            (Some(fp), None) => {
                if fp.name == UNNAMED_PIPE {
                    errors.push(TypeError {
                        kind: TypeErrorKind::MissingPipeArgument { into_function_without_pipe: false },
                        context: vec![],
                    });
                } else {
                    f_req.push((&fp.name, &fp.ty));
                }
            }
            (None, Some(gp)) => {
                if gp.name == UNNAMED_PIPE {
                    errors.push(TypeError {
                        kind: TypeErrorKind::MissingPipeArgument { into_function_without_pipe: true },
                        context: vec![],
                    });
                } else {
                    g_req.push((&gp.name, &gp.ty));
                }
            }
            (None, None) => {}
        }
        let f_opt = f.opt.iter().map(|p| (&p.name, &p.ty));
        let g_param = |name: &str| {
            g_req
                .iter()
                .copied()
                .chain(g.opt.iter().map(|p| (&p.name, &p.ty)))
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t)
        };
        for (name, _) in &g_req {
            if !f_req.iter().copied().chain(f_opt.clone()).any(|(q, _)| q == *name) {
                let expected = f_req
                    .iter()
                    .copied()
                    .chain(f_opt.clone())
                    .filter(|(q, _)| g_param(q).is_none())
                    .map(|(q, _)| q.clone())
                    .collect();
                errors.push(TypeError {
                    kind: TypeErrorKind::ExtraArgument { name: (*name).clone(), expected },
                    context: vec![],
                });
            }
        }
        for (name, ty) in f_req.iter().copied().chain(f_opt) {
            let required = !f.opt.iter().any(|p| p.name == *name);
            match g_param(name) {
                Some(act) => {
                    let mut inner = Vec::new();
                    self.unify(ty, act, &mut inner);
                    errors.extend(in_context(inner, Context::Argument(name.clone())));
                }
                None if required => {
                    errors.push(TypeError { kind: TypeErrorKind::MissingArgument(name.clone()), context: vec![] })
                }
                None => {}
            }
        }
        let mut inner = Vec::new();
        self.unify(&f.ret, &g.ret, &mut inner);
        errors.extend(in_context(inner, Context::Return));
    }
}

fn in_context(errors: Vec<TypeError>, context: Context) -> impl Iterator<Item = TypeError> {
    errors.into_iter().map(move |mut e| {
        e.context.insert(0, context.clone());
        e
    })
}

/// The variables in `ty` (applied), in no particular order, possibly repeated.
pub fn free_vars(ty: &Ty, out: &mut Vec<Var>) {
    match ty {
        Ty::Var(v) => out.push(*v),
        _ => ty.for_each_child(|t| free_vars(t, out)),
    }
}

/// Replaces `Ty::Bound(i)` by `vars[i]` (the parts without one are shared).
pub fn substitute_bound(ty: &Ty, vars: &[Ty]) -> Ty {
    let mut substitute = |t: &Ty| match t {
        Ty::Bound(i) => Some(vars.get(*i as usize).cloned().unwrap_or(Ty::Error)),
        _ => None,
    };
    ty.rewrite(&mut substitute).unwrap_or_else(|| ty.clone())
}

impl Field {
    /// The type of the first field called `label` in a record, looking through solved tails.
    pub fn lookup(record: &Ty, label: &str, subst: &Subst) -> Option<Ty> {
        let mut current = subst.shallow(record);
        loop {
            match current {
                Ty::Record(field) => {
                    if field.label == label {
                        return Some(field.ty.clone());
                    }
                    current = subst.shallow(&field.tail);
                }
                _ => return None,
            }
        }
    }
}
