//! Selection ranges: the nodes around an offset, from the innermost out.

use flux_db::{Db, SourceFile};
use flux_syntax::TextRange;
use flux_syntax::walk::Located;

pub(crate) fn selection_ranges(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<TextRange> {
    let parse = file.parse(db);
    let mut ranges = vec![TextRange::new(0, file.text(db).len() as u32)];
    let mut node = Located::root(&parse.file);
    let mut children = Vec::new();
    loop {
        children.clear();
        node.children(&mut children);
        // The innermost node that contains the offset; at a boundary between two nodes, the
        // one that starts there.
        let Some(&child) =
            children.iter().rev().find(|c| c.range().contains_inclusive(offset) && !c.range().is_empty())
        else {
            break;
        };
        if ranges.last() != Some(&child.range()) {
            ranges.push(child.range());
        }
        node = child;
    }
    ranges.reverse();
    ranges
}
