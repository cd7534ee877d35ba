//! Checks over a whole file: definitions repeated at the top level, unused imports, and unused
//! top-level variables of a script.
//!
//! They read only what each statement defines and uses ([`StatementUsage`]), which typing
//! inside a statement rarely changes, so an editor can keep their result ([`FileProblems`])
//! across edits; positions are added last ([`file_diagnostics`]).

use flux_syntax::ast::Statement;
use flux_syntax::smol_str::SmolStr;
use flux_syntax::{RelatedInfo, Severity, TextRange};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::codes::{DUPLICATE_DEFINITION, IMPLICIT_TASK_OPTION, UNUSED_IMPORT, UNUSED_VARIABLE};
use crate::{Body, FileImports, SemanticDiagnostic};

/// What a top-level statement defines and uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct StatementUsage {
    /// The package-level name it defines, where (relative to the statement), and whether it
    /// is an option.
    pub binding: Option<(SmolStr, TextRange, bool)>,
    /// Whether it is a `name = value` statement (whose name may go unused).
    pub variable: bool,
    /// Whether it has a syntax error: it is still being written, so it is not reported as
    /// unused.
    pub has_syntax_errors: bool,
    /// Sorted, without duplicates.
    pub used_package_names: Vec<SmolStr>,
    /// Sorted, without duplicates.
    pub used_imports: Vec<SmolStr>,
    /// Whether running it runs a side effect ([`Body::effects`]).
    pub effects: bool,
    /// The first use of the predeclared task option, relative to the statement.
    pub implicit_task: Option<TextRange>,
}

impl StatementUsage {
    pub fn of(statement: &Statement, body: &Body, has_syntax_errors: bool) -> StatementUsage {
        StatementUsage {
            binding: body.binding.as_ref().map(|b| (b.name.clone(), b.range, b.option)),
            variable: matches!(statement, Statement::Variable(_)),
            has_syntax_errors,
            used_package_names: body.used_package_names.clone(),
            used_imports: body.used_imports.clone(),
            effects: body.effects,
            implicit_task: body.implicit_task,
        }
    }
}

/// The file's problems, by statement index, with their messages.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileProblems {
    /// The import names some statement uses, sorted.
    pub used_imports: Vec<SmolStr>,
    /// A statement defining again a name defined before, the first definition, and the
    /// messages for both.
    pub duplicates: Vec<(usize, usize, SmolStr, String)>,
    /// Statements of a script whose variable nothing uses, and the message.
    pub unused: Vec<(usize, SmolStr)>,
    /// The statement using the task option first, when the file does not set it.
    pub implicit_task: Option<usize>,
}

/// Whether unused top-level variables deserve a warning: in a script (package `main`) nothing
/// outside the file can use them; in a library package they are its exports.
pub fn is_script(package_name: &str) -> bool {
    package_name == "main"
}

/// The checks over the file's statements, in order. `used_elsewhere` holds the package-level
/// names the package's other files use.
pub fn check_file<'a>(
    statements: impl Iterator<Item = &'a StatementUsage> + Clone,
    script: bool,
    used_elsewhere: &FxHashSet<SmolStr>,
) -> FileProblems {
    let mut problems = FileProblems::default();
    let mut defined: FxHashMap<&SmolStr, usize> = FxHashMap::default();
    let mut used_imports: FxHashSet<&SmolStr> = FxHashSet::default();
    // The last statement using each name.
    let mut last_use: FxHashMap<&SmolStr, usize> = FxHashMap::default();
    let mut sets_task = false;
    for (i, s) in statements.clone().enumerate() {
        used_imports.extend(&s.used_imports);
        if s.implicit_task.is_some() && problems.implicit_task.is_none() {
            problems.implicit_task = Some(i);
        }
        sets_task |= matches!(&s.binding, Some((name, _, true)) if name == "task");
        if script {
            for name in &s.used_package_names {
                last_use.insert(name, i);
            }
        }
        let Some((name, _, option)) = &s.binding else { continue };
        match defined.get(name) {
            Some(&first) => {
                let message = if *option {
                    format!("option `{name}` is already set in this file; an option can be set once")
                } else {
                    format!("`{name}` is already defined in this package; Flux values cannot be reassigned")
                };
                problems.duplicates.push((i, first, message.into(), format!("`{name}` first defined here")));
            }
            None => {
                defined.insert(name, i);
            }
        }
    }
    if script {
        for (i, s) in statements.enumerate() {
            let Some((name, _, option)) = &s.binding else { continue };
            // A value that writes output or calls out runs whether or not it is used.
            if *option || name.starts_with('_') || s.has_syntax_errors || !s.variable || s.effects {
                continue;
            }
            let used_later = last_use.get(name).is_some_and(|&j| j > i);
            if !used_later && !used_elsewhere.contains(name) {
                problems.unused.push((i, SmolStr::new(format!("`{name}` is defined but never used"))));
            }
        }
    }
    if sets_task {
        problems.implicit_task = None;
    }
    problems.used_imports = used_imports.into_iter().cloned().collect();
    problems.used_imports.sort();
    problems
}

/// The file-level diagnostics, with ranges into the file: `statement(i)` gives the usage of
/// the statement at index `i` and where it starts.
pub fn file_diagnostics<'a>(
    problems: &FileProblems,
    statement: impl Fn(usize) -> (&'a StatementUsage, u32),
    imports: &FileImports,
) -> Vec<SemanticDiagnostic> {
    let mut out = Vec::new();
    let binding_range = |i: usize| {
        let (usage, offset) = statement(i);
        let range = usage.binding.as_ref().map_or(TextRange::default(), |(_, range, _)| *range);
        TextRange::new(range.start + offset, range.end + offset)
    };
    for (i, first, message, first_message) in &problems.duplicates {
        out.push(SemanticDiagnostic {
            code: DUPLICATE_DEFINITION,
            severity: Severity::Error,
            message: message.clone(),
            range: binding_range(*i),
            related: vec![RelatedInfo { range: binding_range(*first), message: first_message.clone() }],
            suggestion: None,
        });
    }
    for (i, message) in &problems.unused {
        out.push(SemanticDiagnostic {
            code: UNUSED_VARIABLE,
            severity: Severity::Warning,
            message: message.clone(),
            range: binding_range(*i),
            related: Vec::new(),
            suggestion: None,
        });
    }
    if let Some(i) = problems.implicit_task {
        let (usage, offset) = statement(i);
        let range = usage.implicit_task.unwrap_or_default();
        out.push(SemanticDiagnostic {
            code: IMPLICIT_TASK_OPTION,
            severity: Severity::Hint,
            message: SmolStr::new_static(
                "`task` is set by InfluxDB for a task created from a template or in its UI; \
                 `influx task create` needs `option task = {name: ..., every: ...}` in the file",
            ),
            range: TextRange::new(range.start + offset, range.end + offset),
            related: Vec::new(),
            suggestion: None,
        });
    }
    for import in &imports.imports {
        if import.known && problems.used_imports.binary_search(&import.name).is_err() {
            out.push(SemanticDiagnostic {
                code: UNUSED_IMPORT,
                severity: Severity::Warning,
                message: SmolStr::new(format!("\"{}\" is imported but never used", import.path)),
                range: import.range,
                related: Vec::new(),
                suggestion: None,
            });
        }
    }
    out
}
