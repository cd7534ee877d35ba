//! Inference for one top-level statement: Hindley–Milner with let-polymorphism over the types
//! of `flux-types`, with the constraints of each expression as the SPEC gives them. The same
//! walk lowers the statement into its [`Body`]: each expression is allocated in the arena as
//! it is inferred, each identifier is recorded with what it resolved to.

use std::collections::BTreeSet;

use flux_stdlib::catalog;
use flux_syntax::ast::{
    self, Assignment, BinaryExpr, BuiltinStmt, CallExpr, FunctionExpr, Identifier, MemberExpr, Operator, OptionStmt,
    PropertyKey, Statement, StringExprPart, TestCaseStmt,
};
use flux_syntax::smol_str::SmolStr;
use flux_syntax::{RelatedInfo, Severity, TextRange};
use flux_types::{
    Field as TyField, Function as TyFunction, Kind, Param, Scheme, Subst, Ty, TypeTableBuilder, UNNAMED_PIPE,
};
use flux_types::{TypeErrorKind, scheme_of};

use crate::codes::*;
use crate::errors::{CallSite, Site, called_value_text, callee_text};
use crate::ir::*;
use crate::resolve::Outer;
use crate::suggest::closest;
use crate::{
    Binding, COMPLETION_MARKER, DashboardVariables, Env, STANDARD_DASHBOARD_VARIABLES, SemanticDiagnostic,
    TASK_OPTION_FIELDS, dashboard_variable_type, task_option_type,
};

/// Resolves, infers and lowers one top-level statement of a file.
pub fn analyze_statement(statement: &Statement, env: &Env<'_>) -> Body {
    let mut cx = Infer {
        env,
        subst: Subst::default(),
        scopes: Vec::new(),
        diagnostics: Vec::new(),
        used_package_names: BTreeSet::new(),
        used_imports: BTreeSet::new(),
        return_types: Vec::new(),
        exprs: Vec::new(),
        expr_types: Vec::new(),
        locals: Vec::new(),
        local_types: Vec::new(),
        names: Vec::new(),
        function_depth: 0,
        effects: false,
        effects_when_called: false,
        effectful_names: BTreeSet::new(),
        implicit_task: None,
    };
    let (statement, binding) = cx.top_level(statement);
    cx.finish(statement, binding)
}

/// A local name while its scope is open.
struct ScopeEntry {
    id: LocalId,
    scheme: Scheme,
    used: bool,
    /// Whether an unused binding deserves a warning (variables do, parameters do not).
    warn_unused: bool,
}

/// A scope of local names and where its text ends.
struct Scope {
    entries: Vec<ScopeEntry>,
    end: u32,
}

/// An expression lowered, with the type inference gave it.
struct Typed {
    id: ExprId,
    ty: Ty,
}

pub(crate) struct Infer<'a, 'e> {
    env: &'a Env<'e>,
    pub(crate) subst: Subst,
    scopes: Vec<Scope>,
    pub(crate) diagnostics: Vec<SemanticDiagnostic>,
    used_package_names: BTreeSet<SmolStr>,
    used_imports: BTreeSet<SmolStr>,
    /// The types of the `return` statements of the enclosing function bodies.
    return_types: Vec<Vec<(Ty, TextRange)>>,
    // The body being built; types are resolved once inference is over.
    exprs: Vec<Expr>,
    expr_types: Vec<Ty>,
    locals: Vec<(SmolStr, TextRange, TextRange, LocalKind)>,
    local_types: Vec<Ty>,
    names: Vec<PendingName>,
    /// How many function literals enclose the expression being inferred.
    function_depth: u32,
    /// A call with side effects outside any function literal.
    effects: bool,
    /// A call with side effects inside a function literal.
    effects_when_called: bool,
    /// Package-level functions this statement uses whose calls run side effects (known when
    /// the name is resolved, so a call need not look the value up again).
    effectful_names: BTreeSet<SmolStr>,
    implicit_task: Option<TextRange>,
}

/// A name recorded during inference, its type not yet resolved.
struct PendingName {
    range: TextRange,
    name: SmolStr,
    resolution: Resolution,
    definition: bool,
    shorthand: bool,
    ty: Ty,
}

/// What a name refers to, with its type here.
enum Resolved {
    Local { id: LocalId, ty: Ty },
    Outer(Outer),
}

impl Infer<'_, '_> {
    fn finish(mut self, statement: Stmt, mut binding: Option<Binding>) -> Body {
        if let Some(binding) = &mut binding {
            binding.effects_when_called = self.effects_when_called;
        }
        let mut builder = TypeTableBuilder::new(&self.subst);
        let expr_types = self.expr_types.iter().map(|t| builder.add(t)).collect();
        let locals = self
            .locals
            .into_iter()
            .zip(&self.local_types)
            .map(|((name, range, visible, kind), ty)| Local { name, range, visible, kind, ty: builder.add(ty) })
            .collect();
        let mut names: Vec<Name> = self
            .names
            .into_iter()
            .map(|n| Name {
                range: n.range,
                name: n.name,
                resolution: n.resolution,
                definition: n.definition,
                shorthand: n.shorthand,
                ty: builder.add(&n.ty),
            })
            .collect();
        let types = builder.finish();
        names.sort_by_key(|n| (n.range.start, n.range.end));
        names.dedup_by_key(|n| n.range);
        self.diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
        // One mistake, one diagnostic: keep the first report for each range.
        self.diagnostics.dedup_by(|b, a| a.range == b.range && a.severity == b.severity);
        Body {
            statement,
            exprs: self.exprs,
            expr_types,
            types,
            locals,
            names,
            binding,
            diagnostics: self.diagnostics,
            used_package_names: self.used_package_names.into_iter().collect(),
            used_imports: self.used_imports.into_iter().collect(),
            implicit_task: self.implicit_task,
            effects: self.effects,
        }
    }

    pub(crate) fn error(&mut self, code: &'static str, range: TextRange, message: String) {
        self.diagnostics.push(SemanticDiagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            range,
            related: Vec::new(),
            suggestion: None,
        });
    }

    /// Attaches `replacement` to the diagnostic just reported, as its fix.
    fn suggest(&mut self, replacement: Option<&str>) {
        if let (Some(last), Some(replacement)) = (self.diagnostics.last_mut(), replacement) {
            last.suggestion = Some(SmolStr::new(replacement));
        }
    }

    fn warning(&mut self, code: &'static str, range: TextRange, message: String) {
        self.diagnostics.push(SemanticDiagnostic {
            code,
            severity: Severity::Warning,
            message: message.into(),
            range,
            related: Vec::new(),
            suggestion: None,
        });
    }

    pub(crate) fn show(&self, ty: &Ty) -> String {
        self.subst.generalize_all(ty).to_string()
    }

    fn alloc(&mut self, kind: ExprKind, range: TextRange, ty: Ty) -> Typed {
        let id = ExprId(self.exprs.len() as u32);
        self.exprs.push(Expr { kind, range });
        self.expr_types.push(ty.clone());
        Typed { id, ty }
    }

    fn record_name(&mut self, range: TextRange, name: &SmolStr, resolution: Resolution, definition: bool, ty: Ty) {
        self.names.push(PendingName { range, name: name.clone(), resolution, definition, shorthand: false, ty });
    }

    // -----------------------------------------------------------------------------------
    // Statements

    fn top_level(&mut self, statement: &Statement) -> (Stmt, Option<Binding>) {
        match statement {
            Statement::Variable(v) => {
                let (value, scheme) = self.let_binding(&v.init);
                let binding = self.package_binding(&v.id, scheme, value.ty, false);
                (Stmt::Variable { target: Target::Package(v.id.name.clone()), value: value.id }, Some(binding))
            }
            Statement::Option(o) => match self.option(o) {
                OptionLowered::Variable { value, scheme, id } => {
                    let binding = self.package_binding(id, scheme, value.ty, true);
                    (Stmt::Option { target: Target::Package(id.name.clone()), value: value.id }, Some(binding))
                }
                OptionLowered::Member(stmt) => (stmt, None),
            },
            Statement::Builtin(b) => {
                let scheme = self.builtin_scheme(b);
                let ty = self.subst.instantiate(&scheme);
                let binding = self.package_binding(&b.id, scheme.clone(), ty, false);
                (Stmt::Builtin { target: Target::Package(b.id.name.clone()), scheme }, Some(binding))
            }
            Statement::TestCase(t) => (Stmt::TestCase(Box::new(self.testcase(t))), None),
            Statement::Expr(e) => (Stmt::Expr(self.expr(&e.expression).id), None),
            // A top-level `return` is a syntax error, reported by the parser.
            Statement::Return(r) => (Stmt::Return(self.expr(&r.argument).id), None),
            Statement::Bad(_) => (Stmt::Bad, None),
        }
    }

    /// Records the package-level name a statement defines.
    fn package_binding(&mut self, id: &Identifier, scheme: Scheme, ty: Ty, option: bool) -> Binding {
        let resolution = Resolution::Package { name: id.name.clone(), item: self.env.item };
        self.record_name(id.base.range, &id.name, resolution, true, ty);
        // Whether calling it has effects is known once its value is inferred (`finish`).
        Binding { name: id.name.clone(), scheme, range: id.base.range, option, effects_when_called: false }
    }

    /// The declared type of a `builtin`; unknown kinds are undefined names.
    fn builtin_scheme(&mut self, b: &BuiltinStmt) -> Scheme {
        let (scheme, errors) = scheme_of(&b.ty);
        for e in errors {
            self.error(UNDEFINED, e.range, e.message);
        }
        scheme
    }

    /// Infers `init` one level deeper and generalizes its type.
    fn let_binding(&mut self, init: &ast::Expr) -> (Typed, Scheme) {
        self.subst.enter_level();
        let value = self.expr(init);
        self.subst.exit_level();
        let scheme = self.subst.generalize(&value.ty);
        (value, scheme)
    }

    fn option<'s>(&mut self, option: &'s OptionStmt) -> OptionLowered<'s> {
        match &option.assignment {
            Assignment::Variable(v) => {
                let (value, scheme) = self.let_binding(&v.init);
                // Setting a known option: the value must have the option's type.
                let declared = match self.env.resolve(&v.id.name) {
                    Some(Outer::Package(p)) if p.option => Some(p.scheme),
                    Some(Outer::Prelude(_, m)) if m.option => Some(m.scheme.clone()),
                    _ => None,
                };
                if let Some(declared) = declared {
                    let expected = self.subst.instantiate(&declared);
                    let found = self.subst.instantiate(&scheme);
                    let mut errors = Vec::new();
                    self.subst.unify(&expected, &found, &mut errors);
                    let site = Site::new(v.init.range());
                    self.report(errors, &site);
                }
                OptionLowered::Variable { value, scheme, id: &v.id }
            }
            Assignment::Member(m) => {
                let found = self.expr(&m.init);
                let property = SmolStr::new(m.member.property.name());
                let ast::Expr::Identifier(object) = &m.member.object else {
                    return OptionLowered::Member(Stmt::Bad);
                };
                let lowered = |package: &str| Stmt::PackageOption {
                    package: SmolStr::new(package),
                    name: property.clone(),
                    value: found.id,
                };
                let Some(import) = self.env.imports.get(&object.name) else {
                    self.error(
                        UNDEFINED,
                        object.base.range,
                        format!("`{}` is not an imported package: `option pkg.name = ...` sets an option of an imported package", object.name),
                    );
                    return OptionLowered::Member(Stmt::Bad);
                };
                let (import_name, path, known) = (import.name.clone(), import.path.clone(), import.known);
                self.used_imports.insert(import_name.clone());
                self.record_name(object.base.range, &object.name, Resolution::Import(import_name), false, Ty::Error);
                let Some(package) = catalog().package(&path).filter(|_| known) else {
                    return OptionLowered::Member(lowered(&path));
                };
                let member = package.member(&property);
                if let (Some(member), PropertyKey::Identifier(id)) = (member, &m.member.property) {
                    let resolution = Resolution::Stdlib { package: package.path, name: member.name.clone() };
                    let ty = self.subst.instantiate(&member.scheme);
                    self.record_name(id.base.range, &id.name, resolution, false, ty);
                }
                match member {
                    Some(member) if member.option => {
                        let expected = self.subst.instantiate(&member.scheme);
                        let mut errors = Vec::new();
                        self.subst.unify(&expected, &found.ty, &mut errors);
                        self.report(errors, &Site::new(m.init.range()));
                    }
                    Some(_) => self.error(
                        TYPE_MISMATCH,
                        m.member.property.range(),
                        format!("`{}.{property}` is not an option and cannot be set", object.name),
                    ),
                    None => self.unknown_member(&object.name, package, &m.member.property),
                }
                OptionLowered::Member(lowered(package.path))
            }
        }
    }

    fn testcase(&mut self, t: &TestCaseStmt) -> TestCase {
        self.scopes.push(Scope { entries: Vec::new(), end: t.block.base.range.end });
        // A test case that extends another runs the parent's body when it calls `super()`.
        let super_local = t.extends.as_ref().map(|_| {
            let ret = self.subst.fresh();
            let parent = Ty::function(TyFunction { pipe: None, req: Vec::new(), opt: Vec::new(), ret });
            let scheme = self.subst.generalize_all(&parent);
            let id = Identifier { base: ast::Base::new(t.id.base.range), name: SmolStr::new_static("super") };
            self.define_local(&id, scheme, parent, false, LocalKind::Super, t.block.base.range.start)
        });
        let body = self.block_statements(&t.block.body);
        self.pop_scope();
        TestCase { name: t.id.name.clone(), extends: t.extends.as_ref().map(|e| e.value.clone()), super_local, body }
    }

    fn pop_scope(&mut self) {
        let Some(scope) = self.scopes.pop() else { return };
        for entry in scope.entries {
            let (name, range, ..) = &self.locals[entry.id.0 as usize];
            if entry.warn_unused && !entry.used && !name.starts_with('_') {
                let message = format!("`{name}` is defined but never used");
                let range = *range;
                self.warning(UNUSED_VARIABLE, range, message);
            }
        }
    }

    /// Defines a local name, visible from `visible_from` to the end of the current scope.
    fn define_local(
        &mut self,
        name: &Identifier,
        scheme: Scheme,
        ty: Ty,
        warn_unused: bool,
        kind: LocalKind,
        visible_from: u32,
    ) -> LocalId {
        let end = self.scopes.last().map_or(visible_from, |s| s.end);
        let previous = self.scopes.last().and_then(|scope| {
            scope.entries.iter().map(|e| &self.locals[e.id.0 as usize]).find(|l| l.0 == name.name).map(|l| l.1)
        });
        if let Some(previous) = previous {
            let related = vec![RelatedInfo { range: previous, message: format!("`{}` first defined here", name.name) }];
            self.diagnostics.push(SemanticDiagnostic {
                code: DUPLICATE_DEFINITION,
                severity: Severity::Error,
                message: SmolStr::new(format!("`{}` is already defined in this scope", name.name)),
                range: name.base.range,
                related,
                suggestion: None,
            });
        }
        let id = LocalId(self.locals.len() as u32);
        let visible = TextRange::new(visible_from.min(end), end);
        self.locals.push((name.name.clone(), name.base.range, visible, kind));
        self.local_types.push(ty.clone());
        self.record_name(name.base.range, &name.name, Resolution::Local(id), true, ty);
        if let Some(scope) = self.scopes.last_mut() {
            scope.entries.push(ScopeEntry { id, scheme, used: false, warn_unused });
        }
        id
    }

    /// The statements of a block (function body or testcase), in the current scope.
    fn block_statements(&mut self, statements: &[Statement]) -> Vec<Stmt> {
        let mut out = Vec::with_capacity(statements.len());
        for statement in statements {
            let lowered = match statement {
                Statement::Variable(v) => {
                    let (value, scheme) = self.let_binding(&v.init);
                    let local = self.define_local(&v.id, scheme, value.ty, true, LocalKind::Variable, v.base.range.end);
                    Stmt::Variable { target: Target::Local(local), value: value.id }
                }
                Statement::Return(r) => {
                    let value = self.expr(&r.argument);
                    if let Some(returns) = self.return_types.last_mut() {
                        returns.push((value.ty, r.argument.range()));
                    }
                    Stmt::Return(value.id)
                }
                Statement::Expr(e) => Stmt::Expr(self.expr(&e.expression).id),
                Statement::Option(o) => match self.option(o) {
                    OptionLowered::Variable { value, scheme, id } => {
                        let local = self.define_local(id, scheme, value.ty, false, LocalKind::Option, o.base.range.end);
                        Stmt::Option { target: Target::Local(local), value: value.id }
                    }
                    OptionLowered::Member(stmt) => stmt,
                },
                Statement::TestCase(t) => Stmt::TestCase(Box::new(self.testcase(t))),
                Statement::Builtin(b) => {
                    let scheme = self.builtin_scheme(b);
                    let ty = self.subst.instantiate(&scheme);
                    let local =
                        self.define_local(&b.id, scheme.clone(), ty, false, LocalKind::Builtin, b.base.range.end);
                    Stmt::Builtin { target: Target::Local(local), scheme }
                }
                Statement::Bad(_) => Stmt::Bad,
            };
            out.push(lowered);
        }
        out
    }

    // -----------------------------------------------------------------------------------
    // Names

    /// Resolves `name`: locals innermost first, then what lies outside the statement
    /// ([`Env::resolve`]). Marks a local as used.
    fn resolve(&mut self, name: &str) -> Option<Resolved> {
        for scope in self.scopes.iter_mut().rev() {
            if let Some(entry) = scope.entries.iter_mut().rev().find(|e| self.locals[e.id.0 as usize].0 == name) {
                entry.used = true;
                let (id, scheme) = (entry.id, entry.scheme.clone());
                let ty = self.subst.instantiate(&scheme);
                return Some(Resolved::Local { id, ty });
            }
        }
        self.env.resolve(name).map(Resolved::Outer)
    }

    fn identifier(&mut self, id: &Identifier) -> Typed {
        let resolved = self.resolve(&id.name);
        self.resolved_name(id, resolved)
    }

    /// `{host}` or `f(tables)`: the name is the key, and the value of the same name.
    fn shorthand(&mut self, id: &Identifier) -> Typed {
        let typed = self.identifier(id);
        if let Some(last) = self.names.last_mut()
            && last.range == id.base.range
        {
            last.shorthand = true;
        }
        typed
    }

    /// The name `id`, which resolved to `resolved`, as an expression.
    fn resolved_name(&mut self, id: &Identifier, resolved: Option<Resolved>) -> Typed {
        let (resolution, ty) = match resolved {
            Some(Resolved::Local { id, ty }) => (Resolution::Local(id), ty),
            Some(Resolved::Outer(Outer::Package(value))) => {
                self.used_package_names.insert(id.name.clone());
                if value.effects_when_called {
                    self.effectful_names.insert(id.name.clone());
                }
                let ty = self.subst.instantiate(&value.scheme);
                (Resolution::Package { name: id.name.clone(), item: value.item }, ty)
            }
            // A package used as a value: nothing to check.
            Some(Resolved::Outer(Outer::Import(name))) => {
                self.used_imports.insert(name.clone());
                (Resolution::Import(name), Ty::Error)
            }
            Some(Resolved::Outer(Outer::Predeclared(p))) => match p {
                Predeclared::Dashboard => (
                    Resolution::Predeclared(p),
                    dashboard_variable_type(&mut self.subst, &self.env.predefined.dashboard),
                ),
                Predeclared::Task => {
                    self.implicit_task.get_or_insert(id.base.range);
                    (Resolution::Predeclared(p), task_option_type())
                }
            },
            Some(Resolved::Outer(Outer::Prelude(package, member))) => {
                if let Some(deprecation) = &member.deprecated {
                    self.deprecated(id.base.range, &id.name, None, deprecation);
                }
                let ty = self.subst.instantiate(&member.scheme);
                (Resolution::Stdlib { package: package.path, name: member.name.clone() }, ty)
            }
            // The editor's placeholder at the cursor stands for what is being typed.
            None if id.name.contains(COMPLETION_MARKER) => (Resolution::Unresolved, Ty::Error),
            None => {
                self.undefined(id);
                (Resolution::Unresolved, Ty::Error)
            }
        };
        self.record_name(id.base.range, &id.name, resolution.clone(), false, ty.clone());
        self.alloc(ExprKind::Name(resolution), id.base.range, ty)
    }

    fn undefined(&mut self, id: &Identifier) {
        let mut candidates: Vec<SmolStr> =
            self.scopes.iter().flat_map(|s| &s.entries).map(|e| self.locals[e.id.0 as usize].0.clone()).collect();
        candidates.extend(self.env.outer_names());
        let mut message = format!("undefined identifier `{}`", id.name);
        let near = closest(&id.name, candidates.iter().map(|c| c.as_str()));
        if let Some(near) = near {
            message.push_str(&format!(": did you mean `{near}`?"));
        } else if let Some(package) = flux_stdlib::package_exporting(&id.name) {
            message.push_str(&format!(": `{}` is in package \"{package}\", which is not imported", id.name));
        }
        self.error(UNDEFINED, id.base.range, message);
        self.suggest(near);
    }

    /// `name` is how the code wrote it; `package` the import path of a package member.
    fn deprecated(
        &mut self,
        range: TextRange,
        name: &str,
        package: Option<&str>,
        deprecation: &flux_stdlib::Deprecation,
    ) {
        let mut message = format!("`{name}`");
        if let Some(package) = package {
            message.push_str(&format!(" from package \"{package}\""));
        }
        message.push_str(&format!(" is deprecated since Flux {}", deprecation.since));
        if let Some(advice) = deprecation.advice() {
            message.push_str(": ");
            message.push_str(&advice);
        }
        self.warning(DEPRECATED, range, message);
    }

    fn unknown_member(&mut self, object: &str, package: &flux_stdlib::Package, property: &PropertyKey) {
        let name = property.name();
        let mut message = format!("package \"{}\" has no member `{name}`", package.path);
        let near = closest(name, package.members.iter().map(|m| m.name.as_str()));
        if let Some(near) = near {
            message.push_str(&format!(": did you mean `{object}.{near}`?"));
        }
        self.error(UNKNOWN_MEMBER, property.range(), message);
        self.suggest(near);
    }

    // -----------------------------------------------------------------------------------
    // Expressions

    fn literal(&mut self, literal: Literal, range: TextRange, ty: Ty) -> Typed {
        self.alloc(ExprKind::Literal(literal), range, ty)
    }

    fn expr(&mut self, expr: &ast::Expr) -> Typed {
        use ast::Expr as E;
        let range = expr.range();
        match expr {
            E::Identifier(id) => self.identifier(id),
            E::Integer(i) => self.literal(Literal::Int(i.value), range, Ty::INT),
            E::Float(f) => self.literal(Literal::Float(f.bits), range, Ty::FLOAT),
            E::String(s) => self.literal(Literal::String(s.value.clone()), range, Ty::STRING),
            E::Duration(d) => self.literal(Literal::Duration(d.values.clone()), range, Ty::DURATION),
            E::DateTime(t) => self.literal(Literal::Time(t.value), range, Ty::TIME),
            E::Regexp(r) => self.literal(Literal::Regexp(r.value.clone()), range, Ty::REGEXP),
            // A label is a string at run time.
            E::Label(l) => self.literal(Literal::Label(l.value.clone()), range, Ty::STRING),
            E::StringExpr(s) => {
                let mut parts = Vec::with_capacity(s.parts.len());
                for part in &s.parts {
                    match part {
                        StringExprPart::Text(t) => parts.push(StringPart::Text(t.value.clone())),
                        StringExprPart::Interpolated(p) => {
                            let value = self.expr(&p.expression);
                            self.constrain(&value.ty, Kind::Stringable, p.expression.range());
                            parts.push(StringPart::Expr(value.id));
                        }
                    }
                }
                self.alloc(ExprKind::Interpolated(parts), range, Ty::STRING)
            }
            E::Paren(p) => self.expr(&p.expression),
            E::Array(a) => {
                let mut element: Option<(Ty, TextRange)> = None;
                let mut items = Vec::with_capacity(a.elements.len());
                for item in &a.elements {
                    let value = self.expr(&item.expression);
                    items.push(value.id);
                    match &element {
                        None => element = Some((value.ty, item.expression.range())),
                        Some((first, first_range)) => {
                            let site = Site::new(item.expression.range())
                                .related(*first_range, "the array's element type comes from its first element");
                            let first = first.clone();
                            self.unify_at(&first, &value.ty, &site);
                        }
                    }
                }
                let ty = Ty::array(element.map_or_else(|| self.subst.fresh(), |(t, _)| t));
                self.alloc(ExprKind::Array(items), range, ty)
            }
            E::Dict(d) => {
                let key = self.subst.fresh();
                let value = self.subst.fresh();
                let mut entries = Vec::with_capacity(d.elements.len());
                for item in &d.elements {
                    let k = self.expr(&item.key);
                    let v = self.expr(&item.val);
                    self.unify_at(&key, &k.ty, &Site::new(item.key.range()));
                    self.unify_at(&value, &v.ty, &Site::new(item.val.range()));
                    entries.push((k.id, v.id));
                }
                self.constrain(&key, Kind::Comparable, d.base.range);
                self.alloc(ExprKind::Dict(entries), range, Ty::dict(key, value))
            }
            E::Object(o) => {
                let with = o.with.as_ref().map(|with| self.identifier(&with.source));
                let mut record = with.as_ref().map_or(Ty::EmptyRecord, |w| w.ty.clone());
                let mut fields = Vec::with_capacity(o.properties.len());
                let mut types = Vec::with_capacity(o.properties.len());
                for p in &o.properties {
                    let value = match &p.value {
                        Some(value) => self.expr(value),
                        None => match &p.key {
                            PropertyKey::Identifier(id) => self.shorthand(id),
                            PropertyKey::StringLit(s) => self.alloc(ExprKind::Error, s.base.range, Ty::Error),
                        },
                    };
                    let label = SmolStr::new(p.key.name());
                    types.push((label.clone(), value.ty));
                    fields.push(Field { label, label_range: p.key.range(), value: value.id });
                }
                for (label, ty) in types.into_iter().rev() {
                    record = Ty::field(label, ty, record);
                }
                self.alloc(ExprKind::Record { with: with.map(|w| w.id), fields }, range, record)
            }
            E::Function(f) => self.function(f),
            E::Logical(l) => {
                let left = self.expr(&l.left);
                let right = self.expr(&l.right);
                let what = format!("an operand of `{}`", l.operator.as_str());
                self.unify_at(&Ty::BOOL, &left.ty, &Site::new(l.left.range()).what(&what));
                self.unify_at(&Ty::BOOL, &right.ty, &Site::new(l.right.range()).what(&what));
                let kind = ExprKind::Logical { operator: l.operator, left: left.id, right: right.id };
                self.alloc(kind, range, Ty::BOOL)
            }
            E::Binary(b) => self.binary(b),
            E::Unary(u) => {
                let argument = self.expr(&u.argument);
                let ty = match u.operator {
                    Operator::Not => {
                        let site = Site::new(u.argument.range()).what("the operand of `not`");
                        self.unify_at(&Ty::BOOL, &argument.ty, &site);
                        Ty::BOOL
                    }
                    Operator::Exists => Ty::BOOL,
                    Operator::Addition | Operator::Subtraction => {
                        self.constrain(&argument.ty, Kind::Negatable, u.argument.range());
                        argument.ty.clone()
                    }
                    _ => Ty::Error,
                };
                self.alloc(ExprKind::Unary { operator: u.operator, argument: argument.id }, range, ty)
            }
            E::Member(m) => self.member(m),
            E::Index(i) => {
                let array = self.expr(&i.array);
                let index = self.expr(&i.index);
                self.unify_at(&Ty::INT, &index.ty, &Site::new(i.index.range()).what("an array index"));
                let ty = match self.subst.shallow(&array.ty) {
                    Ty::Array(element) => (*element).clone(),
                    Ty::Error => Ty::Error,
                    _ => {
                        let element = self.subst.fresh();
                        self.unify_at(&Ty::array(element.clone()), &array.ty, &Site::new(i.array.range()));
                        element
                    }
                };
                self.alloc(ExprKind::Index { array: array.id, index: index.id }, range, ty)
            }
            E::Pipe(p) => {
                let piped = self.expr(&p.argument);
                self.call(&p.call, Some((piped, p.argument.range())))
            }
            E::Call(c) => self.call(c, None),
            E::Conditional(c) => {
                let test = self.expr(&c.test);
                self.unify_at(&Ty::BOOL, &test.ty, &Site::new(c.test.range()).what("the condition of `if`"));
                let then = self.expr(&c.consequent);
                let otherwise = self.expr(&c.alternate);
                let site = Site::new(c.alternate.range())
                    .what("the `else` branch")
                    .related(c.consequent.range(), "the `then` branch sets the type of the `if`");
                self.unify_at(&then.ty, &otherwise.ty, &site);
                let kind = ExprKind::Conditional { test: test.id, consequent: then.id, alternate: otherwise.id };
                self.alloc(kind, range, then.ty)
            }
            E::PipeLit(_) | E::Bad(_) => self.alloc(ExprKind::Error, range, Ty::Error),
        }
    }

    fn binary(&mut self, b: &BinaryExpr) -> Typed {
        let left = self.expr(&b.left);
        let right = self.expr(&b.right);
        let arithmetic = |cx: &mut Self, kind: Kind| {
            let site = Site::new(b.right.range()).related(b.left.range(), "the left operand sets the expected type");
            // Operands of different types are the mistake; their kind would only repeat it.
            if cx.unify_at(&left.ty, &right.ty, &site) {
                cx.constrain_operator(&left.ty, kind, b.base.range, b.operator);
            }
            left.ty.clone()
        };
        let ty = match b.operator {
            Operator::Addition => arithmetic(self, Kind::Addable),
            Operator::Subtraction => arithmetic(self, Kind::Subtractable),
            Operator::Multiplication | Operator::Division | Operator::Power | Operator::Modulo => {
                arithmetic(self, Kind::Divisible)
            }
            Operator::LessThan | Operator::GreaterThan => {
                self.constrain_operator(&left.ty, Kind::Comparable, b.left.range(), b.operator);
                self.constrain_operator(&right.ty, Kind::Comparable, b.right.range(), b.operator);
                Ty::BOOL
            }
            Operator::Equal | Operator::NotEqual => {
                self.constrain_operator(&left.ty, Kind::Equatable, b.left.range(), b.operator);
                self.constrain_operator(&right.ty, Kind::Equatable, b.right.range(), b.operator);
                Ty::BOOL
            }
            Operator::LessThanEqual | Operator::GreaterThanEqual => {
                for (ty, range) in [(&left.ty, b.left.range()), (&right.ty, b.right.range())] {
                    self.constrain_operator(ty, Kind::Equatable, range, b.operator);
                    self.constrain_operator(ty, Kind::Comparable, range, b.operator);
                }
                Ty::BOOL
            }
            Operator::RegexpMatch | Operator::NotRegexpMatch => {
                let what = format!("the left side of `{}`", b.operator.as_str());
                self.unify_at(&Ty::STRING, &left.ty, &Site::new(b.left.range()).what(&what));
                let what = format!("the right side of `{}`", b.operator.as_str());
                self.unify_at(&Ty::REGEXP, &right.ty, &Site::new(b.right.range()).what(&what));
                Ty::BOOL
            }
            Operator::Not | Operator::Exists | Operator::Invalid => Ty::Error,
        };
        let kind = ExprKind::Binary { operator: b.operator, left: left.id, right: right.id };
        self.alloc(kind, b.base.range, ty)
    }

    fn member(&mut self, m: &MemberExpr) -> Typed {
        let object = match &m.object {
            // `pkg.name`: a member of an imported package (unless a local or package-level name
            // shadows the package).
            ast::Expr::Identifier(object) => match self.resolve(&object.name) {
                Some(Resolved::Outer(Outer::Import(name))) => {
                    self.used_imports.insert(name.clone());
                    self.record_name(
                        object.base.range,
                        &object.name,
                        Resolution::Import(name.clone()),
                        false,
                        Ty::Error,
                    );
                    return self.package_member(m, &name);
                }
                // `strings.toUpper` without `import "strings"`.
                None if flux_stdlib::package_named(&object.name).is_some() => {
                    self.record_name(object.base.range, &object.name, Resolution::Unresolved, false, Ty::Error);
                    let path = flux_stdlib::package_named(&object.name).unwrap_or_default();
                    let message = format!("`{}` is not imported: add `import \"{path}\"`", object.name);
                    self.error(UNDEFINED, object.base.range, message);
                    return self.alloc(ExprKind::Error, m.base.range, Ty::Error);
                }
                Some(Resolved::Outer(Outer::Predeclared(p))) => {
                    let typed = self.resolved_name(object, Some(Resolved::Outer(Outer::Predeclared(p))));
                    if self.unknown_predeclared_field(p, m) {
                        let kind = ExprKind::Member {
                            object: typed.id,
                            property: SmolStr::new(m.property.name()),
                            property_range: m.property.range(),
                        };
                        return self.alloc(kind, m.base.range, Ty::Error);
                    }
                    typed
                }
                resolved => self.resolved_name(object, resolved),
            },
            _ => self.expr(&m.object),
        };
        let ty = self.record_access(m, &object.ty);
        let kind = ExprKind::Member {
            object: object.id,
            property: SmolStr::new(m.property.name()),
            property_range: m.property.range(),
        };
        self.alloc(kind, m.base.range, ty)
    }

    /// Reports `v.name` for a dashboard variable not declared, `task.name` for a field the task
    /// option does not have; returns whether it did.
    fn unknown_predeclared_field(&mut self, p: Predeclared, m: &MemberExpr) -> bool {
        let property = m.property.name();
        if property.contains(COMPLETION_MARKER) {
            return false;
        }
        let message = match p {
            Predeclared::Dashboard => {
                let DashboardVariables::Declared(declared) = &self.env.predefined.dashboard else { return false };
                let known = STANDARD_DASHBOARD_VARIABLES.iter().copied().chain(declared.iter().map(|d| d.as_str()));
                if known.clone().any(|k| k == property) {
                    return false;
                }
                let mut message = format!("`v.{property}` is not a declared dashboard variable");
                match closest(property, known) {
                    Some(near) => message.push_str(&format!(": did you mean `v.{near}`?")),
                    None if declared.is_empty() => message.push_str(": no custom variable is declared"),
                    None => message.push_str(&format!(
                        ": the declared ones are {}",
                        declared.iter().map(|d| format!("`{d}`")).collect::<Vec<_>>().join(", ")
                    )),
                }
                message
            }
            Predeclared::Task => {
                if TASK_OPTION_FIELDS.contains(&property) {
                    return false;
                }
                let mut message = format!("the task option has no `{property}`");
                match closest(property, TASK_OPTION_FIELDS.iter().copied()) {
                    Some(near) => message.push_str(&format!(": did you mean `task.{near}`?")),
                    None => message.push_str(&format!(": it has `{}`", TASK_OPTION_FIELDS.join("`, `"))),
                }
                message
            }
        };
        self.error(MISSING_PROPERTY, m.property.range(), message);
        true
    }

    /// The type of `object.property`, constraining the object to have the property.
    fn record_access(&mut self, m: &MemberExpr, object: &Ty) -> Ty {
        let property = m.property.name();
        let object = self.subst.shallow(object);
        match &object {
            Ty::Dynamic => return Ty::Dynamic,
            Ty::Error => return Ty::Error,
            _ => {}
        }
        if let Some(ty) = TyField::lookup(&object, property, &self.subst) {
            return ty;
        }
        let ty = self.subst.fresh();
        // The editor's placeholder at the cursor asks what the record has; it adds nothing.
        if property.contains(COMPLETION_MARKER) {
            return ty;
        }
        let tail = self.subst.fresh();
        let expected = Ty::field(property, ty.clone(), tail);
        let mut errors = Vec::new();
        self.subst.unify(&expected, &object, &mut errors);
        let site = Site::new(m.property.range()).member(property);
        self.report(errors, &site);
        ty
    }

    /// `pkg.name` where `pkg` is the import called `import_name`: the standard-library value.
    fn package_member(&mut self, m: &MemberExpr, import_name: &SmolStr) -> Typed {
        let range = m.base.range;
        let package = self
            .env
            .imports
            .get(import_name)
            .filter(|import| import.known)
            .and_then(|import| catalog().package(&import.path));
        let Some(package) = package else { return self.alloc(ExprKind::Error, range, Ty::Error) };
        let property = m.property.name();
        match package.member(property) {
            Some(member) => {
                if let Some(deprecation) = &member.deprecated {
                    self.deprecated(range, &format!("{import_name}.{property}"), Some(package.path), deprecation);
                }
                let ty = self.subst.instantiate(&member.scheme);
                let resolution = Resolution::Stdlib { package: package.path, name: member.name.clone() };
                if let PropertyKey::Identifier(id) = &m.property {
                    self.record_name(id.base.range, &id.name, resolution.clone(), false, ty.clone());
                }
                self.alloc(ExprKind::Name(resolution), range, ty)
            }
            None => {
                self.unknown_member(import_name, package, &m.property);
                self.alloc(ExprKind::Error, range, Ty::Error)
            }
        }
    }

    fn function(&mut self, f: &FunctionExpr) -> Typed {
        self.function_depth += 1;
        let typed = self.function_inner(f);
        self.function_depth -= 1;
        typed
    }

    fn function_inner(&mut self, f: &FunctionExpr) -> Typed {
        self.subst.enter_level();
        self.scopes.push(Scope { entries: Vec::new(), end: f.base.range.end });
        let body_start = f.body.range().start;
        let mut func = TyFunction { pipe: None, req: Vec::new(), opt: Vec::new(), ret: Ty::Error };
        let mut params = Vec::with_capacity(f.params.len());
        let mut defaults = Vec::new();
        for param in &f.params {
            let PropertyKey::Identifier(name) = &param.key else { continue };
            let ty = self.subst.fresh();
            let local =
                self.define_local(name, Scheme::mono(ty.clone()), ty.clone(), false, LocalKind::Parameter, body_start);
            let p = Param { name: name.name.clone(), ty };
            let pipe = matches!(param.value, Some(ast::Expr::PipeLit(_)));
            match &param.value {
                None => func.req.push(p),
                Some(ast::Expr::PipeLit(_)) => func.pipe = Some(p),
                Some(default) => {
                    func.opt.push(p);
                    defaults.push((params.len(), name.name.clone(), default));
                }
            }
            params.push(Parameter { name: name.name.clone(), local, default: None, pipe });
        }
        let (body, ret) = match &f.body {
            ast::FunctionBody::Expr(e) => {
                let value = self.expr(e);
                (FunctionBody::Expr(value.id), value.ty)
            }
            ast::FunctionBody::Block(block) => {
                self.return_types.push(Vec::new());
                let statements = self.block_statements(&block.body);
                let returns = self.return_types.pop().unwrap_or_default();
                let mut returns = returns.into_iter();
                let ret = match returns.next() {
                    Some((first, first_range)) => {
                        for (ty, range) in returns {
                            let site = Site::new(range)
                                .related(first_range, "the first `return` sets the function's result type");
                            self.unify_at(&first, &ty, &site);
                        }
                        first
                    }
                    None => Ty::Error,
                };
                (FunctionBody::Block(statements), ret)
            }
        };
        func.ret = ret;
        self.pop_scope();
        self.subst.exit_level();
        func.sort();
        let ty = Ty::function(func);
        if !defaults.is_empty() {
            for (index, value) in self.check_defaults(&ty, &defaults) {
                params[index].default = Some(value);
            }
        }
        self.alloc(ExprKind::Function(Box::new(Function { params, body })), f.base.range, ty)
    }

    /// A default must suit every use the body makes of its parameter: checked against a fresh
    /// instance of the function's type, so the default does not narrow the parameter's type.
    /// Returns each default, lowered, with its parameter's index.
    fn check_defaults(&mut self, ty: &Ty, defaults: &[(usize, SmolStr, &ast::Expr)]) -> Vec<(usize, ExprId)> {
        let scheme = self.subst.generalize(ty);
        let instance = self.subst.instantiate(&scheme);
        let mut out = Vec::with_capacity(defaults.len());
        for (index, name, default) in defaults {
            let found = self.expr(default);
            out.push((*index, found.id));
            if let Ty::Function(instance) = &instance
                && let Some(expected) = instance.param(name)
            {
                let what = format!("the default of `{name}`");
                let expected = expected.clone();
                self.unify_at(&expected, &found.ty, &Site::new(default.range()).what(&what));
            }
        }
        out
    }

    fn call(&mut self, call: &CallExpr, piped: Option<(Typed, TextRange)>) -> Typed {
        let callee = self.expr(&call.callee);
        let mut req: Vec<Param> = Vec::new();
        let mut arguments: Vec<Argument> = Vec::new();
        let mut ranges: Vec<(SmolStr, TextRange, TextRange)> = Vec::new();
        let mut duplicated = false;
        for argument in &call.arguments {
            let name = SmolStr::new(argument.key.name());
            let value = match &argument.value {
                Some(value) => self.expr(value),
                None => match &argument.key {
                    PropertyKey::Identifier(id) => self.shorthand(id),
                    PropertyKey::StringLit(s) => self.alloc(ExprKind::Error, s.base.range, Ty::Error),
                },
            };
            if let Some((_, first, _)) = ranges.iter().find(|(n, _, _)| *n == name) {
                let related = vec![RelatedInfo { range: *first, message: format!("`{name}` first given here") }];
                self.diagnostics.push(SemanticDiagnostic {
                    code: DUPLICATE_ARGUMENT,
                    severity: Severity::Error,
                    message: SmolStr::new(format!("argument `{name}` is given twice")),
                    range: argument.key.range(),
                    related,
                    suggestion: None,
                });
                duplicated = true;
                continue;
            }
            let value_range = argument.value.as_ref().map_or(argument.key.range(), |v| v.range());
            ranges.push((name.clone(), argument.key.range(), value_range));
            arguments.push(Argument {
                name: name.clone(),
                key_range: argument.key.range(),
                value: value.id,
                shorthand: argument.value.is_none(),
            });
            req.push(Param { name, ty: value.ty });
        }
        let ret = self.subst.fresh();
        let pipe_range = piped.as_ref().map(|(_, r)| *r);
        let pipe = piped.as_ref().map(|(value, _)| value.id);
        let mut found = TyFunction {
            pipe: piped.map(|(value, _)| Param { name: SmolStr::new_static(UNNAMED_PIPE), ty: value.ty }),
            req,
            opt: Vec::new(),
            ret: ret.clone(),
        };
        found.sort();
        let lowered = Call {
            callee: callee.id,
            arguments,
            pipe,
            arguments_range: TextRange::new(call.callee.range().end, call.base.range.end),
        };
        if self.has_side_effect(callee.id) {
            if self.function_depth == 0 {
                self.effects = true;
            } else {
                self.effects_when_called = true;
            }
        }
        let kind = ExprKind::Call(Box::new(lowered));
        match self.subst.shallow(&callee.ty) {
            Ty::Error => return self.alloc(kind, call.base.range, Ty::Error),
            Ty::Function(_) | Ty::Var(_) => {}
            other => {
                let called = called_value_text(&call.callee);
                let message = format!("{called} is not a function: its type is {}", self.show(&other));
                self.error(NOT_A_FUNCTION, call.callee.range(), message);
                return self.alloc(kind, call.base.range, Ty::Error);
            }
        }
        let mut errors = Vec::new();
        self.subst.unify(&callee.ty, &Ty::function(found), &mut errors);
        // A repeated argument usually stands where a missing one belongs: report it alone.
        if duplicated {
            errors.retain(|e| !matches!(e.kind, TypeErrorKind::MissingArgument(_)));
        }
        let call_site = CallSite {
            callee: callee_text(&call.callee),
            callee_range: call.callee.range(),
            arguments: ranges,
            pipe_range,
        };
        let site = Site { call: Some(call_site), ..Site::new(call.base.range) };
        self.report(errors, &site);
        self.alloc(kind, call.base.range, ret)
    }

    /// Whether calling the expression `callee` runs a side effect: a standard-library function
    /// marked so, or a package-level function whose body calls one.
    fn has_side_effect(&self, callee: ExprId) -> bool {
        match &self.exprs[callee.0 as usize].kind {
            ExprKind::Name(Resolution::Stdlib { package, name }) => {
                catalog().package(package).and_then(|p| p.member(name)).is_some_and(|m| m.side_effect)
            }
            ExprKind::Name(Resolution::Package { name, .. }) => self.effectful_names.contains(name),
            _ => false,
        }
    }

    // -----------------------------------------------------------------------------------
    // Constraints

    /// Whether the two types unified without error.
    fn unify_at(&mut self, expected: &Ty, found: &Ty, site: &Site) -> bool {
        let mut errors = Vec::new();
        self.subst.unify(expected, found, &mut errors);
        let unified = errors.is_empty();
        self.report(errors, site);
        unified
    }

    fn constrain(&mut self, ty: &Ty, kind: Kind, range: TextRange) {
        if let Err(e) = self.subst.constrain(ty, kind) {
            self.report(vec![e], &Site::new(range));
        }
    }

    fn constrain_operator(&mut self, ty: &Ty, kind: Kind, range: TextRange, operator: Operator) {
        if let Err(e) = self.subst.constrain(ty, kind) {
            self.report(vec![e], &Site::new(range).operator(operator));
        }
    }
}

/// An `option` statement, lowered.
enum OptionLowered<'s> {
    /// `option name = value`: defines `name`.
    Variable { value: Typed, scheme: Scheme, id: &'s Identifier },
    /// `option pkg.name = value`.
    Member(Stmt),
}
