//! The catalog of the Flux standard library.
//!
//! One declaration file per package, in `catalog/<import path>.flux`, written in Flux itself:
//! the package's description, then for each exported value its description (comment lines),
//! attributes, and a `builtin name : type` declaration. Attributes:
//!
//! - `@option()`: the value is an option (`option pkg.name = ...` may set it);
//! - `@deprecated("0.172.0", "join.inner")`: deprecated since that version, in favour of the
//!   replacements named after it, each as `<import path>.<name>` (`"http/requests.get"`);
//! - `@default("param", "flux source")`: the default of an optional parameter, as written;
//! - `@sideEffect()`: calling it does something beyond returning a value: it writes output
//!   (`yield`, `to`), sends a request, or fails a test. A script runs such a call wherever it
//!   stands, even in a variable nothing uses.
//!
//! The files are embedded at build time and parsed on first use.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use flux_syntax::ast::{Attribute, Expr, Statement, doc_text};
use flux_syntax::smol_str::SmolStr;
use flux_types::{Scheme, scheme_of};

mod files {
    include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));
}

/// The packages whose values are in scope in every file without an import.
pub const PRELUDE: &[&str] = &["internal/boolean", "internal/location", "universe", "influxdata/influxdb"];

/// One package of the standard library.
#[derive(Debug)]
pub struct Package {
    /// The import path, such as `influxdata/influxdb/schema`.
    pub path: &'static str,
    /// The name its package clause declares (the last segment, usually).
    pub name: SmolStr,
    pub doc: String,
    /// Sorted by name.
    pub members: Vec<Member>,
}

/// A value a package exports.
#[derive(Debug)]
pub struct Member {
    pub name: SmolStr,
    pub scheme: Scheme,
    pub doc: String,
    pub option: bool,
    pub deprecated: Option<Deprecation>,
    /// The defaults of optional parameters, as Flux source.
    pub defaults: Vec<(SmolStr, String)>,
    pub side_effect: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deprecation {
    pub since: String,
    /// What to use instead, together (empty when nothing replaces it).
    pub replacements: Vec<Replacement>,
}

/// A value of another package that replaces a deprecated one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replacement {
    /// The import path, such as `http/requests`.
    pub package: String,
    pub name: String,
}

impl Replacement {
    /// How code names it after importing its package: `requests.get`, or `join` for a
    /// prelude value.
    pub fn qualified(&self) -> String {
        if PRELUDE.contains(&self.package.as_str()) {
            return self.name.clone();
        }
        let package = catalog()
            .package(&self.package)
            .map_or_else(|| self.package.rsplit('/').next().unwrap_or_default().to_owned(), |p| p.name.to_string());
        format!("{package}.{}", self.name)
    }
}

impl Deprecation {
    /// What to use instead, in words: `` `requests.get` from package "http/requests" ``.
    pub fn advice(&self) -> Option<String> {
        let parts: Vec<String> = self
            .replacements
            .iter()
            .map(|r| {
                if PRELUDE.contains(&r.package.as_str()) {
                    format!("`{}`", r.name)
                } else {
                    format!("`{}` from package \"{}\"", r.qualified(), r.package)
                }
            })
            .collect();
        (!parts.is_empty()).then(|| format!("use {} instead", parts.join(" with ")))
    }
}

impl Package {
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.binary_search_by(|m| m.name.as_str().cmp(name)).ok().map(|i| &self.members[i])
    }

    /// The page of the official documentation about `member` (or the package when `None`).
    pub fn doc_url(&self, member: Option<&str>) -> String {
        let base = format!("https://docs.influxdata.com/flux/v0.x/stdlib/{}/", self.path);
        match member {
            Some(name) => format!("{base}{}/", name.to_lowercase()),
            None => base,
        }
    }
}

/// Every package, by import path.
#[derive(Debug)]
pub struct Catalog {
    pub packages: BTreeMap<&'static str, Package>,
}

impl Catalog {
    pub fn package(&self, path: &str) -> Option<&Package> {
        self.packages.get(path)
    }

    /// The prelude's values: `(package, member)`, later packages shadowing earlier ones.
    pub fn prelude(&self) -> impl Iterator<Item = (&Package, &Member)> {
        PRELUDE.iter().filter_map(|p| self.package(p)).flat_map(|p| p.members.iter().map(move |m| (p, m)))
    }

    /// The prelude value called `name`.
    pub fn prelude_member(&self, name: &str) -> Option<(&Package, &Member)> {
        PRELUDE.iter().rev().filter_map(|p| self.package(p)).find_map(|p| p.member(name).map(|m| (p, m)))
    }
}

/// The import path of the package called `name` (the shortest path, when several are), as an
/// import without alias would name it; internal packages are left out.
pub fn package_named(name: &str) -> Option<&'static str> {
    catalog()
        .packages
        .values()
        .filter(|p| p.name == name && !p.path.starts_with("internal/"))
        .map(|p| p.path)
        .min_by_key(|p| p.len())
}

/// The import path of a package exporting `name`, for "not imported" hints: the first in path
/// order, outside the prelude and the internal packages, not deprecated there.
pub fn package_exporting(name: &str) -> Option<&'static str> {
    catalog()
        .packages
        .values()
        .filter(|p| !p.path.starts_with("internal/") && !PRELUDE.contains(&p.path))
        .find(|p| p.member(name).is_some_and(|m| m.deprecated.is_none()))
        .map(|p| p.path)
}

/// The catalog, parsed on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let packages = files::FILES.iter().map(|&(path, source)| (path, load(path, source))).collect();
        Catalog { packages }
    })
}

/// Parses one declaration file. The catalog's own tests check that every file is free of
/// mistakes, so a problem here is a bug in the catalog and panics.
fn load(path: &'static str, source: &str) -> Package {
    let parse = flux_syntax::parse(source);
    assert!(parse.errors.is_empty(), "catalog/{path}.flux: {:?}", parse.errors);
    let clause = parse.file.package.as_ref().unwrap_or_else(|| panic!("catalog/{path}.flux: no package clause"));
    let doc = doc_text(&clause.base.comments);
    let mut members: Vec<Member> = parse
        .file
        .body
        .iter()
        .map(|top| {
            let Statement::Builtin(b) = &*top.statement else {
                panic!("catalog/{path}.flux: only builtin declarations belong in the catalog")
            };
            let (scheme, errors) = scheme_of(&b.ty);
            assert!(errors.is_empty(), "catalog/{path}.flux: {}: {errors:?}", b.id.name);
            let mut member = Member {
                name: b.id.name.clone(),
                scheme,
                doc: doc_text(top.statement.leading_comments()),
                option: false,
                deprecated: None,
                defaults: Vec::new(),
                side_effect: false,
            };
            for attribute in &b.attributes {
                apply_attribute(path, &mut member, attribute);
            }
            member
        })
        .collect();
    members.sort_by(|a, b| a.name.cmp(&b.name));
    Package { path, name: clause.name.name.clone(), doc, members }
}

fn apply_attribute(path: &str, member: &mut Member, attribute: &Attribute) {
    let strings: Vec<&str> = attribute
        .params
        .iter()
        .map(|p| match &p.value {
            Expr::String(s) => s.value.as_str(),
            _ => panic!("catalog/{path}.flux: {}: attribute arguments are strings", member.name),
        })
        .collect();
    match (attribute.name.as_str(), strings.as_slice()) {
        ("option", []) => member.option = true,
        ("sideEffect", []) => member.side_effect = true,
        ("deprecated", [since, replacements @ ..]) => {
            let replacements = replacements
                .iter()
                .map(|r| {
                    let (package, name) = r.rsplit_once('.').unwrap_or_else(|| {
                        panic!("catalog/{path}.flux: {}: replacement {r} is not `<import path>.<name>`", member.name)
                    });
                    Replacement { package: package.to_owned(), name: name.to_owned() }
                })
                .collect();
            member.deprecated = Some(Deprecation { since: since.to_string(), replacements })
        }
        ("default", [param, value]) => member.defaults.push((SmolStr::new(param), value.to_string())),
        (name, _) => panic!("catalog/{path}.flux: {}: unknown attribute @{name}", member.name),
    }
}

#[cfg(test)]
mod tests;
