//! The Flux formatter.
//!
//! The canonical layout is the one `flux fmt` produces, and this crate reproduces it: the
//! program becomes a document of the `pretty` crate (text, groups that break together,
//! indentation, alternatives tried in order), laid out at 100 columns. The rules, for the
//! record: a list (arguments, array, record, parameters) of more than four items always breaks,
//! one item per line with a trailing comma; a node written on several lines keeps its line
//! breaks where the layout offers a choice (pipelines, calls, conditionals); an assignment or
//! argument "hangs" its value on the same line when the value's first line fits; a blank line
//! separates statements of different kinds, statements with comments or attributes, and
//! statements a blank line separated before. String and float literals are kept as written.

use std::cell::Cell;

use flux_syntax::ast::*;
use flux_syntax::{ColumnEncoding, LineIndex, TextRange};
use pretty::{Arena, DocAllocator, DocBuilder};

type Doc<'a> = DocBuilder<'a, Arena<'a>, ()>;

const WIDTH: usize = 100;
const INDENT: isize = 4;
/// Lists longer than this always break.
const MULTILINE: usize = 4;

/// Why a text was not formatted, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declined {
    pub reason: Reason,
    pub message: String,
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The text has a syntax error at `range`. Formatting code that does not parse could move
    /// or lose what the parser did not understand, so it is declined whole.
    SyntaxError,
    /// The formatted text would have lost the comment at `range`, or changed the code there:
    /// a bug in the formatter, caught by a check independent of the layout before anything is
    /// written.
    WouldLose,
}

/// The text formatted, or why it was not.
pub fn format(source: &str) -> Result<String, Declined> {
    format_parsed(source, &flux_syntax::parse(source))
}

/// [`format`] of a text already parsed.
pub fn format_parsed(source: &str, parse: &flux_syntax::Parse) -> Result<String, Declined> {
    if let Some(error) = parse.errors.iter().find(|e| e.severity() == flux_syntax::Severity::Error) {
        return Err(Declined { reason: Reason::SyntaxError, message: error.message.clone(), range: error.range });
    }
    let formatted = format_file(source, &parse.file);
    // A byte-order mark opening the file is the parser's whitespace but the file's encoding
    // mark, which editors that wrote it expect to find again.
    let formatted = if source.starts_with(BOM) { format!("{BOM}{formatted}") } else { formatted };
    check_kept(source, parse, &formatted)?;
    Ok(formatted)
}

/// Whether two texts, both without syntax errors, are the same program up to layout, comments
/// and the parentheses the layout may drop or add.
pub fn same_code(a: &str, b: &str) -> bool {
    let (pa, pb) = (flux_syntax::parse(a), flux_syntax::parse(b));
    !pa.has_errors() && !pb.has_errors() && code_tree(a, &pa.file) == code_tree(b, &pb.file)
}

/// The safety net under the layout: `formatted` must hold every comment of `source`, with the
/// same text in the same order, and the same code (the syntax tree without locations,
/// comments and the parentheses the layout may drop or add). Else the first comment lost, or
/// the first top-level statement changed, is reported.
fn check_kept(source: &str, parse: &flux_syntax::Parse, formatted: &str) -> Result<(), Declined> {
    let reparsed = flux_syntax::parse(formatted);
    let comment = |text: &str, range: TextRange| -> String {
        text[range.as_usize()].lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
    };
    let mut after = reparsed.file.comments();
    for before in parse.file.comments() {
        let expected = comment(source, before);
        if after.next().map(|a| comment(formatted, a)).as_ref() != Some(&expected) {
            let message = format!("formatting would lose the comment `{}`", expected.lines().next().unwrap_or(""));
            return Err(Declined { reason: Reason::WouldLose, message, range: before });
        }
    }
    if let Some(error) = reparsed.errors.iter().find(|e| e.severity() == flux_syntax::Severity::Error) {
        let message = format!("the formatted text would not parse: {}", error.message);
        return Err(Declined { reason: Reason::WouldLose, message, range: TextRange::empty(0) });
    }
    if code_tree(source, &parse.file) == code_tree(formatted, &reparsed.file) {
        return Ok(());
    }
    // Find the statement that changed, to say where.
    let statement = |file: &File, i: usize| File {
        base: file.base.clone(),
        package: None,
        imports: Vec::new(),
        header_comments: Default::default(),
        body: file.body.get(i).cloned().into_iter().collect(),
        eof: Default::default(),
    };
    let changed = (0..parse.file.body.len()).find(|&i| {
        code_tree(source, &statement(&parse.file, i)) != code_tree(formatted, &statement(&reparsed.file, i))
    });
    let range = match changed {
        Some(i) => parse.file.body[i].range(),
        None => TextRange::empty(0),
    };
    let message = "formatting would change the code here".to_owned();
    Err(Declined { reason: Reason::WouldLose, message, range })
}

const BOM: char = '\u{feff}';

/// The formatted text of a program that has no syntax errors (`file` parsed from `source`).
fn format_file(source: &str, file: &File) -> String {
    let arena = Arena::new();
    let lines = LineIndex::new(source);
    let mut f = Formatter { arena: &arena, source, lines: &lines, offset: 0, multiline_strings: Cell::new(false) };
    let doc = f.file(file).group();
    let laid_out = doc.1.pretty(WIDTH).to_string();
    if f.multiline_strings.get() {
        trim_line_ends(&laid_out)
    } else {
        laid_out.split('\n').map(str::trim_end).collect::<Vec<_>>().join("\n")
    }
}

/// The text without whitespace at the ends of lines (the indentation the layout puts on blank
/// lines), except inside string literals, whose text is kept (`flux fmt` trims there too,
/// changing the strings).
fn trim_line_ends(text: &str) -> String {
    let strings = multiline_strings(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let end = at + line.len();
        let in_string = strings.iter().any(|r| r.start as usize <= end && end < r.end as usize);
        out.push_str(if in_string { line } else { line.trim_end() });
        at = end + 1;
    }
    out
}

/// The ranges of the string and regular-expression literals of `text` that span lines.
fn multiline_strings(text: &str) -> Vec<TextRange> {
    use flux_syntax::walk::{Located, NodeRef};
    if !text.contains('"') && !text.contains('/') {
        return Vec::new();
    }
    let parse = flux_syntax::parse(text);
    let mut out = Vec::new();
    let mut stack = vec![Located::root(&parse.file)];
    let mut children = Vec::new();
    while let Some(node) = stack.pop() {
        if let NodeRef::Expr(Expr::String(_) | Expr::StringExpr(_) | Expr::Regexp(_)) | NodeRef::StringLit(_) =
            node.node
        {
            let range = node.range();
            if text[range.as_usize()].contains('\n') {
                out.push(range);
            }
        }
        children.clear();
        node.children(&mut children);
        stack.extend(children.iter().copied());
    }
    out
}

struct Formatter<'a> {
    arena: &'a Arena<'a>,
    source: &'a str,
    lines: &'a LineIndex,
    /// Where the current top-level statement starts: its nodes' ranges count from there.
    offset: u32,
    /// Whether a string or regex literal spans lines (whose line ends are then not trimmed).
    multiline_strings: Cell<bool>,
}

/// A prefix and suffix around a body that may hang (see [`Formatter::hang`]).
#[derive(Clone)]
struct Affix<'a> {
    prefix: Doc<'a>,
    suffix: Doc<'a>,
    nest: bool,
}

/// A body with the affixes around it, innermost first.
struct Hang<'a> {
    affixes: Vec<Affix<'a>>,
    body: Doc<'a>,
}

impl<'a> Hang<'a> {
    fn plain(body: Doc<'a>) -> Hang<'a> {
        Hang { affixes: Vec::new(), body }
    }

    /// Puts `doc` before the outermost prefix (or the body when there is none).
    fn prepend(&mut self, doc: Doc<'a>) {
        match self.affixes.last_mut() {
            Some(outer) => outer.prefix = doc.append(outer.prefix.clone()),
            None => self.body = doc.append(self.body.clone()),
        }
    }

    fn wrap(&mut self, prefix: Doc<'a>, suffix: Doc<'a>, nest: bool) {
        self.affixes.push(Affix { prefix, suffix, nest });
    }
}

fn is_nil(doc: &Doc<'_>) -> bool {
    matches!(&*doc.1, pretty::Doc::Nil)
}

impl<'a> Formatter<'a> {
    fn text(&self, s: impl Into<std::borrow::Cow<'a, str>>) -> Doc<'a> {
        self.arena.text(s)
    }

    fn nil(&self) -> Doc<'a> {
        self.arena.nil()
    }

    fn line_of(&self, offset: u32) -> u32 {
        self.lines.line_col(offset, ColumnEncoding::Utf8).line
    }

    fn absolute(&self, range: TextRange) -> TextRange {
        TextRange::new(range.start + self.offset, range.end + self.offset)
    }

    fn spans_lines(&self, range: TextRange) -> bool {
        let r = self.absolute(range);
        self.line_of(r.start) != self.line_of(r.end)
    }

    /// A line break that is forced when `forced`, else a space or a break.
    fn line_if(&self, forced: bool) -> Doc<'a> {
        if forced { self.arena.hardline() } else { self.arena.line() }
    }

    /// A line break that is forced when `forced`, else nothing or a break.
    fn line_if_(&self, forced: bool) -> Doc<'a> {
        if forced { self.arena.hardline() } else { self.arena.line_() }
    }

    fn source_of(&self, range: TextRange) -> &'a str {
        &self.source[self.absolute(range).as_usize()]
    }

    fn comments(&self, comments: &'a [Comment]) -> Doc<'a> {
        let arena = self.arena;
        arena.concat(comments.iter().map(|c| {
            let lines = arena.intersperse(c.text.split('\n').map(|part| arena.text(part)), arena.hardline());
            // A comment ends its line. Only the last one of a file without a final newline
            // does not bring its own; `flux fmt` then adds one only on the second run.
            if c.text.ends_with('\n') { lines } else { lines.append(arena.hardline()) }
        }))
    }

    /// What stands before a token: `separator` when no comment does; else the comments, each
    /// ending its line, after a space (the token then starts the next line).
    fn before(&self, comments: &'a [Comment], separator: Doc<'a>) -> Doc<'a> {
        if comments.is_empty() { separator } else { self.text(" ").append(self.comments(comments)) }
    }

    /// Comments after a token, on a new line when there are any.
    fn trailing_comments(&self, comments: &'a [Comment]) -> Doc<'a> {
        let lead = if comments.is_empty() { self.nil() } else { self.arena.line() };
        lead.append(self.comments(comments)).nest(INDENT)
    }

    /// Lays out `body` with its affixes, trying first to keep all prefixes on one line, then
    /// one fewer, and so on: the first layout that fits wins.
    fn hang(&self, hang: Hang<'a>) -> Doc<'a> {
        let mut affixes = hang.affixes;
        affixes.reverse();
        self.hang_with(&affixes, hang.body)
    }

    /// `affixes` outermost first.
    fn hang_with(&self, affixes: &[Affix<'a>], body: Doc<'a>) -> Doc<'a> {
        let arena = self.arena;
        let single_line_only = arena.fail().flat_alt(arena.nil());
        let mut layouts = (1..=affixes.len()).rev().map(|split| {
            let (kept, rest) = affixes.split_at(split);
            let last = kept.len() == 1;
            let kept_prefixes = arena.concat(kept.iter().map(|a| a.prefix.clone())).append(if last {
                arena.nil()
            } else {
                single_line_only.clone()
            });
            let no_prefix = kept.iter().all(|a| is_nil(&a.prefix));
            let inner = body
                .clone()
                .append(if !last && no_prefix { single_line_only.clone() } else { arena.nil() })
                .nest(INDENT)
                .append(arena.concat(rest.iter().map(|a| a.suffix.clone())));
            let nested = rest.iter().rev().fold(inner, |acc, a| {
                let doc = a.prefix.clone().append(acc);
                let doc = if a.nest { doc.nest(INDENT) } else { doc };
                doc.group()
            });
            kept_prefixes.group().append(nested.append(arena.concat(kept.iter().map(|a| a.suffix.clone()))).group())
        });
        let Some(first) = layouts.next() else { return body };
        layouts.fold(first, |acc, doc| acc.union(doc))
    }

    /// `items` between `open` and `close`: one per line beyond four items, a trailing comma
    /// when broken. Returns the opener, the body and the closer, for hanging.
    fn item_list(
        &self,
        (open, close): (&'static str, &'static str),
        trailing: Doc<'a>,
        items: Vec<Doc<'a>>,
    ) -> (Doc<'a>, Doc<'a>, Doc<'a>) {
        let many = items.len() > MULTILINE;
        let (line, line_) = (self.line_if(many), self.line_if_(many));
        let closer_break = if is_nil(&trailing) { line_.clone() } else { self.nil() };
        (
            self.text(open),
            line_.append(self.comma_list(items, line)),
            closer_break.append(trailing).append(self.text(close)),
        )
    }

    /// Items separated by `,` and `line`, with a trailing comma when the group breaks.
    fn comma_list(&self, items: Vec<Doc<'a>>, line: Doc<'a>) -> Doc<'a> {
        let arena = self.arena;
        let trailing = if items.is_empty() { arena.nil() } else { arena.text(",").flat_alt(arena.nil()) };
        arena.intersperse(items.into_iter().map(|d| d.group()), arena.text(",").append(line)).append(trailing)
    }

    // -----------------------------------------------------------------------------------
    // Files and statements

    fn file(&mut self, file: &'a File) -> Doc<'a> {
        let arena = self.arena;
        let mut doc = arena.nil();
        // An empty file stays empty rather than becoming one blank line.
        if file.package.is_none() && file.imports.is_empty() && file.body.is_empty() && file.eof.is_empty() {
            return doc;
        }
        if let Some(package) = &file.package {
            doc = doc.append(self.attributes(&package.attributes));
            doc = doc.append(self.comments(&package.base.comments));
            doc = doc.append(self.text("package ")).append(self.identifier(&package.name)).append(arena.hardline());
            if !file.imports.is_empty() || !file.body.is_empty() {
                doc = doc.append(arena.hardline()).append(arena.hardline());
            }
        }
        let imports: Vec<Doc<'a>> = file.imports.iter().map(|i| self.import(i)).collect();
        doc = doc.append(arena.intersperse(imports, arena.hardline()));
        if !file.imports.is_empty() && !file.body.is_empty() {
            doc = doc.append(arena.hardline()).append(arena.hardline());
        }
        let statements: Vec<(u32, &'a Statement)> = file.body.iter().map(|t| (t.offset, &*t.statement)).collect();
        doc = doc.append(self.statements(&statements));
        self.offset = 0;
        if !file.eof.is_empty() {
            doc = doc.append(self.comments(&file.eof));
        }
        doc.append(arena.hardline())
    }

    fn import(&mut self, import: &'a ImportDeclaration) -> Doc<'a> {
        let mut doc = self.attributes(&import.attributes).append(self.comments(&import.base.comments));
        doc = doc.append(self.text("import "));
        if let Some(alias) = import.alias.as_ref().filter(|a| !a.name.is_empty()) {
            doc = doc.append(self.identifier(alias)).append(self.text(" "));
        }
        doc.append(self.string(&import.path))
    }

    /// Statements with their offsets (top-level ones each have their own; a block's share
    /// the enclosing one's).
    fn statements(&mut self, statements: &[(u32, &'a Statement)]) -> Doc<'a> {
        let arena = self.arena;
        let mut docs = Vec::with_capacity(statements.len());
        let mut previous: Option<(std::mem::Discriminant<Statement>, u32)> = None;
        for &(offset, statement) in statements {
            self.offset = offset;
            let range = self.absolute(statement.range());
            let kind = std::mem::discriminant(statement);
            let blank = previous.is_some_and(|(previous_kind, previous_end)| {
                self.line_of(range.start).saturating_sub(previous_end) > 1
                    || previous_kind != kind
                    || starts_with_comment_statement(statement)
                    || !statement.attributes().is_empty()
            });
            previous = Some((kind, self.line_of(range.end)));
            let doc = self.statement(statement);
            docs.push(if blank { arena.hardline().append(doc) } else { doc });
        }
        arena.intersperse(docs, arena.hardline())
    }

    fn statement(&mut self, statement: &'a Statement) -> Doc<'a> {
        let attributes = self.attributes(statement.attributes());
        let doc = match statement {
            Statement::Expr(s) => self.expr(&s.expression),
            Statement::Variable(v) => self.variable(v),
            Statement::Option(o) => {
                let assignment = match &o.assignment {
                    Assignment::Variable(v) => self.assignment(self.identifier(&v.id), &v.base.comments, &v.init),
                    Assignment::Member(m) => {
                        let target = self.member(&m.member);
                        self.assignment(target, &m.base.comments, &m.init)
                    }
                };
                self.comments(&o.base.comments).append(self.text("option ")).append(assignment)
            }
            Statement::Return(r) => {
                let prefix = self.comments(&r.base.comments).append(self.text("return"));
                let mut hang = self.hang_expr(&r.argument);
                hang.prepend(self.arena.line());
                hang.wrap(prefix, self.nil(), true);
                self.hang(hang)
            }
            Statement::TestCase(t) => self.testcase(t),
            Statement::Builtin(b) => self.builtin(b),
            // Files with syntax errors are not formatted (see `flx fmt`).
            Statement::Bad(b) => self.text(b.text.clone()),
        };
        attributes.append(doc.group())
    }

    /// `name = value`, the value hanging after ` =` when it fits.
    fn assignment(&mut self, target: Doc<'a>, comments: &'a [Comment], init: &'a Expr) -> Doc<'a> {
        let prefix = target.append(self.trailing_comments(comments)).append(self.text(" ="));
        let mut hang = self.hang_expr(init);
        hang.prepend(self.arena.line());
        hang.wrap(prefix, self.nil(), true);
        self.hang(hang)
    }

    fn variable(&mut self, v: &'a VariableAssgn) -> Doc<'a> {
        // The name's comments go before the whole assignment.
        let leading = self.comments(&v.id.base.comments);
        let name = self.text(v.id.name.as_str());
        leading.append(self.assignment(name, &v.base.comments, &v.init))
    }

    fn testcase(&mut self, t: &'a TestCaseStmt) -> Doc<'a> {
        let arena = self.arena;
        let leading = self.comments(&t.base.comments);
        let mut prefix = self.text("testcase").append(arena.line()).append(self.identifier(&t.id));
        if let Some(extends) = &t.extends {
            prefix = prefix
                .append(self.before(&t.tk_extends, arena.line()))
                .append(self.text("extends"))
                .append(arena.line())
                .append(self.string(extends));
        }
        prefix = prefix.append(arena.line());
        let mut hang = self.hang_block(&t.block);
        hang.wrap(prefix, self.nil(), true);
        leading.append(self.hang(hang))
    }

    fn builtin(&mut self, b: &'a BuiltinStmt) -> Doc<'a> {
        let arena = self.arena;
        let head = self.text("builtin").append(arena.line()).append(self.identifier(&b.id)).group();
        let separator = if b.colon.is_empty() { self.text(" ") } else { arena.line() };
        let body = head
            .append(separator)
            .append(self.comments(&b.colon))
            .append(self.text(": "))
            .append(self.type_expression(&b.ty))
            .nest(INDENT)
            .group();
        self.comments(&b.base.comments).append(body)
    }

    fn attributes(&mut self, attributes: &'a [Attribute]) -> Doc<'a> {
        let arena = self.arena;
        let mut doc = arena.nil();
        for attribute in attributes {
            let mut one = self
                .comments(&attribute.base.comments)
                .append(self.text("@"))
                .append(self.text(attribute.name.as_str()))
                .append(self.before(&attribute.lparen, self.nil()));
            if attribute.params.is_empty() {
                // `@name()` is written `@name`; comments inside the parentheses stay.
                one = one.append(self.before(&attribute.rparen, self.nil()));
            } else {
                let items =
                    attribute.params.iter().map(|p| self.expr(&p.value).append(self.comments(&p.comma))).collect();
                let (open, body, close) = self.item_list(("(", ")"), self.comments(&attribute.rparen), items);
                one = one.append(self.hang_with(&[Affix { prefix: open, suffix: close, nest: false }], body));
            }
            doc = doc.append(one.group()).append(arena.hardline());
        }
        doc
    }

    fn hang_block(&mut self, block: &'a Block) -> Hang<'a> {
        let arena = self.arena;
        let offset = self.offset;
        let statements: Vec<(u32, &'a Statement)> = block.body.iter().map(|s| (offset, s)).collect();
        let body = arena.hardline().append(self.statements(&statements)).append(self.comments(&block.rbrace));
        self.offset = offset;
        Hang {
            affixes: vec![Affix {
                prefix: self.comments(&block.lbrace).append(self.text("{")),
                suffix: arena.hardline().append(self.text("}")),
                nest: false,
            }],
            body,
        }
    }

    // -----------------------------------------------------------------------------------
    // Types

    fn type_expression(&mut self, t: &'a TypeExpression) -> Doc<'a> {
        let mut doc = self.monotype(&t.monotype);
        if !t.constraints.is_empty() {
            let line = self.line_if(t.constraints.len() > MULTILINE);
            let constraints: Vec<Doc<'a>> = t
                .constraints
                .iter()
                .map(|c| {
                    let mut kinds = self.identifier(&c.kinds[0]);
                    for (kind, plus) in c.kinds[1..].iter().zip(&c.plus) {
                        kinds = kinds
                            .append(self.before(plus, self.text(" ")))
                            .append(self.text("+ "))
                            .append(self.identifier(kind));
                    }
                    self.identifier(&c.tvar)
                        .append(self.before(&c.colon, self.nil()))
                        .append(self.text(": "))
                        .append(kinds)
                        .append(self.before(&c.comma, self.nil()))
                        .group()
                })
                .collect();
            doc = doc
                .append(self.before(&t.tk_where, line.clone()))
                .append(self.text("where"))
                .append(line.clone())
                .append(self.arena.intersperse(constraints, self.text(",").append(line)));
        }
        doc
    }

    fn monotype(&mut self, m: &'a MonoType) -> Doc<'a> {
        let arena = self.arena;
        let doc = match m {
            MonoType::Tvar(t) => self.identifier(&t.name),
            MonoType::Basic(t) => self.identifier(&t.name),
            // `flux fmt` drops the comments before these types' first token; they are kept here.
            MonoType::Array(a) => self.element_type(&a.base.comments, "", &[], &a.element, &a.rbrack),
            MonoType::Stream(s) => self.element_type(&s.base.comments, "stream", &s.lbrack, &s.element, &s.rbrack),
            MonoType::Vector(v) => self.element_type(&v.base.comments, "vector", &v.lbrack, &v.element, &v.rbrack),
            MonoType::Dict(d) => self
                .comments(&d.base.comments)
                .append(self.text("["))
                .append(self.monotype(&d.key))
                .append(self.before(&d.colon, self.nil()))
                .append(self.text(":"))
                .append(self.monotype(&d.val))
                .append(self.before(&d.rbrack, self.nil()))
                .append(self.text("]")),
            MonoType::Dynamic(d) => self.comments(&d.base.comments).append(self.text("dynamic")),
            MonoType::Record(r) => {
                let many = r.properties.len() > MULTILINE;
                let (line, line_) = (self.line_if(many), self.line_if_(many));
                let tvar = match &r.tvar {
                    Some(tv) => self
                        .identifier(tv)
                        .append(self.before(&r.with, arena.line()))
                        .append(self.text("with"))
                        .append(arena.line()),
                    None => arena.nil(),
                };
                let properties = r
                    .properties
                    .iter()
                    .map(|p| {
                        let key = self.property_key(&p.name);
                        key.append(self.before(&p.colon, self.nil()))
                            .append(self.text(": "))
                            .append(self.monotype(&p.monotype))
                            .append(self.before(&p.comma, self.nil()))
                            .group()
                    })
                    .collect();
                let body = line_.clone().append(tvar).append(self.comma_list(properties, line));
                self.comments(&r.base.comments)
                    .append(self.text("{"))
                    .append(body.append(self.before(&r.rbrace, self.nil())).nest(INDENT))
                    .append(line_)
                    .append(self.text("}"))
            }
            MonoType::Function(f) => {
                let many = f.parameters.len() > MULTILINE;
                let (line, line_) = (self.line_if(many), self.line_if_(many));
                let parameters = f.parameters.iter().map(|p| self.parameter_type(p)).collect();
                let body = line_.clone().append(self.comma_list(parameters, line));
                self.comments(&f.base.comments)
                    .append(self.text("("))
                    .append(body.append(self.before(&f.rparen, self.nil())).nest(INDENT))
                    .append(line_)
                    .append(self.text(")"))
                    .append(self.before(&f.arrow, self.text(" ")))
                    .append(self.text("=> "))
                    .append(self.monotype(&f.monotype))
            }
            MonoType::Label(l) => self.label(l),
        };
        doc.group()
    }

    /// `[T]`, `stream[T]`, `vector[T]` (`keyword` is empty for an array): the comments before
    /// the first token, before `[` after a keyword, and before `]`.
    fn element_type(
        &mut self,
        comments: &'a [Comment],
        keyword: &'static str,
        lbrack: &'a [Comment],
        element: &'a MonoType,
        rbrack: &'a [Comment],
    ) -> Doc<'a> {
        self.comments(comments)
            .append(self.text(keyword))
            .append(self.before(lbrack, self.nil()))
            .append(self.text("["))
            .append(self.monotype(element))
            .append(self.before(rbrack, self.nil()))
            .append(self.text("]"))
    }

    fn parameter_type(&mut self, p: &'a ParameterType) -> Doc<'a> {
        // `flux fmt` drops the comments before `?` and `<-`; they are kept here.
        let leading = match p {
            ParameterType::Required { .. } => self.nil(),
            ParameterType::Optional { base, .. } | ParameterType::Pipe { base, .. } => self.comments(&base.comments),
        };
        let doc = match p {
            ParameterType::Required { name, colon, monotype, .. } => self
                .identifier(name)
                .append(self.before(colon, self.nil()))
                .append(self.text(": "))
                .append(self.monotype(monotype)),
            ParameterType::Optional { name, colon, monotype, assign, default, .. } => {
                let mut doc = self
                    .text("?")
                    .append(self.identifier(name))
                    .append(self.before(colon, self.nil()))
                    .append(self.text(": "))
                    .append(self.monotype(monotype));
                if let Some(default) = default {
                    doc = doc
                        .append(self.before(assign, self.text(" ")))
                        .append(self.text("= "))
                        .append(self.label(default));
                }
                doc
            }
            ParameterType::Pipe { name, colon, monotype, .. } => {
                let name = name.as_ref().map_or(self.nil(), |n| self.identifier(n));
                self.text("<-")
                    .append(name)
                    .append(self.before(colon, self.nil()))
                    .append(self.text(": "))
                    .append(self.monotype(monotype))
            }
        };
        let comma = match p {
            ParameterType::Required { comma, .. }
            | ParameterType::Optional { comma, .. }
            | ParameterType::Pipe { comma, .. } => comma,
        };
        leading.append(doc).append(self.before(comma, self.nil()))
    }

    // -----------------------------------------------------------------------------------
    // Expressions

    fn identifier(&self, id: &'a Identifier) -> Doc<'a> {
        self.comments(&id.base.comments).append(self.text(id.name.as_str()))
    }

    /// `.name`, or `."a b"` for a label that is not an identifier (`flux fmt` writes `.a b`).
    fn label(&self, l: &'a LabelLit) -> Doc<'a> {
        let name = if flux_syntax::lexer::is_identifier(&l.value) {
            l.value.to_string()
        } else {
            format!("\"{}\"", escape(&l.value))
        };
        self.comments(&l.dot).append(self.text(".")).append(self.before(&l.name, self.nil())).append(self.text(name))
    }

    fn property_key(&mut self, key: &'a PropertyKey) -> Doc<'a> {
        match key {
            PropertyKey::Identifier(id) => self.identifier(id),
            PropertyKey::StringLit(s) => self.string(s),
        }
    }

    /// A string literal exactly as written.
    fn string(&self, s: &'a StringLit) -> Doc<'a> {
        let written = self.source_of(s.base.range);
        if written.contains('\n') {
            self.multiline_strings.set(true);
        }
        self.comments(&s.base.comments).append(self.text(written))
    }

    fn expr(&mut self, expr: &'a Expr) -> Doc<'a> {
        let doc = match expr {
            Expr::Array(_)
            | Expr::Object(_)
            | Expr::StringExpr(_)
            | Expr::Function(_)
            | Expr::String(_)
            | Expr::Index(_) => {
                let hang = self.hang_expr(expr);
                self.hang(hang)
            }
            Expr::Identifier(id) => self.identifier(id),
            Expr::Dict(d) => self.dict(d),
            Expr::Logical(l) => self.binary_chain(expr, &l.left, l.operator.as_str(), &l.right),
            Expr::Binary(b) => self.binary_chain(expr, &b.left, b.operator.as_str(), &b.right),
            Expr::Member(m) => self.member(m),
            Expr::Unary(u) => {
                let space = if matches!(u.operator, Operator::Subtraction | Operator::Addition) { "" } else { " " };
                self.comments(&u.base.comments)
                    .append(self.text(u.operator.as_str()))
                    .append(self.text(space))
                    // The operand is parenthesized when it binds no tighter than the operator:
                    // `flux fmt` writes `-(a + b)` as `-a + b`, another program.
                    .append(self.operand(precedence(expr), &u.argument, true))
            }
            Expr::Pipe(p) => self.pipe(p),
            Expr::Call(c) => self.call(c),
            Expr::Conditional(c) => self.conditional(c),
            Expr::Paren(p) => {
                if p.lparen.is_empty() && p.rparen.is_empty() {
                    self.expr(&p.expression)
                } else {
                    self.comments(&p.lparen)
                        .append(self.text("("))
                        .append(self.expr(&p.expression))
                        .append(self.trailing_comments(&p.rparen))
                        .append(self.text(")"))
                }
            }
            Expr::Integer(i) => self.comments(&i.base.comments).append(self.text(i.value.to_string())),
            Expr::Float(f) => self.comments(&f.base.comments).append(self.text(self.source_of(f.base.range))),
            Expr::Duration(d) => {
                let parts = d.values.iter().map(|v| self.text(format!("{}{}", v.magnitude, v.unit)));
                self.comments(&d.base.comments).append(self.arena.concat(parts))
            }
            Expr::DateTime(t) => {
                self.comments(&t.base.comments).append(self.text(flux_syntax::format_date_time_trimmed(&t.value)))
            }
            Expr::Regexp(r) => {
                if r.value.contains('\n') {
                    self.multiline_strings.set(true);
                }
                self.comments(&r.base.comments)
                    .append(self.text("/"))
                    .append(self.text(r.value.replace('/', "\\/")))
                    .append(self.text("/"))
            }
            Expr::PipeLit(p) => self.comments(&p.base.comments).append(self.text("<-")),
            Expr::Label(l) => self.label(l),
            Expr::Bad(b) => self.text(b.text.clone()),
        };
        doc.group()
    }

    fn hang_expr(&mut self, expr: &'a Expr) -> Hang<'a> {
        let arena = self.arena;
        match expr {
            Expr::Array(a) => {
                let items =
                    a.elements.iter().map(|i| self.expr(&i.expression).append(self.comments(&i.comma))).collect();
                let (open, body, close) = self.item_list(("[", "]"), self.comments(&a.rbrack), items);
                Hang {
                    affixes: vec![
                        Affix { prefix: open, suffix: close, nest: false },
                        Affix { prefix: self.comments(&a.lbrack), suffix: arena.nil(), nest: true },
                    ],
                    body,
                }
            }
            Expr::Object(o) => {
                let (open, body, close) = self.record(o, true);
                Hang { affixes: vec![Affix { prefix: open, suffix: close, nest: true }], body }
            }
            Expr::StringExpr(s) => {
                let parts = s.parts.iter().map(|part| match part {
                    StringExprPart::Text(t) => {
                        if t.value.contains('\n') {
                            self.multiline_strings.set(true);
                        }
                        let pieces = t.value.split('\n').map(|piece| arena.text(escape(piece)));
                        let newline =
                            arena.nesting(move |indentation| arena.hardline().nest(-(indentation as isize)).into_doc());
                        arena.intersperse(pieces, newline)
                    }
                    StringExprPart::Interpolated(i) => self
                        .text("${")
                        .append(self.expr(&i.expression))
                        .append(self.before(&i.rbrace, self.nil()))
                        .append(self.text("}")),
                });
                let body = arena.concat(parts.collect::<Vec<_>>());
                Hang {
                    affixes: vec![Affix {
                        prefix: self.comments(&s.base.comments).append(self.text("\"")),
                        suffix: self.text("\""),
                        nest: true,
                    }],
                    body,
                }
            }
            Expr::Function(f) => self.hang_function(f),
            Expr::String(s) => Hang::plain(self.string(s)),
            Expr::Index(i) => {
                let prefix = self
                    .operand(precedence(expr), &i.array, false)
                    .append(self.comments(&i.lbrack))
                    .append(self.text("["));
                let suffix = self.comments(&i.rbrack).append(self.text("]"));
                Hang { affixes: vec![Affix { prefix, suffix, nest: true }], body: self.expr(&i.index) }
            }
            _ => Hang::plain(self.expr(expr)),
        }
    }

    fn hang_function(&mut self, f: &'a FunctionExpr) -> Hang<'a> {
        let arena = self.arena;
        let many = f.params.len() > MULTILINE;
        let (line, line_) = (self.line_if(many), self.line_if_(many));
        let lparen = self.comments(&f.lparen);
        let params = f
            .params
            .iter()
            .map(|p| {
                let param = match &p.value {
                    Some(default) => {
                        let prefix =
                            self.property_key(&p.key).append(self.comments(&p.separator)).append(self.text("="));
                        let mut hang = self.hang_expr(default);
                        hang.wrap(prefix, arena.nil(), true);
                        self.hang(hang)
                    }
                    None => self.property_key(&p.key),
                };
                param.append(self.comments(&p.comma))
            })
            .collect();
        let arrow_break = if f.arrow.is_empty() { arena.softline() } else { arena.nil() };
        let head = self
            .text("(")
            .append(line_.clone().append(self.comma_list(params, line)).nest(INDENT))
            .append(line_)
            .append(self.comments(&f.rparen))
            .append(self.text(")"))
            .append(arrow_break)
            .append(self.trailing_comments(&f.arrow))
            .append(self.text("=>"))
            .group();
        match &f.body {
            FunctionBody::Expr(body) => {
                let body = strip_parens(body);
                let body_doc = match body {
                    Expr::Object(_) => self.text("(").append(self.expr(body)).append(self.text(")")).group(),
                    _ => self.expr(body),
                };
                Hang {
                    affixes: vec![
                        Affix { prefix: head, suffix: arena.nil(), nest: false },
                        Affix { prefix: lparen, suffix: arena.nil(), nest: true },
                    ],
                    body: arena.line().append(body_doc),
                }
            }
            FunctionBody::Block(block) => {
                let mut hang = self.hang_block(block);
                hang.prepend(arena.line());
                hang.wrap(head, arena.nil(), true);
                hang.wrap(lparen, arena.nil(), true);
                hang
            }
        }
    }

    /// A record's opener, body and closer; without braces for call arguments.
    fn record(&mut self, o: &'a ObjectExpr, braces: bool) -> (Doc<'a>, Doc<'a>, Doc<'a>) {
        let many = o.properties.len() > MULTILINE;
        let (line, line_) = (self.line_if(many), self.line_if_(many));
        let open = self.comments(&o.lbrace).append(if braces { self.text("{") } else { self.nil() });
        let start = match &o.with {
            Some(with) => {
                let space = if with.with.is_empty() { self.text(" ") } else { self.nil() };
                self.identifier(&with.source)
                    .append(self.comments(&with.with))
                    .append(space)
                    .append(self.text("with"))
                    .append(line.clone())
                    .group()
            }
            None => line_.clone(),
        };
        let properties = self.properties(&o.properties);
        let body = start.append(self.comma_list(properties, line)).append(self.trailing_comments(&o.rbrace));
        let close = line_.append(if braces { self.text("}") } else { self.nil() });
        (open, body, close)
    }

    fn properties(&mut self, properties: &'a [Property]) -> Vec<Doc<'a>> {
        properties.iter().map(|p| self.property(p).append(self.trailing_comments(&p.comma))).collect()
    }

    fn property(&mut self, p: &'a Property) -> Doc<'a> {
        match &p.value {
            Some(value) => {
                let prefix =
                    self.property_key(&p.key).append(self.trailing_comments(&p.separator)).append(self.text(":"));
                let mut hang = self.hang_expr(value);
                hang.prepend(self.arena.line());
                hang.wrap(prefix, self.nil(), true);
                self.hang(hang)
            }
            None => self.property_key(&p.key),
        }
    }

    fn dict(&mut self, d: &'a DictExpr) -> Doc<'a> {
        let arena = self.arena;
        let line = self.line_if(self.spans_lines(d.base.range));
        let items = if d.elements.is_empty() {
            self.comments(&d.empty_colon).append(self.text(":"))
        } else {
            let items = d
                .elements
                .iter()
                .map(|item| {
                    // `flux fmt` drops a comment before `:`; it is kept here.
                    self.expr(&item.key)
                        .append(self.comments(&item.colon))
                        .append(self.text(":"))
                        .append(self.text(" "))
                        .append(self.expr(&item.val))
                        .append(self.comments(&item.comma))
                })
                .collect();
            self.comma_list(items, line)
        };
        self.comments(&d.lbrack)
            .append(self.text("["))
            .append(arena.line_().append(items).append(self.comments(&d.rbrack)).nest(INDENT))
            .append(arena.line_())
            .append(self.text("]"))
    }

    fn member(&mut self, m: &'a MemberExpr) -> Doc<'a> {
        let object = self.operand(Precedence::POSTFIX, &m.object, false);
        let access = match &m.property {
            PropertyKey::Identifier(id) => {
                self.trailing_comments(&m.lbrack).append(self.text(".")).append(self.identifier(id))
            }
            PropertyKey::StringLit(s) => self
                .comments(&m.lbrack)
                .append(self.text("["))
                .append(self.string(s))
                .append(self.trailing_comments(&m.rbrack))
                .append(self.text("]")),
        };
        object.append(access)
    }

    fn call(&mut self, c: &'a CallExpr) -> Doc<'a> {
        let arena = self.arena;
        let callee = self.operand(Precedence::POSTFIX, &c.callee, false);
        let arguments = if c.arguments.is_empty() {
            let (open, body, close) = self.item_list(("(", ")"), self.comments(&c.rparen), Vec::new());
            self.hang_with(&[Affix { prefix: open, suffix: close, nest: true }], body)
        } else {
            let many = c.arguments.len() > MULTILINE;
            let (line, line_) = (self.line_if(many), self.line_if_(many));
            let properties = self.properties(&c.arguments);
            let body = line_.clone().append(self.comma_list(properties, line));
            let inner = self.hang_with(&[Affix { prefix: arena.nil(), suffix: line_, nest: true }], body);
            self.text("(").append(inner).append(self.comments(&c.rparen)).append(self.text(")"))
        };
        callee.append(self.trailing_comments(&c.lparen)).append(arguments).group()
    }

    fn pipe(&mut self, mut p: &'a PipeExpr) -> Doc<'a> {
        let arena = self.arena;
        let line = self.line_if(self.spans_lines(p.base.range));
        let mut operands = Vec::new();
        let mut operators = Vec::new();
        loop {
            // A call binds tighter than `|>`: never in parentheses.
            operands.push(self.call(&p.call).group());
            operators.push(self.comments(&p.base.comments).append(self.text("|> ")));
            match &p.argument {
                Expr::Pipe(inner) => p = inner,
                argument => {
                    operands.push(self.operand(Precedence::PIPE, argument, false).group());
                    break;
                }
            }
        }
        operands.reverse();
        operators.reverse();
        let mut operands = operands.into_iter();
        let first = operands.next().unwrap_or_else(|| arena.nil());
        let count = operators.len();
        let mut rest = line.clone();
        for (i, (operator, operand)) in operators.into_iter().zip(operands).enumerate() {
            rest = rest.append(operator.append(operand).group());
            if i + 1 < count {
                rest = rest.append(line.clone());
            }
        }
        first.append(rest.nest(INDENT)).group()
    }

    /// `left op right op right ...` for a right-leaning chain of binary operators, one group.
    fn binary_chain(&mut self, parent: &'a Expr, left: &'a Expr, operator: &'a str, right: &'a Expr) -> Doc<'a> {
        let arena = self.arena;
        let first = self.operand(precedence(parent), left, false);
        let mut doc = arena.nil();
        let (mut parent, mut operator, mut right) = (parent, operator, right);
        loop {
            let op = arena
                .line()
                .append(self.comments(&parent.base().comments))
                .append(self.text(operator))
                .append(arena.line())
                .group();
            // Parentheses the layout drops do not nest: the output, parsed again, is the chain
            // without them, and must lay out the same.
            let right_unparenthesized = match right {
                Expr::Paren(p)
                    if p.lparen.is_empty()
                        && p.rparen.is_empty()
                        && !needs_parens(precedence(parent), precedence(right), true) =>
                {
                    &p.expression
                }
                _ => right,
            };
            match right_unparenthesized {
                Expr::Binary(b) => {
                    let inner = right_unparenthesized;
                    doc = doc.append(op).append(self.operand(precedence(inner), &b.left, false));
                    parent = inner;
                    operator = b.operator.as_str();
                    right = &b.right;
                }
                _ => {
                    doc = doc.append(op).append(self.operand(precedence(parent), right, true));
                    break;
                }
            }
        }
        first.append(doc.nest(INDENT)).group()
    }

    fn conditional(&mut self, c: &'a ConditionalExpr) -> Doc<'a> {
        let arena = self.arena;
        let line = self.line_if(self.spans_lines(c.base.range));
        let then_break = if c.tk_then.is_empty() { arena.line() } else { arena.nil() };
        let mut doc = self
            .text("if ")
            .append(self.expr(&c.test).nest(INDENT))
            .append(self.comments(&c.tk_then))
            .append(then_break)
            .append(self.text("then"))
            .group()
            .append(line.clone().append(self.expr(&c.consequent)).nest(INDENT))
            .append(line.clone())
            .append(self.comments(&c.tk_else));
        let mut alternate = &c.alternate;
        while let Expr::Conditional(next) = alternate {
            doc = doc
                .append(self.text("else"))
                .append(self.before(&next.tk_if, self.text(" ")))
                .append(self.text("if "))
                .append(self.expr(&next.test).nest(INDENT))
                .append(self.comments(&next.tk_then))
                .append(self.text(" then"))
                .append(line.clone().append(self.expr(&next.consequent)).nest(INDENT))
                .append(line.clone())
                .append(self.comments(&next.tk_else));
            alternate = &next.alternate;
        }
        doc = doc.append(self.text("else")).append(line.append(self.expr(alternate)).nest(INDENT));
        self.comments(&c.tk_if).append(doc.group())
    }

    /// An operand of a parent of precedence `parent`, in parentheses when precedence requires
    /// them (a `right` operand also when it binds equally).
    fn operand(&mut self, parent: u32, child: &'a Expr, right: bool) -> Doc<'a> {
        match child {
            _ if !needs_parens(parent, precedence(child), right) => self.expr(child),
            // Prefix operators of one level nest without parentheses: `--2` is `-(-2)`, and
            // parentheses would only deepen the tree (past Flux's limit, for a long chain).
            Expr::Unary(_) if right && precedence(child) == parent => self.expr(child),
            // Parentheses with comments are written by the expression itself.
            Expr::Paren(p) if !(p.lparen.is_empty() && p.rparen.is_empty()) => self.expr(child),
            _ => self.text("(").append(self.expr(child)).append(self.text(")")),
        }
    }
}

/// Binding strength as `flux fmt` ranks it: smaller binds tighter; 0 means "never
/// parenthesize".
struct Precedence;

impl Precedence {
    const POSTFIX: u32 = 1;
    const PIPE: u32 = 2;
}

fn precedence(expr: &Expr) -> u32 {
    match expr {
        Expr::Binary(b) => match b.operator {
            Operator::Power => 4,
            Operator::Multiplication | Operator::Division | Operator::Modulo => 5,
            Operator::Addition | Operator::Subtraction => 6,
            Operator::Invalid => 0,
            _ => 7,
        },
        Expr::Unary(u) => match u.operator {
            Operator::Not | Operator::Exists => 8,
            Operator::Addition | Operator::Subtraction => 6,
            _ => 0,
        },
        Expr::Logical(l) => match l.operator {
            LogicalOperator::And => 9,
            LogicalOperator::Or => 10,
        },
        Expr::Function(_) => 3,
        Expr::Pipe(_) => Precedence::PIPE,
        Expr::Call(_) | Expr::Member(_) | Expr::Index(_) => Precedence::POSTFIX,
        Expr::Paren(p) => precedence(&p.expression),
        Expr::Conditional(_) => 11,
        _ => 0,
    }
}

/// A left child needs parentheses when it binds looser than its parent; a right child also
/// when it binds equally (the parser nests equal operators to the left).
fn needs_parens(parent: u32, child: u32, right: bool) -> bool {
    parent != 0 && child != 0 && (child > parent || right && child == parent)
}

fn strip_parens(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(p) if p.lparen.is_empty() && p.rparen.is_empty() => strip_parens(&p.expression),
        other => other,
    }
}

/// Whether a statement's first output is a comment.
fn starts_with_comment_statement(statement: &Statement) -> bool {
    match statement {
        Statement::Expr(s) => !s.expression.leading_comments().is_empty(),
        Statement::Variable(v) => !v.id.base.comments.is_empty(),
        Statement::Option(o) => !o.base.comments.is_empty(),
        Statement::Return(r) => !r.base.comments.is_empty(),
        Statement::TestCase(t) => !t.base.comments.is_empty(),
        Statement::Builtin(b) => !b.base.comments.is_empty(),
        Statement::Bad(_) => false,
    }
}

/// `"` and `\` escaped, as in the text parts of an interpolated string.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;

/// Checks what formatting promises on one input that parses: the output parses, formatting it
/// again changes nothing, and its syntax tree (locations aside, comments included, each where
/// it was) is the input's. For tests and fuzzing; the error says which promise broke.
pub fn verify(source: &str) -> Result<(), String> {
    let parse = flux_syntax::parse(source);
    let Ok(formatted) = format_parsed(source, &parse) else { return Ok(()) };
    let reparsed = flux_syntax::parse(&formatted);
    if let Some(error) = reparsed.errors.iter().find(|e| e.severity() == flux_syntax::Severity::Error) {
        return Err(format!("the output does not parse: {}\n{formatted}", error.message));
    }
    let again = format_parsed(&formatted, &reparsed).unwrap_or_default();
    if again != formatted {
        return Err(format!("formatting twice changes the text:\n{formatted}\n---\n{again}"));
    }
    let before = tree_without_locations(source, &parse.file);
    let after = tree_without_locations(&formatted, &reparsed.file);
    if before != after {
        return Err(format!("the syntax tree changed:\n{before}\n---\n{after}"));
    }
    Ok(())
}

/// The AST as JSON with every location removed.
fn tree_without_locations(source: &str, file: &File) -> String {
    let options = flux_syntax::json::JsonOptions { file_name: "", pretty: false, code_only: false };
    let json = flux_syntax::json::to_json(file, source, &[], options);
    let mut value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    // Parentheses without comments are the formatter's to add or drop: a change of meaning
    // still shows, as a different tree below them.
    fn strip(value: &mut serde_json::Value) {
        if let serde_json::Value::Object(map) = value {
            map.remove("location");
        }
        if value.get("type").and_then(|t| t.as_str()) == Some("ParenExpression")
            && value.as_object().is_some_and(|m| m.keys().all(|k| matches!(k.as_str(), "type" | "expression")))
            && let Some(inner) = value.get_mut("expression").map(serde_json::Value::take)
        {
            *value = inner;
            return strip(value);
        }
        match value {
            serde_json::Value::Object(map) => {
                // Whitespace at the end of a comment's line is not kept.
                if let Some(serde_json::Value::String(text)) = map.get_mut("text")
                    && text.starts_with("//")
                {
                    *text = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
                }
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value.to_string()
}

/// The program's code: its tree without locations, comments and parentheses.
fn code_tree(source: &str, file: &File) -> String {
    let options = flux_syntax::json::JsonOptions { file_name: "", pretty: false, code_only: true };
    flux_syntax::json::to_json(file, source, &[], options)
}
