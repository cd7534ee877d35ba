//! Name resolution, type inference and lowering, one top-level statement at a time.
//!
//! A statement is analyzed against an [`Env`]: the package-level values defined before it
//! (and in the other files of its package), the file's imports, the prelude and the values
//! InfluxDB defines for the scripts it runs (the dashboard variable `v`, the task option `task`). The result is its [`Body`]: the statement lowered into a typed, resolved
//! expression arena (what the editor features read and the executor runs), the value it
//! defines (a closed type scheme, since every top-level binding is generalized), its
//! diagnostics with ranges relative to the statement, and the outer names it used. The
//! caller (the salsa layer) keeps a body per statement, so an edit re-infers one statement and
//! those whose inputs' types changed.

mod codes;
mod errors;
mod file;
mod imports;
mod infer;
pub mod ir;
mod resolve;
mod suggest;

use std::collections::HashMap;

use flux_syntax::smol_str::SmolStr;
use flux_syntax::{RelatedInfo, Severity, TextRange};
use flux_types::Scheme;

pub use codes::{SemanticCode, semantic_codes};
pub use file::{FileProblems, StatementUsage, check_file, file_diagnostics, is_script};
pub use imports::{FileImports, Import, analyze_imports};
pub use infer::analyze_statement;
pub use ir::{Body, ItemRef};
pub use resolve::{InScope, Outer, names_in_scope};
pub use suggest::closest;

/// An identifier a completion request inserts at the cursor, so that an unfinished expression
/// (`r.`, `filter(`) parses into the node the cursor is in. Member access on it constrains
/// nothing, so `r.` shows the columns `r` has, not a column called like the marker.
pub const COMPLETION_MARKER: &str = "__flxCompletion__";

/// A semantic problem, with ranges relative to the statement (or the file, for imports).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SemanticDiagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: SmolStr,
    pub range: TextRange,
    pub related: Vec<RelatedInfo>,
    /// A replacement for the text at `range` that fixes the mistake: the name meant, for a
    /// misspelled one.
    pub suggestion: Option<SmolStr>,
}

impl SemanticDiagnostic {
    /// The diagnostic with its ranges moved by `offset`: from statement-relative to the file.
    pub fn shifted(&self, offset: u32) -> SemanticDiagnostic {
        let shift = |r: TextRange| TextRange::new(r.start + offset, r.end + offset);
        SemanticDiagnostic {
            range: shift(self.range),
            related: self
                .related
                .iter()
                .map(|r| RelatedInfo { range: shift(r.range), message: r.message.clone() })
                .collect(),
            ..self.clone()
        }
    }
}

/// What a statement sees beyond its own text.
pub struct Env<'a> {
    /// The package-level value called `name` visible to this statement, if any.
    pub package_value: &'a dyn Fn(&str) -> Option<PackageValue>,
    /// Every package-level name visible to this statement (for suggestions).
    pub package_names: &'a dyn Fn() -> Vec<SmolStr>,
    pub imports: &'a FileImports,
    /// The values InfluxDB defines for the script.
    pub predefined: &'a Predefined,
    /// The statement analyzed, as package values name their statements.
    pub item: ItemRef,
}

/// A package-level value as another statement sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PackageValue {
    pub scheme: Scheme,
    /// Set on options (which `option name = ...` may set again).
    pub option: bool,
    /// The statement defining it.
    pub item: ItemRef,
    /// Whether calling it runs a side effect (see [`Body::effects`]).
    pub effects_when_called: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Binding {
    pub name: SmolStr,
    pub scheme: Scheme,
    /// The range of the name, relative to the statement.
    pub range: TextRange,
    pub option: bool,
    /// Whether calling the value runs a side effect: a function whose body calls `yield`.
    pub effects_when_called: bool,
}

/// The values InfluxDB defines for the scripts it runs, which a file may use without defining.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Predefined {
    /// The dashboard variable `v`.
    pub dashboard: DashboardVariables,
    /// The task option `task`, for files that do not set `option task` themselves: InfluxDB
    /// adds it to a task created from a template or in its UI.
    pub task: bool,
}

impl Default for Predefined {
    fn default() -> Predefined {
        Predefined { dashboard: DashboardVariables::Any, task: true }
    }
}

/// Which dashboard variables `v` has.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DashboardVariables {
    /// `v` is not defined.
    Off,
    /// The variables every dashboard sets, and any custom variable (`v.host`).
    Any,
    /// The variables every dashboard sets, and exactly these custom variables (strings, as
    /// InfluxDB's dashboard variables are).
    Declared(std::sync::Arc<[SmolStr]>),
}

/// The variables every InfluxDB dashboard, notebook and Grafana panel sets.
pub const STANDARD_DASHBOARD_VARIABLES: &[&str] =
    &["timeRangeStart", "timeRangeStop", "windowPeriod", "defaultBucket", "organization"];

/// The type of one use of the dashboard variable `v`. The time range's bounds are times for an
/// absolute range but negative durations for a relative one (the default), so each use gets
/// its own "time or duration", as `range(start:)` takes.
pub fn dashboard_variable_type(subst: &mut flux_types::Subst, variables: &DashboardVariables) -> flux_types::Ty {
    use flux_types::{Kind, Kinds, Ty};
    let mut fields: Vec<(SmolStr, Ty)> = Vec::new();
    for bound in ["timeRangeStart", "timeRangeStop"] {
        fields.push((SmolStr::new_static(bound), Ty::Var(subst.fresh_var(Kinds::EMPTY.with(Kind::Timeable)))));
    }
    fields.push((SmolStr::new_static("windowPeriod"), Ty::DURATION));
    fields.push((SmolStr::new_static("defaultBucket"), Ty::STRING));
    fields.push((SmolStr::new_static("organization"), Ty::STRING));
    let tail = match variables {
        DashboardVariables::Declared(names) => {
            fields.extend(
                names
                    .iter()
                    .filter(|n| !STANDARD_DASHBOARD_VARIABLES.contains(&n.as_str()))
                    .map(|n| (n.clone(), Ty::STRING)),
            );
            Ty::EmptyRecord
        }
        DashboardVariables::Any | DashboardVariables::Off => subst.fresh(),
    };
    fields.into_iter().rev().fold(tail, |tail, (label, ty)| Ty::field(label, ty, tail))
}

/// The fields of the task option, as InfluxDB sets it.
pub const TASK_OPTION_FIELDS: &[&str] = &["name", "every", "cron", "offset", "concurrency", "retry"];

/// The type of the task option `task`.
pub fn task_option_type() -> flux_types::Ty {
    use flux_types::Ty;
    let types = [Ty::STRING, Ty::DURATION, Ty::STRING, Ty::DURATION, Ty::INT, Ty::INT];
    TASK_OPTION_FIELDS
        .iter()
        .zip(types)
        .rev()
        .fold(Ty::EmptyRecord, |tail, (label, ty)| Ty::field(SmolStr::new_static(label), ty, tail))
}

/// One file's results from [`analyze_files`].
#[derive(Clone, Debug, Default)]
pub struct FileAnalysis {
    /// With ranges into the file, in source order.
    pub diagnostics: Vec<SemanticDiagnostic>,
    /// The package-level values the file defines, in order.
    pub bindings: Vec<Binding>,
    /// One per top-level statement.
    pub bodies: Vec<Body>,
}

/// Analyzes the files of one package together, in the order given: each statement sees the
/// statements before it and the files before its own. The incremental database computes the
/// same per statement; this is for tests and tools. Statement `j` of file `i` is named
/// `ItemRef((i << 32) | j)`.
pub fn analyze_files(files: &[&flux_syntax::ast::File], predefined: &Predefined) -> Vec<FileAnalysis> {
    analyze_files_at(files, predefined, 0)
}

/// [`analyze_files`], statement `j` of file `i` named `ItemRef(first_item + ((i << 32) | j))`:
/// a program analyzed apart (the executor's own Flux) keeps names no other program uses.
pub fn analyze_files_at(
    files: &[&flux_syntax::ast::File],
    predefined: &Predefined,
    first_item: u64,
) -> Vec<FileAnalysis> {
    // The package-level values defined so far, the latest definition of each name.
    let mut visible: HashMap<SmolStr, PackageValue> = HashMap::new();
    let mut out = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let imports = analyze_imports(file);
        let mut bodies: Vec<Body> = Vec::new();
        for (j, top) in file.body.iter().enumerate() {
            let item = ItemRef(first_item.wrapping_add(((i as u64) << 32) | j as u64));
            let package_value = |name: &str| visible.get(name).cloned();
            let package_names = || visible.keys().cloned().collect();
            let env = Env {
                package_value: &package_value,
                package_names: &package_names,
                imports: &imports,
                predefined,
                item,
            };
            let body = analyze_statement(&top.statement, &env);
            if let Some(b) = &body.binding {
                visible.insert(
                    b.name.clone(),
                    PackageValue {
                        scheme: b.scheme.clone(),
                        option: b.option,
                        item,
                        effects_when_called: b.effects_when_called,
                    },
                );
            }
            bodies.push(body);
        }
        let mut diagnostics = imports.diagnostics.clone();
        for (top, body) in file.body.iter().zip(&bodies) {
            diagnostics.extend(body.diagnostics.iter().map(|d| d.shifted(top.offset)));
        }
        let usage: Vec<StatementUsage> =
            file.body.iter().zip(&bodies).map(|(top, body)| StatementUsage::of(&top.statement, body, false)).collect();
        let problems = check_file(usage.iter(), is_script(file.package_name()), &Default::default());
        diagnostics.extend(file_diagnostics(&problems, |i| (&usage[i], file.body[i].offset), &imports));
        diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
        let bindings = bodies.iter().filter_map(|b| b.binding.clone()).collect();
        out.push(FileAnalysis { diagnostics, bindings, bodies });
    }
    out
}

#[cfg(test)]
mod tests;
