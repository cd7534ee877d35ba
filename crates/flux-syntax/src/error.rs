//! Syntax errors as values.

use crate::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing, not a problem: never fails a check.
    Hint,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
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
    /// Every kind, in the order of its code (errors, then warnings), for listing them.
    pub const ALL: [SyntaxErrorKind; 15] = {
        use SyntaxErrorKind::*;
        [
            UnexpectedToken,
            UnclosedDelimiter,
            UnterminatedString,
            InvalidEscape,
            IllegalCharacter,
            InvalidNumber,
            InvalidDateTime,
            InvalidDuration,
            InvalidRegex,
            InvalidRecord,
            InvalidPipe,
            Misplaced,
            TooDeep,
            UnmatchedCloser,
            MissingSeparator,
        ]
    };

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

    /// A short kebab-case name, the heading of the code in `docs/diagnostics.md`.
    pub fn name(self) -> &'static str {
        use SyntaxErrorKind::*;
        match self {
            UnexpectedToken => "unexpected-token",
            UnclosedDelimiter => "unclosed-bracket",
            UnterminatedString => "unterminated-string",
            InvalidEscape => "invalid-escape",
            IllegalCharacter => "unexpected-character",
            InvalidNumber => "invalid-number",
            InvalidDateTime => "invalid-date-time",
            InvalidDuration => "invalid-duration",
            InvalidRegex => "invalid-regular-expression",
            InvalidRecord => "invalid-record",
            InvalidPipe => "invalid-pipe",
            Misplaced => "misplaced-declaration",
            TooDeep => "nested-too-deeply",
            MissingSeparator => "missing-separator",
            UnmatchedCloser => "unmatched-closing-bracket",
        }
    }

    /// One line saying what the code means, for rule lists (`flx check --list-codes`, SARIF).
    pub fn summary(self) -> &'static str {
        use SyntaxErrorKind::*;
        match self {
            UnexpectedToken => "a token stands where the grammar does not allow it",
            UnclosedDelimiter => "a bracket, brace or parenthesis is never closed",
            UnterminatedString => "a string literal has no closing double quote",
            InvalidEscape => "a string has a backslash escape Flux does not define, or `\\x` bytes that are not UTF-8",
            IllegalCharacter => "a character that cannot begin any Flux token",
            InvalidNumber => "an integer literal has a leading zero or does not fit in a signed 64-bit integer",
            InvalidDateTime => "a date-time literal does not name a valid instant",
            InvalidDuration => "a duration literal is too large for a 64-bit integer",
            InvalidRegex => "a regular expression literal does not compile",
            InvalidRecord => "a record mixes shorthand and `key: value` properties, or a string key has no value",
            InvalidPipe => "the right-hand side of `|>` is not a function call",
            Misplaced => "a package clause, import or attribute is out of place",
            TooDeep => "code is nested more deeply than Flux allows",
            MissingSeparator => "a `,` is missing between list elements (accepted by Flux)",
            UnmatchedCloser => "a closing bracket, brace or parenthesis has nothing to close",
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `ALL` is written by hand; the documentation, which every code must have, keeps it complete.
    #[test]
    fn every_documented_code_is_listed_once_with_its_heading() {
        let docs = include_str!("../../../docs/diagnostics.md");
        let headings: Vec<(&str, String)> = docs
            .lines()
            .filter_map(|line| line.strip_prefix("### "))
            .filter_map(|h| h.split_once(" — "))
            // E1xx and W1xx are the syntax codes.
            .filter(|(code, _)| code.as_bytes().get(1) == Some(&b'1'))
            .map(|(code, title)| (code, title.replace(' ', "-")))
            .collect();
        let listed: Vec<(&str, String)> =
            SyntaxErrorKind::ALL.iter().map(|k| (k.code(), k.name().to_owned())).collect();
        let mut sorted_docs = headings.clone();
        sorted_docs.sort();
        let mut sorted_listed = listed.clone();
        sorted_listed.sort();
        assert_eq!(sorted_listed, sorted_docs, "SyntaxErrorKind::ALL and docs/diagnostics.md disagree");
        for kind in SyntaxErrorKind::ALL {
            assert!(!kind.summary().is_empty() && !kind.summary().contains('\n'), "{kind:?}");
            let expected = if kind.code().starts_with('W') { Severity::Warning } else { Severity::Error };
            assert_eq!(kind.severity(), expected, "{kind:?}: the code's letter says its severity");
        }
    }
}
