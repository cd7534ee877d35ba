//! The statement under the cursor as the editor is writing it, for completion and signature
//! help.
//!
//! Code being typed is rarely complete: `r.` has no property, `filter(` no closing
//! parenthesis. So the statement's text gets an identifier (the completion marker) inserted at
//! the cursor and is parsed and inferred again on its own, in the environment of the original
//! statement; the marker stands for what is about to be written and turns `r.` into a member
//! access and `filter(` into a call with one argument.

use flux_db::{Db, Item, SourceFile};
use flux_semantic::{Body, COMPLETION_MARKER};
use flux_syntax::TextRange;
use flux_syntax::ast::Statement;
use flux_syntax::walk::{Located, NodeRef};

pub(crate) const MARKER_LEN: u32 = COMPLETION_MARKER.len() as u32;

pub(crate) struct CursorStatement {
    /// The statement with the marker, ranges relative to its start.
    pub(crate) statement: Statement,
    pub(crate) body: Body,
    /// Where the statement starts in the file.
    pub(crate) base: u32,
    /// Where the marker starts, relative to the statement: the cursor.
    pub(crate) cursor: u32,
    /// The index of the item the statement stands at.
    pub(crate) index: usize,
    /// The item the statement replaces, if it stands in place of one.
    pub(crate) item: Option<Item>,
    /// Where it stands among the file's statements ([`Item::order`]): what it can see.
    pub(crate) order: u64,
    /// Whether the statement is a lone name being typed: where statements begin.
    pub(crate) top_level_expression: bool,
    /// The statement's text with the marker, from where its ranges count.
    pub(crate) text: String,
}

impl CursorStatement {
    /// A range of the marked statement as a range of the file without the marker.
    pub(crate) fn to_file(&self, range: TextRange) -> TextRange {
        let map = |p: u32| {
            if p <= self.cursor { self.base + p } else { self.base + p.saturating_sub(MARKER_LEN).max(self.cursor) }
        };
        TextRange::new(map(range.start), map(range.end))
    }

    /// The nodes around the cursor, outermost first.
    pub(crate) fn chain(&self) -> Vec<NodeRef<'_>> {
        let mut chain = Vec::new();
        let mut node = Located { node: NodeRef::Statement(&self.statement), offset: 0 };
        let mut children = Vec::new();
        let marker = TextRange::new(self.cursor, self.cursor + MARKER_LEN);
        loop {
            chain.push(node.node);
            children.clear();
            node.children(&mut children);
            let Some(next) = children.iter().find(|c| {
                let r = c.range();
                r.start <= marker.start && marker.end <= r.end && !r.is_empty()
            }) else {
                break;
            };
            node = *next;
        }
        chain
    }
}

/// Where the chunk of text holding `offset` starts and ends, and the index of its item (the
/// number of items before it when the offset is in the file's header).
fn chunk_at(db: &dyn Db, file: SourceFile, offset: u32) -> (u32, u32, usize) {
    let offsets = file.offsets(db);
    let text_len = file.text(db).len() as u32;
    let after = offsets.partition_point(|&start| start <= offset);
    match after.checked_sub(1) {
        Some(i) => {
            let end = offsets.get(i + 1).copied().unwrap_or(text_len);
            (offsets[i], end, i)
        }
        None => {
            let parse = file.parse(db);
            let header_end = parse
                .file
                .imports
                .iter()
                .map(|i| i.base.range.end)
                .chain(parse.file.package.as_ref().map(|p| p.base.range.end))
                .filter(|&end| end <= offset)
                .max()
                .unwrap_or(0);
            let end = offsets.first().copied().unwrap_or(text_len);
            (header_end, end.max(offset), 0)
        }
    }
}

/// The statement at `offset` with the marker inserted there, parsed and inferred.
pub(crate) fn cursor_statement(db: &dyn Db, file: SourceFile, offset: u32) -> Option<CursorStatement> {
    let text = file.text(db);
    let (start, end, index) = chunk_at(db, file, offset);
    let rel = offset.checked_sub(start)? as usize;
    let chunk = text.get(start as usize..end as usize)?;
    let marked = format!("{}{COMPLETION_MARKER}{}", chunk.get(..rel)?, chunk.get(rel..)?);
    let parse = flux_syntax::parse(&marked);
    let rel = rel as u32;
    let (position, top) = parse.file.body.iter().enumerate().rev().find(|(_, top)| top.offset <= rel)?;
    let top_rel = rel - top.offset;
    if top.offset + top.statement.range().end < rel + MARKER_LEN {
        return None;
    }
    let statement = (*top.statement).clone();
    // The marker may split the chunk in two: a statement after the item's own sees the item.
    let at = file.items(db).get(index).copied();
    let item = at.filter(|_| position == 0);
    let order = match (at, position) {
        (Some(at), 0) => at.order(db),
        (Some(at), _) => at.order(db) + 1,
        (None, _) => 0,
    };
    let index = if position == 0 { index } else { index + 1 };
    let body = flux_db::statement_in_place(db, file, order, item, &statement);
    let top_level_expression = matches!(&statement, Statement::Expr(e)
        if matches!(&e.expression, flux_syntax::ast::Expr::Identifier(id) if id.name.contains(COMPLETION_MARKER)));
    let text = marked[top.offset as usize..].to_owned();
    Some(CursorStatement {
        statement,
        body,
        base: start + top.offset,
        cursor: top_rel,
        index,
        item,
        order,
        top_level_expression,
        text,
    })
}
