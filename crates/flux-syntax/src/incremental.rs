//! Reparsing after an edit, one top-level statement at a time.
//!
//! A full parse records, at every boundary between top-level statements, the parser's state
//! and how far the lexer had looked into the text. After an edit, [`Parse::reparse`] restarts
//! at the last boundary whose state depends only on unchanged text, parses statements until it
//! stands on an old boundary again (same text from there on, same state), and reuses every
//! statement after that as it is: their ranges are relative to their chunk, so reuse costs one
//! offset each. The result is identical to parsing the new text from scratch; a property test
//! checks that on random edits.

use std::sync::Arc;

use crate::ast::{Base, Comment, Comments, File, TopLevel};
use crate::error::{AT_RELATED, SyntaxError, SyntaxErrorKind, render_positions};
use crate::lexer::Mode;
use crate::parser::Parser;
use crate::{Parse, Severity, TextRange};

/// What a parse restarting between two top-level statements must know (see
/// [`Parser::boundary_state`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct BoundaryState {
    pub(crate) recovering: bool,
    pub(crate) unsynced: bool,
    pub(crate) seen_statement: bool,
    pub(crate) reported_misplaced: bool,
    /// Attributes from before the imports wait for this statement.
    pub(crate) attributes_pending: bool,
    /// The mode the statement's first token was scanned in.
    pub(crate) peek_mode: Mode,
}

/// Bookkeeping for one top-level statement, parallel to [`File::body`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub(crate) state: BoundaryState,
    /// How far the lexer had looked before the statement began: the state above depends on
    /// the text before this offset only.
    pub(crate) examined_before: u32,
    /// The statement's errors, relative to its chunk.
    pub(crate) errors: Arc<[SyntaxError]>,
    /// The height of the statement's tree, counted as libflux counts depth from the package.
    pub(crate) height: u32,
}

/// What the parser produces for a file.
pub(crate) struct Output {
    pub(crate) file: File,
    /// Errors in the package clause and imports, with ranges into the file.
    pub(crate) header_errors: Vec<SyntaxError>,
    pub(crate) chunks: Vec<Chunk>,
}

impl Output {
    pub(crate) fn into_parse(self, text: &str) -> Parse {
        Parse::assemble(text, self.file, self.header_errors.into(), self.chunks)
    }
}

/// The common prefix and suffix of two texts: the edit replaced `old[prefix..old.len() -
/// suffix]` with `new[prefix..new.len() - suffix]`.
fn changed_region(old: &str, new: &str) -> (usize, usize) {
    let (old, new) = (old.as_bytes(), new.as_bytes());
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old.iter().rev().zip(new.iter().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    (prefix, suffix)
}

fn shift(range: TextRange, delta: i64) -> TextRange {
    let shifted = |x: u32| (x as i64 + delta) as u32;
    TextRange::new(shifted(range.start), shifted(range.end))
}

impl Parse {
    /// Builds the parse result from the file and its per-statement bookkeeping: the errors in
    /// file positions with the positions their messages name, sorted, and libflux's depth
    /// limit checked.
    pub(crate) fn assemble(text: &str, file: File, header_errors: Arc<[SyntaxError]>, chunks: Vec<Chunk>) -> Parse {
        let mut errors: Vec<SyntaxError> = header_errors.to_vec();
        for (top, chunk) in file.body.iter().zip(&chunks) {
            errors.extend(chunk.errors.iter().map(|e| {
                let mut e = e.clone();
                e.range = shift(e.range, top.offset as i64);
                for r in &mut e.related {
                    r.range = shift(r.range, top.offset as i64);
                }
                e
            }));
        }
        // Heights over-approximate libflux's depth: the exact walk only runs for a tall tree.
        let height = chunks.iter().map(|c| c.height).max().unwrap_or(0);
        if height > 150
            && !errors.iter().any(|e| e.kind == SyntaxErrorKind::TooDeep)
            && let Some(range) = crate::walk::too_deep_node(&file)
        {
            errors.push(SyntaxError {
                kind: SyntaxErrorKind::TooDeep,
                range,
                message: "this expression nests too deeply: Flux rejects syntax trees more than 180 levels deep"
                    .to_owned(),
                related: Vec::new(),
            });
        }
        if errors.iter().any(|e| e.message.contains(AT_RELATED)) {
            let index = crate::LineIndex::new(text);
            for e in &mut errors {
                render_positions(e, &index);
            }
        }
        errors.sort_by_key(|e| (e.range.start, e.range.end));
        // A closer without opener after another error is most likely that error's leftover.
        // Decided here, over the whole file, so that the parser's state between statements
        // does not carry whether an error happened (which would keep reparses from rejoining).
        let first_error =
            errors.iter().position(|e| e.severity() == Severity::Error && e.kind != SyntaxErrorKind::UnmatchedCloser);
        if let Some(first) = first_error {
            let cutoff = errors[first].range.start;
            errors.retain(|e| e.kind != SyntaxErrorKind::UnmatchedCloser || e.range.start < cutoff);
        }
        Parse { file, errors, header_errors, chunks }
    }

    /// The parse of `new_text`, which is `old_text` (the text `self` was parsed from) after an
    /// edit, reusing every top-level statement the edit cannot have changed. Equal to
    /// `parse(new_text)`.
    pub fn reparse(&self, old_text: &str, new_text: &str) -> Parse {
        let (prefix, suffix) = changed_region(old_text, new_text);
        if prefix == old_text.len() && prefix == new_text.len() {
            return self.clone();
        }
        let old_end = (old_text.len() - suffix) as u32;
        let delta = new_text.len() as i64 - old_text.len() as i64;
        let prefix = prefix as u32;

        // The last boundary whose state depends only on text before the change.
        let restart = self.chunks.partition_point(|c| c.examined_before <= prefix);
        let Some(restart) = restart.checked_sub(1) else {
            return crate::parse(new_text);
        };
        let state = self.chunks[restart].state;
        if state.attributes_pending {
            return crate::parse(new_text);
        }
        let offset = self.file.body[restart].offset;

        let mut parser = Parser::resume(new_text, offset, &state, self.chunks[restart].examined_before);
        let mut body: Vec<TopLevel> = self.file.body[..restart].to_vec();
        let mut chunks: Vec<Chunk> = self.chunks[..restart].to_vec();
        let mut resynced = None;
        while !parser.at_eof() {
            let (top, chunk) = parser.top_level(Vec::new());
            body.push(top);
            chunks.push(chunk);
            // Back on a boundary of the old parse, after the change and in the same state?
            let here = parser.prev_end();
            let old_offset = here as i64 - delta;
            // Recovery measures columns from the start of a statement's line; only where the
            // next statement starts its own line does that line start lie inside its chunk.
            if old_offset < old_end as i64 || !parser.next_starts_line() {
                continue;
            }
            let j = self.file.body.partition_point(|t| (t.offset as i64) < old_offset);
            let state_here = parser.boundary_state(false);
            if j < self.chunks.len()
                && self.file.body[j].offset as i64 == old_offset
                && self.chunks[j].state == state_here
            {
                resynced = Some((j, parser.examined()));
                break;
            }
        }
        let eof = match resynced {
            Some((j, examined)) => {
                for (top, chunk) in self.file.body[j..].iter().zip(&self.chunks[j..]) {
                    body.push(TopLevel { offset: (top.offset as i64 + delta) as u32, ..top.clone() });
                    let examined_before = ((chunk.examined_before as i64 + delta) as u32).max(examined);
                    chunks.push(Chunk { examined_before, ..chunk.clone() });
                }
                shift_comments(&self.file.eof, delta)
            }
            None => parser.eof_comments(),
        };

        let start = self.file.base.range.start;
        let end = match body.last() {
            Some(last) => last.range().end,
            None => self.file.base.range.end,
        };
        let file = File {
            base: Base::new(TextRange::new(start, end)),
            package: self.file.package.clone(),
            imports: self.file.imports.clone(),
            header_comments: self.file.header_comments.clone(),
            body,
            eof,
        };
        Parse::assemble(new_text, file, self.header_errors.clone(), chunks)
    }

    /// Whether the parse has errors (not just warnings).
    pub fn has_errors(&self) -> bool {
        self.errors.iter().any(|e| e.severity() == Severity::Error)
    }
}

fn shift_comments(comments: &Comments, delta: i64) -> Comments {
    let shifted: Vec<Comment> =
        comments.iter().map(|c| Comment { range: shift(c.range, delta), text: c.text.clone() }).collect();
    Comments::new(shifted)
}
