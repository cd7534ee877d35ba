//! Completion: what can be written at the cursor, best first.
//!
//! The context comes from the statement re-parsed with a marker at the cursor
//! ([`crate::cursor`]): a member access (`r.`, `strings.`), a call's argument list, a string
//! literal whose meaning is known (a bucket, a measurement, a tag value, a column), or a plain
//! expression. Candidates are matched fuzzily against what was typed and ranked by the quality
//! of the match, then by how close their kind is to the cursor (locals before package values
//! before the standard library).

use flux_db::{Db, SourceFile};
use flux_semantic::ir::{Call, ExprKind, LocalKind, Name, Predeclared, Resolution};
use flux_semantic::{Body, COMPLETION_MARKER, InScope, PackageValue};
use flux_stdlib::{Member, Package, catalog};
use flux_syntax::TextRange;
use flux_syntax::ast::{CallExpr, Expr, MemberExpr, Operator, Property, PropertyKey, Statement};
use flux_syntax::smol_str::SmolStr;
use flux_syntax::walk::NodeRef;
use flux_types::{Scheme, Ty, TyNode};
use serde::{Deserialize, Serialize};

use crate::TextEdit;
use crate::cursor::{CursorStatement, cursor_statement};
use crate::fuzzy;
use crate::schema::Schema;

/// At most this many items are returned; the list is then marked incomplete, so the editor
/// asks again as more is typed.
pub const COMPLETION_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<CompletionItem>,
    /// Whether items were left out.
    pub incomplete: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// The type, or what the item is.
    pub detail: Option<String>,
    /// The text that replaces `range`: a snippet (`$1`, `${1:placeholder}`) when `snippet`.
    pub insert: String,
    pub snippet: bool,
    pub range: TextRange,
    /// Orders the items: smaller first.
    pub sort_text: String,
    pub deprecated: bool,
    /// Other edits to make, such as adding an import.
    pub additional_edits: Vec<TextEdit>,
    /// What to look up when the editor asks for the item's documentation.
    pub documentation: Option<DocumentationKey>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Variable,
    Function,
    Parameter,
    /// An option.
    Constant,
    /// A package or import.
    Module,
    /// A record property or column.
    Field,
    /// A named argument of a call.
    Argument,
    Keyword,
    Snippet,
    /// A value inside a string: a bucket, a measurement, a tag value.
    Value,
}

/// Names documentation to fetch on demand (`completionItem/resolve`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum DocumentationKey {
    Package { path: String },
    Member { package: String, name: String },
}

pub(crate) fn documentation(key: &DocumentationKey) -> Option<String> {
    match key {
        DocumentationKey::Package { path } => {
            let package = catalog().package(path)?;
            Some(crate::hover::package_markdown(package))
        }
        DocumentationKey::Member { package, name } => {
            let package = catalog().package(package)?;
            let member = package.member(name)?;
            Some(crate::hover::member_markdown(package, member))
        }
    }
}

/// Relevance of a kind of candidate, added to its match score.
mod weight {
    pub(super) const LOCAL: u32 = 900;
    pub(super) const ARGUMENT_REQUIRED: u32 = 1000;
    pub(super) const ARGUMENT_OPTIONAL: u32 = 950;
    pub(super) const FIELD: u32 = 900;
    pub(super) const SCHEMA: u32 = 850;
    pub(super) const PACKAGE_VALUE: u32 = 800;
    pub(super) const IMPORT: u32 = 700;
    pub(super) const PRELUDE: u32 = 600;
    pub(super) const SNIPPET: u32 = 650;
    /// Added to functions that take a pipe, after `|>`.
    pub(super) const PIPEABLE: u32 = 150;
    pub(super) const KEYWORD: u32 = 500;
    pub(super) const NOT_IMPORTED: u32 = 300;
    pub(super) const INTERNAL: u32 = 100;
}

/// A candidate while the list is built.
struct Candidate {
    /// Whether the item goes after all others (deprecated, already imported).
    last: bool,
    score: u32,
    /// Whether it is a function taking a pipe (ranked higher after `|>`).
    pipeable: bool,
    /// What is still to be looked up for its detail and kind, once it is among those returned.
    pending: Option<Pending>,
    item: CompletionItem,
}

/// Details computed only for the items returned.
enum Pending {
    /// A package-level value: its kind and type come from its binding.
    PackageValue(SmolStr),
    /// A standard-library value.
    Member(&'static Package, &'static Member),
}

struct Builder {
    prefix: String,
    range: TextRange,
    /// Whether functions taking a pipe rank higher (the cursor is after `|>`).
    pipe_bonus: bool,
    items: Vec<Candidate>,
}

impl Builder {
    fn new(prefix: &str, range: TextRange) -> Builder {
        Builder { prefix: prefix.to_owned(), range, pipe_bonus: false, items: Vec::new() }
    }

    /// Adds `label` if it matches what was typed; returns the item to fill in further.
    fn add(&mut self, label: &str, kind: CompletionKind, weight: u32) -> Option<&mut CompletionItem> {
        self.candidate(label, kind, weight).map(|c| &mut c.item)
    }

    fn candidate(&mut self, label: &str, kind: CompletionKind, weight: u32) -> Option<&mut Candidate> {
        if label.contains(COMPLETION_MARKER) {
            return None;
        }
        let score = fuzzy::score(&self.prefix, label)?;
        let item = CompletionItem {
            label: label.to_owned(),
            kind,
            detail: None,
            insert: label.to_owned(),
            snippet: false,
            range: self.range,
            sort_text: String::new(),
            deprecated: false,
            additional_edits: Vec::new(),
            documentation: None,
        };
        self.items.push(Candidate { last: false, score: score + weight, pipeable: false, pending: None, item });
        self.items.last_mut()
    }

    /// Puts the item added last after every other.
    fn demote_last(&mut self) {
        if let Some(last) = self.items.last_mut() {
            last.last = true;
        }
    }

    /// The best items, with the details of those returned filled in; `package_value` gives a
    /// package-level value's binding.
    fn finish(mut self, package_value: &dyn Fn(&str) -> Option<PackageValue>) -> Completions {
        if self.pipe_bonus {
            for c in &mut self.items {
                let pipeable = match &c.pending {
                    Some(Pending::PackageValue(name)) => package_value(name).is_some_and(|v| takes_pipe(&v.scheme.ty)),
                    _ => c.pipeable,
                };
                if pipeable {
                    c.score += weight::PIPEABLE;
                }
            }
        }
        self.items.sort_by(|x, y| {
            (x.last, x.item.deprecated)
                .cmp(&(y.last, y.item.deprecated))
                .then(y.score.cmp(&x.score))
                .then_with(|| x.item.label.cmp(&y.item.label))
        });
        // One item per label: the best ranked (a local shadows a package value of its name).
        let mut seen = std::collections::HashSet::new();
        self.items.retain(|c| seen.insert((c.item.label.clone(), c.item.kind == CompletionKind::Snippet)));
        let incomplete = self.items.len() > COMPLETION_LIMIT;
        self.items.truncate(COMPLETION_LIMIT);
        let items = self
            .items
            .into_iter()
            .enumerate()
            .map(|(rank, c)| {
                let mut item = c.item;
                match c.pending {
                    Some(Pending::PackageValue(name)) => {
                        if let Some(value) = package_value(&name) {
                            item.kind = match (&value.scheme.ty, value.option) {
                                (_, true) => CompletionKind::Constant,
                                (Ty::Function(_), _) => CompletionKind::Function,
                                _ => CompletionKind::Variable,
                            };
                            item.detail = Some(value.scheme.to_string());
                        }
                    }
                    Some(Pending::Member(package, member)) => describe_member(&mut item, package, member),
                    None => {}
                }
                item.sort_text = format!("{rank:04}");
                item
            })
            .collect();
        Completions { items, incomplete }
    }
}

fn takes_pipe(ty: &Ty) -> bool {
    matches!(ty, Ty::Function(f) if f.pipe.is_some())
}

pub(crate) fn completions(db: &dyn Db, file: SourceFile, offset: u32, schema: Option<&Schema>) -> Completions {
    let empty = Completions { items: Vec::new(), incomplete: false };
    let text = file.text(db);
    if offset as usize > text.len() || in_comment(text, offset) {
        return empty;
    }
    if let Some(done) = import_path(db, file, offset) {
        return done;
    }
    let Some(cursor) = cursor_statement(db, file, offset) else { return empty };
    let chain = cursor.chain();
    let cx = Context { db, file, cursor: &cursor, chain: &chain, text, offset };
    cx.complete(schema).unwrap_or(empty)
}

struct Context<'a> {
    db: &'a dyn Db,
    file: SourceFile,
    cursor: &'a CursorStatement,
    chain: &'a [NodeRef<'a>],
    text: &'a str,
    offset: u32,
}

impl Context<'_> {
    /// The identifier being typed: its text before the cursor and the range to replace.
    fn word(&self) -> (String, TextRange) {
        let before = &self.text[..self.offset as usize];
        let start = before
            .rfind(|c: char| !flux_syntax::lexer::is_identifier_char(c))
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
        let after = &self.text[self.offset as usize..];
        let end = after.find(|c: char| !flux_syntax::lexer::is_identifier_char(c)).unwrap_or(after.len());
        let prefix = before[start..].to_owned();
        (prefix, TextRange::new(start as u32, self.offset + end as u32))
    }

    fn complete(&self, schema: Option<&Schema>) -> Option<Completions> {
        let innermost = *self.chain.last()?;
        let parent = self.chain.len().checked_sub(2).map(|i| self.chain[i]);
        match innermost {
            NodeRef::Expr(Expr::String(_)) | NodeRef::StringLit(_) | NodeRef::StringPart(_) => {
                return Some(self.in_string(schema?));
            }
            NodeRef::PropertyKey(PropertyKey::StringLit(_)) => return Some(self.in_string(schema?)),
            _ => {}
        }
        match (parent, innermost) {
            (Some(NodeRef::Expr(Expr::Member(m))), NodeRef::PropertyKey(_)) => Some(self.member(m, schema)),
            (Some(NodeRef::Member(m)), NodeRef::PropertyKey(_)) => Some(self.member(m, schema)),
            (Some(NodeRef::Property(p)), NodeRef::PropertyKey(_)) => {
                let grandparent = self.chain.len().checked_sub(3).map(|i| self.chain[i]);
                match grandparent {
                    Some(NodeRef::CallArguments(call)) => Some(self.arguments(call, p)),
                    // Parameters and record keys are new names.
                    _ => None,
                }
            }
            // A name being defined.
            (Some(NodeRef::Statement(_) | NodeRef::Assignment(_)), NodeRef::Identifier(_)) => None,
            (_, NodeRef::Expr(Expr::Identifier(_))) => Some(self.expressions()),
            _ => None,
        }
    }

    // ---------------------------------------------------------------------------------------
    // Names in scope

    fn expressions(&self) -> Completions {
        let (prefix, range) = self.word();
        let mut b = Builder::new(&prefix, range);
        // After `|>` only functions that take a pipe make sense: they come first.
        let piped_into = self.chain.len() >= 2
            && matches!(self.chain[self.chain.len() - 2], NodeRef::Call(c) if c.callee.range().contains_range(TextRange::new(self.cursor.cursor, self.cursor.cursor)));
        b.pipe_bonus = piped_into;
        self.names_in_scope(&mut b, true);
        for keyword in ["if", "not", "exists"] {
            b.add(keyword, CompletionKind::Keyword, weight::KEYWORD);
        }
        if self.cursor.top_level_expression {
            self.statement_starts(&mut b);
        }
        self.finish(b)
    }

    /// Locals, package-level values and imports; with `everything`, also the prelude and the
    /// packages not imported yet. The names come as they resolve at the cursor: a name that
    /// is shadowed there is not offered.
    fn names_in_scope(&self, b: &mut Builder, everything: bool) {
        let body = &self.cursor.body;
        let in_scope = flux_db::with_env(self.db, self.file, self.cursor.order, self.cursor.item, |env| {
            flux_semantic::names_in_scope(body, self.cursor.cursor, env)
        });
        let imports = flux_db::file_imports(self.db, self.file);
        for (name, meaning) in in_scope {
            match meaning {
                InScope::Local(id) => {
                    let local = body.local(id);
                    let kind = match local.kind {
                        LocalKind::Parameter => CompletionKind::Parameter,
                        _ if body.types.is_function(local.ty) => CompletionKind::Function,
                        _ => CompletionKind::Variable,
                    };
                    if let Some(c) = b.candidate(&name, kind, weight::LOCAL) {
                        let scheme = body.types.scheme(local.ty);
                        c.pipeable = takes_pipe(&scheme.ty);
                        c.item.detail = Some(scheme.to_string());
                    }
                }
                InScope::Package => {
                    if let Some(c) = b.candidate(&name, CompletionKind::Variable, weight::PACKAGE_VALUE) {
                        c.pending = Some(Pending::PackageValue(name));
                    }
                }
                InScope::Import => {
                    let Some(import) = imports.get(&name) else { continue };
                    if let Some(item) = b.add(&name, CompletionKind::Module, weight::IMPORT) {
                        item.detail = Some(format!("package \"{}\"", import.path));
                        item.documentation = Some(DocumentationKey::Package { path: import.path.clone() });
                    }
                }
                InScope::Predeclared(p) if everything => {
                    if let Some(item) = b.add(&name, CompletionKind::Variable, weight::PRELUDE) {
                        item.detail = Some(match p {
                            Predeclared::Dashboard => "the dashboard's variables".to_owned(),
                            Predeclared::Task => "the task option InfluxDB sets".to_owned(),
                        });
                    }
                }
                InScope::Prelude(package, member) if everything => {
                    // Helpers the standard library does not mean for users.
                    let internal =
                        package.path.starts_with("internal/") && !matches!(member.name.as_str(), "true" | "false");
                    if internal || member.name.starts_with('_') {
                        continue;
                    }
                    if let Some(c) = b.candidate(&name, member_kind(member), weight::PRELUDE) {
                        c.pipeable = takes_pipe(&member.scheme.ty);
                        c.item.deprecated = member.deprecated.is_some();
                        c.pending = Some(Pending::Member(package, member));
                    }
                }
                InScope::Predeclared(_) | InScope::Prelude(..) => {}
            }
        }
        if !everything {
            return;
        }
        // Packages not imported yet: choosing one adds the import.
        let imported: Vec<&str> = imports.imports.iter().map(|i| i.path.as_str()).collect();
        if !b.prefix.is_empty() {
            for package in catalog().packages.values() {
                if package.path.starts_with("internal/")
                    || flux_stdlib::PRELUDE.contains(&package.path)
                    || imported.contains(&package.path)
                    || imports.get(&package.name).is_some()
                {
                    continue;
                }
                let edit = self.import_edit(package.path);
                if let Some(item) = b.add(&package.name, CompletionKind::Module, weight::NOT_IMPORTED) {
                    item.detail = Some(format!("package \"{}\" (adds the import)", package.path));
                    item.documentation = Some(DocumentationKey::Package { path: package.path.to_owned() });
                    item.additional_edits.push(edit);
                }
            }
        }
    }

    fn statement_starts(&self, b: &mut Builder) {
        let snippets = [
            (
                "from |> range |> filter",
                "from(bucket: \"${1:bucket}\")\n    |> range(start: ${2:-1h})\n    |> filter(fn: (r) => r._measurement == \"${3:measurement}\")$0",
                "query skeleton",
            ),
            ("option task", "option task = {name: \"${1:name}\", every: ${2:1h}}$0", "task options"),
            ("option now", "option now = () => ${1:2024-01-01T00:00:00Z}$0", "fix the current time"),
        ];
        for (label, body, detail) in snippets {
            if let Some(item) = b.add(label, CompletionKind::Snippet, weight::SNIPPET) {
                item.insert = body.to_owned();
                item.snippet = true;
                item.detail = Some(detail.to_owned());
            }
        }
        let in_block = self.chain.iter().any(|n| matches!(n, NodeRef::Block(_)));
        let mut keywords = vec!["option"];
        if in_block {
            keywords.push("return");
        }
        if self.cursor.index == 0 && !in_block {
            keywords.push("import");
        }
        if self.file.path(self.db).ends_with("_test.flux") {
            keywords.push("testcase");
        }
        for keyword in keywords {
            b.add(keyword, CompletionKind::Keyword, weight::KEYWORD);
        }
    }

    fn import_edit(&self, path: &str) -> TextEdit {
        crate::actions::import_edit(self.db, self.file, path)
    }

    // ---------------------------------------------------------------------------------------
    // Members

    fn member(&self, m: &MemberExpr, schema: Option<&Schema>) -> Completions {
        let (prefix, range) = self.word();
        let mut b = Builder::new(&prefix, range);
        let body = &self.cursor.body;
        if let Expr::Identifier(object) = &m.object {
            match body.name_with_range(object.base.range).map(|n| &n.resolution) {
                Some(Resolution::Import(name)) => {
                    let imports = flux_db::file_imports(self.db, self.file);
                    if let Some(package) = imports.get(name).and_then(|i| catalog().package(&i.path)) {
                        package_members(&mut b, package, None);
                    }
                    return self.finish(b);
                }
                Some(Resolution::Unresolved) => {
                    // `strings.` before importing "strings": offer the members and the import.
                    let package = flux_stdlib::package_named(&object.name).and_then(|p| catalog().package(p));
                    if let Some(package) = package {
                        package_members(&mut b, package, Some(self.import_edit(package.path)));
                    }
                    return self.finish(b);
                }
                _ => {}
            }
        }
        let property = m.property.range();
        let Some((_, access)) = body.member_at(property) else { return self.finish(b) };
        let ExprKind::Member { object, .. } = access.kind else { return self.finish(b) };
        let types = &body.types;
        let (fields, tail) = types.record_fields(body.expr_type(object));
        let fields_known = fields.iter().filter(|(l, _)| !l.contains(COMPLETION_MARKER)).count();
        let mut listed: Vec<&str> = Vec::new();
        // `.label` or, for a label that is not an identifier, `["label"]` in place of `.`.
        let access_range = self.cursor.to_file(TextRange::new(m.object.range().end, property.end));
        for (label, ty) in fields {
            if listed.contains(&label) || label.contains(COMPLETION_MARKER) {
                continue;
            }
            listed.push(label);
            self.add_column(&mut b, label, weight::FIELD, types.scheme(ty).to_string(), access_range);
        }
        let open = match types.node(tail) {
            TyNode::Var(v) => Some(types.var_kinds(*v)),
            _ => None,
        };
        // A row whose type lost its columns (after `aggregateWindow`, `pivot`, ...) still
        // likely has those the rows of the pipeline had before.
        let mut upstream = 0;
        if open.is_some() {
            for column in self.columns_seen_upstream() {
                upstream += 1;
                if !listed.contains(&column.as_str()) {
                    let detail = "column seen upstream in the pipeline".to_owned();
                    self.add_column(&mut b, &column, weight::SCHEMA, detail, access_range);
                }
            }
        }
        // Nothing known of the row (a function over any tables): the usual columns.
        let row_of_any_table = open.is_some_and(|kinds| kinds.contains(flux_types::Kind::Record));
        if fields_known == 0 && upstream == 0 && row_of_any_table {
            for column in ["_time", "_value", "_field", "_measurement", "_start", "_stop"] {
                let detail = "column (usual in InfluxDB data)".to_owned();
                self.add_column(&mut b, column, weight::SCHEMA, detail, access_range);
            }
        }
        // An open row of a pipeline also has the columns the schema knows of.
        if let (Some(schema), Some(_)) = (schema, open)
            && listed.iter().any(|l| matches!(*l, "_measurement" | "_field" | "_value" | "_time"))
        {
            let (bucket, measurements) = data_selection(&self.cursor.statement);
            let mut tags: Vec<&str> = Vec::new();
            for (_, measurement) in schema.selected(bucket.as_deref(), &measurements) {
                tags.extend(measurement.tags.keys().map(String::as_str));
            }
            tags.sort_unstable();
            tags.dedup();
            for tag in tags {
                if !listed.contains(&tag) {
                    self.add_column(
                        &mut b,
                        tag,
                        weight::SCHEMA,
                        "string (tag, from the schema)".to_owned(),
                        access_range,
                    );
                }
            }
        }
        self.finish(b)
    }

    /// The columns of the rows seen before the cursor: the properties of row parameters' types
    /// and those read from them (`r.host`).
    fn columns_seen_upstream(&self) -> Vec<String> {
        let body = &self.cursor.body;
        let mut columns: Vec<String> = Vec::new();
        for (_, e) in body.exprs() {
            let ExprKind::Member { object, property_range, .. } = &e.kind else { continue };
            if property_range.end >= self.cursor.cursor {
                continue;
            }
            let row = body.expr(*object);
            let is_parameter = matches!(&row.kind, ExprKind::Name(Resolution::Local(id))
                if body.local(*id).kind == LocalKind::Parameter);
            if !is_parameter {
                continue;
            }
            let (fields, _) = body.types.record_fields(body.expr_type(*object));
            columns.extend(fields.iter().map(|(label, _)| label.to_string()));
            if let Some(written) = self.cursor.text.get(property_range.as_usize()) {
                columns.push(written.trim_matches('"').to_owned());
            }
        }
        columns.retain(|c| !c.contains(COMPLETION_MARKER));
        columns.sort();
        columns.dedup();
        columns
    }

    /// The best items, with their details, the package values as the cursor sees them.
    fn finish(&self, b: Builder) -> Completions {
        let package_value = |name: &str| {
            let item = flux_db::package_definition(self.db, self.file, self.cursor.order, name)?;
            flux_db::item_binding(self.db, item).clone()
        };
        b.finish(&package_value)
    }

    fn add_column(&self, b: &mut Builder, label: &str, w: u32, detail: String, access_range: TextRange) {
        let plain = is_plain_name(label);
        let Some(item) = b.add(label, CompletionKind::Field, w) else { return };
        item.detail = Some(detail);
        if !plain {
            item.range = access_range;
            item.insert = format!("[{}]", quote(label));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Arguments

    fn arguments(&self, call: &CallExpr, current: &Property) -> Completions {
        let (prefix, range) = self.word();
        let mut b = Builder::new(&prefix, range);
        let piped = self.chain.iter().any(|n| matches!(n, NodeRef::Call(c) if std::ptr::eq(*c, call)));
        let body = &self.cursor.body;
        let callee = body.call_with_callee(call.callee.range()).map(|(_, lowered)| callee(self.db, body, lowered));
        // Variables named as the whole function type shows them.
        let function = callee.as_ref().and_then(|(_, scheme)| match scheme.canonical().ty {
            Ty::Function(f) => Some(f),
            _ => None,
        });
        if let Some(function) = function {
            let given: Vec<&str> =
                call.arguments.iter().filter(|a| !std::ptr::eq(*a, current)).map(|a| a.key.name()).collect();
            let member = callee.as_ref().and_then(|(name, _)| stdlib_member(name.as_ref()?));
            let defaults: Vec<(String, String)> = member
                .map(|(_, m)| m.defaults.iter().map(|(n, d)| (n.to_string(), d.clone())).collect())
                .unwrap_or_default();
            let editing_key = current.value.is_some();
            let required = function.req.iter().map(|p| (p, true));
            let optional = function.opt.iter().map(|p| (p, false));
            let pipe = function.pipe.iter().filter(|_| !piped).map(|p| (p, false));
            for (param, is_required) in required.chain(optional).chain(pipe) {
                if given.contains(&param.name.as_str()) || param.name == flux_types::UNNAMED_PIPE {
                    continue;
                }
                let w = if is_required { weight::ARGUMENT_REQUIRED } else { weight::ARGUMENT_OPTIONAL };
                let Some(item) = b.add(&param.name, CompletionKind::Argument, w) else { continue };
                let default = defaults.iter().find(|(n, _)| *n == param.name).map(|(_, d)| d.clone());
                let is_pipe = function.pipe.as_ref().is_some_and(|p| p.name == param.name);
                item.detail = Some(match (&default, is_required) {
                    _ if is_pipe => format!("<-{}: {}", param.name, param.ty),
                    (_, true) => format!("{}: {}", param.name, param.ty),
                    (Some(d), false) => format!("?{}: {} = {d}", param.name, param.ty),
                    (None, false) => format!("?{}: {}", param.name, param.ty),
                });
                if !editing_key {
                    item.insert = format!("{}: {}", param.name, placeholder(&param.ty, default.as_deref()));
                    item.snippet = true;
                }
            }
        }
        // `f(x)` passes `x: x`, mostly for names of the program.
        self.names_in_scope(&mut b, false);
        self.finish(b)
    }

    // ---------------------------------------------------------------------------------------
    // Strings

    fn in_string(&self, schema: &Schema) -> Completions {
        let empty = Completions { items: Vec::new(), incomplete: false };
        let Some(k) = self.chain.iter().rposition(|n| {
            matches!(n, NodeRef::Expr(Expr::String(_)) | NodeRef::PropertyKey(PropertyKey::StringLit(_)))
        }) else {
            return empty;
        };
        let string_range = self.cursor.to_file(self.chain[k].range());
        let content_start = string_range.start + 1;
        let Some(prefix) = self.text.get(content_start as usize..self.offset as usize) else { return empty };
        let rest = &self.text[self.offset as usize..string_range.end as usize];
        let content_end = self.offset + rest.find('"').unwrap_or(rest.len()) as u32;
        let mut b = Builder::new(prefix, TextRange::new(content_start, content_end));
        let (bucket, measurements) = data_selection(&self.cursor.statement);
        let parent = k.checked_sub(1).map(|i| self.chain[i]);
        let grandparent = k.checked_sub(2).map(|i| self.chain[i]);
        let values: Vec<(String, &str)> = match (parent, grandparent) {
            (Some(NodeRef::Property(p)), Some(NodeRef::CallArguments(_))) => match p.key.name() {
                "bucket" => schema.buckets.keys().map(|b| (b.clone(), "bucket")).collect(),
                "measurement" => measurement_names(schema, bucket.as_deref()),
                "field" => field_names(schema, bucket.as_deref(), &measurements),
                "tag" | "column" | "valueColumn" | "columnKey" | "rowKey" => {
                    self.column_names(schema, bucket.as_deref(), &measurements)
                }
                _ => Vec::new(),
            },
            (Some(NodeRef::Expr(Expr::Array(_))), Some(NodeRef::Property(p)))
                if matches!(p.key.name(), "columns" | "rowKey" | "columnKey" | "groupColumns" | "except") =>
            {
                self.column_names(schema, bucket.as_deref(), &measurements)
            }
            (Some(NodeRef::Expr(Expr::Binary(binary))), _)
                if matches!(binary.operator, Operator::Equal | Operator::NotEqual) =>
            {
                let other = if binary.right.range().contains_inclusive(self.cursor.cursor) {
                    &binary.left
                } else {
                    &binary.right
                };
                match column_of(other).as_deref() {
                    Some("_measurement") => measurement_names(schema, bucket.as_deref()),
                    Some("_field") => field_names(schema, bucket.as_deref(), &measurements),
                    Some(tag) => tag_values(schema, bucket.as_deref(), &measurements, tag),
                    None => Vec::new(),
                }
            }
            (Some(NodeRef::Expr(Expr::Member(_)) | NodeRef::Member(_)), _) => {
                self.column_names(schema, bucket.as_deref(), &measurements)
            }
            _ => Vec::new(),
        };
        for (value, what) in values {
            if let Some(item) = b.add(&value, CompletionKind::Value, weight::SCHEMA) {
                item.detail = Some(what.to_owned());
                item.insert = escape(&value);
            }
        }
        self.finish(b)
    }

    fn column_names(
        &self,
        schema: &Schema,
        bucket: Option<&str>,
        measurements: &[String],
    ) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = ["_time", "_value", "_field", "_measurement", "_start", "_stop"]
            .into_iter()
            .map(|c| (c.to_owned(), "column"))
            .collect();
        for (_, m) in schema.selected(bucket, measurements) {
            out.extend(m.tags.keys().map(|t| (t.clone(), "tag")));
        }
        out.sort();
        out.dedup_by(|a, b| a.0 == b.0);
        out
    }

    // ---------------------------------------------------------------------------------------
}

fn measurement_names(schema: &Schema, bucket: Option<&str>) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> =
        schema.selected(bucket, &[]).map(|(n, _)| (n.to_owned(), "measurement")).collect();
    out.dedup();
    out
}

fn field_names(schema: &Schema, bucket: Option<&str>, measurements: &[String]) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = schema
        .selected(bucket, measurements)
        .flat_map(|(_, m)| m.fields.iter().map(|f| (f.clone(), "field")))
        .collect();
    out.sort();
    out.dedup();
    out
}

fn tag_values(
    schema: &Schema,
    bucket: Option<&str>,
    measurements: &[String],
    tag: &str,
) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = schema
        .selected(bucket, measurements)
        .filter_map(|(_, m)| m.tags.get(tag))
        .flatten()
        .map(|v| (v.clone(), "tag value"))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// `r.host` or `r["host"]`: the column `host`.
fn column_of(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Member(m) => Some(m.property.name().to_owned()),
        Expr::Paren(p) => column_of(&p.expression),
        _ => None,
    }
}

/// The bucket (`from(bucket: "...")`) and the measurements (`r._measurement == "..."`) a
/// statement reads, as written.
pub(crate) fn data_selection(statement: &Statement) -> (Option<String>, Vec<String>) {
    use flux_syntax::walk::Located;
    let mut bucket = None;
    let mut measurements = Vec::new();
    let mut stack = vec![Located { node: NodeRef::Statement(statement), offset: 0 }];
    let mut children = Vec::new();
    while let Some(node) = stack.pop() {
        match node.node {
            NodeRef::Property(p) if p.key.name() == "bucket" => {
                if let Some(Expr::String(s)) = &p.value
                    && !s.value.contains(COMPLETION_MARKER)
                {
                    bucket = Some(s.value.clone());
                }
            }
            NodeRef::Expr(Expr::Binary(b)) if b.operator == Operator::Equal => {
                for (a, c) in [(&b.left, &b.right), (&b.right, &b.left)] {
                    if column_of(a).as_deref() == Some("_measurement")
                        && let Expr::String(s) = c
                        && !s.value.contains(COMPLETION_MARKER)
                    {
                        measurements.push(s.value.clone());
                    }
                }
            }
            _ => {}
        }
        children.clear();
        node.children(&mut children);
        stack.extend(children.iter().copied());
    }
    (bucket, measurements)
}

fn package_members(b: &mut Builder, package: &Package, import: Option<TextEdit>) {
    for member in &package.members {
        if member.name.starts_with('_') {
            continue;
        }
        if let Some(item) = b.add(&member.name, member_kind(member), weight::FIELD) {
            describe_member(item, package, member);
            item.additional_edits.extend(import.clone());
        }
    }
}

fn member_kind(member: &Member) -> CompletionKind {
    match &member.scheme.ty {
        _ if member.option => CompletionKind::Constant,
        Ty::Function(_) => CompletionKind::Function,
        _ => CompletionKind::Variable,
    }
}

fn describe_member(item: &mut CompletionItem, package: &Package, member: &Member) {
    item.detail = Some(member.scheme.to_string());
    item.deprecated = member.deprecated.is_some();
    item.documentation =
        Some(DocumentationKey::Member { package: package.path.to_owned(), name: member.name.to_string() });
}

/// The declared type of what `call` calls (the scheme of the name called, or the callee's
/// type when it is no name), and the name when there is one.
pub(crate) fn callee<'b>(db: &dyn Db, body: &'b Body, call: &Call) -> (Option<&'b Name>, Scheme) {
    let Some(name) = body.callee_name(call) else { return (None, body.expr_scheme(call.callee)) };
    let scheme = match &name.resolution {
        Resolution::Stdlib { .. } => stdlib_member(name).map(|(_, m)| m.scheme.clone()),
        Resolution::Package { item, .. } => {
            flux_db::item_binding(db, flux_db::item_with_ref(*item)).as_ref().map(|v| v.scheme.clone())
        }
        Resolution::Local(id) => Some(body.types.scheme(body.local(*id).ty)),
        _ => None,
    };
    (Some(name), scheme.unwrap_or_else(|| body.expr_scheme(call.callee)))
}

/// The standard-library value a name stands for.
pub(crate) fn stdlib_member(name: &Name) -> Option<(&'static Package, &'static Member)> {
    let Resolution::Stdlib { package, name } = &name.resolution else { return None };
    let package = catalog().package(package)?;
    Some((package, package.member(name)?))
}

/// A snippet for the value of a parameter of type `ty`.
fn placeholder(ty: &Ty, default: Option<&str>) -> String {
    if let Some(default) = default {
        return format!("${{1:{}}}", default.replace('}', "\\}").replace('$', "\\$"));
    }
    match ty {
        Ty::Basic(flux_types::Basic::String) => "\"$1\"".to_owned(),
        Ty::Array(_) => "[$1]".to_owned(),
        Ty::Record(_) | Ty::EmptyRecord => "{$1}".to_owned(),
        // A function that takes rows gets a lambda; one that takes tables (`fn` of
        // `aggregateWindow`) is usually a function named by the user.
        Ty::Function(f) if f.pipe.is_none() => {
            let params: Vec<&str> = f.req.iter().map(|p| p.name.as_str()).collect();
            format!("({}) => $1", params.join(", "))
        }
        _ => "$1".to_owned(),
    }
}

/// The first sentence of a description, on one line.
fn first_sentence(doc: &str) -> String {
    let text = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.find(". ") {
        Some(i) => text[..=i].to_owned(),
        None => text,
    }
}

/// Whether `label` can follow a `.` as it is.
fn is_plain_name(label: &str) -> bool {
    flux_syntax::lexer::is_identifier(label) && !flux_syntax::lexer::KEYWORDS.contains(&label)
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace("${", "\\${")
}

fn quote(value: &str) -> String {
    format!("\"{}\"", escape(value))
}

/// Whether `offset` is inside a `//` comment (not one inside a string).
fn in_comment(text: &str, offset: u32) -> bool {
    let before = &text[..offset as usize];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            _ if escaped => escaped = false,
            '\\' if in_string => escaped = true,
            '"' => in_string = !in_string,
            '/' if !in_string && chars.peek() == Some(&'/') => return true,
            _ => {}
        }
    }
    false
}

/// After `import "`: the packages of the standard library, those already imported last.
fn import_path(db: &dyn Db, file: SourceFile, offset: u32) -> Option<Completions> {
    let text = file.text(db);
    let before = &text[..offset as usize];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let rest = line.trim_start().strip_prefix("import")?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    // An alias may come first: `import s "strings"`.
    let quoted = match rest.find('"') {
        Some(i) if rest[..i].trim().chars().all(flux_syntax::lexer::is_identifier_char) => &rest[i + 1..],
        _ => return None,
    };
    if quoted.contains('"') {
        return None;
    }
    let start = offset - quoted.len() as u32;
    let after = &text[offset as usize..];
    let end = offset + after.find(['"', '\n']).unwrap_or(after.len()) as u32;
    let mut b = Builder::new(quoted, TextRange::new(start, end));
    let imports = flux_db::file_imports(db, file);
    for package in catalog().packages.values() {
        let imported = imports.imports.iter().any(|i| i.path == package.path);
        let w = if package.path.starts_with("internal/") { weight::INTERNAL } else { weight::PRELUDE };
        if let Some(item) = b.add(package.path, CompletionKind::Module, w) {
            let summary = first_sentence(&package.doc);
            item.detail = Some(if imported { format!("already imported: {summary}") } else { summary });
            item.documentation = Some(DocumentationKey::Package { path: package.path.to_owned() });
            if imported {
                b.demote_last();
            }
        }
    }
    Some(b.finish(&|_| None))
}
