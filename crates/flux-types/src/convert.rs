//! Type expressions of the syntax tree (`builtin` declarations) to type schemes.

use flux_syntax::TextRange;
use flux_syntax::ast::{MonoType, ParameterType, TypeExpression};
use flux_syntax::smol_str::SmolStr;

use crate::ty::{Basic, Function, Kind, Kinds, Param, Scheme, Ty, UNNAMED_PIPE};

/// A mistake in a type expression, with a range relative to the tree it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeExprError {
    pub range: TextRange,
    pub message: String,
}

/// The scheme a type expression denotes; names that mean nothing become errors and the
/// type `Error` in their place.
pub fn scheme_of(expr: &TypeExpression) -> (Scheme, Vec<TypeExprError>) {
    let mut cx = Converter { vars: Vec::new(), errors: Vec::new() };
    let ty = cx.mono(&expr.monotype);
    let mut kinds = vec![Kinds::EMPTY; cx.vars.len()];
    for constraint in &expr.constraints {
        // A constraint on a variable the type does not mention constrains nothing.
        let Some(index) = cx.vars.iter().position(|v| *v == constraint.tvar.name) else { continue };
        for kind in &constraint.kinds {
            match Kind::from_name(&kind.name) {
                Some(k) => kinds[index] = kinds[index].with(k),
                None => {
                    let known: Vec<String> = Kind::ALL.iter().map(|k| format!("`{}`", k.name())).collect();
                    let message = format!("unknown kind `{}`: the kinds are {}", kind.name, known.join(", "));
                    cx.errors.push(TypeExprError { range: kind.base.range, message });
                }
            }
        }
    }
    (Scheme { kinds, ty }.canonical(), cx.errors)
}

struct Converter {
    vars: Vec<SmolStr>,
    errors: Vec<TypeExprError>,
}

impl Converter {
    fn var(&mut self, name: &SmolStr) -> Ty {
        let index = self.vars.iter().position(|v| v == name).unwrap_or_else(|| {
            self.vars.push(name.clone());
            self.vars.len() - 1
        });
        Ty::Bound(index as u32)
    }

    fn mono(&mut self, t: &MonoType) -> Ty {
        match t {
            MonoType::Tvar(v) => self.var(&v.name.name),
            MonoType::Basic(named) => match Basic::from_name(&named.name.name) {
                Some(b) => Ty::Basic(b),
                None => {
                    self.errors.push(TypeExprError {
                        range: named.base.range,
                        message: format!("unknown type `{}`", named.name.name),
                    });
                    Ty::Error
                }
            },
            MonoType::Array(a) => Ty::array(self.mono(&a.element)),
            MonoType::Stream(s) => Ty::stream(self.mono(&s.element)),
            MonoType::Vector(v) => Ty::Vector(std::sync::Arc::new(self.mono(&v.element))),
            MonoType::Dict(d) => {
                let k = self.mono(&d.key);
                let v = self.mono(&d.val);
                Ty::dict(k, v)
            }
            MonoType::Dynamic(_) => Ty::Dynamic,
            MonoType::Record(r) => {
                let tail = match &r.tvar {
                    Some(v) => self.var(&v.name),
                    None => Ty::EmptyRecord,
                };
                let fields: Vec<_> =
                    r.properties.iter().map(|p| (SmolStr::new(p.name.name()), self.mono(&p.monotype))).collect();
                fields.into_iter().rev().fold(tail, |tail, (label, ty)| Ty::field(label, ty, tail))
            }
            MonoType::Function(f) => {
                let mut func = Function { pipe: None, req: Vec::new(), opt: Vec::new(), ret: Ty::Error };
                for p in &f.parameters {
                    let ty = self.mono(p.monotype());
                    match p {
                        ParameterType::Required { name, .. } => func.req.push(Param { name: name.name.clone(), ty }),
                        ParameterType::Optional { name, .. } => func.opt.push(Param { name: name.name.clone(), ty }),
                        ParameterType::Pipe { name, .. } => {
                            let name = name.as_ref().map_or(SmolStr::new_static(UNNAMED_PIPE), |n| n.name.clone());
                            func.pipe = Some(Param { name, ty });
                        }
                    }
                }
                func.ret = self.mono(&f.monotype);
                func.sort();
                Ty::function(func)
            }
            // Label types belong to an experimental libflux feature the standard library does
            // not use; a label is a string at run time.
            MonoType::Label(_) => Ty::STRING,
        }
    }
}
