//! Checks over a whole file: definitions repeated at the top level, unused imports, and unused
//! top-level variables of a script.

use std::collections::HashSet;

use flux_syntax::ast::Statement;
use flux_syntax::smol_str::SmolStr;
use flux_syntax::{RelatedInfo, Severity, TextRange};

use crate::codes::{DUPLICATE_DEFINITION, UNUSED_IMPORT, UNUSED_VARIABLE};
use crate::{Body, FileImports, SemanticDiagnostic};

/// One top-level statement with where it starts and its analysis.
pub struct AnalyzedStatement<'a> {
    pub offset: u32,
    pub statement: &'a Statement,
    pub body: &'a Body,
    /// Whether the statement has a syntax error: it is still being written, so it is not
    /// reported as unused.
    pub has_syntax_errors: bool,
}

/// Whether unused top-level variables deserve a warning: in a script (package `main`) nothing
/// outside the file can use them; in a library package they are its exports.
pub fn is_script(package_name: &str) -> bool {
    package_name == "main"
}

/// The file-level diagnostics, with ranges into the file. `used_elsewhere` holds the
/// package-level names the package's other files use.
pub fn file_diagnostics(
    statements: &[AnalyzedStatement<'_>],
    imports: &FileImports,
    script: bool,
    used_elsewhere: &HashSet<SmolStr>,
) -> Vec<SemanticDiagnostic> {
    let mut out = Vec::new();
    let shift = |offset: u32, r: TextRange| TextRange::new(r.start + offset, r.end + offset);
    let mut defined: std::collections::HashMap<SmolStr, TextRange> = std::collections::HashMap::new();
    let mut used_imports: HashSet<&str> = HashSet::new();
    for s in statements {
        used_imports.extend(s.body.used_imports.iter().map(|n| n.as_str()));
        let Some(binding) = &s.body.binding else { continue };
        let range = shift(s.offset, binding.range);
        if let Some(first) = defined.get(&binding.name) {
            let message = if binding.option {
                format!("option `{}` is already set in this file; an option can be set once", binding.name)
            } else {
                format!("`{}` is already defined in this package; Flux values cannot be reassigned", binding.name)
            };
            out.push(SemanticDiagnostic {
                code: DUPLICATE_DEFINITION,
                severity: Severity::Error,
                message: message.into(),
                range,
                related: vec![RelatedInfo { range: *first, message: format!("`{}` first defined here", binding.name) }],
                suggestion: None,
            });
        } else {
            defined.insert(binding.name.clone(), range);
        }
    }
    for import in &imports.imports {
        if import.known && !used_imports.contains(import.name.as_str()) {
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
    if script {
        // The last statement using each name.
        let mut last_use: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, s) in statements.iter().enumerate() {
            for name in &s.body.used_package_names {
                last_use.insert(name.as_str(), i);
            }
        }
        for (i, s) in statements.iter().enumerate() {
            let Some(binding) = &s.body.binding else { continue };
            if binding.option
                || binding.name.starts_with('_')
                || s.has_syntax_errors
                || !matches!(s.statement, Statement::Variable(_))
            {
                continue;
            }
            let used_later = last_use.get(binding.name.as_str()).is_some_and(|&j| j > i);
            if !used_later && !used_elsewhere.contains(&binding.name) {
                out.push(SemanticDiagnostic {
                    code: UNUSED_VARIABLE,
                    severity: Severity::Warning,
                    message: SmolStr::new(format!("`{}` is defined but never used", binding.name)),
                    range: shift(s.offset, binding.range),
                    related: Vec::new(),
                    suggestion: None,
                });
            }
        }
    }
    out
}
