//! The diagnostic codes the analysis can report, for tools that list or configure them
//! (`flx check --disable`, SARIF rule metadata, the language server's settings).

use flux_syntax::SyntaxErrorKind;

use crate::Severity;

/// One diagnostic code and what it means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiagnosticCode {
    /// The stable code, such as `E102`.
    pub code: &'static str,
    /// A kebab-case name, such as `unclosed-bracket`.
    pub name: &'static str,
    pub severity: Severity,
    /// One line saying what the code reports.
    pub summary: &'static str,
}

/// Every code the analysis can report, errors before warnings, each group in code order.
pub fn diagnostic_codes() -> Vec<DiagnosticCode> {
    let mut codes: Vec<DiagnosticCode> = SyntaxErrorKind::ALL
        .iter()
        .map(|&kind| DiagnosticCode {
            code: kind.code(),
            name: kind.name(),
            severity: kind.severity(),
            summary: kind.summary(),
        })
        .chain(flux_semantic::semantic_codes().iter().map(|c| DiagnosticCode {
            code: c.code,
            name: c.name,
            severity: c.severity,
            summary: c.summary,
        }))
        .collect();
    codes.sort_by_key(|c| (std::cmp::Reverse(c.severity), c.code));
    codes
}

/// The code called `code` (exactly as written, such as `W101`).
pub fn diagnostic_code(code: &str) -> Option<DiagnosticCode> {
    diagnostic_codes().into_iter().find(|c| c.code == code)
}
