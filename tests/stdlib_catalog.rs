//! The catalog (`crates/flux-stdlib/catalog/`) against the upstream standard library below
//! `FLUX_STDLIB_DIR`: the same packages, the same values in each, every `builtin` with the
//! type upstream declares, every value defined in Flux with the type our inference gives
//! upstream's source, the same optional parameters, and the same deprecations.
//!
//! Types are compared up to the names of type variables and the order of record fields
//! (the order libflux prints them in is not the order the source writes them in).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use flux_stdlib::catalog;
use flux_syntax::ast::{Assignment, Statement};
use flux_types::{Function, Param, Scheme, Ty};
use flx_test_utils::{flux_files, report, stdlib_dir};

/// Record fields sorted by label (stable, so a repeated label keeps its order), parameters
/// in their canonical order, then variables renumbered.
fn normalize(scheme: &Scheme) -> Scheme {
    fn ty(t: &Ty) -> Ty {
        match t {
            Ty::Record(_) => {
                let (fields, tail) = flux_types::flatten_record(t);
                let mut fields: Vec<(String, Ty)> = fields.into_iter().map(|(l, t)| (l.to_owned(), ty(t))).collect();
                fields.sort_by(|a, b| a.0.cmp(&b.0));
                let tail = ty(tail);
                fields.into_iter().rev().fold(tail, |tail, (label, t)| Ty::field(label, t, tail))
            }
            Ty::Function(f) => {
                let param = |p: &Param| Param { name: p.name.clone(), ty: ty(&p.ty) };
                let mut g = Function {
                    pipe: f.pipe.as_ref().map(param),
                    req: f.req.iter().map(param).collect(),
                    opt: f.opt.iter().map(param).collect(),
                    ret: ty(&f.ret),
                };
                g.sort();
                Ty::function(g)
            }
            _ => t.map_children(ty),
        }
    }
    Scheme { kinds: scheme.kinds.clone(), ty: ty(&scheme.ty) }.canonical()
}

struct Upstream {
    /// name → (type, whether declared with `builtin`)
    values: BTreeMap<String, (Scheme, bool)>,
    deprecated: BTreeMap<String, String>,
}

fn package_path(dir: &Path, root: &Path) -> String {
    let relative = dir.strip_prefix(root).expect("below the root");
    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// The `// deprecated: VERSION` line of a doc comment.
fn deprecated_since(doc: &str) -> Option<String> {
    doc.lines().find_map(|l| l.trim().strip_prefix("deprecated: ")).map(|v| v.trim().to_owned())
}

fn load_upstream(files: &[PathBuf]) -> Upstream {
    let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).expect("readable")).collect();
    let parses: Vec<flux_syntax::Parse> = texts.iter().map(|t| flux_syntax::parse(t)).collect();
    let trees: Vec<&flux_syntax::ast::File> = parses.iter().map(|p| &p.file).collect();
    let results = flux_semantic::analyze_files(
        &trees,
        &flux_semantic::Predefined { dashboard: flux_semantic::DashboardVariables::Off, task: false },
    );
    let mut values = BTreeMap::new();
    let mut deprecated = BTreeMap::new();
    let mut package_deprecation = None;
    for (tree, result) in trees.iter().zip(&results) {
        if let Some(clause) = &tree.package
            && let Some(v) = deprecated_since(&flux_syntax::ast::doc_text(&clause.base.comments))
        {
            package_deprecation = Some(v);
        }
        for binding in &result.bindings {
            values.insert(binding.name.to_string(), (binding.scheme.clone(), false));
        }
        for top in &tree.body {
            let name = match &*top.statement {
                Statement::Builtin(b) => {
                    let (scheme, _) = flux_types::scheme_of(&b.ty);
                    values.insert(b.id.name.to_string(), (scheme, true));
                    b.id.name.to_string()
                }
                Statement::Variable(v) => v.id.name.to_string(),
                Statement::Option(o) => match &o.assignment {
                    Assignment::Variable(v) => v.id.name.to_string(),
                    Assignment::Member(_) => continue,
                },
                _ => continue,
            };
            if let Some(v) = deprecated_since(&flux_syntax::ast::doc_text(top.statement.leading_comments())) {
                deprecated.insert(name, v);
            }
        }
    }
    if let Some(v) = package_deprecation {
        for name in values.keys() {
            deprecated.entry(name.clone()).or_insert_with(|| v.clone());
        }
    }
    Upstream { values, deprecated }
}

#[test]
fn the_catalog_matches_the_upstream_standard_library() {
    let Some(root) = stdlib_dir("stdlib catalog conformance") else {
        return;
    };
    let mut packages: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for file in flux_files(&root) {
        if file.to_string_lossy().ends_with("_test.flux") {
            continue;
        }
        let dir = file.parent().expect("a directory");
        packages.entry(package_path(dir, &root)).or_default().push(file);
    }
    let mut failures = Vec::new();
    let catalog_paths: BTreeSet<&str> = catalog().packages.keys().copied().collect();
    let upstream_paths: BTreeSet<&str> = packages.keys().map(String::as_str).collect();
    for missing in upstream_paths.difference(&catalog_paths) {
        failures.push(format!("package {missing} is not in the catalog"));
    }
    for extra in catalog_paths.difference(&upstream_paths) {
        failures.push(format!("package {extra} is in the catalog but not upstream"));
    }
    let (mut builtins, mut defined, mut compared_deprecations) = (0, 0, 0);
    for (path, files) in &packages {
        let Some(package) = catalog().package(path) else { continue };
        let upstream = load_upstream(files);
        for (name, (scheme, is_builtin)) in &upstream.values {
            let Some(member) = package.member(name) else {
                failures.push(format!("{path}.{name} is missing from the catalog"));
                continue;
            };
            if *is_builtin {
                builtins += 1;
            } else {
                defined += 1;
            }
            let (ours, theirs) = (normalize(&member.scheme), normalize(scheme));
            if ours != theirs {
                let how = if *is_builtin { "declared upstream" } else { "inferred from upstream's source" };
                failures.push(format!("{path}.{name}: the catalog says\n    {ours}\n  but {how}:\n    {theirs}"));
            }
            match (upstream.deprecated.get(name), &member.deprecated) {
                (Some(version), Some(d)) if *version == d.since => compared_deprecations += 1,
                (None, None) => {}
                (theirs, ours) => failures.push(format!(
                    "{path}.{name}: deprecated upstream since {theirs:?}, in the catalog since {:?}",
                    ours.as_ref().map(|d| &d.since)
                )),
            }
        }
        for member in &package.members {
            if !upstream.values.contains_key(member.name.as_str()) {
                failures.push(format!("{path}.{} is in the catalog but not upstream", member.name));
            }
        }
    }
    report(&format!(
        "stdlib catalog conformance: {} packages, {builtins} builtin and {defined} Flux-defined values, \
         {compared_deprecations} deprecations; {} disagreements",
        packages.len(),
        failures.len()
    ));
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
}
