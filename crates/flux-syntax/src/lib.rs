//! The Flux syntax layer: tokens, an error-tolerant parser, the AST, and conversions between
//! byte offsets and line/column positions.
//!
//! Parsing never fails: [`parse`] returns a tree for any input together with the syntax
//! errors found, as values.

pub mod ast;
pub mod calendar;
mod debug_tree;
mod error;
mod incremental;
pub mod json;
pub mod lexer;
mod line_index;
mod literal;
mod parser;
mod rebase;
mod text;
pub mod walk;

pub use debug_tree::debug_tree;
pub use error::{RelatedInfo, Severity, SyntaxError, SyntaxErrorKind};
pub use line_index::{ColumnEncoding, LineCol, LineIndex};
pub use literal::{format_date_time, format_date_time_trimmed};
/// The string type of names in the tree.
pub use smol_str;
pub use text::TextRange;

/// The result of parsing one file.
#[derive(Clone, Debug)]
pub struct Parse {
    pub file: ast::File,
    /// Errors and warnings, in source order, with ranges into the file.
    pub errors: Vec<SyntaxError>,
    /// Errors in the package clause and imports (for [`Parse::reparse`]).
    header_errors: std::sync::Arc<[SyntaxError]>,
    /// Per top-level statement, what [`Parse::reparse`] needs to restart there.
    chunks: Vec<incremental::Chunk>,
}

/// Two parses are equal when their trees and errors are: the restart bookkeeping may differ
/// (it is a conservative bound) without the parses meaning anything different.
impl PartialEq for Parse {
    fn eq(&self, other: &Parse) -> bool {
        self.file == other.file && self.errors == other.errors
    }
}

impl Eq for Parse {}

/// Parses a Flux source file.
pub fn parse(text: &str) -> Parse {
    assert!(text.len() < u32::MAX as usize, "Flux sources are limited to 4 GiB");
    parser::parse_file(text).into_parse(text)
}

#[cfg(test)]
mod tests;
