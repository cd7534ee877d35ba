//! Folding ranges: bracketed constructs, blocks, multi-line pipelines, comment runs and the
//! import block.

use flux_db::{Db, Fold, FoldKind, SourceFile};
use flux_syntax::TextRange;

pub(crate) fn folding_ranges(db: &dyn Db, file: SourceFile) -> Vec<Fold> {
    let parse = file.parse(db);
    let text = file.text(db);
    let mut out = Vec::new();
    if let (Some(first), Some(last)) = (parse.file.imports.first(), parse.file.imports.last())
        && parse.file.imports.len() > 1
    {
        out.push(Fold { range: first.base.range.cover(last.base.range), kind: FoldKind::Imports });
    }
    out.extend(flux_db::comment_folds(text, &crate::header::comments(&parse.file)));
    for (item, &offset) in file.items(db).iter().zip(file.offsets(db).iter()) {
        for fold in &flux_db::item_outline(db, *item).folds {
            let range = TextRange::new(fold.range.start + offset, fold.range.end + offset);
            out.push(Fold { range, kind: fold.kind });
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
