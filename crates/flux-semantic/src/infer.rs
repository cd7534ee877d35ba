//! Inference for one top-level statement: Hindley–Milner with let-polymorphism over the types
//! of `flux-types`, with the constraints of each expression as the SPEC gives them.

use std::collections::BTreeSet;

use flux_stdlib::{Member, catalog};
use flux_syntax::ast::*;
use flux_syntax::smol_str::SmolStr;
use flux_syntax::{RelatedInfo, Severity, TextRange};
use flux_types::{
    Context, Field, Function, Kind, Param, Scheme, Subst, Ty, TypeError, TypeErrorKind, UNNAMED_PIPE, scheme_of,
};

use crate::codes::*;
use crate::facts::{
    ArgumentFact, COMPLETION_MARKER, CallFact, LocalFact, LocalKind, MemberFact, NameFact, RawType, Recorder,
    StatementFacts, Target,
};
use crate::suggest::closest;
use crate::{Binding, Env, PackageValue, SemanticDiagnostic, StatementAnalysis, dashboard_variable_type};

/// Analyzes one top-level statement of a file.
pub fn analyze_statement(statement: &Statement, env: &Env<'_>) -> StatementAnalysis {
    run(statement, env, None).0
}

/// Analyzes one top-level statement and records what the editor needs to know about it.
pub fn analyze_statement_with_facts(statement: &Statement, env: &Env<'_>) -> (StatementAnalysis, StatementFacts) {
    let (analysis, facts) = run(statement, env, Some(Recorder::default()));
    (analysis, facts.unwrap_or_default())
}

fn run(
    statement: &Statement,
    env: &Env<'_>,
    recorder: Option<Recorder>,
) -> (StatementAnalysis, Option<StatementFacts>) {
    let mut cx = Infer {
        env,
        subst: Subst::default(),
        scopes: Vec::new(),
        diagnostics: Vec::new(),
        used_package_names: BTreeSet::new(),
        used_imports: BTreeSet::new(),
        return_types: Vec::new(),
        facts: recorder,
    };
    let binding = cx.top_level(statement);
    if let (Some(facts), Some(b)) = (&mut cx.facts, &binding) {
        let fact = NameFact {
            range: b.range,
            name: b.name.clone(),
            definition: true,
            shorthand: false,
            target: Target::Package,
            scheme: b.scheme.clone(),
        };
        facts.names.push((fact, RawType::Scheme(b.scheme.clone())));
    }
    let facts = cx.facts.take().map(|recorder| recorder.finish(&mut cx.subst));
    let mut diagnostics = cx.diagnostics;
    diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
    // One mistake, one diagnostic: keep the first report for each range.
    diagnostics.dedup_by(|b, a| a.range == b.range && a.severity == b.severity);
    let analysis = StatementAnalysis {
        binding,
        diagnostics,
        used_package_names: cx.used_package_names.into_iter().collect(),
        used_imports: cx.used_imports.into_iter().collect(),
    };
    (analysis, facts)
}

struct Local {
    name: SmolStr,
    scheme: Scheme,
    range: TextRange,
    kind: LocalKind,
    used: bool,
    /// Whether an unused binding deserves a warning (variables do, parameters do not).
    warn_unused: bool,
}

/// A scope of local names and where its text ends.
struct Scope {
    locals: Vec<Local>,
    end: u32,
}

struct Infer<'a, 'e> {
    env: &'a Env<'e>,
    subst: Subst,
    scopes: Vec<Scope>,
    diagnostics: Vec<SemanticDiagnostic>,
    used_package_names: BTreeSet<SmolStr>,
    used_imports: BTreeSet<SmolStr>,
    /// The types of the `return` statements of the enclosing function bodies.
    return_types: Vec<Vec<(Ty, TextRange)>>,
    /// Set when the editor asked for the statement's facts.
    facts: Option<Recorder>,
}

/// What a name refers to.
enum Resolved {
    Local {
        ty: Ty,
        scheme: Scheme,
        definition: TextRange,
        kind: LocalKind,
    },
    Package(PackageValue),
    Import(SmolStr),
    /// A prelude value and its package.
    Prelude(&'static str, &'static Member),
    Dashboard,
}

impl Infer<'_, '_> {
    fn error(&mut self, code: &'static str, range: TextRange, message: String) {
        self.diagnostics.push(SemanticDiagnostic {
            code,
            severity: Severity::Error,
            message,
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
            message,
            range,
            related: Vec::new(),
            suggestion: None,
        });
    }

    fn show(&self, ty: &Ty) -> String {
        self.subst.generalize_all(ty).to_string()
    }

    // -----------------------------------------------------------------------------------
    // Statements

    fn top_level(&mut self, statement: &Statement) -> Option<Binding> {
        match statement {
            Statement::Variable(v) => {
                let scheme = self.let_binding(&v.init);
                Some(Binding { name: v.id.name.clone(), scheme, range: v.id.base.range, option: false })
            }
            Statement::Option(o) => self.option(o),
            Statement::Builtin(b) => {
                let scheme = self.builtin_scheme(b);
                Some(Binding { name: b.id.name.clone(), scheme, range: b.id.base.range, option: false })
            }
            Statement::TestCase(t) => {
                self.testcase(t);
                None
            }
            Statement::Expr(e) => {
                self.expr(&e.expression);
                None
            }
            // A top-level `return` is a syntax error, reported by the parser.
            Statement::Return(r) => {
                self.expr(&r.argument);
                None
            }
            Statement::Bad(_) => None,
        }
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
    fn let_binding(&mut self, init: &Expr) -> Scheme {
        self.subst.enter_level();
        let ty = self.expr(init);
        self.subst.exit_level();
        self.subst.generalize(&ty)
    }

    fn option(&mut self, option: &OptionStmt) -> Option<Binding> {
        match &option.assignment {
            Assignment::Variable(v) => {
                let scheme = self.let_binding(&v.init);
                // Setting a known option: the value must have the option's type.
                let declared = match self.resolve_outer(&v.id.name) {
                    Some(Resolved::Package(p)) if p.option => Some(p.scheme),
                    Some(Resolved::Prelude(_, m)) if m.option => Some(m.scheme.clone()),
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
                Some(Binding { name: v.id.name.clone(), scheme, range: v.id.base.range, option: true })
            }
            Assignment::Member(m) => {
                let found = self.expr(&m.init);
                let Expr::Identifier(object) = &m.member.object else { return None };
                let property = m.member.property.name();
                let Some(import) = self.env.imports.get(&object.name) else {
                    self.error(
                        UNDEFINED,
                        object.base.range,
                        format!("`{}` is not an imported package: `option pkg.name = ...` sets an option of an imported package", object.name),
                    );
                    return None;
                };
                self.used_imports.insert(import.name.clone());
                self.record_name(object, Target::Import, RawType::Mono(Ty::Error));
                if !import.known {
                    return None;
                }
                let package = catalog().package(&import.path)?;
                if let (Some(member), PropertyKey::Identifier(id)) = (package.member(property), &m.member.property) {
                    self.record_name(
                        id,
                        Target::Stdlib { package: package.path },
                        RawType::Scheme(member.scheme.clone()),
                    );
                }
                match package.member(property) {
                    Some(member) if member.option => {
                        let expected = self.subst.instantiate(&member.scheme);
                        let mut errors = Vec::new();
                        self.subst.unify(&expected, &found, &mut errors);
                        self.report(errors, &Site::new(m.init.range()));
                    }
                    Some(_) => self.error(
                        TYPE_MISMATCH,
                        m.member.property.range(),
                        format!("`{}.{property}` is not an option and cannot be set", object.name),
                    ),
                    None => self.unknown_member(&object.name, package, &m.member.property),
                }
                None
            }
        }
    }

    fn testcase(&mut self, t: &TestCaseStmt) {
        self.scopes.push(Scope { locals: Vec::new(), end: t.block.base.range.end });
        // A test case that extends another runs the parent's body when it calls `super()`.
        if t.extends.is_some() {
            let ret = self.subst.fresh();
            let parent = Function { pipe: None, req: Vec::new(), opt: Vec::new(), ret };
            let scheme = self.subst.generalize_all(&Ty::function(parent));
            let id = Identifier { base: Base::new(t.id.base.range), name: SmolStr::new_static("super") };
            self.define_local(&id, scheme, false, LocalKind::Super, t.block.base.range.start);
        }
        self.block_statements(&t.block.body);
        self.pop_scope();
    }

    fn pop_scope(&mut self) {
        let Some(scope) = self.scopes.pop() else { return };
        for local in scope.locals {
            if local.warn_unused && !local.used && !local.name.starts_with('_') {
                self.warning(UNUSED_VARIABLE, local.range, format!("`{}` is defined but never used", local.name));
            }
        }
    }

    /// Defines a local name, visible from `visible_from` to the end of the current scope.
    fn define_local(
        &mut self,
        name: &Identifier,
        scheme: Scheme,
        warn_unused: bool,
        kind: LocalKind,
        visible_from: u32,
    ) {
        let scope = self.scopes.last_mut().expect("a local scope");
        let end = scope.end;
        if let Some(previous) = scope.locals.iter().find(|l| l.name == name.name) {
            let related =
                vec![RelatedInfo { range: previous.range, message: format!("`{}` first defined here", name.name) }];
            self.diagnostics.push(SemanticDiagnostic {
                code: DUPLICATE_DEFINITION,
                severity: Severity::Error,
                message: format!("`{}` is already defined in this scope", name.name),
                range: name.base.range,
                related,
                suggestion: None,
            });
        }
        if let Some(facts) = &mut self.facts {
            let range = name.base.range;
            let target = Target::Local { definition: range, kind };
            let fact = NameFact {
                range,
                name: name.name.clone(),
                definition: true,
                shorthand: false,
                target,
                scheme: Scheme::error(),
            };
            facts.names.push((fact, RawType::Scheme(scheme.clone())));
            let visible = TextRange::new(visible_from.min(end), end);
            let local = LocalFact { name: name.name.clone(), range, visible, kind, scheme: Scheme::error() };
            facts.locals.push((local, RawType::Scheme(scheme.clone())));
        }
        let scope = self.scopes.last_mut().expect("a local scope");
        let local = Local { name: name.name.clone(), scheme, range: name.base.range, kind, used: false, warn_unused };
        scope.locals.push(local);
    }

    /// The statements of a block (function body or testcase), in the current scope.
    fn block_statements(&mut self, statements: &[Statement]) {
        for statement in statements {
            match statement {
                Statement::Variable(v) => {
                    let scheme = self.let_binding(&v.init);
                    self.define_local(&v.id, scheme, true, LocalKind::Variable, v.base.range.end);
                }
                Statement::Return(r) => {
                    let ty = self.expr(&r.argument);
                    if let Some(returns) = self.return_types.last_mut() {
                        returns.push((ty, r.argument.range()));
                    }
                }
                Statement::Expr(e) => {
                    self.expr(&e.expression);
                }
                Statement::Option(o) => {
                    if let Some(binding) = self.option(o) {
                        let id = Identifier { base: Base::new(binding.range), name: binding.name };
                        self.define_local(&id, binding.scheme, false, LocalKind::Option, o.base.range.end);
                    }
                }
                Statement::TestCase(t) => self.testcase(t),
                Statement::Builtin(b) => {
                    let scheme = self.builtin_scheme(b);
                    self.define_local(&b.id, scheme, false, LocalKind::Builtin, b.base.range.end);
                }
                Statement::Bad(_) => {}
            }
        }
    }

    // -----------------------------------------------------------------------------------
    // Names

    fn resolve_outer(&mut self, name: &str) -> Option<Resolved> {
        if let Some(value) = (self.env.package_value)(name) {
            return Some(Resolved::Package(value));
        }
        if let Some(import) = self.env.imports.get(name) {
            return Some(Resolved::Import(import.name.clone()));
        }
        if name == "v" && self.env.dashboard_variables {
            return Some(Resolved::Dashboard);
        }
        catalog().prelude_member(name).map(|(p, m)| Resolved::Prelude(p.path, m))
    }

    fn resolve(&mut self, name: &str) -> Option<Resolved> {
        for scope in self.scopes.iter_mut().rev() {
            if let Some(local) = scope.locals.iter_mut().rev().find(|l| l.name == name) {
                local.used = true;
                let scheme = local.scheme.clone();
                let (definition, kind) = (local.range, local.kind);
                let ty = self.subst.instantiate(&scheme);
                return Some(Resolved::Local { ty, scheme, definition, kind });
            }
        }
        self.resolve_outer(name)
    }

    fn identifier(&mut self, id: &Identifier) -> Ty {
        let resolved = self.resolve(&id.name);
        self.resolved_type(id, resolved)
    }

    /// `{host}` or `f(tables)`: the name is the key, and the value of the same name.
    fn shorthand(&mut self, id: &Identifier) -> Ty {
        let ty = self.identifier(id);
        if let Some(facts) = &mut self.facts
            && let Some((last, _)) = facts.names.last_mut()
            && last.range == id.base.range
        {
            last.shorthand = true;
        }
        ty
    }

    fn record_name(&mut self, id: &Identifier, target: Target, raw: RawType) {
        if let Some(facts) = &mut self.facts {
            let fact = NameFact {
                range: id.base.range,
                name: id.name.clone(),
                definition: false,
                shorthand: false,
                target,
                scheme: Scheme::error(),
            };
            facts.names.push((fact, raw));
        }
    }

    /// Records what `id` refers to, when the editor asked.
    fn record_resolution(&mut self, id: &Identifier, resolved: &Option<Resolved>) {
        if self.facts.is_none() {
            return;
        }
        let (target, raw) = match resolved {
            Some(Resolved::Local { scheme, definition, kind, .. }) => {
                (Target::Local { definition: *definition, kind: *kind }, RawType::Scheme(scheme.clone()))
            }
            Some(Resolved::Package(value)) => (Target::Package, RawType::Scheme(value.scheme.clone())),
            Some(Resolved::Import(_)) => (Target::Import, RawType::Mono(Ty::Error)),
            Some(Resolved::Prelude(package, member)) => {
                (Target::Stdlib { package }, RawType::Scheme(member.scheme.clone()))
            }
            Some(Resolved::Dashboard) => {
                let ty = dashboard_variable_type(&mut self.subst);
                (Target::Dashboard, RawType::Mono(ty))
            }
            None => (Target::Unresolved, RawType::Mono(Ty::Error)),
        };
        self.record_name(id, target, raw);
    }

    /// The type of the name `id`, which resolved to `resolved`.
    fn resolved_type(&mut self, id: &Identifier, resolved: Option<Resolved>) -> Ty {
        self.record_resolution(id, &resolved);
        match resolved {
            Some(Resolved::Local { ty, .. }) => ty,
            Some(Resolved::Package(value)) => {
                self.used_package_names.insert(id.name.clone());
                self.subst.instantiate(&value.scheme)
            }
            // A package used as a value: nothing to check.
            Some(Resolved::Import(name)) => {
                self.used_imports.insert(name);
                Ty::Error
            }
            Some(Resolved::Dashboard) => dashboard_variable_type(&mut self.subst),
            Some(Resolved::Prelude(_, member)) => {
                if let Some(deprecation) = &member.deprecated {
                    self.deprecated(id.base.range, &id.name, deprecation);
                }
                self.subst.instantiate(&member.scheme)
            }
            None => {
                self.undefined(id);
                Ty::Error
            }
        }
    }

    fn undefined(&mut self, id: &Identifier) {
        let mut candidates: Vec<SmolStr> = self.scopes.iter().flat_map(|s| &s.locals).map(|l| l.name.clone()).collect();
        candidates.extend((self.env.package_names)());
        candidates.extend(self.env.imports.imports.iter().map(|i| i.name.clone()));
        candidates.extend(catalog().prelude().map(|(_, m)| m.name.clone()));
        let mut message = format!("undefined identifier `{}`", id.name);
        let near = closest(&id.name, candidates.iter().map(|c| c.as_str()));
        if let Some(near) = near {
            message.push_str(&format!(": did you mean `{near}`?"));
        } else if let Some(package) = package_exporting(&id.name) {
            message.push_str(&format!(": `{}` is in package \"{package}\", which is not imported", id.name));
        }
        self.error(UNDEFINED, id.base.range, message);
        self.suggest(near);
    }

    fn deprecated(&mut self, range: TextRange, name: &str, deprecation: &flux_stdlib::Deprecation) {
        let message = match &deprecation.replacement {
            Some(replacement) => {
                format!("`{name}` is deprecated since Flux {}: use `{replacement}` instead", deprecation.since)
            }
            None => format!("`{name}` is deprecated since Flux {}", deprecation.since),
        };
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

    fn expr(&mut self, expr: &Expr) -> Ty {
        match expr {
            Expr::Identifier(id) => self.identifier(id),
            Expr::Integer(_) => Ty::INT,
            Expr::Float(_) => Ty::FLOAT,
            Expr::String(_) => Ty::STRING,
            Expr::Duration(_) => Ty::DURATION,
            Expr::DateTime(_) => Ty::TIME,
            Expr::Regexp(_) => Ty::REGEXP,
            // A label is a string at run time.
            Expr::Label(_) => Ty::STRING,
            Expr::StringExpr(s) => {
                for part in &s.parts {
                    if let StringExprPart::Interpolated(p) = part {
                        let ty = self.expr(&p.expression);
                        self.constrain(&ty, Kind::Stringable, p.expression.range());
                    }
                }
                Ty::STRING
            }
            Expr::Paren(p) => self.expr(&p.expression),
            Expr::Array(a) => {
                let mut element: Option<(Ty, TextRange)> = None;
                for item in &a.elements {
                    let ty = self.expr(&item.expression);
                    match &element {
                        None => element = Some((ty, item.expression.range())),
                        Some((first, first_range)) => {
                            let site = Site::new(item.expression.range())
                                .related(*first_range, "the array's element type comes from its first element");
                            let first = first.clone();
                            self.unify_at(&first, &ty, &site);
                        }
                    }
                }
                Ty::array(element.map_or_else(|| self.subst.fresh(), |(t, _)| t))
            }
            Expr::Dict(d) => {
                let key = self.subst.fresh();
                let value = self.subst.fresh();
                for item in &d.elements {
                    let k = self.expr(&item.key);
                    let v = self.expr(&item.val);
                    self.unify_at(&key, &k, &Site::new(item.key.range()));
                    self.unify_at(&value, &v, &Site::new(item.val.range()));
                }
                self.constrain(&key, Kind::Comparable, d.base.range);
                Ty::dict(key, value)
            }
            Expr::Object(o) => {
                let mut record = match &o.with {
                    Some(with) => self.identifier(&with.source),
                    None => Ty::EmptyRecord,
                };
                let fields: Vec<(SmolStr, Ty)> = o
                    .properties
                    .iter()
                    .map(|p| {
                        let ty = match &p.value {
                            Some(value) => self.expr(value),
                            None => match &p.key {
                                PropertyKey::Identifier(id) => self.shorthand(id),
                                PropertyKey::StringLit(_) => Ty::Error,
                            },
                        };
                        (SmolStr::new(p.key.name()), ty)
                    })
                    .collect();
                for (label, ty) in fields.into_iter().rev() {
                    record = Ty::field(label, ty, record);
                }
                record
            }
            Expr::Function(f) => self.function(f),
            Expr::Logical(l) => {
                let left = self.expr(&l.left);
                let right = self.expr(&l.right);
                let what = format!("an operand of `{}`", l.operator.as_str());
                self.unify_at(&Ty::BOOL, &left, &Site::new(l.left.range()).what(&what));
                self.unify_at(&Ty::BOOL, &right, &Site::new(l.right.range()).what(&what));
                Ty::BOOL
            }
            Expr::Binary(b) => self.binary(b),
            Expr::Unary(u) => {
                let ty = self.expr(&u.argument);
                match u.operator {
                    Operator::Not => {
                        self.unify_at(&Ty::BOOL, &ty, &Site::new(u.argument.range()).what("the operand of `not`"));
                        Ty::BOOL
                    }
                    Operator::Exists => Ty::BOOL,
                    Operator::Addition | Operator::Subtraction => {
                        self.constrain(&ty, Kind::Negatable, u.argument.range());
                        ty
                    }
                    _ => Ty::Error,
                }
            }
            Expr::Member(m) => self.member(m),
            Expr::Index(i) => {
                let array = self.expr(&i.array);
                let index = self.expr(&i.index);
                self.unify_at(&Ty::INT, &index, &Site::new(i.index.range()).what("an array index"));
                match self.subst.shallow(&array) {
                    Ty::Array(element) => *element,
                    Ty::Error => Ty::Error,
                    _ => {
                        let element = self.subst.fresh();
                        self.unify_at(&Ty::array(element.clone()), &array, &Site::new(i.array.range()));
                        element
                    }
                }
            }
            Expr::Pipe(p) => {
                let piped = self.expr(&p.argument);
                self.call(&p.call, Some((piped, p.argument.range())))
            }
            Expr::Call(c) => self.call(c, None),
            Expr::Conditional(c) => {
                let test = self.expr(&c.test);
                self.unify_at(&Ty::BOOL, &test, &Site::new(c.test.range()).what("the condition of `if`"));
                let then = self.expr(&c.consequent);
                let otherwise = self.expr(&c.alternate);
                let site = Site::new(c.alternate.range())
                    .what("the `else` branch")
                    .related(c.consequent.range(), "the `then` branch sets the type of the `if`");
                self.unify_at(&then, &otherwise, &site);
                then
            }
            Expr::PipeLit(_) | Expr::Bad(_) => Ty::Error,
        }
    }

    fn binary(&mut self, b: &BinaryExpr) -> Ty {
        let left = self.expr(&b.left);
        let right = self.expr(&b.right);
        let arithmetic = |cx: &mut Self, kind: Kind| {
            let site = Site::new(b.right.range()).related(b.left.range(), "the left operand sets the expected type");
            // Operands of different types are the mistake; their kind would only repeat it.
            if cx.unify_at(&left, &right, &site) {
                cx.constrain_operator(&left, kind, b.base.range, b.operator);
            }
            left.clone()
        };
        match b.operator {
            Operator::Addition => arithmetic(self, Kind::Addable),
            Operator::Subtraction => arithmetic(self, Kind::Subtractable),
            Operator::Multiplication | Operator::Division | Operator::Power | Operator::Modulo => {
                arithmetic(self, Kind::Divisible)
            }
            Operator::LessThan | Operator::GreaterThan => {
                self.constrain_operator(&left, Kind::Comparable, b.left.range(), b.operator);
                self.constrain_operator(&right, Kind::Comparable, b.right.range(), b.operator);
                Ty::BOOL
            }
            Operator::Equal | Operator::NotEqual => {
                self.constrain_operator(&left, Kind::Equatable, b.left.range(), b.operator);
                self.constrain_operator(&right, Kind::Equatable, b.right.range(), b.operator);
                Ty::BOOL
            }
            Operator::LessThanEqual | Operator::GreaterThanEqual => {
                for (ty, range) in [(&left, b.left.range()), (&right, b.right.range())] {
                    self.constrain_operator(ty, Kind::Equatable, range, b.operator);
                    self.constrain_operator(ty, Kind::Comparable, range, b.operator);
                }
                Ty::BOOL
            }
            Operator::RegexpMatch | Operator::NotRegexpMatch => {
                let what = format!("the left side of `{}`", b.operator.as_str());
                self.unify_at(&Ty::STRING, &left, &Site::new(b.left.range()).what(&what));
                let what = format!("the right side of `{}`", b.operator.as_str());
                self.unify_at(&Ty::REGEXP, &right, &Site::new(b.right.range()).what(&what));
                Ty::BOOL
            }
            Operator::Not | Operator::Exists | Operator::Invalid => Ty::Error,
        }
    }

    fn member(&mut self, m: &MemberExpr) -> Ty {
        let object = match &m.object {
            // `pkg.name`: a member of an imported package (unless a local or package-level name
            // shadows the package).
            Expr::Identifier(object) => match self.resolve(&object.name) {
                Some(Resolved::Import(name)) => {
                    let resolved = Some(Resolved::Import(name.clone()));
                    self.record_resolution(object, &resolved);
                    return self.package_member(m, &name);
                }
                // `strings.toUpper` without `import "strings"`.
                None if package_named(&object.name).is_some() => {
                    self.record_resolution(object, &None);
                    let path = package_named(&object.name).unwrap_or_default();
                    let message = format!("`{}` is not imported: add `import \"{path}\"`", object.name);
                    self.error(UNDEFINED, object.base.range, message);
                    return Ty::Error;
                }
                resolved => self.resolved_type(object, resolved),
            },
            _ => self.expr(&m.object),
        };
        let ty = self.record_access(m, &object);
        if let Some(facts) = &mut self.facts {
            let fact = MemberFact {
                object: m.object.range(),
                property: m.property.range(),
                object_type: Scheme::error(),
                scheme: Scheme::error(),
            };
            facts.members.push((fact, RawType::Mono(object), RawType::Mono(ty.clone())));
        }
        ty
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
        if let Some(ty) = Field::lookup(&object, property, &self.subst) {
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

    /// `pkg.name` where `pkg` is the import called `import_name`.
    fn package_member(&mut self, m: &MemberExpr, import_name: &SmolStr) -> Ty {
        self.used_imports.insert(import_name.clone());
        let Some(import) = self.env.imports.get(import_name) else { return Ty::Error };
        let Some(package) = catalog().package(&import.path).filter(|_| import.known) else {
            return Ty::Error;
        };
        let property = m.property.name();
        if let (Some(member), PropertyKey::Identifier(id)) = (package.member(property), &m.property) {
            self.record_name(id, Target::Stdlib { package: package.path }, RawType::Scheme(member.scheme.clone()));
        }
        match package.member(property) {
            Some(member) => {
                if let Some(deprecation) = &member.deprecated {
                    self.deprecated(m.base.range, &format!("{import_name}.{property}"), deprecation);
                }
                self.subst.instantiate(&member.scheme)
            }
            None => {
                self.unknown_member(import_name, package, &m.property);
                Ty::Error
            }
        }
    }

    fn function(&mut self, f: &FunctionExpr) -> Ty {
        self.subst.enter_level();
        self.scopes.push(Scope { locals: Vec::new(), end: f.base.range.end });
        let body_start = match &f.body {
            FunctionBody::Expr(e) => e.range().start,
            FunctionBody::Block(b) => b.base.range.start,
        };
        let mut func = Function { pipe: None, req: Vec::new(), opt: Vec::new(), ret: Ty::Error };
        let mut defaults = Vec::new();
        for param in &f.params {
            let PropertyKey::Identifier(name) = &param.key else { continue };
            let ty = self.subst.fresh();
            self.define_local(name, Scheme::mono(ty.clone()), false, LocalKind::Parameter, body_start);
            let p = Param { name: name.name.clone(), ty };
            match &param.value {
                None => func.req.push(p),
                Some(Expr::PipeLit(_)) => func.pipe = Some(p),
                Some(default) => {
                    func.opt.push(p);
                    defaults.push((name.name.clone(), default));
                }
            }
        }
        func.ret = match &f.body {
            FunctionBody::Expr(e) => self.expr(e),
            FunctionBody::Block(block) => {
                self.return_types.push(Vec::new());
                self.block_statements(&block.body);
                let returns = self.return_types.pop().unwrap_or_default();
                let mut returns = returns.into_iter();
                match returns.next() {
                    Some((first, first_range)) => {
                        for (ty, range) in returns {
                            let site = Site::new(range)
                                .related(first_range, "the first `return` sets the function's result type");
                            self.unify_at(&first, &ty, &site);
                        }
                        first
                    }
                    None => Ty::Error,
                }
            }
        };
        self.pop_scope();
        self.subst.exit_level();
        func.sort();
        let ty = Ty::function(func);
        if !defaults.is_empty() {
            self.check_defaults(&ty, &defaults);
        }
        ty
    }

    /// A default must suit every use the body makes of its parameter: checked against a fresh
    /// instance of the function's type, so the default does not narrow the parameter's type.
    fn check_defaults(&mut self, ty: &Ty, defaults: &[(SmolStr, &Expr)]) {
        let scheme = self.subst.generalize(ty);
        let instance = self.subst.instantiate(&scheme);
        let Ty::Function(instance) = instance else { return };
        for (name, default) in defaults {
            let found = self.expr(default);
            if let Some(expected) = instance.param(name) {
                let what = format!("the default of `{name}`");
                self.unify_at(expected, &found, &Site::new(default.range()).what(&what));
            }
        }
    }

    fn call(&mut self, call: &CallExpr, piped: Option<(Ty, TextRange)>) -> Ty {
        let callee = self.expr(&call.callee);
        let mut req: Vec<Param> = Vec::new();
        let mut ranges: Vec<(SmolStr, TextRange, TextRange)> = Vec::new();
        let mut duplicated = false;
        for argument in &call.arguments {
            let name = SmolStr::new(argument.key.name());
            let ty = match &argument.value {
                Some(value) => self.expr(value),
                None => match &argument.key {
                    PropertyKey::Identifier(id) => self.shorthand(id),
                    PropertyKey::StringLit(_) => Ty::Error,
                },
            };
            if let Some((_, first, _)) = ranges.iter().find(|(n, _, _)| *n == name) {
                let related = vec![RelatedInfo { range: *first, message: format!("`{name}` first given here") }];
                self.diagnostics.push(SemanticDiagnostic {
                    code: DUPLICATE_ARGUMENT,
                    severity: Severity::Error,
                    message: format!("argument `{name}` is given twice"),
                    range: argument.key.range(),
                    related,
                    suggestion: None,
                });
                duplicated = true;
                continue;
            }
            let value_range = argument.value.as_ref().map_or(argument.key.range(), |v| v.range());
            ranges.push((name.clone(), argument.key.range(), value_range));
            req.push(Param { name, ty });
        }
        let ret = self.subst.fresh();
        let pipe_range = piped.as_ref().map(|(_, r)| *r);
        let mut found = Function {
            pipe: piped.map(|(ty, _)| Param { name: SmolStr::new_static(UNNAMED_PIPE), ty }),
            req,
            opt: Vec::new(),
            ret: ret.clone(),
        };
        found.sort();
        if let Some(facts) = &mut self.facts {
            let arguments = call
                .arguments
                .iter()
                .map(|a| ArgumentFact {
                    name: SmolStr::new(a.key.name()),
                    key: a.key.range(),
                    value: a.value.as_ref().map(|v| v.range()),
                })
                .collect();
            let fact = CallFact {
                range: call.base.range,
                callee: call.callee.range(),
                arguments_range: TextRange::new(call.callee.range().end, call.base.range.end),
                arguments,
                callee_type: Scheme::error(),
            };
            facts.calls.push((fact, RawType::Mono(callee.clone())));
        }
        let callee_name = callee_text(&call.callee);
        match self.subst.shallow(&callee) {
            Ty::Error => return Ty::Error,
            Ty::Function(_) | Ty::Var(_) => {}
            other => {
                let message = format!("{callee_name} is not a function: its type is {}", self.show(&other));
                self.error(NOT_A_FUNCTION, call.callee.range(), message);
                return Ty::Error;
            }
        }
        let mut errors = Vec::new();
        self.subst.unify(&callee, &Ty::function(found), &mut errors);
        // A repeated argument usually stands where a missing one belongs: report it alone.
        if duplicated {
            errors.retain(|e| !matches!(e.kind, TypeErrorKind::MissingArgument(_)));
        }
        let call_site =
            CallSite { callee: callee_name, callee_range: call.callee.range(), arguments: ranges, pipe_range };
        let site = Site { call: Some(call_site), ..Site::new(call.base.range) };
        self.report(errors, &site);
        ret
    }

    // -----------------------------------------------------------------------------------
    // Constraints and their errors

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

    fn report(&mut self, errors: Vec<TypeError>, site: &Site) {
        for error in errors {
            let diagnostic = self.describe(error, site);
            self.diagnostics.push(diagnostic);
        }
    }

    fn describe(&self, error: TypeError, site: &Site) -> SemanticDiagnostic {
        let mut range = site.range;
        let mut related = Vec::new();
        let mut suggestion = None;
        let mut argument: Option<SmolStr> = None;
        let mut path: Vec<String> = Vec::new();
        for context in &error.context {
            match context {
                Context::Argument(name) if argument.is_none() && path.is_empty() => argument = Some(name.clone()),
                Context::Argument(name) => path.push(format!("argument `{name}`")),
                Context::Label(label) => path.push(format!("property `{label}`")),
                Context::Return => path.push("the return value".to_owned()),
            }
        }
        if let Some(call) = &site.call {
            if let Some(name) = &argument {
                if let Some((_, _, value)) = call.arguments.iter().find(|(n, _, _)| n == name) {
                    range = *value;
                } else if name.as_str() == UNNAMED_PIPE || call.arguments.is_empty() {
                    range = call.pipe_range.unwrap_or(range);
                }
                if let TypeErrorKind::Mismatch { expected, .. } = &error.kind {
                    let expected = self.show(expected);
                    let message = format!("{} expects `{name}` to be {expected}", call.callee);
                    related.push(RelatedInfo { range: call.callee_range, message });
                }
            }
        } else if let Some((r, message)) = &site.related {
            related.push(RelatedInfo { range: *r, message: message.clone() });
        }
        let (callee, callee_range) = match &site.call {
            Some(call) => (call.callee.clone(), call.callee_range),
            None => ("the function".to_owned(), site.range),
        };
        let within = {
            // Innermost first: "property `a` of the return value of argument `fn`".
            let mut parts: Vec<String> = path.iter().rev().cloned().collect();
            if let Some(name) = &argument {
                if name.as_str() == UNNAMED_PIPE {
                    parts.push("the piped input".to_owned());
                } else {
                    parts.push(format!("argument `{name}`"));
                }
            } else if let Some(what) = &site.what {
                parts.push(what.clone());
            }
            if parts.is_empty() { String::new() } else { format!(" in {}", parts.join(" of ")) }
        };
        let (code, message) = match error.kind {
            TypeErrorKind::Mismatch { expected, found } => {
                (TYPE_MISMATCH, format!("expected {} but found {}{within}", self.show(&expected), self.show(&found)))
            }
            TypeErrorKind::MissingLabel(label) => match (&site.member, &argument) {
                (Some(_), _) => (MISSING_PROPERTY, format!("the record has no property `{label}`")),
                _ => (MISSING_PROPERTY, format!("missing property `{label}`{within}")),
            },
            TypeErrorKind::ExtraLabel(label) => {
                (TYPE_MISMATCH, format!("unexpected property `{label}`{within}: the expected record does not have it"))
            }
            // A value where a record belongs is a value of the wrong shape, not an operation
            // its type lacks.
            TypeErrorKind::NotOfKind { ty, kind: Kind::Record } => {
                (TYPE_MISMATCH, format!("expected a record but found {}{within}", self.show(&ty)))
            }
            TypeErrorKind::NotOfKind { ty, kind } => {
                let shown = self.show(&ty);
                let message = match site.operator {
                    Some(op) => format!("{shown} is not {}: `{}` cannot be applied to it", kind.name(), op.as_str()),
                    None => format!("{shown} is not {}{within}", kind.name()),
                };
                (KIND_VIOLATION, message)
            }
            TypeErrorKind::Occurs { ty } => (
                TYPE_MISMATCH,
                format!("this would need an infinite type: a type containing itself, {}{within}", self.show(&ty)),
            ),
            TypeErrorKind::MissingArgument(name) => {
                range = callee_range;
                (MISSING_ARGUMENT, format!("missing required argument `{name}` in the call of {callee}"))
            }
            TypeErrorKind::ExtraArgument { name, expected } => {
                if let Some(call) = &site.call
                    && let Some((_, key, _)) = call.arguments.iter().find(|(n, _, _)| *n == name)
                {
                    range = *key;
                }
                let mut message = format!("{callee} has no parameter `{name}`");
                if let Some(near) = closest(&name, expected.iter().map(|s| s.as_str())) {
                    message.push_str(&format!(": did you mean `{near}`?"));
                    suggestion = Some(SmolStr::new(near));
                } else if !expected.is_empty() {
                    let list: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
                    message.push_str(&format!(" (it takes {})", list.join(", ")));
                }
                (UNKNOWN_ARGUMENT, message)
            }
            TypeErrorKind::MissingPipeArgument { into_function_without_pipe: true } => {
                range = callee_range;
                (
                    NO_PIPE_PARAMETER,
                    format!("{callee} has no pipe parameter: a value cannot be piped into it with `|>`"),
                )
            }
            TypeErrorKind::MissingPipeArgument { into_function_without_pipe: false } => {
                range = callee_range;
                (
                    MISSING_ARGUMENT,
                    format!("{callee} needs a piped input: write `data |> {}(...)`", callee.trim_matches('`')),
                )
            }
            TypeErrorKind::MultiplePipeArguments { expected, found } => (
                TYPE_MISMATCH,
                format!("the pipe parameter is called `{expected}` here but `{found}` in the function given{within}"),
            ),
        };
        SemanticDiagnostic { code, severity: Severity::Error, message, range, related, suggestion }
    }
}

/// Where a constraint comes from, to place and word its errors.
struct Site {
    range: TextRange,
    /// What the checked value is, such as "the condition of `if`".
    what: Option<String>,
    /// A secondary location: where the expected type comes from.
    related: Option<(TextRange, String)>,
    call: Option<CallSite>,
    member: Option<String>,
    operator: Option<Operator>,
}

struct CallSite {
    /// The callee as written, in backticks, or "the function".
    callee: String,
    callee_range: TextRange,
    /// Per argument: name, key range, value range.
    arguments: Vec<(SmolStr, TextRange, TextRange)>,
    pipe_range: Option<TextRange>,
}

impl Site {
    fn new(range: TextRange) -> Site {
        Site { range, what: None, related: None, call: None, member: None, operator: None }
    }

    fn what(mut self, what: &str) -> Site {
        self.what = Some(what.to_owned());
        self
    }

    fn related(mut self, range: TextRange, message: &str) -> Site {
        self.related = Some((range, message.to_owned()));
        self
    }

    fn member(mut self, property: &str) -> Site {
        self.member = Some(property.to_owned());
        self
    }

    fn operator(mut self, operator: Operator) -> Site {
        self.operator = Some(operator);
        self
    }
}

/// How to name a callee in a message: `name`, `pkg.name`, or "the function".
fn callee_text(callee: &Expr) -> String {
    match callee {
        Expr::Identifier(id) => format!("`{}`", id.name),
        Expr::Member(m) => match &m.object {
            Expr::Identifier(object) => format!("`{}.{}`", object.name, m.property.name()),
            _ => format!("`{}`", m.property.name()),
        },
        Expr::Call(c) => match callee_text(&c.callee).as_str() {
            "the function" => "the function".to_owned(),
            inner => format!("the function {inner} returns"),
        },
        _ => "the function".to_owned(),
    }
}

/// The import path of the standard-library package called `name` (the shortest path, when
/// several are).
pub fn package_named(name: &str) -> Option<&'static str> {
    catalog()
        .packages
        .values()
        .filter(|p| p.name == name && !p.path.starts_with("internal/"))
        .map(|p| p.path)
        .min_by_key(|p| p.len())
}

/// The import path of the standard-library package exporting `name`, for "not imported" hints
/// (the first in path order, and only for names outside the prelude).
pub fn package_exporting(name: &str) -> Option<&'static str> {
    catalog()
        .packages
        .values()
        .filter(|p| !p.path.starts_with("internal/") && !flux_stdlib::PRELUDE.contains(&p.path))
        .find(|p| p.member(name).is_some_and(|m| m.deprecated.is_none()))
        .map(|p| p.path)
}
