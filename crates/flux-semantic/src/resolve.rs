//! Where names outside a statement come from, and the one order in which every name is looked
//! up: the statement's locals (innermost first), then the package's values, the file's
//! imports, the values the environment predeclares (`v`, `task`) and the prelude. Inference resolves
//! with [`Env::resolve`]; completion lists with [`names_in_scope`], which follows the same
//! order, so what is offered is what a name would mean.

use flux_stdlib::{Member, Package, catalog};
use flux_syntax::smol_str::SmolStr;

use crate::ir::{Body, LocalId, Predeclared};
use crate::{DashboardVariables, Env, PackageValue};

/// What a name outside the statement refers to.
pub enum Outer {
    Package(PackageValue),
    /// An import of the file, by its name.
    Import(SmolStr),
    Predeclared(Predeclared),
    /// A prelude value and its package.
    Prelude(&'static Package, &'static Member),
}

impl Env<'_> {
    /// What `name` means outside the statement's own locals.
    pub fn resolve(&self, name: &str) -> Option<Outer> {
        if let Some(value) = (self.package_value)(name) {
            return Some(Outer::Package(value));
        }
        if let Some(import) = self.imports.get(name) {
            return Some(Outer::Import(import.name.clone()));
        }
        if let Some(p) = self.predeclared(name) {
            return Some(Outer::Predeclared(p));
        }
        catalog().prelude_member(name).map(|(p, m)| Outer::Prelude(p, m))
    }

    fn predeclared(&self, name: &str) -> Option<Predeclared> {
        match name {
            "v" if self.predefined.dashboard != DashboardVariables::Off => Some(Predeclared::Dashboard),
            "task" if self.predefined.task => Some(Predeclared::Task),
            _ => None,
        }
    }

    /// Every name outside the statement (for suggesting what a misspelled name meant).
    pub(crate) fn outer_names(&self) -> Vec<SmolStr> {
        let mut names = (self.package_names)();
        names.extend(self.imports.imports.iter().map(|i| i.name.clone()));
        names.extend(catalog().prelude().map(|(_, m)| m.name.clone()));
        names
    }
}

/// A name visible somewhere, and what it means there.
#[derive(Clone, Debug)]
pub enum InScope {
    Local(LocalId),
    /// A package-level value (look it up with the environment's `package_value` when its
    /// type is wanted).
    Package,
    Import,
    Predeclared(Predeclared),
    Prelude(&'static Package, &'static Member),
}

/// Every name visible at `offset` (relative to the statement) in `body`, each once with the
/// meaning it has there, in resolution order.
pub fn names_in_scope(body: &Body, offset: u32, env: &Env<'_>) -> Vec<(SmolStr, InScope)> {
    let mut seen = rustc_hash::FxHashSet::default();
    let mut out = Vec::new();
    let mut add = |name: &SmolStr, meaning: InScope| {
        if seen.insert(name.clone()) {
            out.push((name.clone(), meaning));
        }
    };
    let mut locals: Vec<(LocalId, &crate::ir::Local)> = body.locals_at(offset).collect();
    locals.reverse();
    for (id, local) in locals {
        add(&local.name, InScope::Local(id));
    }
    for name in (env.package_names)() {
        add(&name, InScope::Package);
    }
    for import in &env.imports.imports {
        add(&import.name, InScope::Import);
    }
    for (name, p) in [("v", Predeclared::Dashboard), ("task", Predeclared::Task)] {
        if env.predeclared(name).is_some() {
            add(&SmolStr::new_static(name), InScope::Predeclared(p));
        }
    }
    // Later prelude packages shadow earlier ones.
    let prelude: Vec<_> = catalog().prelude().collect();
    for (package, member) in prelude.into_iter().rev() {
        add(&member.name, InScope::Prelude(package, member));
    }
    out
}
