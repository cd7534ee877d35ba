//! What the corpus tests share.

use std::fmt::Write;

use flux_syntax::{ColumnEncoding, LineIndex, RelatedInfo, TextRange};

/// A diagnostic as the corpus snapshots hold it: `line:col-line:col severity code message`
/// (columns in characters), then each related location indented. Returns the 1-based line.
pub fn render_diagnostic(
    out: &mut String,
    index: &LineIndex,
    range: TextRange,
    heading: &str,
    related: &[RelatedInfo],
) -> u32 {
    let position = |range: TextRange| {
        let (s, t) = index.range(range, ColumnEncoding::Utf32);
        format!("{}:{}-{}:{}", s.line + 1, s.col + 1, t.line + 1, t.col + 1)
    };
    let _ = writeln!(out, "{} {heading}", position(range));
    for r in related {
        let _ = writeln!(out, "  {} {}", position(r.range), r.message);
    }
    index.range(range, ColumnEncoding::Utf32).0.line + 1
}
