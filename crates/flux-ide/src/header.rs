//! The parts of a file outside its top-level statements: the package clause, the imports and
//! the comments after the last token. Their ranges are positions in the file.

use flux_syntax::TextRange;
use flux_syntax::ast::{Attribute, File};

/// Every comment in the header and after the last token, in order.
pub(crate) fn comments(file: &File) -> Vec<TextRange> {
    let mut out = Vec::new();
    let attributes = |out: &mut Vec<TextRange>, attributes: &[Attribute]| {
        for a in attributes {
            out.extend(a.base.comments.iter().map(|c| c.range));
            out.extend(
                a.params.iter().flat_map(|p| p.comma.iter().chain(p.value.base().comments.iter())).map(|c| c.range),
            );
        }
    };
    if let Some(p) = &file.package {
        attributes(&mut out, &p.attributes);
        out.extend(p.base.comments.iter().chain(p.name.base.comments.iter()).map(|c| c.range));
    }
    for i in &file.imports {
        attributes(&mut out, &i.attributes);
        out.extend(i.base.comments.iter().map(|c| c.range));
        out.extend(i.alias.iter().flat_map(|a| a.base.comments.iter()).map(|c| c.range));
        out.extend(i.path.base.comments.iter().map(|c| c.range));
    }
    out.extend(file.eof.iter().map(|c| c.range));
    out.sort_by_key(|r| r.start);
    out
}

/// Where the header ends: the first top-level statement's chunk, or the end of the text.
pub(crate) fn end(file: &File, text_len: u32) -> u32 {
    file.body.first().map_or(text_len, |t| t.offset)
}
