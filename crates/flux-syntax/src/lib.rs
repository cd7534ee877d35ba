//! The Flux syntax layer: tokens, an error-tolerant parser, the AST, and conversions between
//! byte offsets and line/column positions.
//!
//! Parsing never fails: [`parse`] returns a tree for any input together with the syntax
//! errors found, as values.

pub mod ast;
mod debug_tree;
mod error;
pub mod json;
pub mod lexer;
mod line_index;
mod literal;
mod parser;
mod text;
pub mod walk;

pub use debug_tree::debug_tree;
pub use error::{RelatedInfo, Severity, SyntaxError, SyntaxErrorKind};
pub use line_index::{ColumnEncoding, LineCol, LineIndex};
pub use literal::format_date_time;
pub use text::TextRange;

/// The result of parsing one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parse {
    pub file: ast::File,
    /// Errors and warnings, in source order.
    pub errors: Vec<SyntaxError>,
}

impl Parse {
    pub fn has_errors(&self) -> bool {
        self.errors.iter().any(|e| e.severity() == Severity::Error)
    }
}

/// Parses a Flux source file.
pub fn parse(text: &str) -> Parse {
    assert!(text.len() < u32::MAX as usize, "Flux sources are limited to 4 GiB");
    let (file, mut errors, height) = parser::parse_file(text);
    // libflux rejects syntax trees more than 180 levels deep. Our heights over-approximate
    // libflux's depth, so the exact walk only runs for the rare tall tree.
    if height > 150 && !errors.iter().any(|e| e.kind == SyntaxErrorKind::TooDeep) {
        if let Some(range) = walk::too_deep_node(&file) {
            errors.push(SyntaxError {
                kind: SyntaxErrorKind::TooDeep,
                range,
                message: "this expression nests too deeply: Flux rejects syntax trees more than 180 levels deep"
                    .to_owned(),
                related: Vec::new(),
            });
        }
    }
    errors.sort_by_key(|e| (e.range.start, e.range.end));
    Parse { file, errors }
}

#[cfg(test)]
mod tests;
