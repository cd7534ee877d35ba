//! Byte ranges into the source text.

use std::fmt;
use std::ops::{Index, Range};

/// A half-open range of byte offsets `start..end` into a source text.
///
/// Offsets are `u32`: Flux sources are far below 4 GiB, and halving the size of every
/// node's range matters for large files kept in memory by the language server.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub const fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end);
        TextRange { start, end }
    }

    /// An empty range at `offset`.
    pub const fn empty(offset: u32) -> Self {
        TextRange { start: offset, end: offset }
    }

    /// The smallest range covering both `self` and `other`.
    pub fn cover(self, other: TextRange) -> Self {
        TextRange { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` lies in the range; the end offset counts as inside, which is what a
    /// cursor placed right after a token expects.
    pub const fn contains_inclusive(self, offset: u32) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub const fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn as_usize(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl Index<TextRange> for str {
    type Output = str;
    fn index(&self, range: TextRange) -> &str {
        &self[range.as_usize()]
    }
}
