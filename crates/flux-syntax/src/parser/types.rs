//! Type expressions, as written after `builtin name :`.

use super::{Delim, Parser};
use crate::TextRange;
use crate::ast::*;
use crate::lexer::TokenKind;

/// The named types of the type language; every other type is built from these.
pub const BASIC_TYPES: &[&str] = &["bool", "int", "uint", "float", "string", "duration", "time", "regexp", "bytes"];

impl Parser<'_> {
    pub(super) fn type_expression(&mut self) -> TypeExpression {
        let monotype = self.monotype();
        let mut range = monotype.range();
        let mut constraints: Vec<TypeConstraint> = Vec::new();
        let mut tk_where = Comments::default();
        if self.at_contextual("where") {
            tk_where = self.bump().comments;
            loop {
                let constraint = self.type_constraint();
                range = range.cover(constraint.base.range);
                constraints.push(constraint);
                match self.eat(TokenKind::Comma) {
                    Some(comma) => constraints.last_mut().expect("just pushed").comma = comma.comments,
                    None => break,
                }
            }
        }
        TypeExpression { base: Base::new(range), monotype, tk_where, constraints }
    }

    fn type_constraint(&mut self) -> TypeConstraint {
        let tvar = self.identifier("a type variable");
        let colon = comments_of(self.expect_token(TokenKind::Colon, "`:` and the kinds the type variable must have"));
        let mut kinds = vec![self.identifier("a kind such as `Record` or `Numeric`")];
        let mut plus = Vec::new();
        while let Some(token) = self.eat(TokenKind::Add) {
            plus.push(token.comments);
            kinds.push(self.identifier("a kind after `+`"));
        }
        let range = tvar.base.range.cover(kinds[kinds.len() - 1].base.range);
        TypeConstraint { base: Base::new(range), tvar, colon, kinds, plus, comma: Comments::default() }
    }

    pub(super) fn monotype(&mut self) -> MonoType {
        self.nested(
            |p| p.monotype_inner(),
            |_, range| {
                MonoType::Basic(NamedType {
                    base: Base::new(range),
                    name: Identifier { base: Base::new(range), name: Default::default() },
                })
            },
        )
    }

    fn monotype_inner(&mut self) -> MonoType {
        let text = self.text;
        let token = self.peek().clone();
        match token.kind {
            TokenKind::LBrack => {
                let lbrack = self.bump();
                self.open(Delim::Brack);
                let element = self.monotype();
                if self.at(TokenKind::RBrack) {
                    let end = self.close(Delim::Brack, lbrack.range, "array type");
                    let range = TextRange::new(lbrack.range.start, end.as_ref().map_or(self.prev_end, |t| t.range.end));
                    let base = Base::with_comments(range, lbrack.comments);
                    MonoType::Array(Box::new(ArrayType { base, element, rbrack: comments_of(end) }))
                } else {
                    let colon =
                        comments_of(self.expect_token(TokenKind::Colon, "`]` or `:` in a dictionary type `[K: V]`"));
                    let val = self.monotype();
                    let end = self.close(Delim::Brack, lbrack.range, "dictionary type");
                    let range = TextRange::new(lbrack.range.start, end.as_ref().map_or(self.prev_end, |t| t.range.end));
                    let base = Base::with_comments(range, lbrack.comments);
                    MonoType::Dict(Box::new(DictType { base, key: element, colon, val, rbrack: comments_of(end) }))
                }
            }
            TokenKind::LBrace => self.record_type(),
            TokenKind::LParen => self.function_type(),
            TokenKind::Dot => MonoType::Label(Box::new(self.label())),
            TokenKind::Ident if matches!(&text[token.range], "stream" | "vector") => {
                let keyword = self.bump();
                let (lbrack, element, rbrack, end) = match self.eat(TokenKind::LBrack) {
                    Some(lbrack) => {
                        self.open(Delim::Brack);
                        let element = self.monotype();
                        let construct = format!("{} type", &text[keyword.range]);
                        let end = self.close(Delim::Brack, lbrack.range, &construct);
                        let end_offset = end.as_ref().map_or(self.prev_end, |t| t.range.end);
                        (lbrack.comments, element, comments_of(end), end_offset)
                    }
                    None => {
                        let found = self.peek().clone();
                        self.expected(&format!("`[` and the element type after `{}`", &text[keyword.range]), &found);
                        let element = MonoType::Basic(NamedType {
                            base: Base::new(TextRange::empty(found.range.start)),
                            name: Identifier {
                                base: Base::new(TextRange::empty(found.range.start)),
                                name: Default::default(),
                            },
                        });
                        (Comments::default(), element, Comments::default(), keyword.range.end)
                    }
                };
                let is_stream = &text[keyword.range] == "stream";
                let base = Base::with_comments(TextRange::new(keyword.range.start, end), keyword.comments);
                if is_stream {
                    MonoType::Stream(Box::new(StreamType { base, lbrack, element, rbrack }))
                } else {
                    MonoType::Vector(Box::new(VectorType { base, lbrack, element, rbrack }))
                }
            }
            TokenKind::Ident if &text[token.range] == "dynamic" => {
                let token = self.bump();
                MonoType::Dynamic(DynamicType { base: Base::with_comments(token.range, token.comments) })
            }
            TokenKind::Ident => {
                let name = self.identifier("a type");
                let base = Base::new(name.base.range);
                // libflux tells type variables from named types by length alone.
                if name.name.len() == 1 {
                    MonoType::Tvar(TvarType { base, name })
                } else {
                    if !BASIC_TYPES.contains(&name.name.as_str()) {
                        let message = format!(
                            "unknown type `{}`: the named types are {}, and type variables are single letters",
                            name.name,
                            BASIC_TYPES.join(", ")
                        );
                        self.literal_error(crate::SyntaxErrorKind::UnexpectedToken, name.base.range, message);
                    }
                    MonoType::Basic(NamedType { base, name })
                }
            }
            _ => {
                let name = self.identifier("a type");
                MonoType::Basic(NamedType { base: Base::new(name.base.range), name })
            }
        }
    }

    /// `(params) => T`
    fn function_type(&mut self) -> MonoType {
        let lparen = self.bump();
        self.open(Delim::Paren);
        let mut parameters = Vec::new();
        if matches!(self.peek_kind(), TokenKind::PipeReceive | TokenKind::QuestionMark | TokenKind::Ident) {
            while self.more() {
                let before = self.peek().range.start;
                let mut parameter = self.parameter_type();
                let comma = self.eat(TokenKind::Comma);
                let missing_comma = comma.is_none();
                if let Some(comma) = comma {
                    *parameter.comma_mut() = comma.comments;
                }
                parameters.push(parameter);
                if missing_comma
                    && matches!(self.peek_kind(), TokenKind::PipeReceive | TokenKind::QuestionMark | TokenKind::Ident)
                {
                    let at = TextRange::empty(self.prev_end);
                    self.error(
                        crate::SyntaxErrorKind::MissingSeparator,
                        at,
                        "missing `,` between parameters".to_owned(),
                    );
                }
                if self.peek().range.start == before {
                    break;
                }
            }
        }
        let rparen = comments_of(self.close(Delim::Paren, lparen.range, "parameter list"));
        let arrow = comments_of(self.expect_token(TokenKind::Arrow, "`=>` and the return type"));
        let monotype = self.monotype();
        let range = lparen.range.cover(monotype.range());
        let base = Base::with_comments(range, lparen.comments);
        MonoType::Function(Box::new(FunctionType { base, parameters, rparen, arrow, monotype }))
    }

    fn parameter_type(&mut self) -> ParameterType {
        match self.peek_kind() {
            TokenKind::QuestionMark => {
                let mark = self.bump();
                let name = self.identifier("a parameter name after `?`");
                let colon = comments_of(self.expect_token(TokenKind::Colon, "`:` and the parameter's type"));
                let monotype = self.monotype();
                let range = mark.range.cover(monotype.range());
                let (assign, default) = match self.eat(TokenKind::Assign) {
                    Some(assign) => (assign.comments, Some(self.label())),
                    None => (Comments::default(), None),
                };
                let base = Base::with_comments(range, mark.comments);
                ParameterType::Optional { base, name, colon, monotype, assign, default, comma: Comments::default() }
            }
            TokenKind::PipeReceive => {
                let arrow = self.bump();
                let name = self.at(TokenKind::Ident).then(|| self.identifier("a parameter name"));
                let colon = comments_of(self.expect_token(TokenKind::Colon, "`:` and the pipe parameter's type"));
                let monotype = self.monotype();
                let range = arrow.range.cover(monotype.range());
                let base = Base::with_comments(range, arrow.comments);
                ParameterType::Pipe { base, name, colon, monotype, comma: Comments::default() }
            }
            _ => {
                let name = self.identifier("a parameter name");
                let colon = comments_of(self.expect_token(TokenKind::Colon, "`:` and the parameter's type"));
                let monotype = self.monotype();
                let range = name.base.range.cover(monotype.range());
                ParameterType::Required { base: Base::new(range), name, colon, monotype, comma: Comments::default() }
            }
        }
    }

    /// `{}`, `{a: T, "b": U}` or `{A with a: T}`.
    fn record_type(&mut self) -> MonoType {
        let lbrace = self.bump();
        self.open(Delim::Brace);
        let mut tvar = None;
        let mut with = Comments::default();
        let mut properties: Vec<PropertyType> = Vec::new();
        let mut first = None;
        match self.peek_kind() {
            TokenKind::Ident => {
                let id = self.identifier("a property name");
                if self.at_contextual("with") {
                    with = self.bump().comments;
                    tvar = Some(id);
                    if !self.more() {
                        let found = self.peek().clone();
                        self.expected("a property after `with`", &found);
                    }
                } else {
                    first = Some(PropertyKey::Identifier(id));
                }
            }
            TokenKind::String => {
                let token = self.bump();
                first = Some(PropertyKey::StringLit(self.string_lit(token)));
            }
            _ => {}
        }
        if first.is_some() || tvar.is_some() {
            loop {
                let before = self.peek().range.start;
                let name = match first.take() {
                    Some(key) => key,
                    None if !self.more() => break,
                    None if self.at(TokenKind::String) => {
                        let token = self.bump();
                        PropertyKey::StringLit(self.string_lit(token))
                    }
                    None => PropertyKey::Identifier(self.identifier("a property name")),
                };
                let colon = comments_of(self.expect_token(TokenKind::Colon, "`:` and the property's type"));
                let monotype = self.monotype();
                let range = name.range().cover(monotype.range());
                let comma = self.eat(TokenKind::Comma);
                let missing_comma = comma.is_none();
                let comma = comments_of(comma);
                properties.push(PropertyType { base: Base::new(range), name, colon, monotype, comma });
                if missing_comma && matches!(self.peek_kind(), TokenKind::Ident | TokenKind::String) {
                    let at = TextRange::empty(self.prev_end);
                    self.error(
                        crate::SyntaxErrorKind::MissingSeparator,
                        at,
                        "missing `,` between properties".to_owned(),
                    );
                }
                if self.peek().range.start == before {
                    break;
                }
            }
        }
        let end = self.close(Delim::Brace, lbrace.range, "record type");
        let range = TextRange::new(lbrace.range.start, end.as_ref().map_or(self.prev_end, |t| t.range.end));
        let base = Base::with_comments(range, lbrace.comments);
        MonoType::Record(Box::new(RecordType { base, tvar, with, properties, rbrace: comments_of(end) }))
    }
}

/// The comments before a token the parser may not have found.
fn comments_of(token: Option<crate::lexer::Token>) -> Comments {
    token.map(|t| t.comments).unwrap_or_default()
}
