//! Formatting as edits: the changed lines only, so that the editor keeps the cursor and the
//! marks elsewhere.

use flux_db::{Db, SourceFile};
use flux_syntax::TextRange;

use crate::TextEdit;

/// The edits that format the file, or why it is not formatted. With `range`, only the changes
/// touching it.
pub(crate) fn format(
    db: &dyn Db,
    file: SourceFile,
    range: Option<TextRange>,
) -> Result<Vec<TextEdit>, flux_fmt::Declined> {
    let text = file.text(db);
    let parse = file.parse(db);
    let formatted = flux_fmt::format_parsed(text, parse)?;
    let old_lines: Vec<&str> = text.split_inclusive('\n').collect();
    let line_starts: Vec<u32> = old_lines
        .iter()
        .scan(0u32, |at, line| {
            let start = *at;
            *at += line.len() as u32;
            Some(start)
        })
        .chain(std::iter::once(text.len() as u32))
        .collect();
    let diff = similar::TextDiff::from_lines(&**text, &formatted);
    let mut edits = Vec::new();
    for op in diff.ops() {
        if op.tag() == similar::DiffTag::Equal {
            continue;
        }
        let old = op.old_range();
        let new = op.new_range();
        let start = line_starts[old.start];
        let end = line_starts[old.end];
        let edit_range = TextRange::new(start, end);
        if range.is_some_and(|r| r.end < edit_range.start || edit_range.end < r.start) {
            continue;
        }
        let new_text: String = diff.new_slices()[new].concat();
        edits.push(TextEdit { range: edit_range, new_text });
    }
    Ok(edits)
}
