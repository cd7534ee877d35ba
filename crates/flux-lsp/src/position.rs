//! Positions: the one place where LSP line/character positions and byte offsets meet.
//!
//! The client and the server agree on how characters are counted (`positionEncoding`): UTF-8
//! when the client offers it, UTF-16 otherwise (the LSP default). Incoming edits are applied to
//! the document's rope; everything else is converted with the analysis's line index, so that a
//! request's positions are read against the same text its answer is computed from.

use flux_ide::{ColumnEncoding, LineCol, LineIndex, TextRange};
use ropey::Rope;
use tower_lsp_server::ls_types::{ClientCapabilities, Position, PositionEncodingKind, Range};

/// The encoding to use with a client: UTF-8 if it offers it, else UTF-16.
pub fn negotiate(capabilities: &ClientCapabilities) -> ColumnEncoding {
    let offered = capabilities.general.as_ref().and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => ColumnEncoding::Utf8,
        _ => ColumnEncoding::Utf16,
    }
}

pub fn encoding_kind(encoding: ColumnEncoding) -> PositionEncodingKind {
    match encoding {
        ColumnEncoding::Utf8 => PositionEncodingKind::UTF8,
        ColumnEncoding::Utf16 => PositionEncodingKind::UTF16,
        ColumnEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

pub fn position(index: &LineIndex, offset: u32, encoding: ColumnEncoding) -> Position {
    let lc = index.line_col(offset, encoding);
    Position { line: lc.line, character: lc.col }
}

pub fn range(index: &LineIndex, range: TextRange, encoding: ColumnEncoding) -> Range {
    Range { start: position(index, range.start, encoding), end: position(index, range.end, encoding) }
}

/// The byte offset of a position, clamped into the text as LSP asks; `None` for a position in
/// the middle of a character.
pub fn offset(index: &LineIndex, position: Position, encoding: ColumnEncoding) -> Option<u32> {
    index.offset(LineCol { line: position.line, col: position.character }, encoding)
}

pub fn text_range(index: &LineIndex, range: Range, encoding: ColumnEncoding) -> Option<TextRange> {
    let start = offset(index, range.start, encoding)?;
    let end = offset(index, range.end, encoding)?;
    (start <= end).then(|| TextRange::new(start, end))
}

/// The character index in `rope` of a position, clamped to the end of its line (before the
/// line break) and to the end of the text.
pub fn rope_char(rope: &Rope, position: Position, encoding: ColumnEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let line_slice = rope.line(line);
    // The line without its terminator: positions past the end clamp to it.
    let mut line_len = line_slice.len_chars();
    while line_len > 0 && matches!(line_slice.char(line_len - 1), '\n' | '\r') {
        line_len -= 1;
    }
    let column = position.character as usize;
    let chars = match encoding {
        ColumnEncoding::Utf32 => column,
        ColumnEncoding::Utf8 => {
            let line_byte = rope.char_to_byte(line_start);
            let byte = (line_byte + column).min(rope.char_to_byte(line_start + line_len));
            rope.byte_to_char(byte) - line_start
        }
        ColumnEncoding::Utf16 => {
            let line_cu = rope.char_to_utf16_cu(line_start);
            let end_cu = rope.char_to_utf16_cu(line_start + line_len);
            rope.utf16_cu_to_char((line_cu + column).min(end_cu)) - line_start
        }
    };
    line_start + chars.min(line_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line with a two-byte character, an emoji (four bytes, two UTF-16 units), then `x`.
    const TEXT: &str = "a = \"é😀\" + x\nb = 1\n";

    #[test]
    fn offsets_and_positions_agree_in_every_encoding() {
        let index = LineIndex::new(TEXT);
        let x = TEXT.find('x').unwrap() as u32;
        for (encoding, column) in [(ColumnEncoding::Utf8, 15), (ColumnEncoding::Utf16, 12), (ColumnEncoding::Utf32, 11)]
        {
            let p = position(&index, x, encoding);
            assert_eq!(p, Position { line: 0, character: column }, "{encoding:?}");
            assert_eq!(offset(&index, p, encoding), Some(x));
        }
    }

    #[test]
    fn rope_positions_count_the_same_way() {
        let rope = Rope::from_str(TEXT);
        let x_char = TEXT[..TEXT.find('x').unwrap()].chars().count();
        assert_eq!(rope_char(&rope, Position { line: 0, character: 15 }, ColumnEncoding::Utf8), x_char);
        assert_eq!(rope_char(&rope, Position { line: 0, character: 12 }, ColumnEncoding::Utf16), x_char);
        // Past the end of a line: its end, before the line break.
        assert_eq!(
            rope_char(&rope, Position { line: 1, character: 99 }, ColumnEncoding::Utf16),
            rope.line_to_char(1) + 5
        );
        // Past the last line: the end of the text.
        assert_eq!(rope_char(&rope, Position { line: 9, character: 0 }, ColumnEncoding::Utf16), rope.len_chars());
    }

    #[test]
    fn utf8_is_chosen_only_when_offered() {
        let mut capabilities = ClientCapabilities::default();
        assert_eq!(negotiate(&capabilities), ColumnEncoding::Utf16);
        capabilities.general = Some(tower_lsp_server::ls_types::GeneralClientCapabilities {
            position_encodings: Some(vec![PositionEncodingKind::UTF16, PositionEncodingKind::UTF8]),
            ..Default::default()
        });
        assert_eq!(negotiate(&capabilities), ColumnEncoding::Utf8);
    }
}
