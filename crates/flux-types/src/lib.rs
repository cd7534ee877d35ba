//! Flux types: monotypes with row-polymorphic records, kinds, type schemes, a substitution
//! with unification and generalization, and display in Flux's type syntax.
//!
//! The rules follow the SPEC's type system as libflux implements it (the reference whose
//! verdicts on the standard library we reproduce): records unify label by label from the
//! head, functions by parameter name with pipe parameters matched to each other, and a type
//! variable carries the kinds it was constrained to until it is bound.

mod convert;
mod display;
mod table;
mod ty;
mod unify;

pub use convert::{TypeExprError, scheme_of};
pub use display::{flatten_record, var_name};
pub use table::{FunctionNode, TyId, TyNode, TypeTable, TypeTableBuilder};
pub use ty::{Basic, Field, Function, Kind, Kinds, Param, Scheme, Ty, UNNAMED_PIPE, Var};
pub use unify::{Context, Subst, TypeError, TypeErrorKind, free_vars, substitute_bound};

#[cfg(test)]
mod tests;
