//! Folding ranges: bracketed constructs, blocks, multi-line pipelines, comment runs and the
//! import block.

use flux_db::{Db, SourceFile, items};
use flux_syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FoldKind {
    Region,
    Comment,
    Imports,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Fold {
    pub range: TextRange,
    pub kind: FoldKind,
}

pub(crate) fn folding_ranges(db: &dyn Db, file: SourceFile) -> Vec<Fold> {
    let parse = flux_db::parse(db, file);
    let text = file.text(db);
    let mut out = Vec::new();
    if let (Some(first), Some(last)) = (parse.file.imports.first(), parse.file.imports.last()) {
        if parse.file.imports.len() > 1 {
            out.push(Fold { range: first.base.range.cover(last.base.range), kind: FoldKind::Imports });
        }
    }
    comment_runs(text, &crate::header::comments(&parse.file), &mut out);
    for item in items(db, file) {
        let offset = item.offset(db);
        for fold in &flux_db::item_outline(db, *item).folds {
            let range = TextRange::new(fold.range.start + offset, fold.range.end + offset);
            let kind = match fold.kind {
                flux_db::FoldKind::Region => FoldKind::Region,
                flux_db::FoldKind::Comment => FoldKind::Comment,
            };
            out.push(Fold { range, kind });
        }
    }
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    // Nested constructs often share their lines (`map(fn: (r) => ({` ... `}))`); an editor
    // shows one fold per line span.
    let index = flux_db::line_index(db, file);
    let lines = |f: &Fold| {
        (
            index.line_col(f.range.start, flux_syntax::ColumnEncoding::Utf8).line,
            index.line_col(f.range.end, flux_syntax::ColumnEncoding::Utf8).line,
        )
    };
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| {
        let span = lines(f);
        span.0 < span.1 && seen.insert(span)
    });
    out
}

/// Runs of two or more line comments, each on its own line, among `comments`.
fn comment_runs(text: &str, comments: &[TextRange], out: &mut Vec<Fold>) {
    let own_line = |c: &TextRange| text[..c.start as usize].rsplit('\n').next().is_some_and(|b| b.trim().is_empty());
    let mut i = 0;
    while i < comments.len() {
        let mut j = i;
        while own_line(&comments[i])
            && j + 1 < comments.len()
            && own_line(&comments[j + 1])
            && text[comments[j].end as usize..comments[j + 1].start as usize].trim().is_empty()
        {
            j += 1;
        }
        if j > i {
            let range = comments[i].cover(comments[j]);
            let end = range.start + text[range.as_usize()].trim_end().len() as u32;
            out.push(Fold { range: TextRange::new(range.start, end), kind: FoldKind::Comment });
        }
        i = j + 1;
    }
}
