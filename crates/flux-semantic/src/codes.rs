//! The semantic diagnostic codes.

use flux_syntax::Severity;

/// One semantic code and what it reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticCode {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn code(code: &'static str, name: &'static str, severity: Severity, summary: &'static str) -> SemanticCode {
    SemanticCode { code, name, severity, summary }
}

pub(crate) const UNDEFINED: &str = "E201";
pub(crate) const UNKNOWN_IMPORT: &str = "E202";
pub(crate) const UNKNOWN_MEMBER: &str = "E203";
pub(crate) const TYPE_MISMATCH: &str = "E204";
pub(crate) const MISSING_ARGUMENT: &str = "E205";
pub(crate) const UNKNOWN_ARGUMENT: &str = "E206";
pub(crate) const DUPLICATE_ARGUMENT: &str = "E207";
pub(crate) const NO_PIPE_PARAMETER: &str = "E208";
pub(crate) const NOT_A_FUNCTION: &str = "E209";
pub(crate) const MISSING_PROPERTY: &str = "E210";
pub(crate) const KIND_VIOLATION: &str = "E211";
pub(crate) const DUPLICATE_DEFINITION: &str = "E212";
pub(crate) const UNUSED_VARIABLE: &str = "W201";
pub(crate) const UNUSED_IMPORT: &str = "W202";
pub(crate) const DEPRECATED: &str = "W203";
pub(crate) const IMPLICIT_TASK_OPTION: &str = "H201";

/// Every semantic code, in code order.
pub fn semantic_codes() -> &'static [SemanticCode] {
    use Severity::{Error, Hint, Warning};
    const CODES: &[SemanticCode] = &[
        code(UNDEFINED, "undefined-identifier", Error, "a name that is not defined in scope"),
        code(UNKNOWN_IMPORT, "unknown-import", Error, "an import path that names no package of the standard library"),
        code(UNKNOWN_MEMBER, "unknown-package-member", Error, "a member a package does not export"),
        code(TYPE_MISMATCH, "type-mismatch", Error, "a value of the wrong type"),
        code(MISSING_ARGUMENT, "missing-argument", Error, "a call without a required argument"),
        code(UNKNOWN_ARGUMENT, "unknown-argument", Error, "an argument the function has no parameter for"),
        code(DUPLICATE_ARGUMENT, "duplicate-argument", Error, "the same argument given twice"),
        code(NO_PIPE_PARAMETER, "no-pipe-parameter", Error, "a value piped into a function without a pipe parameter"),
        code(NOT_A_FUNCTION, "not-a-function", Error, "a call of a value that is not a function"),
        code(MISSING_PROPERTY, "missing-property", Error, "a record without a property it is required to have"),
        code(
            KIND_VIOLATION,
            "kind-violation",
            Error,
            "an operation the type does not support, such as subtracting strings",
        ),
        code(DUPLICATE_DEFINITION, "duplicate-definition", Error, "a name defined twice in the same scope"),
        code(UNUSED_VARIABLE, "unused-variable", Warning, "a variable that is never used"),
        code(UNUSED_IMPORT, "unused-import", Warning, "an import that is never used"),
        code(DEPRECATED, "deprecated", Warning, "a use of a deprecated function or value"),
        code(
            IMPLICIT_TASK_OPTION,
            "implicit-task-option",
            Hint,
            "a use of the task option `task` in a file that does not set it",
        ),
    ];
    CODES
}
