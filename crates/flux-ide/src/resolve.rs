//! What a name in a file refers to, from the file alone: parameters and local variables of the
//! enclosing functions and blocks, the file's top-level declarations and its imports.

use flux_db::{Db, SourceFile, items};
use flux_syntax::TextRange;
use flux_syntax::ast::*;
use flux_syntax::smol_str::SmolStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DefinitionKind {
    Variable,
    Function,
    Parameter,
    Option,
    Builtin,
    Import,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Definition {
    pub(crate) name: SmolStr,
    pub(crate) kind: DefinitionKind,
    /// Where the name is declared, in the file.
    pub(crate) range: TextRange,
    /// The documentation written before the declaration.
    pub(crate) doc: String,
    /// The import path, for an import.
    pub(crate) path: Option<String>,
}

/// The identifier at `offset` (a reference or a declaration) and its definition.
pub(crate) fn definition_at(db: &dyn Db, file: SourceFile, offset: u32) -> Option<(TextRange, Definition)> {
    let items = items(db, file);
    let index = items.partition_point(|item| item.offset(db) <= offset).checked_sub(1)?;
    let item = items[index];
    let base = item.offset(db);
    let statement = &item.syntax(db).statement;
    let mut finder = Finder { target: offset - base, base, scopes: Vec::new(), found: None };
    finder.statement(statement);
    let (range, local) = finder.found?;
    let range = TextRange::new(range.start + base, range.end + base);
    let definition = match local {
        Some(definition) => definition,
        None => global(db, file, &range_name(file.text(db), range))?,
    };
    Some((range, definition))
}

fn range_name(text: &str, range: TextRange) -> SmolStr {
    SmolStr::new(&text[range.as_usize()])
}

/// A name declared at the top of the file or imported.
fn global(db: &dyn Db, file: SourceFile, name: &str) -> Option<Definition> {
    for item in items(db, file).iter().rev() {
        let offset = item.offset(db);
        let statement = &item.syntax(db).statement;
        let shift = |r: TextRange| TextRange::new(r.start + offset, r.end + offset);
        let doc = doc_text(statement.leading_comments());
        let found = match &**statement {
            Statement::Variable(v) if v.id.name == name => {
                let kind = if matches!(v.init, Expr::Function(_)) {
                    DefinitionKind::Function
                } else {
                    DefinitionKind::Variable
                };
                Some((kind, v.id.base.range))
            }
            Statement::Option(o) => match &o.assignment {
                Assignment::Variable(v) if v.id.name == name => Some((DefinitionKind::Option, v.id.base.range)),
                _ => None,
            },
            Statement::Builtin(b) if b.id.name == name => Some((DefinitionKind::Builtin, b.id.base.range)),
            _ => None,
        };
        if let Some((kind, range)) = found {
            return Some(Definition { name: SmolStr::new(name), kind, range: shift(range), doc, path: None });
        }
    }
    let parse = flux_db::parse(db, file);
    parse.file.imports.iter().find_map(|i| {
        let (declared, range) = match &i.alias {
            Some(alias) => (alias.name.to_string(), alias.base.range),
            None => (i.path.value.rsplit('/').next().unwrap_or_default().to_owned(), i.path.base.range),
        };
        (declared == name).then(|| Definition {
            name: SmolStr::new(name),
            kind: DefinitionKind::Import,
            range,
            doc: doc_text(&i.base.comments),
            path: Some(i.path.value.clone()),
        })
    })
}

/// Walks a statement with its scopes, looking for the identifier at `target` (relative).
struct Finder {
    target: u32,
    base: u32,
    scopes: Vec<Vec<Definition>>,
    /// The identifier found and, when it is bound inside the statement, its definition.
    found: Option<(TextRange, Option<Definition>)>,
}

impl Finder {
    fn here(&self, range: TextRange) -> bool {
        self.found.is_none() && range.contains_inclusive(self.target) && !range.is_empty()
    }

    fn lookup(&self, name: &str) -> Option<Definition> {
        self.scopes.iter().rev().find_map(|s| s.iter().rev().find(|d| d.name == name).cloned())
    }

    fn reference(&mut self, id: &Identifier) {
        if self.here(id.base.range) {
            self.found = Some((id.base.range, self.lookup(&id.name)));
        }
    }

    fn declare(&mut self, id: &Identifier, kind: DefinitionKind, doc: String) {
        let range = TextRange::new(id.base.range.start + self.base, id.base.range.end + self.base);
        let definition = Definition { name: id.name.clone(), kind, range, doc, path: None };
        if self.here(id.base.range) {
            self.found = Some((id.base.range, Some(definition.clone())));
        }
        if let Some(scope) = self.scopes.last_mut() {
            scope.push(definition);
        }
    }

    fn statement(&mut self, statement: &Statement) {
        let doc = doc_text(statement.leading_comments());
        match statement {
            Statement::Variable(v) => {
                let kind = if matches!(v.init, Expr::Function(_)) {
                    DefinitionKind::Function
                } else {
                    DefinitionKind::Variable
                };
                // Top-level names resolve globally; block-local ones are declared here.
                if self.scopes.is_empty() {
                    if self.here(v.id.base.range) {
                        self.found = Some((v.id.base.range, None));
                    }
                } else {
                    self.declare(&v.id, kind, doc);
                }
                self.expr(&v.init);
            }
            Statement::Option(o) => match &o.assignment {
                Assignment::Variable(v) => {
                    if self.here(v.id.base.range) {
                        self.found = Some((v.id.base.range, None));
                    }
                    self.expr(&v.init);
                }
                Assignment::Member(m) => {
                    self.expr(&m.member.object);
                    self.expr(&m.init);
                }
            },
            Statement::Expr(s) => self.expr(&s.expression),
            Statement::Return(r) => self.expr(&r.argument),
            Statement::TestCase(t) => self.block(&t.block),
            Statement::Builtin(b) => {
                if self.here(b.id.base.range) {
                    self.found = Some((b.id.base.range, None));
                }
            }
            Statement::Bad(_) => {}
        }
    }

    fn block(&mut self, block: &Block) {
        self.scopes.push(Vec::new());
        for s in &block.body {
            self.statement(s);
        }
        self.scopes.pop();
    }

    fn expr(&mut self, e: &Expr) {
        if self.found.is_some() || !e.range().contains_inclusive(self.target) {
            return;
        }
        match e {
            Expr::Identifier(id) => self.reference(id),
            Expr::Function(f) => {
                self.scopes.push(Vec::new());
                for p in &f.params {
                    if let PropertyKey::Identifier(id) = &p.key {
                        self.declare(id, DefinitionKind::Parameter, String::new());
                    }
                    if let Some(default) = &p.value {
                        self.expr(default);
                    }
                }
                match &f.body {
                    FunctionBody::Expr(body) => self.expr(body),
                    FunctionBody::Block(b) => self.block(b),
                }
                self.scopes.pop();
            }
            Expr::Call(c) => self.call(c),
            Expr::Pipe(p) => {
                self.expr(&p.argument);
                self.call(&p.call);
            }
            Expr::Member(m) => self.expr(&m.object),
            Expr::Index(i) => {
                self.expr(&i.array);
                self.expr(&i.index);
            }
            Expr::Object(o) => {
                if let Some(with) = &o.with {
                    self.reference(&with.source);
                }
                self.properties(&o.properties);
            }
            Expr::Array(a) => a.elements.iter().for_each(|i| self.expr(&i.expression)),
            Expr::Dict(d) => d.elements.iter().for_each(|i| {
                self.expr(&i.key);
                self.expr(&i.val);
            }),
            Expr::Binary(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::Logical(l) => {
                self.expr(&l.left);
                self.expr(&l.right);
            }
            Expr::Unary(u) => self.expr(&u.argument),
            Expr::Conditional(c) => {
                self.expr(&c.test);
                self.expr(&c.consequent);
                self.expr(&c.alternate);
            }
            Expr::Paren(p) => self.expr(&p.expression),
            Expr::StringExpr(s) => {
                for part in &s.parts {
                    if let StringExprPart::Interpolated(i) = part {
                        self.expr(&i.expression);
                    }
                }
            }
            _ => {}
        }
    }

    fn call(&mut self, call: &CallExpr) {
        self.expr(&call.callee);
        self.properties(&call.arguments);
    }

    fn properties(&mut self, properties: &[Property]) {
        for p in properties {
            match &p.value {
                Some(value) => self.expr(value),
                // `{a}` refers to `a`.
                None => {
                    if let PropertyKey::Identifier(id) = &p.key {
                        self.reference(id);
                    }
                }
            }
        }
    }
}
