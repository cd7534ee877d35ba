//! The parts of a file outside its top-level statements: the package clause, the imports and
//! the comments after the last token. Their ranges are positions in the file.

use flux_syntax::TextRange;
use flux_syntax::ast::File;

/// Every comment in the header and after the last token, in order.
pub(crate) fn comments(file: &File) -> Vec<TextRange> {
    file.header_comments.iter().copied().chain(file.eof.iter().map(|c| c.range)).collect()
}

/// Where the header ends: the first top-level statement's chunk, or the end of the text.
pub(crate) fn end(file: &File, text_len: u32) -> u32 {
    file.body.first().map_or(text_len, |t| t.offset)
}
