//! Conversion between byte offsets and line/column positions.
//!
//! This is the one place that knows about column encodings. Editors speak UTF-16 (the LSP
//! default) or UTF-8; terminals and the `--format json` output count characters; the libflux
//! AST JSON counts bytes.

use crate::TextRange;

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColumnEncoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Unicode scalar values (characters).
    Utf32,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// A character that is not one byte long, recorded so that conversions need no source text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct WideChar {
    offset: u32,
    len_utf8: u8,
    len_utf16: u8,
}

/// Line starts and wide characters of one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the first character of every line; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    /// Every non-ASCII character, in text order.
    wide_chars: Vec<WideChar>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = Vec::with_capacity(text.len() / 32 + 1);
        line_starts.push(0);
        let mut wide_chars = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
                i += 1;
            } else if b < 0x80 {
                i += 1;
            } else {
                let c = text[i..].chars().next().expect("index is on a char boundary");
                wide_chars.push(WideChar {
                    offset: i as u32,
                    len_utf8: c.len_utf8() as u8,
                    len_utf16: c.len_utf16() as u8,
                });
                i += c.len_utf8();
            }
        }
        LineIndex { line_starts, wide_chars, len: text.len() as u32 }
    }

    pub fn len(&self) -> u32 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// Byte offset where zero-based `line` starts, or `None` past the last line.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get(line as usize).copied()
    }

    /// Byte offset where zero-based `line` ends, before its line terminator.
    pub fn line_end(&self, line: u32, text: &str) -> Option<u32> {
        let start = self.line_start(line)?;
        let next = self.line_start(line + 1).unwrap_or(self.len);
        let mut end = next;
        let bytes = text.as_bytes();
        if end > start && bytes.get(end as usize - 1) == Some(&b'\n') {
            end -= 1;
            if end > start && bytes.get(end as usize - 1) == Some(&b'\r') {
                end -= 1;
            }
        }
        Some(end)
    }

    /// Line and byte column of `offset` (clamped to the text length).
    fn line_col_utf8(&self, offset: u32) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        LineCol { line: line as u32, col: offset - self.line_starts[line] }
    }

    /// Zero-based line and column of `offset`, columns counted in `encoding`.
    /// An offset inside a multi-byte character is treated as that character's start.
    pub fn line_col(&self, offset: u32, encoding: ColumnEncoding) -> LineCol {
        let utf8 = self.line_col_utf8(offset);
        if encoding == ColumnEncoding::Utf8 {
            return utf8;
        }
        let line_start = self.line_starts[utf8.line as usize];
        let offset = line_start + utf8.col;
        let first = self.wide_chars.partition_point(|w| w.offset < line_start);
        let mut col = utf8.col;
        for w in &self.wide_chars[first..] {
            if w.offset >= offset {
                break;
            }
            if w.offset + w.len_utf8 as u32 > offset {
                // `offset` falls inside this character: snap to its start.
                col -= offset - w.offset;
                break;
            }
            let units = match encoding {
                ColumnEncoding::Utf16 => w.len_utf16 as u32,
                _ => 1,
            };
            col = col - w.len_utf8 as u32 + units;
        }
        LineCol { line: utf8.line, col }
    }

    /// Byte offset of a zero-based line and column counted in `encoding`.
    ///
    /// Positions past the end of a line clamp to the line's end (before the newline), and
    /// lines past the end of the text clamp to the text's end, as LSP requires.
    /// Returns `None` only when the column lands inside a character (an odd UTF-16 column
    /// in the middle of a surrogate pair, say).
    pub fn offset(&self, pos: LineCol, encoding: ColumnEncoding) -> Option<u32> {
        let Some(&line_start) = self.line_starts.get(pos.line as usize) else {
            return Some(self.len);
        };
        let line_end = match self.line_starts.get(pos.line as usize + 1) {
            Some(&next) => next - 1, // before the '\n'
            None => self.len,
        };
        if encoding == ColumnEncoding::Utf8 {
            let offset = (line_start + pos.col).min(line_end);
            return self.is_char_boundary(offset).then_some(offset);
        }
        let first = self.wide_chars.partition_point(|w| w.offset < line_start);
        let mut remaining = pos.col;
        let mut offset = line_start;
        for w in &self.wide_chars[first..] {
            if w.offset >= line_end {
                break;
            }
            let ascii_run = w.offset - offset;
            if remaining <= ascii_run {
                return Some(offset + remaining);
            }
            remaining -= ascii_run;
            offset = w.offset;
            let units = match encoding {
                ColumnEncoding::Utf16 => w.len_utf16 as u32,
                _ => 1,
            };
            if remaining == 0 {
                return Some(offset);
            }
            if remaining < units {
                return None;
            }
            remaining -= units;
            offset += w.len_utf8 as u32;
        }
        Some((offset + remaining).min(line_end))
    }

    fn is_char_boundary(&self, offset: u32) -> bool {
        let i = self.wide_chars.partition_point(|w| w.offset < offset);
        match i.checked_sub(1).map(|i| self.wide_chars[i]) {
            Some(w) => offset >= w.offset + w.len_utf8 as u32,
            None => true,
        }
    }

    /// Start and end of `range` as line/columns in `encoding`.
    pub fn range(&self, range: TextRange, encoding: ColumnEncoding) -> (LineCol, LineCol) {
        (self.line_col(range.start, encoding), self.line_col(range.end, encoding))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_positions_round_trip() {
        let text = "a = 1\nbb = 22\n\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        for offset in 0..=text.len() as u32 {
            for enc in [ColumnEncoding::Utf8, ColumnEncoding::Utf16, ColumnEncoding::Utf32] {
                let lc = index.line_col(offset, enc);
                assert_eq!(index.offset(lc, enc), Some(offset), "offset {offset} {enc:?}");
            }
        }
        assert_eq!(index.line_col(8, ColumnEncoding::Utf8), LineCol { line: 1, col: 2 });
    }

    #[test]
    fn wide_characters_per_encoding() {
        // 'é' is 2 bytes / 1 UTF-16 unit; '😀' is 4 bytes / 2 UTF-16 units.
        let text = "x = \"é😀\" + y\nz";
        let index = LineIndex::new(text);
        let y = text.find('y').unwrap() as u32;
        assert_eq!(index.line_col(y, ColumnEncoding::Utf8), LineCol { line: 0, col: 15 });
        assert_eq!(index.line_col(y, ColumnEncoding::Utf16), LineCol { line: 0, col: 12 });
        assert_eq!(index.line_col(y, ColumnEncoding::Utf32), LineCol { line: 0, col: 11 });
        for enc in [ColumnEncoding::Utf8, ColumnEncoding::Utf16, ColumnEncoding::Utf32] {
            assert_eq!(index.offset(index.line_col(y, enc), enc), Some(y));
        }
        // The middle of the emoji's surrogate pair is not a position.
        let emoji = text.find('😀').unwrap() as u32;
        let col16 = index.line_col(emoji, ColumnEncoding::Utf16).col;
        assert_eq!(index.offset(LineCol { line: 0, col: col16 + 1 }, ColumnEncoding::Utf16), None);
        // An offset inside a character snaps to its start.
        assert_eq!(index.line_col(emoji + 2, ColumnEncoding::Utf16).col, col16);
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(LineCol { line: 0, col: 99 }, ColumnEncoding::Utf16), Some(2));
        assert_eq!(index.offset(LineCol { line: 9, col: 0 }, ColumnEncoding::Utf16), Some(5));
        assert_eq!(index.line_col(99, ColumnEncoding::Utf8), LineCol { line: 1, col: 2 });
    }
}
