//! Files, statements, attributes and blocks.

use super::{Delim, Parser};
use crate::TextRange;
use crate::ast::*;
use crate::error::{RelatedInfo, SyntaxErrorKind};
use crate::incremental::{BoundaryState, Chunk, Output};
use crate::lexer::Mode;
use crate::lexer::TokenKind;
use crate::rebase::Rebase;

impl Parser<'_> {
    /// The whole file: the header (package clause and imports), then top-level statements
    /// until the end.
    pub(crate) fn file(&mut self) -> Output {
        let start = self.peek().range.start;
        let mut end = None;

        let mut attributes = self.attribute_list();
        let package = if self.at(TokenKind::Package) {
            let clause = self.package_clause(std::mem::take(&mut attributes));
            end = Some(clause.base.range.end);
            Some(clause)
        } else {
            None
        };

        let mut imports = Vec::new();
        loop {
            if self.at(TokenKind::Attribute) && attributes.is_empty() {
                attributes = self.attribute_list();
            }
            if !self.at(TokenKind::Import) {
                break;
            }
            let import = self.import_declaration(std::mem::take(&mut attributes));
            end = Some(import.base.range.end);
            imports.push(import);
        }
        let header_errors = std::mem::take(&mut self.errors);
        let header_comments = match end {
            Some(end) => self.lexer.take_comments_before(end).into(),
            None => Default::default(),
        };

        let mut body = Vec::new();
        let mut chunks = Vec::new();
        while self.more() || !attributes.is_empty() {
            let (top, chunk) = self.top_level(std::mem::take(&mut attributes));
            body.push(top);
            chunks.push(chunk);
        }
        if let Some(last) = body.last() {
            end = Some(last.range().end);
        }
        let eof = self.eof_comments();
        let range = match end {
            Some(end) => TextRange::new(start, end),
            None => TextRange::empty(start),
        };
        let file = File { base: Base::new(range), package, imports, header_comments, body, eof };
        Output { file, header_errors, chunks }
    }

    /// Where the parser stands between two top-level statements: what a parse restarting here
    /// must know to continue exactly as a parse from the start would.
    pub(crate) fn boundary_state(&mut self, attributes_pending: bool) -> BoundaryState {
        let peek_mode = match &self.peeked {
            Some((_, mode)) => *mode,
            None => Mode::Normal,
        };
        BoundaryState {
            recovering: self.recovering,
            unsynced: self.unsynced,
            seen_statement: self.seen_statement,
            reported_misplaced: self.reported_misplaced,
            attributes_pending,
            peek_mode,
        }
    }

    /// One top-level statement, with ranges and errors made relative to where its chunk of
    /// text starts.
    pub(crate) fn top_level(&mut self, attributes: Vec<Attribute>) -> (TopLevel, Chunk) {
        // Attributes written before the imports belong to this statement's chunk.
        let offset = match attributes.first() {
            Some(first) => first.base.comments.first().map_or(first.base.range.start, |c| c.range.start),
            None => self.prev_end,
        };
        let state = self.boundary_state(!attributes.is_empty());
        let examined_before = self.lexer.examined();
        let (mut statement, height) = if self.more() {
            let (statement, height) = self.statement(attributes);
            self.seen_statement |= !matches!(statement, Statement::Bad(_));
            (statement, height)
        } else {
            // Attributes at the end of the file, with nothing to attach to.
            let range = attributes[0].base.range.cover(attributes[attributes.len() - 1].base.range);
            self.error(
                SyntaxErrorKind::Misplaced,
                range,
                "these attributes are not followed by a package clause, import or statement".to_owned(),
            );
            (Statement::Bad(BadStmt { base: Base::new(range), attributes, text: String::new() }), 1)
        };
        debug_assert_eq!(self.open, [0; 3], "every bracket opened is closed");
        // The chunk's comments are those before its last token's end (and after the header's).
        let end = self.prev_end;
        let mut comments: Vec<TextRange> =
            self.lexer.take_comments_before(end).into_iter().filter(|c| c.start >= offset).collect();
        comments.rebase(offset);
        // Peek past the statement now, so that the next boundary's state is complete.
        self.peek();
        statement.rebase(offset);
        let mut errors = std::mem::take(&mut self.errors);
        errors.rebase(offset);
        let top = TopLevel { offset, statement: std::sync::Arc::new(statement), comments: comments.into() };
        (top, Chunk { state, examined_before, errors: errors.into(), height: height + 2 })
    }

    /// The comments after the last token.
    pub(crate) fn eof_comments(&mut self) -> Comments {
        std::mem::take(&mut self.bump().comments)
    }

    fn attribute_list(&mut self) -> Vec<Attribute> {
        let mut attributes = Vec::new();
        while self.at(TokenKind::Attribute) {
            attributes.push(self.attribute());
        }
        attributes
    }

    fn attribute(&mut self) -> Attribute {
        let token = self.bump();
        let name = smol_str::SmolStr::new(&self.text[token.range][1..]);
        let mut range = token.range;
        let mut params = Vec::new();
        let (mut lparen_comments, mut rparen_comments) = (Comments::default(), Comments::default());
        if let Some(lparen) = self.eat(TokenKind::LParen) {
            lparen_comments = lparen.comments;
            self.open(Delim::Paren);
            while self.more() {
                let (value, _) = self.primary();
                if matches!(value, Expr::Bad(_)) {
                    let found = self.peek().clone();
                    self.expected("an attribute argument", &found);
                    self.skip_until(|k, _| k == TokenKind::Comma);
                }
                let mut param = AttributeParam { base: Base::new(value.range()), value, comma: Comments::default() };
                if self.more() {
                    if let Some(comma) = self.eat(TokenKind::Comma) {
                        param.base.range.end = comma.range.end;
                        param.comma = comma.comments;
                    } else {
                        let found = self.peek().clone();
                        self.expected("`,` or `)` in the attribute's arguments", &found);
                        params.push(param);
                        break;
                    }
                }
                params.push(param);
            }
            if let Some(rparen) = self.close(Delim::Paren, lparen.range, "attribute argument list") {
                range.end = rparen.range.end;
                rparen_comments = rparen.comments;
            } else {
                range.end = self.prev_end;
            }
        }
        let base = Base::with_comments(range, token.comments);
        Attribute { base, name, lparen: lparen_comments, params, rparen: rparen_comments }
    }

    fn package_clause(&mut self, attributes: Vec<Attribute>) -> PackageClause {
        let keyword = self.bump();
        let name = self.identifier("a package name after `package`");
        let range = keyword.range.cover(name.base.range);
        PackageClause { base: Base::with_comments(range, keyword.comments), attributes, name }
    }

    fn import_declaration(&mut self, attributes: Vec<Attribute>) -> ImportDeclaration {
        let keyword = self.bump();
        let alias = self.at(TokenKind::Ident).then(|| self.identifier("an alias"));
        let path = if self.at(TokenKind::String) {
            let token = self.bump();
            self.string_lit(token)
        } else {
            let found = self.peek().clone();
            let what = if alias.is_some() {
                "the package path as a string"
            } else {
                "a package path string such as \"strings\""
            };
            self.expected(what, &found);
            if found.kind == TokenKind::Quote {
                // An interpolated string is no path; step over it whole.
                let quote = self.bump();
                self.skip_string(quote);
            }
            // The rest of the line belongs to this broken import.
            let next = self.peek().range.start;
            if !self.starts_line(next) {
                self.skip_until(|_, starts_line| starts_line);
            }
            StringLit { base: Base::new(TextRange::empty(found.range.start)), value: String::new() }
        };
        let end = if path.base.range.is_empty() { self.prev_end } else { path.base.range.end };
        let range = TextRange::new(keyword.range.start, end.max(keyword.range.end));
        ImportDeclaration { base: Base::with_comments(range, keyword.comments), attributes, alias, path }
    }

    /// A statement and the height of its tree.
    pub(super) fn statement(&mut self, attributes: Vec<Attribute>) -> (Statement, u32) {
        let errors_before = self.error_count;
        let result = self.nested(
            |p| p.statement_inner(attributes),
            |p, range| {
                (
                    Statement::Bad(BadStmt {
                        base: Base::new(range),
                        attributes: Vec::new(),
                        text: p.text[range].to_owned(),
                    }),
                    1,
                )
            },
        );
        // A statement without errors that ends its line shows the parser is back in step; a
        // lone name or literal proves nothing, it may be a fragment of the broken code.
        let next = self.peek().range.start;
        let substantial = match &result.0 {
            Statement::Bad(_) => false,
            Statement::Expr(s) => !matches!(
                s.expression,
                Expr::Identifier(_) | Expr::Integer(_) | Expr::Float(_) | Expr::String(_) | Expr::Duration(_)
            ),
            _ => true,
        };
        if self.error_count == errors_before && substantial && self.starts_line(next) {
            self.unsynced = false;
        }
        result
    }

    fn statement_inner(&mut self, mut attributes: Vec<Attribute>) -> (Statement, u32) {
        if attributes.is_empty() {
            attributes = self.attribute_list();
        }
        if !attributes.is_empty() && !self.more() {
            let range = attributes[0].base.range.cover(attributes[attributes.len() - 1].base.range);
            let found = self.peek().clone();
            let related = vec![RelatedInfo {
                range: found.range,
                message: format!("expected a statement here, found {}", self.describe_found(&found)),
            }];
            let message = "these attributes are not followed by a statement".to_owned();
            self.error_related(SyntaxErrorKind::Misplaced, range, message, related);
            let text = self.text[range].to_owned();
            return (Statement::Bad(BadStmt { base: Base::new(range), attributes, text }), 1);
        }
        let start = self.peek().range.start;
        let outer_col = self.stmt_col;
        self.stmt_col = self.column(start);
        // Errors are reported again from the next statement that starts a line: until then,
        // further errors are most likely consequences of the one already reported.
        if can_start_statement(self.peek_kind()) && self.starts_line(start) {
            self.recovering = false;
        }

        use TokenKind::*;
        let (mut statement, height) = match self.peek_kind() {
            Int | Float | String | Div | Time | Duration | PipeReceive | LParen | LBrack | LBrace | Add | Sub | Not
            | If | Exists | Quote => {
                let (expression, height) = self.expression();
                let base = Base::new(expression.range());
                (Statement::Expr(ExprStmt { base, attributes: Vec::new(), expression }), height + 1)
            }
            Ident => self.ident_statement(),
            Option => self.option_statement(),
            Builtin => self.builtin_statement(),
            TestCase => self.testcase_statement(),
            Return => {
                let keyword = self.bump();
                let (argument, height) = self.expression();
                let range = keyword.range.cover(argument.range());
                let base = Base::with_comments(range, keyword.comments);
                (Statement::Return(ReturnStmt { base, attributes: Vec::new(), argument }), height + 1)
            }
            Package => self.misplaced_package(),
            Import => self.misplaced_import(),
            _ => (self.bad_statement(Vec::new()), 1),
        };
        *statement.attributes_mut() = attributes;
        self.stmt_col = outer_col;
        (statement, height)
    }

    fn ident_statement(&mut self) -> (Statement, u32) {
        let id = self.identifier("an identifier");
        if self.at(TokenKind::Assign) {
            let assign = self.bump();
            let (init, height) = self.expression();
            let range = id.base.range.cover(init.range());
            let base = Base::with_comments(range, assign.comments);
            return (
                Statement::Variable(Box::new(VariableAssgn { base, attributes: Vec::new(), id, init })),
                height + 1,
            );
        }
        let (expression, height) = self.expression_suffix(Expr::Identifier(id));
        if self.at(TokenKind::Assign) {
            let assign = self.peek().clone();
            let message = match &expression {
                Expr::Member(m) if matches!(m.object, Expr::Identifier(_)) => format!(
                    "cannot assign to `{}`: only plain names can be assigned; to set a package option write `option {} = ...`",
                    &self.text[expression.range()],
                    &self.text[expression.range()],
                ),
                _ => format!("cannot assign to `{}`: only plain names can be assigned", &self.text[expression.range()]),
            };
            self.error(SyntaxErrorKind::UnexpectedToken, assign.range, message);
            // Parse the right side so that it is not read as more statements.
            self.bump();
            let (init, _) = self.expression();
            let range = expression.range().cover(init.range());
            return (
                Statement::Bad(BadStmt {
                    base: Base::new(range),
                    attributes: Vec::new(),
                    text: self.text[range].to_owned(),
                }),
                1,
            );
        }
        let base = Base::new(expression.range());
        (Statement::Expr(ExprStmt { base, attributes: Vec::new(), expression }), height + 1)
    }

    fn option_statement(&mut self) -> (Statement, u32) {
        let keyword = self.bump();
        let id = self.identifier("an option name after `option`");
        let (assignment, height) = match self.peek_kind() {
            TokenKind::Assign => {
                let assign = self.bump();
                let (init, height) = self.expression();
                let range = id.base.range.cover(init.range());
                let base = Base::with_comments(range, assign.comments);
                (Assignment::Variable(VariableAssgn { base, attributes: Vec::new(), id, init }), height + 1)
            }
            TokenKind::Dot => {
                let dot = self.bump();
                let property = self.identifier("an option name after `.`");
                let member_range = id.base.range.cover(property.base.range);
                let assign = self.expect_token(TokenKind::Assign, "`=` after the option name");
                let (init, height) = self.expression();
                let range = id.base.range.cover(init.range());
                let member = MemberExpr {
                    base: Base::new(member_range),
                    object: Expr::Identifier(id),
                    lbrack: dot.comments,
                    property: PropertyKey::Identifier(property),
                    rbrack: Comments::default(),
                };
                let comments = assign.map(|t| t.comments).unwrap_or_default();
                (
                    Assignment::Member(MemberAssgn { base: Base::with_comments(range, comments), member, init }),
                    height + 2,
                )
            }
            _ => {
                let found = self.peek().clone();
                self.expected("`=` after the option name", &found);
                let range = keyword.range.cover(id.base.range);
                return (
                    Statement::Bad(BadStmt {
                        base: Base::with_comments(range, keyword.comments),
                        attributes: Vec::new(),
                        text: self.text[range].to_owned(),
                    }),
                    1,
                );
            }
        };
        let range = keyword.range.cover(assignment.base().range);
        let base = Base::with_comments(range, keyword.comments);
        (Statement::Option(Box::new(OptionStmt { base, attributes: Vec::new(), assignment })), height + 1)
    }

    fn builtin_statement(&mut self) -> (Statement, u32) {
        let keyword = self.bump();
        let id = self.identifier("a name after `builtin`");
        let colon = self.expect_token(TokenKind::Colon, "`:` and the type after the builtin's name");
        let ty = self.type_expression();
        let range = keyword.range.cover(ty.base.range).cover(id.base.range);
        let colon = colon.map(|t| t.comments).unwrap_or_default();
        let base = Base::with_comments(range, keyword.comments);
        (Statement::Builtin(Box::new(BuiltinStmt { base, attributes: Vec::new(), colon, id, ty })), 1)
    }

    fn testcase_statement(&mut self) -> (Statement, u32) {
        let keyword = self.bump();
        let id = self.identifier("a test name after `testcase`");
        let mut tk_extends = Comments::default();
        let extends = if self.at_contextual("extends") {
            tk_extends = self.bump().comments;
            if self.at(TokenKind::String) {
                let token = self.bump();
                Some(self.string_lit(token))
            } else {
                let found = self.peek().clone();
                self.expected("the path of the extended test as a string", &found);
                None
            }
        } else {
            None
        };
        let (block, height) = self.block("testcase body");
        let range = keyword.range.cover(block.base.range);
        let base = Base::with_comments(range, keyword.comments);
        let testcase = TestCaseStmt { base, attributes: Vec::new(), id, tk_extends, extends, block };
        (Statement::TestCase(Box::new(testcase)), height + 1)
    }

    /// `{ statements }`, for function bodies and testcases.
    pub(super) fn block(&mut self, construct: &str) -> (Block, u32) {
        let Some(lbrace) = self.eat(TokenKind::LBrace) else {
            let found = self.peek().clone();
            self.expected(&format!("`{{` to start the {construct}"), &found);
            let range = TextRange::empty(found.range.start);
            return (
                Block {
                    base: Base::new(range),
                    lbrace: Comments::default(),
                    body: Vec::new(),
                    rbrace: Comments::default(),
                },
                1,
            );
        };
        self.open(Delim::Brace);
        let mut body = Vec::new();
        let mut height = 0;
        while self.more() {
            let (statement, h) = self.statement(Vec::new());
            height = height.max(h);
            body.push(statement);
        }
        let rbrace = self.close(Delim::Brace, lbrace.range, construct);
        let end = rbrace.as_ref().map_or(self.prev_end, |t| t.range.end);
        let range = TextRange::new(lbrace.range.start, end.max(lbrace.range.end));
        let rbrace = rbrace.map(|t| t.comments).unwrap_or_default();
        (Block { base: Base::new(range), lbrace: lbrace.comments, body, rbrace }, height + 1)
    }

    /// Consumes tokens that form no statement, with one error unless they are leftovers of an
    /// earlier error.
    pub(super) fn bad_statement(&mut self, attributes: Vec<Attribute>) -> Statement {
        if self.unsynced {
            self.recovering = true;
        }
        let token = self.bump();
        let text = self.text;
        match token.kind {
            TokenKind::Illegal => self.illegal_character(&token),
            kind @ (TokenKind::RParen | TokenKind::RBrack | TokenKind::RBrace) => {
                let opener = Delim::of_closer(kind).expect("a closer").opener_text();
                let message = format!("unexpected {}: there is no `{opener}` to close", kind.describe());
                self.error(SyntaxErrorKind::UnmatchedCloser, token.range, message);
            }
            kind if kind.is_keyword() && self.at(TokenKind::Assign) => {
                let message = format!("{} is a keyword and cannot be used as a name", kind.describe());
                self.error(SyntaxErrorKind::UnexpectedToken, token.range, message);
            }
            TokenKind::Then | TokenKind::Else => {
                let message = format!("unexpected {} without a matching `if`", token.kind.describe());
                self.error(SyntaxErrorKind::UnexpectedToken, token.range, message);
            }
            _ => {
                let message = format!("expected a statement, found {}", self.describe_found(&token));
                self.error(SyntaxErrorKind::UnexpectedToken, token.range, message);
            }
        }
        // Skip the rest of the junk, brackets balanced, up to a line that starts a statement.
        let start = token.range.start;
        self.skip_until(|kind, starts_line| starts_line && can_start_statement(kind));
        let range = TextRange::new(start, self.prev_end.max(token.range.end));
        Statement::Bad(BadStmt {
            base: Base::with_comments(range, token.comments),
            attributes,
            text: text[range].to_owned(),
        })
    }

    fn misplaced_package(&mut self) -> (Statement, u32) {
        let keyword = self.peek().range;
        self.misplaced(keyword, true, "the package clause must come first in the file, before imports and statements");
        let clause = self.package_clause(Vec::new());
        let range = clause.base.range;
        (
            Statement::Bad(BadStmt {
                base: Base::new(range),
                attributes: Vec::new(),
                text: self.text[range].to_owned(),
            }),
            1,
        )
    }

    fn misplaced_import(&mut self) -> (Statement, u32) {
        let keyword = self.peek().range;
        let after_statement = self.seen_statement;
        self.misplaced(keyword, after_statement, "imports must come before all statements");
        let import = self.import_declaration(Vec::new());
        let range = import.base.range;
        (
            Statement::Bad(BadStmt {
                base: Base::new(range),
                attributes: Vec::new(),
                text: self.text[range].to_owned(),
            }),
            1,
        )
    }

    /// Reports the first misplaced `package` or `import`; the others are the same mistake. An
    /// import is only out of place after a statement: junk before it has its own error.
    fn misplaced(&mut self, range: TextRange, out_of_place: bool, message: &str) {
        if !self.reported_misplaced && out_of_place && !self.unsynced {
            self.reported_misplaced = true;
            self.error(SyntaxErrorKind::Misplaced, range, message.to_owned());
        }
    }

    /// Consumes `kind` or reports that `expected` is missing, leaving the token in place.
    pub(super) fn expect_token(&mut self, kind: TokenKind, expected: &str) -> Option<crate::lexer::Token> {
        if self.at(kind) {
            return Some(self.bump());
        }
        let found = self.peek().clone();
        self.expected(expected, &found);
        None
    }

    /// An identifier, or an empty one (with an error) when the next token is not one; the
    /// empty identifier keeps incomplete code such as `r.` in the tree for completion.
    pub(super) fn identifier(&mut self, expected: &str) -> Identifier {
        if self.at(TokenKind::Ident) {
            let token = self.bump();
            return Identifier {
                name: smol_str::SmolStr::new(&self.text[token.range]),
                base: Base::with_comments(token.range, token.comments),
            };
        }
        let found = self.peek().clone();
        self.expected(expected, &found);
        Identifier { base: Base::new(TextRange::empty(found.range.start)), name: smol_str::SmolStr::default() }
    }
}

fn can_start_statement(kind: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        kind,
        Ident
            | Int
            | Float
            | String
            | Quote
            | Time
            | Duration
            | PipeReceive
            | LParen
            | LBrack
            | LBrace
            | Add
            | Sub
            | Not
            | Exists
            | If
            | Option
            | Builtin
            | TestCase
            | Return
            | Import
            | Package
            | Attribute
    )
}
