//! The Flux tokenizer.
//!
//! Tokens are produced on demand because what a `/` or a `"` starts depends on the parser's
//! state: a regex literal is only possible where an operand is expected, and the inside of a
//! string with `${}` interpolation is scanned in its own mode. The token boundaries follow
//! libflux's scanner (longest match; `1.` is a float, `2020-01-01` a date-time, keywords are
//! reserved), so that every program libflux tokenizes one way we tokenize the same way.

use crate::TextRange;
use crate::ast::{Comment, Comments};

/// U+FEFF encoded in UTF-8.
const BOM: &[u8] = "\u{feff}".as_bytes();

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Eof,
    /// A character that starts no token.
    Illegal,

    Ident,
    Int,
    Float,
    /// A complete string literal without interpolation.
    String,
    Regex,
    Time,
    Duration,
    /// `@name`
    Attribute,

    And,
    Or,
    Not,
    Exists,
    Import,
    Package,
    Return,
    Option,
    Builtin,
    TestCase,
    If,
    Then,
    Else,

    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    RegexEq,
    RegexNeq,
    Assign,
    Arrow,
    PipeReceive,
    PipeForward,
    LParen,
    RParen,
    LBrack,
    RBrack,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Dot,
    /// A `"` that opens or closes a string scanned part by part.
    Quote,
    QuestionMark,

    /// Literal text inside a string with interpolation.
    Text,
    /// `${` inside a string.
    InterpStart,
    /// A `\` escape that Flux does not define, inside a string.
    BadEscape,
}

impl TokenKind {
    /// How the token kind is named in error messages.
    pub fn describe(self) -> &'static str {
        use TokenKind::*;
        match self {
            Eof => "end of file",
            Illegal => "an unexpected character",
            Ident => "an identifier",
            Int => "an integer",
            Float => "a float",
            String | Quote => "a string",
            Regex => "a regular expression",
            Time => "a date-time",
            Duration => "a duration",
            Attribute => "an attribute",
            And => "`and`",
            Or => "`or`",
            Not => "`not`",
            Exists => "`exists`",
            Import => "`import`",
            Package => "`package`",
            Return => "`return`",
            Option => "`option`",
            Builtin => "`builtin`",
            TestCase => "`testcase`",
            If => "`if`",
            Then => "`then`",
            Else => "`else`",
            Add => "`+`",
            Sub => "`-`",
            Mul => "`*`",
            Div => "`/`",
            Mod => "`%`",
            Pow => "`^`",
            Eq => "`==`",
            Neq => "`!=`",
            Lt => "`<`",
            Lte => "`<=`",
            Gt => "`>`",
            Gte => "`>=`",
            RegexEq => "`=~`",
            RegexNeq => "`!~`",
            Assign => "`=`",
            Arrow => "`=>`",
            PipeReceive => "`<-`",
            PipeForward => "`|>`",
            LParen => "`(`",
            RParen => "`)`",
            LBrack => "`[`",
            RBrack => "`]`",
            LBrace => "`{`",
            RBrace => "`}`",
            Colon => "`:`",
            Comma => "`,`",
            Dot => "`.`",
            QuestionMark => "`?`",
            Text => "text",
            InterpStart => "`${`",
            BadEscape => "an invalid escape sequence",
        }
    }

    pub fn is_keyword(self) -> bool {
        use TokenKind::*;
        matches!(
            self,
            And | Or | Not | Exists | Import | Package | Return | Option | Builtin | TestCase | If | Then | Else
        )
    }
}

/// Whether `c` may start an identifier.
pub fn is_identifier_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

/// Whether `c` may continue an identifier.
pub fn is_identifier_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Whether `name` lexes as one identifier (keywords included).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(is_identifier_start) && chars.all(is_identifier_char)
}

/// The reserved words of Flux.
pub const KEYWORDS: &[&str] = &[
    "and", "or", "not", "exists", "import", "package", "return", "option", "builtin", "testcase", "if", "then", "else",
];

fn keyword(text: &str) -> Option<TokenKind> {
    use TokenKind::*;
    Some(match text {
        "and" => And,
        "or" => Or,
        "not" => Not,
        "exists" => Exists,
        "import" => Import,
        "package" => Package,
        "return" => Return,
        "option" => Option,
        "builtin" => Builtin,
        "testcase" => TestCase,
        "if" => If,
        "then" => Then,
        "else" => Else,
        _ => return None,
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
    /// Comments between the previous token and this one.
    pub comments: Comments,
}

/// What the scanner expects at the current position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Between tokens, where `/` is division.
    Normal,
    /// Where an operand is expected, so `/` may start a regex literal.
    Regex,
    /// Inside a string that is scanned part by part.
    String,
}

#[derive(Clone)]
pub struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// How far into the text the scanner has looked, an exclusive bound (possibly larger than
    /// needed). Longest-match scanning looks past a token's end, sometimes much further (a `/`
    /// in operand position looks for its closing slash to the end of the file): a token
    /// depends on every byte before this bound.
    examined: std::cell::Cell<usize>,
    /// Every comment scanned and not yet taken by [`Lexer::take_comments_before`].
    comments_seen: Vec<TextRange>,
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Lexer<'a> {
        Lexer { text, bytes: text.as_bytes(), pos: 0, examined: std::cell::Cell::new(0), comments_seen: Vec::new() }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Moves the scanner to `offset`, which must be the start of a token (or of the comments
    /// preceding it).
    pub fn reset(&mut self, offset: u32) {
        self.pos = offset as usize;
    }

    /// See [`Lexer::examined`]: every token scanned so far depends only on the text before
    /// this offset. It goes past the end of the text when the scanner met the end: what it
    /// saw then depends on the text ending there.
    pub fn examined(&self) -> u32 {
        self.examined.get().min(u32::MAX as usize) as u32
    }

    /// The comments scanned so far that start before `end`, in text order; the later ones
    /// stay for the next call.
    pub(crate) fn take_comments_before(&mut self, end: u32) -> Vec<TextRange> {
        let later = self.comments_seen.partition_point(|c| c.start < end);
        let rest = self.comments_seen.split_off(later);
        std::mem::replace(&mut self.comments_seen, rest)
    }

    /// Records that the scanner looked at the text up to `end` (exclusive).
    pub(crate) fn looked(&self, end: usize) {
        if end > self.examined.get() {
            self.examined.set(end);
        }
    }

    pub fn next_token(&mut self, mode: Mode) -> Token {
        if mode == Mode::String {
            let (kind, start) = self.string_part();
            return Token { kind, range: TextRange::new(start as u32, self.pos as u32), comments: Comments::default() };
        }
        let comments = self.skip_trivia();
        let start = self.pos;
        let kind = self.scan(mode);
        Token { kind, range: TextRange::new(start as u32, self.pos as u32), comments: Comments::new(comments) }
    }

    fn peek_byte(&self, ahead: usize) -> Option<u8> {
        self.looked(self.pos + ahead + 1);
        self.bytes.get(self.pos + ahead).copied()
    }

    fn skip_trivia(&mut self) -> Vec<Comment> {
        let mut comments = Vec::new();
        loop {
            match self.peek_byte(0) {
                Some(b' ' | b'\t' | b'\r' | b'\n' | b'\x0b' | b'\x0c') => self.pos += 1,
                // A byte-order mark opening the file (editors on Windows write one) is
                // whitespace; anywhere else U+FEFF is an illegal character.
                Some(0xef) if self.pos == 0 && self.bytes.starts_with(BOM) => self.pos += BOM.len(),
                Some(b'/') if self.peek_byte(1) == Some(b'/') => {
                    let start = self.pos;
                    let end = match memchr(b'\n', &self.bytes[start..]) {
                        Some(i) => start + i + 1,
                        None => self.bytes.len(),
                    };
                    // A comment that runs into the end grows with appended text.
                    self.looked(end + 1);
                    self.pos = end;
                    let range = TextRange::new(start as u32, end as u32);
                    self.comments_seen.push(range);
                    comments.push(Comment::new(range, &self.text[start..end]));
                }
                _ => return comments,
            }
        }
    }

    fn scan(&mut self, mode: Mode) -> TokenKind {
        use TokenKind::*;
        let Some(b) = self.peek_byte(0) else {
            return Eof;
        };
        let two = |l: &mut Self, kind| {
            l.pos += 2;
            kind
        };
        let one = |l: &mut Self, kind| {
            l.pos += 1;
            kind
        };
        match b {
            b'0'..=b'9' => self.number(),
            b'.' if matches!(self.peek_byte(1), Some(b'0'..=b'9')) => self.number(),
            b'"' => {
                if let Some(end) = self.plain_string_end() {
                    self.pos = end;
                    String
                } else {
                    one(self, Quote)
                }
            }
            b'/' if mode == Mode::Regex => match self.regex_end() {
                Some(end) => {
                    self.pos = end;
                    Regex
                }
                None => one(self, Div),
            },
            b'@' => {
                let after = self.ident_end(self.pos + 1);
                if after > self.pos + 1 {
                    self.pos = after;
                    Attribute
                } else {
                    one(self, Illegal)
                }
            }
            b'+' => one(self, Add),
            b'-' => one(self, Sub),
            b'*' => one(self, Mul),
            b'/' => one(self, Div),
            b'%' => one(self, Mod),
            b'^' => one(self, Pow),
            b'=' => match self.peek_byte(1) {
                Some(b'=') => two(self, Eq),
                Some(b'~') => two(self, RegexEq),
                Some(b'>') => two(self, Arrow),
                _ => one(self, Assign),
            },
            b'!' => match self.peek_byte(1) {
                Some(b'=') => two(self, Neq),
                Some(b'~') => two(self, RegexNeq),
                _ => one(self, Illegal),
            },
            b'<' => match self.peek_byte(1) {
                Some(b'=') => two(self, Lte),
                Some(b'-') => two(self, PipeReceive),
                _ => one(self, Lt),
            },
            b'>' => match self.peek_byte(1) {
                Some(b'=') => two(self, Gte),
                _ => one(self, Gt),
            },
            b'|' => match self.peek_byte(1) {
                Some(b'>') => two(self, PipeForward),
                _ => one(self, Illegal),
            },
            b'(' => one(self, LParen),
            b')' => one(self, RParen),
            b'[' => one(self, LBrack),
            b']' => one(self, RBrack),
            b'{' => one(self, LBrace),
            b'}' => one(self, RBrace),
            b':' => one(self, Colon),
            b',' => one(self, Comma),
            b'.' => one(self, Dot),
            b'?' => one(self, QuestionMark),
            _ => {
                let end = self.ident_end(self.pos);
                if end > self.pos {
                    let kind = keyword(&self.text[self.pos..end]).unwrap_or(Ident);
                    self.pos = end;
                    kind
                } else {
                    // One whole character, never half of a multi-byte one.
                    let c = self.text[self.pos..].chars().next().expect("not at end");
                    self.pos += c.len_utf8();
                    self.looked(self.pos);
                    Illegal
                }
            }
        }
    }

    /// End of an identifier starting at `start` (a letter or `_`, then letters, digits, `_`);
    /// `start` itself when there is none.
    fn ident_end(&self, start: usize) -> usize {
        let mut chars = self.text[start..].char_indices();
        match chars.next() {
            Some((_, c)) if is_identifier_start(c) => {}
            Some((_, c)) => {
                self.looked(start + c.len_utf8());
                return start;
            }
            None => {
                self.looked(start + 1);
                return start;
            }
        }
        for (i, c) in chars {
            if !is_identifier_char(c) {
                self.looked(start + i + c.len_utf8());
                return start + i;
            }
        }
        // Ran into the end: appending text could make the identifier longer.
        self.looked(self.text.len() + 1);
        self.text.len()
    }

    fn digits_end(&self, mut i: usize) -> usize {
        while i < self.bytes.len() && self.bytes[i].is_ascii_digit() {
            i += 1;
        }
        self.looked(i + 1);
        i
    }

    /// Integers, floats, durations and date-times, by longest match.
    fn number(&mut self) -> TokenKind {
        let start = self.pos;
        let int_end = self.digits_end(start);
        let mut best = (int_end, TokenKind::Int);

        // float: digits "." digits? | "." digits
        self.looked(int_end + 1);
        if self.bytes.get(int_end) == Some(&b'.') {
            let frac_end = self.digits_end(int_end + 1);
            if int_end > start || frac_end > int_end + 1 {
                best = (frac_end, TokenKind::Float);
            }
        }
        if int_end > start {
            if let Some(end) = self.duration_end(start)
                && end > best.0
            {
                best = (end, TokenKind::Duration);
            }
            if let Some(end) = self.date_time_end(start)
                && end > best.0
            {
                best = (end, TokenKind::Time);
            }
        }
        self.pos = best.0;
        best.1
    }

    /// `(digits unit)+` where unit is one of y mo w d h m s ms us µs ns.
    fn duration_end(&self, start: usize) -> Option<usize> {
        let mut i = start;
        let mut end = None;
        loop {
            let digits = self.digits_end(i);
            if digits == i {
                return end;
            }
            let rest = &self.bytes[digits..];
            self.looked(digits + 3);
            let unit_len = if rest.starts_with(b"mo")
                || rest.starts_with(b"ms")
                || rest.starts_with(b"us")
                || rest.starts_with(b"ns")
            {
                2
            } else if rest.starts_with("µs".as_bytes()) {
                3
            } else if matches!(rest.first(), Some(b'y' | b'w' | b'd' | b'h' | b'm' | b's')) {
                1
            } else {
                return end;
            };
            i = digits + unit_len;
            end = Some(i);
        }
    }

    /// `dddd-dd-dd ( "T" dd:dd:dd ( "." digits* )? ( "Z" | [+-]dd:dd )? )?`
    fn date_time_end(&self, start: usize) -> Option<usize> {
        let b = self.bytes;
        let digit = |i: usize| {
            self.looked(i + 1);
            b.get(i).is_some_and(u8::is_ascii_digit)
        };
        let byte = |i: usize, c: u8| {
            self.looked(i + 1);
            b.get(i) == Some(&c)
        };
        let date_ok = (0..4).all(|k| digit(start + k))
            && byte(start + 4, b'-')
            && digit(start + 5)
            && digit(start + 6)
            && byte(start + 7, b'-')
            && digit(start + 8)
            && digit(start + 9);
        if !date_ok {
            return None;
        }
        let date_end = start + 10;
        let t = date_end;
        let time_ok = byte(t, b'T')
            && digit(t + 1)
            && digit(t + 2)
            && byte(t + 3, b':')
            && digit(t + 4)
            && digit(t + 5)
            && byte(t + 6, b':')
            && digit(t + 7)
            && digit(t + 8);
        if !time_ok {
            return Some(date_end);
        }
        let mut end = t + 9;
        if byte(end, b'.') {
            end = self.digits_end(end + 1);
        }
        if byte(end, b'Z') {
            end += 1;
        } else if (byte(end, b'+') || byte(end, b'-'))
            && digit(end + 1)
            && digit(end + 2)
            && byte(end + 3, b':')
            && digit(end + 4)
            && digit(end + 5)
        {
            end += 6;
        }
        Some(end)
    }

    /// The end of a string literal without interpolation starting at the current `"`, or
    /// `None` when the string has `${`, an undefined escape, or no closing quote; such a string
    /// is scanned part by part in [`Mode::String`].
    fn plain_string_end(&self) -> Option<usize> {
        let b = self.bytes;
        let mut i = self.pos + 1;
        // Escapes and `$` look at most three bytes past `i`.
        let end = loop {
            let Some(&c) = b.get(i) else { break None };
            match c {
                b'"' => break Some(i + 1),
                b'\\' => match valid_escape_len(&b[i..]) {
                    Some(len) => i += len,
                    None => break None,
                },
                b'$' => match b.get(i + 1) {
                    None | Some(b'{') => break None,
                    Some(b'"') => break Some(i + 2),
                    // `$` swallows the character after it, whatever it is.
                    Some(&next) => i += 1 + utf8_len(next),
                },
                c => i += utf8_len(c),
            }
        };
        self.looked(i + 4);
        end
    }

    /// The end of a regex literal starting at the current `/`: the first unescaped `/`,
    /// or, when there is none, the last escaped one (libflux's longest match).
    fn regex_end(&self) -> Option<usize> {
        let b = self.bytes;
        let start = self.pos + 1;
        let mut i = start;
        let mut last_escaped_slash = None;
        let end = loop {
            let Some(&c) = b.get(i) else { break last_escaped_slash };
            match c {
                b'/' => break if i > start { Some(i + 1) } else { None },
                b'\\' if b.get(i + 1) == Some(&b'/') => {
                    // `\/` may be an escape or a backslash followed by the closing slash.
                    last_escaped_slash = Some(i + 2);
                    i += 2;
                }
                c => i += utf8_len(c),
            }
        };
        self.looked(i + 2);
        end
    }

    /// Scans one part of a string in [`Mode::String`]; returns its kind and start.
    fn string_part(&mut self) -> (TokenKind, usize) {
        use TokenKind::*;
        let start = self.pos;
        let b = self.bytes;
        // Every early return below has looked at most four bytes past `start`.
        self.looked(start + 4);
        let Some(&first) = b.get(start) else {
            return (Eof, start);
        };
        match first {
            b'"' => {
                self.pos += 1;
                return (Quote, start);
            }
            b'$' if b.get(start + 1) == Some(&b'{') => {
                self.pos += 2;
                return (InterpStart, start);
            }
            b'\\' if valid_escape_len(&b[start..]).is_none() => {
                // The backslash and the character after it, if any.
                let next = b.get(start + 1).map_or(0, |&c| utf8_len(c));
                self.pos = (start + 1 + next).min(b.len());
                return (BadEscape, start);
            }
            _ => {}
        }
        let mut i = start;
        while i < b.len() {
            match b[i] {
                b'"' => break,
                b'\\' => match valid_escape_len(&b[i..]) {
                    Some(len) => i += len,
                    None => break,
                },
                b'$' => match b.get(i + 1) {
                    Some(b'{') => break,
                    // `$"`: the dollar is text and the quote closes the string.
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => i += 1 + utf8_len(c),
                    None => i += 1,
                },
                c => i += utf8_len(c),
            }
        }
        self.pos = i.min(b.len());
        self.looked(i + 4);
        (Text, start)
    }
}

/// Length of the escape sequence at the start of `b` (which starts with `\`), if Flux defines it.
fn valid_escape_len(b: &[u8]) -> Option<usize> {
    match b.get(1)? {
        b'n' | b'r' | b't' | b'\\' | b'"' => Some(2),
        b'$' if b.get(2) == Some(&b'{') => Some(3),
        b'x' if b.get(2).is_some_and(u8::is_ascii_hexdigit) && b.get(3).is_some_and(u8::is_ascii_hexdigit) => Some(4),
        _ => None,
    }
}

/// Length in bytes of the UTF-8 sequence that starts with `first`.
fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        // Continuation bytes never start a character in valid UTF-8; step over them singly.
        _ => 1,
    }
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::{Expect, expect};

    fn check(text: &str, mode: Mode, expect: Expect) {
        let mut lexer = Lexer::new(text);
        let mut out = String::new();
        loop {
            let token = lexer.next_token(mode);
            for c in &token.comments {
                out.push_str(&format!("Comment {:?}\n", c.text.trim_end()));
            }
            if token.kind == TokenKind::Eof {
                break;
            }
            out.push_str(&format!("{:?} {:?}\n", token.kind, &text[token.range]));
        }
        expect.assert_eq(&out);
    }

    #[test]
    fn numbers_by_longest_match() {
        check(
            "0 42 1. .5 3.25 1h30m 1mo2w 5µs 10ms 1mos 2020-01-01 2020-01-01T10:00:00Z 2020-01-01T10:00:00.123+07:00 2020-01-0 1e5",
            Mode::Normal,
            expect![[r#"
                Int "0"
                Int "42"
                Float "1."
                Float ".5"
                Float "3.25"
                Duration "1h30m"
                Duration "1mo2w"
                Duration "5µs"
                Duration "10ms"
                Duration "1mo"
                Ident "s"
                Time "2020-01-01"
                Time "2020-01-01T10:00:00Z"
                Time "2020-01-01T10:00:00.123+07:00"
                Int "2020"
                Sub "-"
                Int "01"
                Sub "-"
                Int "0"
                Int "1"
                Ident "e5"
            "#]],
        );
    }

    #[test]
    fn regex_only_where_an_operand_is_expected() {
        check(
            "a / b / c",
            Mode::Normal,
            expect![[r#"
                Ident "a"
                Div "/"
                Ident "b"
                Div "/"
                Ident "c"
            "#]],
        );
        check(
            r"/a\/b/ /x\/",
            Mode::Regex,
            expect![[r#"
                Regex "/a\\/b/"
                Regex "/x\\/"
            "#]],
        );
        // `//` is a comment even where a regex may start.
        check(
            "// note\n/x/",
            Mode::Regex,
            expect![[r#"
            Comment "// note"
            Regex "/x/"
        "#]],
        );
    }

    #[test]
    fn strings_plain_and_interpolated() {
        check(
            r#""plain \"q\" \${x} \x41 $a $" "has ${x}" "bad \q""#,
            Mode::Normal,
            expect![[r#"
                String "\"plain \\\"q\\\" \\${x} \\x41 $a $\""
                Quote "\""
                Ident "has"
                Illegal "$"
                LBrace "{"
                Ident "x"
                RBrace "}"
                String "\" \""
                Ident "bad"
                Illegal "\\"
                Ident "q"
                Quote "\""
            "#]],
        );
        check(
            r#"has ${x} \q $" tail"#,
            Mode::String,
            expect![[r#"
                Text "has "
                InterpStart "${"
                Text "x} "
                BadEscape "\\q"
                Text " $"
                Quote "\""
                Text " tail"
            "#]],
        );
    }

    #[test]
    fn keywords_operators_and_illegal_characters() {
        check(
            "and andy exists import @edition |> <- => =~ !~ != <= >= & ! | 'x' é_1",
            Mode::Normal,
            expect![[r#"
                And "and"
                Ident "andy"
                Exists "exists"
                Import "import"
                Attribute "@edition"
                PipeForward "|>"
                PipeReceive "<-"
                Arrow "=>"
                RegexEq "=~"
                RegexNeq "!~"
                Neq "!="
                Lte "<="
                Gte ">="
                Illegal "&"
                Illegal "!"
                Illegal "|"
                Illegal "'"
                Ident "x"
                Illegal "'"
                Ident "é_1"
            "#]],
        );
    }
}
