//! Expressions, from `if` down to primary expressions.

use smol_str::SmolStr;

use super::{Delim, Parsed, Parser, bad_expr};
use crate::TextRange;
use crate::ast::*;
use crate::error::{AT_RELATED, RelatedInfo, SyntaxErrorKind};
use crate::lexer::{Mode, Token, TokenKind};
use crate::literal;

fn binary_operator(kind: TokenKind) -> Option<Operator> {
    Some(match kind {
        TokenKind::Eq => Operator::Equal,
        TokenKind::Neq => Operator::NotEqual,
        TokenKind::Lt => Operator::LessThan,
        TokenKind::Lte => Operator::LessThanEqual,
        TokenKind::Gt => Operator::GreaterThan,
        TokenKind::Gte => Operator::GreaterThanEqual,
        TokenKind::RegexEq => Operator::RegexpMatch,
        TokenKind::RegexNeq => Operator::NotRegexpMatch,
        TokenKind::Add => Operator::Addition,
        TokenKind::Sub => Operator::Subtraction,
        TokenKind::Mul => Operator::Multiplication,
        TokenKind::Div => Operator::Division,
        TokenKind::Mod => Operator::Modulo,
        TokenKind::Pow => Operator::Power,
        _ => return None,
    })
}

/// Binary operator levels, loosest first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Comparison,
    Additive,
    Multiplicative,
    Exponent,
}

impl Level {
    fn of(op: Operator) -> Level {
        match op {
            Operator::Addition | Operator::Subtraction => Level::Additive,
            Operator::Multiplication | Operator::Division | Operator::Modulo => Level::Multiplicative,
            Operator::Power => Level::Exponent,
            _ => Level::Comparison,
        }
    }

    fn tighter(self) -> Option<Level> {
        match self {
            Level::Comparison => Some(Level::Additive),
            Level::Additive => Some(Level::Multiplicative),
            Level::Multiplicative => Some(Level::Exponent),
            Level::Exponent => None,
        }
    }
}

/// Tokens that may begin an expression (an operand, or a prefix operator).
pub(super) fn can_start_expression(kind: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        kind,
        Ident
            | Int
            | Float
            | String
            | Quote
            | Regex
            | Div
            | Time
            | Duration
            | PipeReceive
            | LParen
            | LBrack
            | LBrace
            | Dot
            | Add
            | Sub
            | Not
            | Exists
            | If
    )
}

impl Parser<'_> {
    pub(super) fn expression(&mut self) -> Parsed {
        self.nested(|p| p.conditional(), |p, range| (p.bad_expr_at(range), 1))
    }

    fn conditional(&mut self) -> Parsed {
        if !self.at(TokenKind::If) {
            return self.logical_or();
        }
        let if_token = self.bump();
        let (test, h1) = self.expression();
        let then_token = self.keyword_in_if(TokenKind::Then, "`then` after the condition", if_token.range);
        let (consequent, h2) = self.branch(then_token.is_some());
        let else_token =
            self.keyword_in_if(TokenKind::Else, "`else` and the value when the condition is false", if_token.range);
        let (alternate, h3) = self.branch(else_token.is_some());
        let range = if_token.range.cover(alternate.range()).cover(consequent.range());
        let expr = Expr::Conditional(Box::new(ConditionalExpr {
            base: Base::new(range),
            tk_if: if_token.comments,
            test,
            tk_then: then_token.map(|t| t.comments).unwrap_or_default(),
            consequent,
            tk_else: else_token.map(|t| t.comments).unwrap_or_default(),
            alternate,
        }));
        (expr, h1.max(h2).max(h3) + 1)
    }

    fn keyword_in_if(&mut self, kind: TokenKind, expected: &str, if_range: TextRange) -> Option<Token> {
        if self.at(kind) {
            return Some(self.bump());
        }
        let found = self.peek().clone();
        if found.kind == TokenKind::Illegal {
            self.illegal_character(&found);
        } else {
            let message =
                format!("expected {expected} of the `if` at {AT_RELATED}, found {}", self.describe_found(&found));
            let related = vec![RelatedInfo { range: if_range, message: "the `if` is here".to_owned() }];
            self.error_related(SyntaxErrorKind::UnexpectedToken, found.range, message, related);
        }
        // When the keyword comes later on the line, what stands before it is the mistake.
        if !self.starts_line(found.range.start) {
            self.skip_until(|k, starts_line| k == kind || starts_line);
            if self.at(kind) {
                return Some(self.bump());
            }
        }
        None
    }

    /// A branch of an `if`; when its keyword was missing, it is parsed only if an expression
    /// visibly follows.
    fn branch(&mut self, keyword_found: bool) -> Parsed {
        let kind = self.peek_kind();
        if keyword_found || (can_start_expression(kind) && !self.at_boundary()) {
            self.expression()
        } else {
            (bad_expr(TextRange::empty(self.peek().range.start), String::new()), 1)
        }
    }

    fn logical_or(&mut self) -> Parsed {
        let left = self.logical_and();
        self.or_suffix(left)
    }

    fn or_suffix(&mut self, mut left: Parsed) -> Parsed {
        while self.at(TokenKind::Or) {
            let op = self.bump();
            let right = self.logical_and();
            left = self.logical(op, LogicalOperator::Or, left, right);
        }
        left
    }

    fn logical_and(&mut self) -> Parsed {
        let left = self.unary_logical();
        self.and_suffix(left)
    }

    fn and_suffix(&mut self, mut left: Parsed) -> Parsed {
        while self.at(TokenKind::And) {
            let op = self.bump();
            let right = self.unary_logical();
            left = self.logical(op, LogicalOperator::And, left, right);
        }
        left
    }

    fn logical(&mut self, op: Token, operator: LogicalOperator, (left, lh): Parsed, (right, rh): Parsed) -> Parsed {
        let range = left.range().cover(right.range());
        let expr = Expr::Logical(Box::new(LogicalExpr {
            base: Base::with_comments(range, op.comments),
            operator,
            left,
            right,
        }));
        self.limit_height((expr, lh.max(rh) + 1))
    }

    /// `not` and `exists` prefixes, then a comparison.
    fn unary_logical(&mut self) -> Parsed {
        let mut prefixes = Vec::new();
        loop {
            let operator = match self.peek_kind() {
                TokenKind::Not => Operator::Not,
                TokenKind::Exists => Operator::Exists,
                _ => break,
            };
            prefixes.push((self.bump(), operator));
        }
        let operand = self.binary(Level::Comparison);
        self.apply_prefixes(prefixes, operand)
    }

    fn apply_prefixes(&mut self, prefixes: Vec<(Token, Operator)>, mut operand: Parsed) -> Parsed {
        for (token, operator) in prefixes.into_iter().rev() {
            let (argument, height) = operand;
            let range = token.range.cover(argument.range());
            let expr = Expr::Unary(Box::new(UnaryExpr {
                base: Base::with_comments(range, token.comments),
                operator,
                argument,
            }));
            operand = self.limit_height((expr, height + 1));
        }
        operand
    }

    /// A chain of binary operators of `level` or tighter.
    fn binary(&mut self, level: Level) -> Parsed {
        let left = match level.tighter() {
            Some(tighter) => self.binary(tighter),
            None => self.pipe(),
        };
        self.binary_suffix(level, left)
    }

    fn binary_suffix(&mut self, level: Level, mut left: Parsed) -> Parsed {
        loop {
            let Some(operator) = binary_operator(self.peek_kind()).filter(|&op| Level::of(op) == level) else {
                return left;
            };
            let op = self.bump();
            let (right, rh) = match level.tighter() {
                Some(tighter) => self.binary(tighter),
                None => self.pipe(),
            };
            let (l, lh) = left;
            let range = l.range().cover(right.range());
            let expr = Expr::Binary(Box::new(BinaryExpr {
                base: Base::with_comments(range, op.comments),
                operator,
                left: l,
                right,
            }));
            left = self.limit_height((expr, lh.max(rh) + 1));
        }
    }

    /// Continues an expression whose first operand, an identifier, is already parsed; used
    /// where libflux must look past an identifier before knowing what it starts.
    pub(super) fn expression_suffix(&mut self, first: Expr) -> Parsed {
        let expr = self.postfix_suffix((first, 1));
        let expr = self.pipe_suffix(expr);
        let expr = self.binary_suffix(Level::Exponent, expr);
        let expr = self.binary_suffix(Level::Multiplicative, expr);
        let expr = self.binary_suffix(Level::Additive, expr);
        let expr = self.binary_suffix(Level::Comparison, expr);
        let expr = self.and_suffix(expr);
        self.or_suffix(expr)
    }

    fn pipe(&mut self) -> Parsed {
        let left = self.unary();
        self.pipe_suffix(left)
    }

    fn pipe_suffix(&mut self, mut left: Parsed) -> Parsed {
        while self.at(TokenKind::PipeForward) {
            let op = self.bump();
            let dangling = self.at_boundary().then(|| self.peek().range);
            let (right, rh) = self.unary();
            let call = match right {
                Expr::Call(call) => *call,
                other => {
                    if let Some(next) = dangling {
                        let message = "expected a function call after `|>`, but the next statement begins".to_owned();
                        let related = vec![RelatedInfo { range: next, message: "the next statement".to_owned() }];
                        self.error_related(SyntaxErrorKind::InvalidPipe, op.range, message, related);
                    } else if !matches!(other, Expr::Bad(_)) {
                        let text = &self.text[other.range()];
                        let message = match other {
                            Expr::Identifier(_) | Expr::Member(_) => {
                                format!("the right side of `|>` must be a function call: write `{text}()`")
                            }
                            _ => format!("the right side of `|>` must be a function call, found `{text}`"),
                        };
                        self.error(SyntaxErrorKind::InvalidPipe, other.range(), message);
                    }
                    CallExpr {
                        base: Base::new(other.range()),
                        callee: other,
                        lparen: Comments::default(),
                        arguments: Vec::new(),
                        rparen: Comments::default(),
                    }
                }
            };
            let (argument, lh) = left;
            let range = argument.range().cover(call.base.range);
            let expr = Expr::Pipe(Box::new(PipeExpr { base: Base::with_comments(range, op.comments), argument, call }));
            left = self.limit_height((expr, lh.max(rh) + 1));
        }
        left
    }

    /// `+` and `-` prefixes, then a postfix expression.
    fn unary(&mut self) -> Parsed {
        let mut prefixes = Vec::new();
        loop {
            let operator = match self.peek_kind() {
                TokenKind::Add => Operator::Addition,
                TokenKind::Sub => Operator::Subtraction,
                _ => break,
            };
            prefixes.push((self.bump(), operator));
        }
        let operand = self.postfix();
        self.apply_prefixes(prefixes, operand)
    }

    fn postfix(&mut self) -> Parsed {
        let primary = self.primary();
        self.postfix_suffix(primary)
    }

    fn postfix_suffix(&mut self, mut expr: Parsed) -> Parsed {
        loop {
            expr = match self.peek_kind() {
                TokenKind::Dot => self.member(expr),
                TokenKind::LParen => self.call(expr),
                TokenKind::LBrack => self.index(expr),
                _ => return expr,
            };
            expr = self.limit_height(expr);
        }
    }

    fn member(&mut self, (object, height): Parsed) -> Parsed {
        let dot = self.bump();
        let property = if self.at(TokenKind::Ident) {
            self.identifier("a property name")
        } else {
            let found = self.peek().clone();
            self.expected("a property name after `.`", &found);
            // An empty name right after the dot keeps `r.` in the tree for completion.
            Identifier { base: Base::new(TextRange::empty(dot.range.end)), name: SmolStr::default() }
        };
        let range = object.range().cover(property.base.range).cover(dot.range);
        let expr = Expr::Member(Box::new(MemberExpr {
            base: Base::new(range),
            object,
            lbrack: dot.comments,
            property: PropertyKey::Identifier(property),
            rbrack: Comments::default(),
        }));
        (expr, height + 1)
    }

    fn call(&mut self, (callee, height): Parsed) -> Parsed {
        let lparen = self.bump();
        self.open(Delim::Paren);
        let errors_before = self.errors.len();
        let (arguments, args_height) = self.property_list(None, Delim::Paren, "call");
        let rparen = self.close(Delim::Paren, lparen.range, "call");
        let end = rparen.as_ref().map_or(self.prev_end, |t| t.range.end);
        let range = TextRange::new(callee.range().start, end);
        self.check_record_properties(&arguments, errors_before);
        let expr = Expr::Call(Box::new(CallExpr {
            base: Base::new(range),
            callee,
            lparen: lparen.comments,
            arguments,
            rparen: rparen.map(|t| t.comments).unwrap_or_default(),
        }));
        // A call's arguments sit inside a record node in libflux's tree: two levels.
        (expr, height.max(args_height + 1) + 1)
    }

    fn index(&mut self, (object, height): Parsed) -> Parsed {
        let lbrack = self.bump();
        self.open(Delim::Brack);
        let (index, index_height) = if self.at(TokenKind::RBrack) {
            let found = self.peek().clone();
            self.error(
                SyntaxErrorKind::UnexpectedToken,
                lbrack.range.cover(found.range),
                "expected an index or a quoted property name inside `[]`".to_owned(),
            );
            (bad_expr(TextRange::empty(found.range.start), String::new()), 1)
        } else {
            self.expression()
        };
        let rbrack = self.close(Delim::Brack, lbrack.range, "index expression");
        let end = rbrack.as_ref().map_or(self.prev_end, |t| t.range.end);
        let range = TextRange::new(object.range().start, end);
        let rbrack = rbrack.map(|t| t.comments).unwrap_or_default();
        let expr = match index {
            Expr::String(key) => Expr::Member(Box::new(MemberExpr {
                base: Base::new(range),
                object,
                lbrack: lbrack.comments,
                property: PropertyKey::StringLit(key),
                rbrack,
            })),
            index => Expr::Index(Box::new(IndexExpr {
                base: Base::new(range),
                array: object,
                lbrack: lbrack.comments,
                index,
                rbrack,
            })),
        };
        (expr, height.max(index_height) + 1)
    }

    pub(super) fn primary(&mut self) -> Parsed {
        let kind = self.peek_operand().kind;
        match kind {
            TokenKind::Ident => {
                let id = self.identifier("an identifier");
                (Expr::Identifier(id), 1)
            }
            TokenKind::Int => {
                let token = self.bump();
                let value = match literal::integer(&self.text[token.range]) {
                    Ok(v) => v,
                    Err(message) => {
                        self.literal_error(SyntaxErrorKind::InvalidNumber, token.range, message);
                        0
                    }
                };
                (Expr::Integer(IntegerLit { base: Base::with_comments(token.range, token.comments), value }), 1)
            }
            TokenKind::Float => {
                let token = self.bump();
                let value = match literal::float(&self.text[token.range]) {
                    Ok(v) => v,
                    Err(message) => {
                        self.literal_error(SyntaxErrorKind::InvalidNumber, token.range, message);
                        0.0
                    }
                };
                (
                    Expr::Float(FloatLit {
                        base: Base::with_comments(token.range, token.comments),
                        bits: value.to_bits(),
                    }),
                    1,
                )
            }
            TokenKind::String => {
                let token = self.bump();
                (Expr::String(self.string_lit(token)), 1)
            }
            TokenKind::Quote => {
                let quote = self.bump();
                self.string_expression(quote)
            }
            TokenKind::Regex => {
                let token = self.bump();
                let value = match literal::regex_pattern(&self.text[token.range]) {
                    Ok(v) => v,
                    Err(message) => {
                        self.literal_error(SyntaxErrorKind::InvalidRegex, token.range, message);
                        String::new()
                    }
                };
                (Expr::Regexp(RegexpLit { base: Base::with_comments(token.range, token.comments), value }), 1)
            }
            TokenKind::Time => {
                let token = self.bump();
                match literal::date_time(&self.text[token.range]) {
                    Ok(value) => (
                        Expr::DateTime(DateTimeLit { base: Base::with_comments(token.range, token.comments), value }),
                        1,
                    ),
                    Err(message) => {
                        self.literal_error(SyntaxErrorKind::InvalidDateTime, token.range, message);
                        (self.bad_expr_at(token.range), 1)
                    }
                }
            }
            TokenKind::Duration => {
                let token = self.bump();
                match literal::duration(&self.text[token.range]) {
                    Ok(values) => (
                        Expr::Duration(DurationLit { base: Base::with_comments(token.range, token.comments), values }),
                        1,
                    ),
                    Err(message) => {
                        self.literal_error(SyntaxErrorKind::InvalidDuration, token.range, message);
                        (self.bad_expr_at(token.range), 1)
                    }
                }
            }
            TokenKind::PipeReceive => {
                let token = self.bump();
                if !std::mem::take(&mut self.pipe_literal_allowed) {
                    self.literal_error(
                        SyntaxErrorKind::UnexpectedToken,
                        token.range,
                        "`<-` can only be the default of a function parameter, as in `(tables=<-) => ...`".to_owned(),
                    );
                }
                (Expr::PipeLit(PipeLit { base: Base::with_comments(token.range, token.comments) }), 1)
            }
            TokenKind::LBrack => self.array_or_dict(),
            TokenKind::LBrace => self.record(),
            TokenKind::LParen => self.paren_or_function(),
            TokenKind::Dot => {
                let label = self.label();
                (Expr::Label(label), 1)
            }
            _ => {
                let found = self.peek().clone();
                self.expected("an expression", &found);
                (bad_expr(TextRange::empty(found.range.start), String::new()), 1)
            }
        }
    }

    pub(super) fn string_lit(&mut self, token: Token) -> StringLit {
        let text = &self.text[token.range];
        let value = match literal::unescape_string(&text[1..text.len() - 1]) {
            Ok(v) => v,
            Err(message) => {
                self.literal_error(SyntaxErrorKind::InvalidEscape, token.range, message);
                String::new()
            }
        };
        StringLit { base: Base::with_comments(token.range, token.comments), value }
    }

    /// A string with `${}` interpolation (or with a mistake), scanned part by part after its
    /// opening quote.
    pub(super) fn string_expression(&mut self, quote: Token) -> Parsed {
        debug_assert!(self.peeked.is_none(), "the opening quote was consumed");
        let mut parts = Vec::new();
        let mut height = 0;
        let end;
        loop {
            let token = self.lexer.next_token(Mode::String);
            match token.kind {
                TokenKind::Text => {
                    self.prev_end = token.range.end;
                    let value = match literal::unescape_string(&self.text[token.range]) {
                        Ok(v) => v,
                        Err(message) => {
                            self.literal_error(SyntaxErrorKind::InvalidEscape, token.range, message);
                            self.text[token.range].to_owned()
                        }
                    };
                    parts.push(StringExprPart::Text(TextPart { base: Base::new(token.range), value }));
                }
                TokenKind::BadEscape => {
                    self.prev_end = token.range.end;
                    let raw = &self.text[token.range];
                    self.literal_error(
                        SyntaxErrorKind::InvalidEscape,
                        token.range,
                        format!(
                            "invalid escape sequence `{raw}`: Flux strings know `\\n`, `\\r`, `\\t`, `\\\\`, `\\\"`, `\\${{` and `\\xHH`"
                        ),
                    );
                    parts.push(StringExprPart::Text(TextPart { base: Base::new(token.range), value: raw.to_owned() }));
                }
                TokenKind::InterpStart => {
                    self.prev_end = token.range.end;
                    let (expression, h) = self.expression();
                    height = height.max(h + 1);
                    let close = if self.at(TokenKind::RBrace) {
                        Some(self.bump())
                    } else {
                        let found = self.peek().clone();
                        let message = format!(
                            "expected `}}` to close the interpolation opened at {AT_RELATED}, found {}",
                            self.describe_found(&found)
                        );
                        let related = vec![RelatedInfo {
                            range: token.range,
                            message: "the interpolation opens here".to_owned(),
                        }];
                        self.error_related(SyntaxErrorKind::UnclosedDelimiter, found.range, message, related);
                        self.skip_until(|k, _| k == TokenKind::RBrace);
                        self.eat(TokenKind::RBrace)
                    };
                    let part_end = close.as_ref().map_or(self.prev_end, |t| t.range.end);
                    let missing = close.is_none();
                    parts.push(StringExprPart::Interpolated(InterpolatedPart {
                        base: Base::new(TextRange::new(token.range.start, part_end)),
                        expression,
                        rbrace: close.map(|t| t.comments).unwrap_or_default(),
                    }));
                    if missing {
                        // The string's end cannot be found any more.
                        end = self.prev_end;
                        break;
                    }
                }
                TokenKind::Quote => {
                    self.prev_end = token.range.end;
                    end = token.range.end;
                    break;
                }
                _ => {
                    self.error(
                        SyntaxErrorKind::UnterminatedString,
                        quote.range,
                        "unterminated string: the closing `\"` is missing".to_owned(),
                    );
                    end = self.prev_end.max(quote.range.end);
                    break;
                }
            }
        }
        let range = TextRange::new(quote.range.start, end);
        (Expr::StringExpr(Box::new(StringExpr { base: Base::with_comments(range, quote.comments), parts })), height + 1)
    }

    /// Consumes a string scanned part by part, for error recovery.
    pub(super) fn skip_string(&mut self, quote: Token) {
        let _ = self.string_expression(quote);
    }

    /// `.name` or `."name"`.
    pub(super) fn label(&mut self) -> LabelLit {
        let dot = self.bump();
        let (value, end, name) = match self.peek_kind() {
            TokenKind::Ident => {
                let token = self.bump();
                (SmolStr::new(&self.text[token.range]), token.range.end, token.comments)
            }
            TokenKind::String => {
                let mut token = self.bump();
                let end = token.range.end;
                let comments = std::mem::take(&mut token.comments);
                (SmolStr::new(self.string_lit(token).value), end, comments)
            }
            _ => {
                let found = self.peek().clone();
                self.expected("a label name after `.`", &found);
                (SmolStr::default(), dot.range.end, Comments::default())
            }
        };
        LabelLit { base: Base::new(TextRange::new(dot.range.start, end)), dot: dot.comments, value, name }
    }

    fn array_or_dict(&mut self) -> Parsed {
        let lbrack = self.bump();
        self.open(Delim::Brack);
        match self.peek_kind() {
            TokenKind::Colon => {
                let colon = self.bump();
                let rbrack = self.close(Delim::Brack, lbrack.range, "dictionary");
                let end = rbrack.as_ref().map_or(self.prev_end, |t| t.range.end);
                let expr = Expr::Dict(Box::new(DictExpr {
                    base: Base::new(TextRange::new(lbrack.range.start, end)),
                    lbrack: lbrack.comments,
                    elements: Vec::new(),
                    empty_colon: colon.comments,
                    rbrack: rbrack.map(|t| t.comments).unwrap_or_default(),
                }));
                (expr, 1)
            }
            TokenKind::RBrack => {
                let rbrack = self.close(Delim::Brack, lbrack.range, "array");
                let end = rbrack.as_ref().map_or(self.prev_end, |t| t.range.end);
                let expr = Expr::Array(Box::new(ArrayExpr {
                    base: Base::new(TextRange::new(lbrack.range.start, end)),
                    lbrack: lbrack.comments,
                    elements: Vec::new(),
                    rbrack: rbrack.map(|t| t.comments).unwrap_or_default(),
                }));
                (expr, 1)
            }
            _ => {
                let first = self.expression();
                if let Some(colon) = self.eat(TokenKind::Colon) {
                    let value = self.expression();
                    self.dict_rest(lbrack, first, colon, value)
                } else {
                    self.array_rest(lbrack, first)
                }
            }
        }
    }

    fn array_rest(&mut self, lbrack: Token, (first, first_height): Parsed) -> Parsed {
        let first = ArrayItem { expression: first, comma: Comments::default() };
        let (elements, rbrack, height) = self.bracket_list_rest(
            lbrack.range,
            ("array", "array element", "array elements"),
            first,
            |p| {
                let (expression, h) = p.expression();
                (ArrayItem { expression, comma: Comments::default() }, h)
            },
            |item| &mut item.comma,
        );
        let end = rbrack.as_ref().map_or(self.prev_end, |t| t.range.end);
        let expr = Expr::Array(Box::new(ArrayExpr {
            base: Base::new(TextRange::new(lbrack.range.start, end)),
            lbrack: lbrack.comments,
            elements,
            rbrack: rbrack.map(|t| t.comments).unwrap_or_default(),
        }));
        (expr, first_height.max(height) + 1)
    }

    fn dict_rest(&mut self, lbrack: Token, (key, kh): Parsed, colon: Token, (val, vh): Parsed) -> Parsed {
        let first = DictItem { key, colon: colon.comments, val, comma: Comments::default() };
        let (elements, rbrack, height) = self.bracket_list_rest(
            lbrack.range,
            ("dictionary", "dictionary entry", "dictionary entries"),
            first,
            |p| {
                let (key, kh) = p.expression();
                let colon = p.expect_token(TokenKind::Colon, "`:` between the dictionary key and its value");
                let (val, vh) = p.expression();
                let colon = colon.map(|t| t.comments).unwrap_or_default();
                (DictItem { key, colon, val, comma: Comments::default() }, kh.max(vh))
            },
            |item| &mut item.comma,
        );
        let end = rbrack.as_ref().map_or(self.prev_end, |t| t.range.end);
        let expr = Expr::Dict(Box::new(DictExpr {
            base: Base::new(TextRange::new(lbrack.range.start, end)),
            lbrack: lbrack.comments,
            elements,
            empty_colon: Comments::default(),
            rbrack: rbrack.map(|t| t.comments).unwrap_or_default(),
        }));
        (expr, kh.max(vh).max(height) + 1)
    }

    /// The rest of an array or dictionary literal after its first element, and its `]`.
    /// libflux requires a `,` after the first element and tolerates missing ones after that
    /// (a warning here). `words` names the construct, one element and several elements.
    fn bracket_list_rest<T>(
        &mut self,
        lbrack: TextRange,
        (construct, element, elements_word): (&str, &str, &str),
        first: T,
        mut parse_element: impl FnMut(&mut Self) -> (T, u32),
        comma_of: impl Fn(&mut T) -> &mut Comments,
    ) -> (Vec<T>, Option<Token>, u32) {
        let mut elements = vec![first];
        let mut height = 0;
        // A missing first comma is an error (unlike later ones); where the next line starts
        // like a statement, what is missing is more likely the closing bracket.
        let mut rest = !self.at(TokenKind::RBrack);
        if rest {
            if let Some(comma) = self.eat(TokenKind::Comma) {
                *comma_of(&mut elements[0]) = comma.comments;
            } else if self.at_boundary() {
                rest = false;
            } else {
                let found = self.peek().clone();
                self.expected(&format!("`,` or `]` after the {element}"), &found);
                if !can_start_expression(found.kind) {
                    self.skip_until(|k, _| k == TokenKind::Comma || k == TokenKind::RBrack);
                    if let Some(comma) = self.eat(TokenKind::Comma) {
                        *comma_of(&mut elements[0]) = comma.comments;
                    }
                }
            }
        }
        let mut closed_early = false;
        if rest {
            let mut suspect = None;
            let mut comma_before = true;
            while self.more() {
                if suspect.is_none() && !comma_before && self.at_boundary() {
                    suspect = Some(self.suspect_unclosed());
                }
                let before = self.peek().range.start;
                let (mut item, h) = parse_element(self);
                height = height.max(h);
                comma_before = match self.eat(TokenKind::Comma) {
                    Some(comma) => {
                        *comma_of(&mut item) = comma.comments;
                        true
                    }
                    None => {
                        self.missing_separator(elements_word);
                        false
                    }
                };
                elements.push(item);
                if let Some(s) = &suspect
                    && self.blame_unclosed(s, Delim::Brack, lbrack, construct)
                {
                    closed_early = true;
                    break;
                }
                self.ensure_progress(before);
            }
        }
        let rbrack = if closed_early { None } else { self.close(Delim::Brack, lbrack, construct) };
        (elements, rbrack, height)
    }

    /// Warns about a `,` missing between two list elements where libflux accepts it.
    pub(super) fn missing_separator(&mut self, elements: &str) {
        if self.more() && !self.at_boundary() && can_start_expression(self.peek_kind()) {
            let at = TextRange::empty(self.prev_end);
            self.error(SyntaxErrorKind::MissingSeparator, at, format!("missing `,` between {elements}"));
        }
    }

    /// Makes a list loop advance when its element consumed nothing (the error is reported).
    pub(super) fn ensure_progress(&mut self, before: u32) {
        if self.peek().range.start == before && self.more() {
            self.bump();
        }
    }

    fn record(&mut self) -> Parsed {
        let lbrace = self.bump();
        self.open(Delim::Brace);
        let errors_before = self.errors.len();
        let mut with = None;
        let (properties, height) = match self.peek_kind() {
            TokenKind::Ident => {
                let id = self.identifier("a property name");
                if self.at(TokenKind::Dot) && self.rest_of_line().contains(" with ") {
                    let dot = self.peek().range;
                    let message = format!(
                        "`with` extends a record named by a plain identifier: assign `{}...` to a name first",
                        id.name
                    );
                    self.error(SyntaxErrorKind::UnexpectedToken, dot, message);
                }
                if self.at(TokenKind::Ident) {
                    let word = self.bump();
                    if &self.text[word.range] != "with" {
                        let message = format!(
                            "expected `with`, `:` or `,` after `{}`, found `{}`",
                            id.name, &self.text[word.range]
                        );
                        self.error(SyntaxErrorKind::UnexpectedToken, word.range, message);
                    }
                    with = Some(WithSource { source: id, with: word.comments });
                    self.property_list(None, Delim::Brace, "record")
                } else {
                    self.property_list(Some(PropertyKey::Identifier(id)), Delim::Brace, "record")
                }
            }
            TokenKind::String => {
                let token = self.bump();
                let key = self.string_lit(token);
                self.property_list(Some(PropertyKey::StringLit(key)), Delim::Brace, "record")
            }
            _ => self.property_list(None, Delim::Brace, "record"),
        };
        let rbrace = self.close(Delim::Brace, lbrace.range, "record");
        let end = rbrace.as_ref().map_or(self.prev_end, |t| t.range.end);
        self.check_record_properties(&properties, errors_before);
        let expr = Expr::Object(Box::new(ObjectExpr {
            base: Base::new(TextRange::new(lbrace.range.start, end)),
            lbrace: lbrace.comments,
            with,
            properties,
            rbrace: rbrace.map(|t| t.comments).unwrap_or_default(),
        }));
        (expr, height + 1)
    }

    /// Records (and call arguments, which are records) either use the `{a}` shorthand for
    /// every property or for none, and a string key always needs a value. Skipped when the
    /// record already has a syntax error, which is the better explanation.
    fn check_record_properties(&mut self, properties: &[Property], errors_before: usize) {
        if self.errors[errors_before..].iter().any(|e| e.severity() == crate::Severity::Error) {
            return;
        }
        let explicit = properties.iter().any(|p| p.value.is_some());
        for p in properties {
            if p.value.is_some() || p.key.name().is_empty() {
                continue;
            }
            match &p.key {
                PropertyKey::StringLit(s) => {
                    let message =
                        format!("the string key \"{}\" needs a value: write `\"{}\": value`", s.value, s.value);
                    self.literal_error(SyntaxErrorKind::InvalidRecord, p.base.range, message);
                    return;
                }
                PropertyKey::Identifier(id) if explicit => {
                    let message = format!(
                        "`{0}` is a shorthand property among `key: value` properties; write `{0}: {0}`, or use the shorthand for every property",
                        id.name
                    );
                    self.literal_error(SyntaxErrorKind::InvalidRecord, p.base.range, message);
                    return;
                }
                PropertyKey::Identifier(_) => {}
            }
        }
    }

    /// Properties up to the closing bracket of `delim`; `first` is a key already parsed.
    /// Returns the properties and the height of the tallest.
    fn property_list(&mut self, mut first: Option<PropertyKey>, delim: Delim, construct: &str) -> (Vec<Property>, u32) {
        let mut properties: Vec<Property> = Vec::new();
        let mut height = 0;
        let closer = delim.closer();
        let (item, items) = if construct == "call" { ("argument", "arguments") } else { ("property", "properties") };
        loop {
            if first.is_none() && !self.more() {
                break;
            }
            let before = self.peek().range.start;
            let property = match first.take() {
                Some(key) => Some(self.property_suffix(key)),
                None => match self.peek_kind() {
                    TokenKind::Ident => {
                        let id = self.identifier("a property name");
                        Some(self.property_suffix(PropertyKey::Identifier(id)))
                    }
                    TokenKind::String => {
                        let token = self.bump();
                        let key = self.string_lit(token);
                        Some(self.property_suffix(PropertyKey::StringLit(key)))
                    }
                    _ => self.invalid_property(construct),
                },
            };
            if let Some((property, h)) = property {
                height = height.max(h);
                properties.push(property);
            }
            if !self.more() {
                break;
            }
            if let Some(comma) = self.eat(TokenKind::Comma) {
                if let Some(last) = properties.last_mut() {
                    last.comma = comma.comments;
                }
                continue;
            }
            if self.at_boundary() {
                break; // The caller reports the unclosed bracket.
            }
            let found = self.peek().clone();
            if matches!(found.kind, TokenKind::Ident | TokenKind::String) {
                self.expected(&format!("`,` between {items}"), &found);
                continue;
            }
            self.expected(&format!("`,` or {} after this {item}", closer.describe()), &found);
            self.skip_until(|k, _| k == TokenKind::Comma || k == closer);
            if let Some(comma) = self.eat(TokenKind::Comma) {
                if let Some(last) = properties.last_mut() {
                    last.comma = comma.comments;
                }
                continue;
            }
            if self.peek().range.start == before {
                break;
            }
        }
        (properties, height + 1)
    }

    /// `key` followed by an optional `: value`.
    fn property_suffix(&mut self, key: PropertyKey) -> (Property, u32) {
        if self.at(TokenKind::Assign) && !key.name().is_empty() {
            // `name = value` where `name: value` was meant: say so, and read it as intended.
            let assign = self.peek().clone();
            let message = format!("expected `:` after `{}`, found `=`: write `{}: value`", key.name(), key.name());
            self.error(SyntaxErrorKind::UnexpectedToken, assign.range, message);
        }
        let Some(colon) = self.eat(TokenKind::Colon).or_else(|| self.eat(TokenKind::Assign)) else {
            let base = Base::new(key.range());
            return (
                Property { base, key, separator: Comments::default(), value: None, comma: Comments::default() },
                1,
            );
        };
        let (value, height) = if self.more() && !self.at(TokenKind::Comma) {
            self.expression()
        } else {
            let found = self.peek().clone();
            let message = format!("expected a value after `{}:`, found {}", key.name(), self.describe_found(&found));
            self.error(SyntaxErrorKind::UnexpectedToken, found.range, message);
            (bad_expr(TextRange::empty(found.range.start), String::new()), 1)
        };
        let range = key.range().cover(value.range());
        (
            Property {
                base: Base::new(range),
                key,
                separator: colon.comments,
                value: Some(value),
                comma: Comments::default(),
            },
            height + 1,
        )
    }

    /// Where a property name should be but is not.
    fn invalid_property(&mut self, construct: &str) -> Option<(Property, u32)> {
        let found = self.peek().clone();
        match found.kind {
            TokenKind::Comma => {
                self.error(SyntaxErrorKind::UnexpectedToken, found.range, "expected a property before `,`".to_owned());
                None
            }
            TokenKind::Colon => {
                self.error(
                    SyntaxErrorKind::UnexpectedToken,
                    found.range,
                    "expected a property name before `:`".to_owned(),
                );
                let key = PropertyKey::Identifier(Identifier {
                    base: Base::new(TextRange::empty(found.range.start)),
                    name: SmolStr::default(),
                });
                Some(self.property_suffix(key))
            }
            TokenKind::Illegal => {
                self.illegal_character(&found);
                self.skip_until(|k, _| matches!(k, TokenKind::Comma | TokenKind::Colon));
                None
            }
            kind => {
                if construct == "call" && can_start_expression(kind) {
                    let message = format!(
                        "Flux arguments are named: expected `name: value`, found {}",
                        self.describe_found(&found)
                    );
                    self.error(SyntaxErrorKind::UnexpectedToken, found.range, message);
                } else {
                    self.expected("a property name", &found);
                }
                self.skip_until(|k, _| matches!(k, TokenKind::Comma | TokenKind::Colon));
                if self.at(TokenKind::Colon) {
                    let key = PropertyKey::Identifier(Identifier {
                        base: Base::new(TextRange::empty(found.range.start)),
                        name: SmolStr::default(),
                    });
                    return Some(self.property_suffix(key));
                }
                None
            }
        }
    }

    fn paren_or_function(&mut self) -> Parsed {
        let lparen = self.bump();
        self.open(Delim::Paren);
        match self.peek_kind() {
            TokenKind::RParen => {
                let rparen = self.close(Delim::Paren, lparen.range, "parameter list");
                self.function_rest(lparen, rparen, Vec::new(), 1)
            }
            TokenKind::Ident => {
                let id = self.identifier("a parameter name");
                self.paren_ident(lparen, id)
            }
            _ => {
                let (expression, height) = self.expression();
                let rparen = self.close(Delim::Paren, lparen.range, "parenthesized expression");
                self.paren(lparen, expression, rparen, height)
            }
        }
    }

    fn paren(&mut self, lparen: Token, expression: Expr, rparen: Option<Token>, height: u32) -> Parsed {
        let end = rparen.as_ref().map_or(self.prev_end, |t| t.range.end);
        let expr = Expr::Paren(Box::new(ParenExpr {
            base: Base::new(TextRange::new(lparen.range.start, end)),
            lparen: lparen.comments,
            expression,
            rparen: rparen.map(|t| t.comments).unwrap_or_default(),
        }));
        (expr, height + 1)
    }

    /// After `(` and an identifier: a parameter list or a parenthesized expression.
    fn paren_ident(&mut self, lparen: Token, id: Identifier) -> Parsed {
        match self.peek_kind() {
            TokenKind::RParen => {
                let rparen = self.close(Delim::Paren, lparen.range, "parenthesized expression");
                if self.at(TokenKind::Arrow) {
                    let param = parameter(id, None, Comments::default());
                    self.function_rest(lparen, rparen, vec![param], 2)
                } else {
                    self.paren(lparen, Expr::Identifier(id), rparen, 1)
                }
            }
            TokenKind::Assign => {
                let assign = self.bump();
                let (default, h) = self.parameter_default();
                let mut params = vec![parameter(id, Some(default), assign.comments)];
                let mut height = h + 1;
                if let Some(comma) = self.eat(TokenKind::Comma) {
                    params[0].comma = comma.comments;
                    let (more, h) = self.parameter_list();
                    params.extend(more);
                    height = height.max(h);
                }
                let rparen = self.close(Delim::Paren, lparen.range, "parameter list");
                self.function_rest(lparen, rparen, params, height + 1)
            }
            TokenKind::Comma => {
                let comma = self.bump();
                let mut first = parameter(id, None, Comments::default());
                first.comma = comma.comments;
                let (more, height) = self.parameter_list();
                let mut params = vec![first];
                params.extend(more);
                let rparen = self.close(Delim::Paren, lparen.range, "parameter list");
                self.function_rest(lparen, rparen, params, height.max(1) + 1)
            }
            _ => {
                let (expression, height) = self.expression_suffix(Expr::Identifier(id));
                let rparen = self.close(Delim::Paren, lparen.range, "parenthesized expression");
                self.paren(lparen, expression, rparen, height)
            }
        }
    }

    /// `name [= default]` separated by commas, up to `)`.
    fn parameter_list(&mut self) -> (Vec<Property>, u32) {
        let mut params: Vec<Property> = Vec::new();
        let mut height = 1;
        while self.more() {
            let before = self.peek().range.start;
            let id = self.identifier("a parameter name");
            let mut param = if let Some(assign) = self.eat(TokenKind::Assign) {
                let (default, h) = self.parameter_default();
                height = height.max(h + 1);
                parameter(id, Some(default), assign.comments)
            } else {
                parameter(id, None, Comments::default())
            };
            if let Some(comma) = self.eat(TokenKind::Comma) {
                param.comma = comma.comments;
            } else if self.at(TokenKind::Ident) && !self.at_boundary() {
                let at = TextRange::empty(self.prev_end);
                self.error(SyntaxErrorKind::MissingSeparator, at, "missing `,` between parameters".to_owned());
            }
            params.push(param);
            if self.peek().range.start == before {
                if !self.at_boundary() {
                    self.skip_until(|k, _| k == TokenKind::Comma || k == TokenKind::RParen);
                    self.eat(TokenKind::Comma);
                }
                if self.peek().range.start == before {
                    break;
                }
            }
        }
        (params, height)
    }

    /// Whether the `{` that is next starts something no block can start: `{a: ...`, `{a, ...`
    /// or `{r with ...`, a record meant as a function's result.
    fn block_looks_like_record(&mut self) -> bool {
        let text = self.text;
        match self.peek_further(2).as_slice() {
            [first, second] => match (first.kind, second.kind) {
                (TokenKind::Ident | TokenKind::String, TokenKind::Colon) | (TokenKind::Ident, TokenKind::Comma) => true,
                (TokenKind::Ident, TokenKind::Ident) => &text[second.range] == "with",
                _ => false,
            },
            _ => false,
        }
    }

    /// The source from the next token to the end of its line.
    fn rest_of_line(&mut self) -> &str {
        let start = self.peek().range.start as usize;
        let end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        // Read past the lexer: a dependency the lexer must know of (the line break, or the end).
        self.lexer.looked(end + 1);
        &self.text[start..end]
    }

    /// The default of a function parameter, the one place where `<-` may stand.
    fn parameter_default(&mut self) -> Parsed {
        self.pipe_literal_allowed = self.at(TokenKind::PipeReceive);
        let default = self.expression();
        self.pipe_literal_allowed = false;
        default
    }

    /// `=> body` after a parameter list.
    fn function_rest(
        &mut self,
        lparen: Token,
        rparen: Option<Token>,
        params: Vec<Property>,
        params_height: u32,
    ) -> Parsed {
        let arrow = if self.at(TokenKind::Arrow) {
            Some(self.bump())
        } else {
            let found = self.peek().clone();
            let expected = if params.is_empty() {
                "`=>`: `()` can only start a function, as in `() => expression`"
            } else {
                "`=>` after the function's parameters"
            };
            self.expected(expected, &found);
            None
        };
        let (body, body_height) =
            if arrow.is_none() && !can_start_expression(self.peek_kind()) && !self.at(TokenKind::LBrace) {
                let at = TextRange::empty(self.peek().range.start);
                (FunctionBody::Expr(bad_expr(at, String::new())), 1)
            } else if self.at(TokenKind::LBrace) && self.block_looks_like_record() {
                let lbrace = self.peek().range;
                let message = "`=> {` starts a block: a function that returns a record needs parentheses, `=> ({...})`";
                self.error(SyntaxErrorKind::UnexpectedToken, lbrace, message.to_owned());
                let (record, h) = self.record();
                (FunctionBody::Expr(record), h)
            } else if self.at(TokenKind::LBrace) {
                let (block, h) = self.block("function body");
                (FunctionBody::Block(block), h)
            } else {
                let (expr, h) = self.expression();
                (FunctionBody::Expr(expr), h)
            };
        let range = lparen.range.cover(body.range());
        let expr = Expr::Function(Box::new(FunctionExpr {
            base: Base::new(range),
            lparen: lparen.comments,
            params,
            rparen: rparen.map(|t| t.comments).unwrap_or_default(),
            arrow: arrow.map(|t| t.comments).unwrap_or_default(),
            body,
        }));
        (expr, params_height.max(body_height) + 1)
    }
}

fn parameter(id: Identifier, default: Option<Expr>, separator: Comments) -> Property {
    let range = match &default {
        Some(d) => id.base.range.cover(d.range()),
        None => id.base.range,
    };
    Property {
        base: Base::new(range),
        key: PropertyKey::Identifier(id),
        separator,
        value: default,
        comma: Comments::default(),
    }
}
