//! Syntax errors as values.

use crate::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The kinds of syntax problems, each with a stable code documented in `docs/diagnostics.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    /// A token that does not fit where it stands.
    UnexpectedToken,
    /// An opening bracket without its closing one.
    UnclosedDelimiter,
    /// A string without its closing quote.
    UnterminatedString,
    /// A `\` escape that Flux does not define.
    InvalidEscape,
    /// A character that starts no token.
    IllegalCharacter,
    /// An integer or float literal that has no value.
    InvalidNumber,
    /// A date-time literal that names no instant.
    InvalidDateTime,
    /// A duration literal that cannot be represented.
    InvalidDuration,
    /// A regex literal that is not a valid regular expression.
    InvalidRegex,
    /// A record mixing `{a}` shorthand with `key: value`, or a string key without a value.
    InvalidRecord,
    /// The right side of `|>` is not a call.
    InvalidPipe,
    /// A package clause or import out of place, or attributes attached to nothing.
    Misplaced,
    /// Nesting deeper than Flux accepts.
    TooDeep,
    /// A missing `,` that libflux tolerates between list elements; a warning.
    MissingSeparator,
    /// A closing bracket with no opening one. Dropped when an earlier error explains it: a
    /// construct broken earlier leaves its closer behind.
    UnmatchedCloser,
}

impl SyntaxErrorKind {
    pub fn code(self) -> &'static str {
        use SyntaxErrorKind::*;
        match self {
            UnexpectedToken => "E101",
            UnclosedDelimiter => "E102",
            UnterminatedString => "E103",
            InvalidEscape => "E104",
            IllegalCharacter => "E105",
            InvalidNumber => "E106",
            InvalidDateTime => "E107",
            InvalidDuration => "E108",
            InvalidRegex => "E109",
            InvalidRecord => "E110",
            InvalidPipe => "E111",
            Misplaced => "E112",
            TooDeep => "E113",
            MissingSeparator => "W101",
            UnmatchedCloser => "E114",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            SyntaxErrorKind::MissingSeparator => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// Stands, in a message the parser writes, for the position of the error's first related
/// location; [`render_positions`] replaces it once the error's place in the file is known.
/// (A noncharacter: no source text can bring it into a message.)
pub(crate) const AT_RELATED: &str = "\u{FFFF}";

/// Replaces [`AT_RELATED`] in `error`'s message by the 1-based `line:column` (in characters)
/// of its first related location.
pub(crate) fn render_positions(error: &mut SyntaxError, index: &crate::LineIndex) {
    if let Some(at) = error.related.first().filter(|_| error.message.contains(AT_RELATED)) {
        let lc = index.line_col(at.range.start, crate::ColumnEncoding::Utf32);
        error.message = error.message.replace(AT_RELATED, &format!("{}:{}", lc.line + 1, lc.col + 1));
    }
}

/// A secondary location that explains an error, such as where an unclosed bracket opened.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RelatedInfo {
    pub range: TextRange,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub range: TextRange,
    pub message: String,
    pub related: Vec<RelatedInfo>,
}

impl SyntaxError {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }

    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}
