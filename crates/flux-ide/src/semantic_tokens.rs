//! Semantic tokens for a whole file or a range of it.

use flux_db::{Db, SemanticToken, SourceFile, TokenModifiers, TokenType};
use flux_syntax::TextRange;
use flux_syntax::lexer::{Lexer, Mode, TokenKind};

pub(crate) fn semantic_tokens(db: &dyn Db, file: SourceFile, range: Option<TextRange>) -> Vec<SemanticToken> {
    let parse = file.parse(db);
    let text = file.text(db);
    let wanted = range.unwrap_or(TextRange::new(0, text.len() as u32));
    let overlaps = |r: TextRange| r.start < wanted.end && r.end > wanted.start;
    let mut out = Vec::new();

    let header_end = crate::header::end(&parse.file, text.len() as u32);
    if wanted.start < header_end {
        header_tokens(&text[..header_end as usize], &mut out);
    }
    let items = file.items(db);
    let offsets = file.offsets(db);
    // The items that may overlap: from the last one starting before the range.
    let first = offsets.partition_point(|&start| start <= wanted.start).saturating_sub(1);
    for (item, &offset) in items[first..].iter().zip(&offsets[first..]) {
        if offset >= wanted.end {
            break;
        }
        for t in &flux_db::item_tokens(db, *item).tokens {
            let range = TextRange::new(t.range.start + offset, t.range.end + offset);
            out.push(SemanticToken { range, ty: t.ty, modifiers: t.modifiers });
        }
    }
    // Comments after the last statement.
    out.extend(parse.file.eof.iter().map(|c| SemanticToken {
        range: c.range,
        ty: TokenType::Comment,
        modifiers: TokenModifiers::NONE,
    }));
    out.retain(|t| overlaps(t.range));
    out
}

/// The package clause and the imports: keywords, names, paths, attributes and comments.
fn header_tokens(header: &str, out: &mut Vec<SemanticToken>) {
    let mut lexer = Lexer::new(header);
    let mut previous = TokenKind::Eof;
    loop {
        let t = lexer.next_token(Mode::Normal);
        out.extend(t.comments.iter().map(|c| SemanticToken {
            range: c.range,
            ty: TokenType::Comment,
            modifiers: TokenModifiers::NONE,
        }));
        let (ty, modifiers) = match t.kind {
            TokenKind::Eof => break,
            TokenKind::Package | TokenKind::Import => (TokenType::Keyword, TokenModifiers::NONE),
            TokenKind::Ident if matches!(previous, TokenKind::Package | TokenKind::Import) => {
                (TokenType::Namespace, TokenModifiers::DECLARATION)
            }
            TokenKind::String => (TokenType::String, TokenModifiers::NONE),
            TokenKind::Attribute => (TokenType::Decorator, TokenModifiers::NONE),
            TokenKind::Int | TokenKind::Float | TokenKind::Duration | TokenKind::Time => {
                (TokenType::Number, TokenModifiers::NONE)
            }
            _ => {
                previous = t.kind;
                continue;
            }
        };
        previous = t.kind;
        out.push(SemanticToken { range: t.range, ty, modifiers });
    }
}
