//! A hand-written recursive-descent parser for Flux.
//!
//! The grammar is the LL(1) grammar libflux implements, function for function, so that every
//! program libflux accepts parses to the same tree. Error handling is our own:
//!
//! - Parsing never fails: every input gives a [`File`] and a list of [`SyntaxError`]s.
//! - One mistake, one error. After an error the parser is "recovering" and reports nothing
//!   more until it has matched a synchronizing token (a closing bracket, a `,`, a `|>`, the
//!   start of the next statement).
//! - Recovery skips as little as possible: a missing closing bracket closes its construct
//!   where the code visibly moves on (the end of the file, an enclosing closing bracket, or a
//!   line that starts at or left of the current statement's column).
//! - Nesting is bounded: libflux's limit of 80 nested expressions and statements is enforced
//!   with the same error, and no tree grows taller than [`MAX_HEIGHT`], so every recursive
//!   walk over a tree is safe whatever the input.

mod expr;
mod stmt;
mod types;

use crate::TextRange;
use crate::ast::{BadExpr, Base, Expr};
use crate::error::{AT_RELATED, RelatedInfo, SyntaxError, SyntaxErrorKind};
use crate::incremental::{BoundaryState, Output};
use crate::lexer::{Lexer, Mode, Token, TokenKind};

/// libflux rejects programs with more nested expressions and statements than this.
const MAX_DEPTH: u32 = 80;

/// No expression tree grows taller than this; deeper chains (`a + a + ...` with hundreds of
/// terms) are cut off with an error. libflux itself rejects trees deeper than 180 nodes.
pub(crate) const MAX_HEIGHT: u32 = 256;

/// See [`Parser::suspect_unclosed`].
struct Suspect {
    at: Token,
    errors: usize,
    error_count: usize,
    recovering: bool,
}

/// An expression together with the height of its tree.
type Parsed = (Expr, u32);

/// Parses a whole file.
pub(crate) fn parse_file(text: &str) -> Output {
    Parser::new(text).file()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Delim {
    Paren,
    Brack,
    Brace,
}

impl Delim {
    fn closer(self) -> TokenKind {
        match self {
            Delim::Paren => TokenKind::RParen,
            Delim::Brack => TokenKind::RBrack,
            Delim::Brace => TokenKind::RBrace,
        }
    }

    fn opener_text(self) -> &'static str {
        match self {
            Delim::Paren => "(",
            Delim::Brack => "[",
            Delim::Brace => "{",
        }
    }

    fn of_closer(kind: TokenKind) -> Option<Delim> {
        match kind {
            TokenKind::RParen => Some(Delim::Paren),
            TokenKind::RBrack => Some(Delim::Brack),
            TokenKind::RBrace => Some(Delim::Brace),
            _ => None,
        }
    }
}

pub(crate) struct Parser<'a> {
    text: &'a str,
    lexer: Lexer<'a>,
    /// One token of lookahead and the mode it was scanned in.
    peeked: Option<(Token, Mode)>,
    /// End of the last token consumed.
    prev_end: u32,
    errors: Vec<SyntaxError>,
    /// Set by an error; cleared when the parser is back in step with the input.
    recovering: bool,
    /// How many of each bracket are open, as libflux counts them to end lists early.
    open: [u32; 3],
    depth: u32,
    /// Column (in bytes) of the first token of the innermost statement being parsed.
    stmt_col: u32,
    /// Whether a misplaced `import` or `package` was reported; later ones are the same mistake.
    reported_misplaced: bool,
    /// Whether a top-level statement other than junk was parsed, after which an `import` is
    /// out of place; junk before an import is its own error.
    seen_statement: bool,
    /// Set just before a parameter default that starts with `<-`, the pipe literal's only place.
    pipe_literal_allowed: bool,
    /// Whether an error was reported and no statement has parsed cleanly since. Until one
    /// does, tokens that start no statement are leftovers of that error, not a new mistake.
    unsynced: bool,
    /// Errors found so far, reported or not.
    error_count: usize,
    /// The last offset [`Self::column`] was asked for and the start of its line.
    line_cache: (u32, u32),
}

impl<'a> Parser<'a> {
    /// A parser that continues at `offset`, a boundary between top-level statements that a
    /// previous parse recorded as `state`.
    pub(crate) fn resume(text: &'a str, offset: u32, state: &BoundaryState, examined: u32) -> Parser<'a> {
        let mut p = Parser::new(text);
        p.lexer.reset(offset);
        // What the parse before this boundary looked at still counts for what follows.
        p.lexer.looked(examined as usize);
        p.prev_end = offset;
        p.recovering = state.recovering;
        p.unsynced = state.unsynced;
        p.seen_statement = state.seen_statement;
        p.reported_misplaced = state.reported_misplaced;
        let token = p.lexer.next_token(state.peek_mode);
        p.peeked = Some((token, state.peek_mode));
        p
    }

    /// Whether the end of the file is next.
    pub(crate) fn at_eof(&mut self) -> bool {
        self.at(TokenKind::Eof)
    }

    /// Whether the next token is the first on its line.
    pub(crate) fn next_starts_line(&mut self) -> bool {
        let start = self.peek().range.start;
        self.starts_line(start)
    }

    pub(crate) fn prev_end(&self) -> u32 {
        self.prev_end
    }

    pub(crate) fn examined(&self) -> u32 {
        self.lexer.examined()
    }

    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            text,
            lexer: Lexer::new(text),
            peeked: None,
            prev_end: 0,
            errors: Vec::new(),
            recovering: false,
            open: [0; 3],
            depth: 0,
            stmt_col: 0,
            reported_misplaced: false,
            seen_statement: false,
            pipe_literal_allowed: false,
            unsynced: false,
            error_count: 0,
            line_cache: (0, 0),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Tokens

    fn peek(&mut self) -> &Token {
        if self.peeked.is_none() {
            let token = self.lexer.next_token(Mode::Normal);
            self.peeked = Some((token, Mode::Normal));
        }
        &self.peeked.as_ref().expect("just filled").0
    }

    fn peek_kind(&mut self) -> TokenKind {
        self.peek().kind
    }

    /// Peeks where an operand is expected, so that `/` starts a regex literal.
    fn peek_operand(&mut self) -> &Token {
        match self.peeked.take() {
            Some((token, Mode::Normal)) if token.kind == TokenKind::Div => {
                self.lexer.reset(token.range.start);
                let mut rescanned = self.lexer.next_token(Mode::Regex);
                rescanned.comments = token.comments;
                self.peeked = Some((rescanned, Mode::Regex));
            }
            Some(peeked) => self.peeked = Some(peeked),
            None => {
                let token = self.lexer.next_token(Mode::Regex);
                self.peeked = Some((token, Mode::Regex));
            }
        }
        &self.peeked.as_ref().expect("just filled").0
    }

    /// The `n` tokens after the next one, scanned on a copy of the lexer.
    fn peek_further(&mut self, n: usize) -> Vec<Token> {
        self.peek();
        let mut lexer = self.lexer.clone();
        let tokens = (0..n).map(|_| lexer.next_token(Mode::Normal)).collect();
        // What the copy looked at is a dependency of this parse too.
        self.lexer.looked(lexer.examined() as usize);
        tokens
    }

    fn bump(&mut self) -> Token {
        let token = match self.peeked.take() {
            Some((token, _)) => token,
            None => self.lexer.next_token(Mode::Normal),
        };
        if token.kind != TokenKind::Eof {
            self.prev_end = token.range.end;
        }
        token
    }

    fn at(&mut self, kind: TokenKind) -> bool {
        self.peek_kind() == kind
    }

    fn eat(&mut self, kind: TokenKind) -> Option<Token> {
        self.at(kind).then(|| self.bump())
    }

    fn token_text(&self, token: &Token) -> &'a str {
        &self.text[token.range]
    }

    /// Whether the identifier `word` is next (for the contextual keywords `with`, `extends`,
    /// `where`, `stream`, `vector` and `dynamic`).
    fn at_contextual(&mut self, word: &str) -> bool {
        let text = self.text;
        let token = self.peek();
        token.kind == TokenKind::Ident && &text[token.range] == word
    }

    /// libflux's `more()`: whether a list may go on, i.e. the next token is neither the end
    /// of the file nor a closing bracket of any construct still open.
    fn more(&mut self) -> bool {
        let kind = self.peek_kind();
        match kind {
            TokenKind::Eof => false,
            _ => match Delim::of_closer(kind) {
                Some(d) => self.open[d as usize] == 0,
                None => true,
            },
        }
    }

    fn open(&mut self, delim: Delim) {
        self.open[delim as usize] += 1;
    }

    /// Closes a bracket opened at `open_range`. Reports a missing closer and recovers; see the
    /// module documentation. Returns the closing token when it was found.
    fn close(&mut self, delim: Delim, open_range: TextRange, construct: &str) -> Option<Token> {
        self.open[delim as usize] -= 1;
        let closer = delim.closer();
        if self.at(closer) {
            return Some(self.bump());
        }
        self.report_unclosed(delim, open_range, construct);
        // Skip what cannot belong here, unless the code has visibly moved on.
        if !self.at_boundary() {
            self.skip_until(|k, _| k == closer);
        }
        if self.at(closer) {
            return Some(self.bump());
        }
        None
    }

    fn report_unclosed(&mut self, delim: Delim, open_range: TextRange, construct: &str) {
        let found = self.peek().clone();
        self.report_unclosed_at(&found, delim, open_range, construct);
    }

    fn report_unclosed_at(&mut self, found: &Token, delim: Delim, open_range: TextRange, construct: &str) {
        let opener = delim.opener_text();
        let closer = delim.closer().describe();
        let found = found.clone();
        if found.kind == TokenKind::Eof {
            let message =
                format!("unclosed `{opener}`: expected {closer} to close this {construct} before the end of the file");
            self.error(SyntaxErrorKind::UnclosedDelimiter, open_range, message);
        } else {
            let at = AT_RELATED;
            let operand_follows = construct == "parenthesized expression"
                && expr::can_start_expression(found.kind)
                && !self.starts_line(found.range.start);
            let message = if operand_follows {
                format!("expected an operator or {closer}, found {}", self.describe_found(&found))
            } else {
                format!(
                    "expected {closer} to close the {construct} opened at {at}, found {}",
                    self.describe_found(&found)
                )
            };
            let related = vec![RelatedInfo { range: open_range, message: format!("the {construct} opens here") }];
            let kind =
                if operand_follows { SyntaxErrorKind::UnexpectedToken } else { SyntaxErrorKind::UnclosedDelimiter };
            self.error_related(kind, found.range, message, related);
        }
    }

    /// Whether the next token shows that the current construct has ended: the end of the file,
    /// a closing bracket of an enclosing construct, or a token starting a line at or left of
    /// the current statement's column.
    fn at_boundary(&mut self) -> bool {
        if !self.more() {
            return true;
        }
        let start = self.peek().range.start;
        self.starts_line(start) && self.column(start) <= self.stmt_col
    }

    fn starts_line(&self, offset: u32) -> bool {
        self.text.as_bytes()[self.prev_end as usize..offset as usize].contains(&b'\n') || self.prev_end == 0
    }

    /// Byte column of `offset`. Offsets asked for mostly grow, so the start of the line is
    /// found by scanning forward from the last answer: linear over a whole parse even when the
    /// program is a single line.
    fn column(&mut self, offset: u32) -> u32 {
        let (mut scanned, mut line_start) = self.line_cache;
        if offset < scanned {
            (scanned, line_start) = (0, 0);
        }
        let bytes = &self.text.as_bytes()[scanned as usize..offset as usize];
        if let Some(i) = bytes.iter().rposition(|&b| b == b'\n') {
            line_start = scanned + i as u32 + 1;
        }
        self.line_cache = (offset, line_start);
        offset - line_start
    }

    /// Skips tokens, keeping brackets balanced, until `stop` accepts one at the outer level
    /// or the construct ends (see [`Self::at_boundary`]). `stop` is told whether the token
    /// starts a line. Strings are skipped whole.
    fn skip_until(&mut self, stop: impl Fn(TokenKind, bool) -> bool) {
        let mut nested: Vec<TokenKind> = Vec::new();
        loop {
            let token = self.peek();
            let (kind, start) = (token.kind, token.range.start);
            if kind == TokenKind::Eof {
                return;
            }
            if nested.is_empty() && (stop(kind, self.starts_line(start)) || self.at_boundary()) {
                return;
            }
            match kind {
                TokenKind::LParen => nested.push(TokenKind::RParen),
                TokenKind::LBrack => nested.push(TokenKind::RBrack),
                TokenKind::LBrace => nested.push(TokenKind::RBrace),
                TokenKind::RParen | TokenKind::RBrack | TokenKind::RBrace => {
                    // A closer of an outer skipped bracket also ends the inner ones.
                    if let Some(i) = nested.iter().rposition(|&k| k == kind) {
                        nested.truncate(i);
                    }
                }
                TokenKind::Quote => {
                    let quote = self.bump();
                    self.skip_string(quote);
                    continue;
                }
                _ => {}
            }
            self.bump();
        }
    }

    /// Notes that a list element without a `,` before it begins a line the way a statement
    /// does. libflux tolerates the missing comma, so this is no error by itself; but if an error
    /// follows inside the list, the list's closing bracket is what is missing.
    fn suspect_unclosed(&mut self) -> Suspect {
        Suspect {
            at: self.peek().clone(),
            errors: self.errors.len(),
            error_count: self.error_count,
            recovering: self.recovering,
        }
    }

    /// Whether an error followed `suspect`; if so, replaces what was reported since with the
    /// unclosed bracket, and closes the construct where the suspect stands.
    fn blame_unclosed(&mut self, suspect: &Suspect, delim: Delim, open_range: TextRange, construct: &str) -> bool {
        if self.error_count == suspect.error_count {
            return false;
        }
        self.errors.truncate(suspect.errors);
        self.recovering = suspect.recovering;
        self.report_unclosed_at(&suspect.at, delim, open_range, construct);
        self.open[delim as usize] -= 1;
        true
    }

    // -----------------------------------------------------------------------------------------
    // Errors

    fn error(&mut self, kind: SyntaxErrorKind, range: TextRange, message: String) {
        self.error_related(kind, range, message, Vec::new());
    }

    fn error_related(&mut self, kind: SyntaxErrorKind, range: TextRange, message: String, related: Vec<RelatedInfo>) {
        if kind.severity() == crate::Severity::Error {
            self.error_count += 1;
        }
        if self.recovering {
            return;
        }
        if kind.severity() == crate::Severity::Error {
            self.recovering = true;
            self.unsynced = true;
        }
        self.errors.push(SyntaxError { kind, range, message, related });
    }

    /// An error in a literal or a record's shape, found after the tokens were consumed.
    fn literal_error(&mut self, kind: SyntaxErrorKind, range: TextRange, message: String) {
        self.error(kind, range, message);
    }

    /// How a found token reads in an error message.
    fn describe_found(&self, token: &Token) -> String {
        let text = self.token_text(token);
        match token.kind {
            TokenKind::Eof => "end of file".to_owned(),
            TokenKind::Quote | TokenKind::String => "a string".to_owned(),
            TokenKind::Ident => format!("`{text}`"),
            _ if text.chars().count() <= 24 && !text.contains('\n') => format!("`{text}`"),
            kind => kind.describe().to_owned(),
        }
    }

    /// Reports that `expected` was wanted where `found` stands. An illegal character gets a
    /// message about that character instead.
    fn expected(&mut self, expected: &str, found: &Token) {
        if found.kind == TokenKind::Illegal {
            self.illegal_character(found);
            return;
        }
        let mut message = format!("expected {expected}, found {}", self.describe_found(found));
        let text = self.token_text(found);
        let after_dash = found.range.start > 0 && self.text.as_bytes()[found.range.start as usize - 1] == b'-';
        match found.kind {
            TokenKind::Assign if expected.contains("`)`") => message.push_str(" (to compare two values, use `==`)"),
            TokenKind::Arrow => message.push_str(" (a function's parameters are written in parentheses: `(r) => ...`)"),
            TokenKind::QuestionMark => message.push_str(" (Flux has no `?:` operator: write `if c then a else b`)"),
            TokenKind::Gt if after_dash => message.push_str(" (a function's arrow is written `=>`)"),
            TokenKind::Ident if text == "in" => {
                message.push_str(" (Flux has no `in` operator: use `contains(value: x, set: [...])`)")
            }
            _ => {}
        }
        self.error(SyntaxErrorKind::UnexpectedToken, found.range, message);
    }

    fn illegal_character(&mut self, token: &Token) {
        let text = self.token_text(token);
        let message = match text {
            "'" => "unexpected `'`: Flux strings are written in double quotes".to_owned(),
            "&" => "unexpected `&`: Flux writes logical conjunction as `and`".to_owned(),
            "|" => "unexpected `|`: Flux writes logical disjunction as `or`, and pipes with `|>`".to_owned(),
            "!" => "unexpected `!`: Flux negates with `not`".to_owned(),
            "#" => "unexpected `#`: Flux comments start with `//`".to_owned(),
            ";" => "unexpected `;`: Flux statements need no separator".to_owned(),
            "$" => "unexpected `$` outside a string: interpolation is written `\"${expression}\"`".to_owned(),
            "@" => "expected an attribute name after `@`".to_owned(),
            _ => format!("unexpected character `{}`", text.escape_debug()),
        };
        self.error(SyntaxErrorKind::IllegalCharacter, token.range, message);
    }

    // -----------------------------------------------------------------------------------------
    // Depth and height limits

    /// Runs `f` one nesting level deeper, or reports that the program nests too deeply and
    /// skips the rest of the innermost construct.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T, too_deep: impl FnOnce(&mut Self, TextRange) -> T) -> T {
        if self.depth >= MAX_DEPTH {
            let range = self.peek().range;
            self.error(
                SyntaxErrorKind::TooDeep,
                range,
                format!(
                    "the program nests too deeply here: Flux accepts at most {MAX_DEPTH} nested expressions and blocks"
                ),
            );
            self.skip_until(|_, _| false);
            let end = self.prev_end.max(range.start);
            return too_deep(self, TextRange::new(range.start, end));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Cuts off an expression tree that grows past [`MAX_HEIGHT`].
    fn limit_height(&mut self, (expr, height): Parsed) -> Parsed {
        if height <= MAX_HEIGHT {
            return (expr, height);
        }
        let range = expr.range();
        self.literal_error(
            SyntaxErrorKind::TooDeep,
            range,
            "this expression nests too deeply: Flux rejects syntax trees more than 180 levels deep".to_owned(),
        );
        (bad_expr(range, String::new()), 1)
    }

    fn bad_expr_at(&self, range: TextRange) -> Expr {
        bad_expr(range, self.text[range].to_owned())
    }
}

fn bad_expr(range: TextRange, text: String) -> Expr {
    Expr::Bad(Box::new(BadExpr { base: Base::new(range), text }))
}
