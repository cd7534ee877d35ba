//! The evaluator: runs the typed program (`flux_semantic::ir`) statement by statement.
//!
//! Names are already resolved: a local is a slot of the statement's frame (its `LocalId`), a
//! package-level value the result of the statement that defined it (`ItemRef`), a
//! standard-library value a native implementation. Types were checked before the program ran,
//! so a value of an unexpected type here is reported as an error at its expression, never a
//! panic.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use flux_semantic::ir::{
    self, Body, Call, ExprId, ExprKind, FunctionBody, ItemRef, Literal, Resolution, Stmt, StringPart, Target,
};
use flux_syntax::TextRange;
use flux_syntax::ast::{LogicalOperator, Operator};
use flux_syntax::smol_str::SmolStr;

use crate::plan;
use crate::stdlib::{self, Args, Builtin, Failure};
use crate::table::NamedResult;
use crate::value::{Collation, DictKey, Duration, Function, Record, Value};

/// A run-time error at an expression of a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    pub message: String,
    /// The statement the expression belongs to.
    pub item: ItemRef,
    /// Relative to the statement.
    pub range: TextRange,
}

/// The values of a body's locals, by `LocalId`; a closure keeps the frame it was made in.
#[derive(Clone, Debug, Default)]
pub struct Frame {
    slots: Vec<Option<Value>>,
}

/// The values of a package's statements as they are run, and the results they made.
#[derive(Default)]
pub struct Evaluator {
    package: RefCell<HashMap<ItemRef, Value>>,
    /// The packages of the engine's own Flux whose statements have run.
    own_packages: RefCell<HashMap<&'static str, Arc<stdlib::flux::Module>>>,
    /// The options those packages define, by statement, with their package: a script's
    /// `option pkg.name = …` overrides them.
    own_options: RefCell<HashMap<ItemRef, (&'static str, SmolStr)>>,
    /// Why definitions of the engine's own Flux could not run.
    own_failures: RefCell<HashMap<ItemRef, String>>,
    results: RefCell<Vec<NamedResult>>,
    /// The `now` option's value: the time the script runs at.
    now: Cell<i64>,
    /// Options of packages the script set (`option testing.tags = …`), by package path and
    /// name, and the prelude's `location`.
    options: RefCell<HashMap<(SmolStr, SmolStr), Value>>,
    /// Set from another thread to stop the run (Ctrl-C): checked at every function call.
    cancel: Option<Arc<std::sync::atomic::AtomicBool>>,
    /// The most rows a source may read into one run, when limited.
    max_rows: Option<usize>,
    /// How often `testing/expect.planner` says the optimizer must apply each rule.
    planner_expectations: RefCell<BTreeMap<String, i64>>,
    /// How often the engine applied each optimizer rule.
    planner_rules: RefCell<BTreeMap<String, i64>>,
    /// What `secrets.get` reads, when the run has a secret store.
    secrets: Option<HashMap<String, String>>,
    /// Where `from(bucket:)` finds local buckets.
    data_dir: Option<flux_storage::DataDir>,
    /// The InfluxDB 1.x or 3.x that `from(bucket:)` reads instead, through InfluxQL.
    influxql: Option<Arc<flux_connect::influxql::InfluxQl>>,
    /// The configured connections, for `from(host:)` and `buckets(host:)`.
    connections: Option<Arc<flux_connect::Connections>>,
    /// The outside services the run may use.
    allow: flux_connect::Allow,
    /// The queries sent to databases, in order, for `flx run --explain`.
    remote_queries: RefCell<Vec<String>>,
}

/// Where evaluation is: the body and its statement, for errors.
struct Context<'b> {
    body: &'b Arc<Body>,
    item: ItemRef,
}

/// Evaluation stops at a `return` inside a block.
enum Flow {
    Next,
    Return(Value),
}

impl Evaluator {
    pub fn new() -> Evaluator {
        Evaluator::default()
    }

    /// An evaluator whose `now()` is `now` (nanoseconds since the epoch) until the script
    /// sets `option now`.
    pub fn with_now(now: i64) -> Evaluator {
        Evaluator { now: Cell::new(now), ..Evaluator::default() }
    }

    /// Stops the run with an error once `cancel` is set.
    pub fn set_cancel(&mut self, cancel: Arc<std::sync::atomic::AtomicBool>) {
        self.cancel = Some(cancel);
    }

    /// Limits the rows a source may read (`csv.from`), so a huge input fails clearly instead
    /// of exhausting memory.
    pub fn set_max_rows(&mut self, max_rows: Option<usize>) {
        self.max_rows = max_rows;
    }

    /// Gives the run local buckets (`from(bucket:)`).
    pub fn set_data_dir(&mut self, data: flux_storage::DataDir) {
        self.data_dir = Some(data);
    }

    pub fn data_dir(&self) -> Option<&flux_storage::DataDir> {
        self.data_dir.as_ref()
    }

    /// Makes `from(bucket:)` read an InfluxDB 1.x or 3.x through InfluxQL.
    pub fn set_influxql(&mut self, client: Arc<flux_connect::influxql::InfluxQl>) {
        self.influxql = Some(client);
    }

    pub fn influxql(&self) -> Option<&Arc<flux_connect::influxql::InfluxQl>> {
        self.influxql.as_ref()
    }

    pub fn set_connections(&mut self, connections: Arc<flux_connect::Connections>, allow: flux_connect::Allow) {
        self.connections = Some(connections);
        self.allow = allow;
    }

    pub fn connections(&self) -> Option<&flux_connect::Connections> {
        self.connections.as_deref()
    }

    pub fn allow(&self) -> flux_connect::Allow {
        self.allow
    }

    /// Records a query sent to a database.
    pub fn remote_query(&self, query: String) {
        self.remote_queries.borrow_mut().push(query);
    }

    pub fn remote_queries(&self) -> Vec<String> {
        self.remote_queries.borrow().clone()
    }

    /// Gives the run a secret store (`secrets.get`).
    pub fn set_secrets(&mut self, secrets: HashMap<String, String>) {
        self.secrets = Some(secrets);
    }

    pub fn has_secrets(&self) -> bool {
        self.secrets.is_some()
    }

    pub fn secret(&self, key: &str) -> Option<String> {
        self.secrets.as_ref()?.get(key).cloned()
    }

    pub fn max_rows(&self) -> Option<usize> {
        self.max_rows
    }

    fn canceled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// The flag that cancels the run, for work done on other threads.
    pub fn cancel_flag(&self) -> Option<Arc<std::sync::atomic::AtomicBool>> {
        self.cancel.clone()
    }

    pub fn now(&self) -> i64 {
        self.now.get()
    }

    /// Adds a result; two results of the same name are an error, as upstream has it.
    pub fn add_result(&self, result: NamedResult) -> Result<(), String> {
        let mut results = self.results.borrow_mut();
        if results.iter().any(|r| r.name == result.name) {
            return Err(format!("there is already a result named \"{}\": give each `yield` its own name", result.name));
        }
        results.push(result);
        Ok(())
    }

    /// The results made so far, in the order they were made.
    pub fn into_results(self) -> Vec<NamedResult> {
        self.results.into_inner()
    }

    /// The value the statement `item` defined, once it has run.
    pub fn package_value(&self, item: ItemRef) -> Option<Value> {
        self.package.borrow().get(&item).cloned()
    }

    /// Runs one top-level statement; returns the value of an expression statement.
    pub fn run_statement(&mut self, item: ItemRef, body: &Arc<Body>) -> Result<Option<Value>, RuntimeError> {
        let cx = Context { body, item };
        let mut frame = Frame { slots: vec![None; body.locals().count()] };
        match &body.statement {
            Stmt::Variable { target: Target::Package(_), value } => {
                let value = self.expr(&cx, &mut frame, *value)?;
                self.package.borrow_mut().insert(item, value);
                Ok(None)
            }
            Stmt::Option { target: Target::Package(name), value: id } => {
                let value = self.expr(&cx, &mut frame, *id)?;
                self.set_prelude_option(&cx, name, &value, *id)?;
                self.package.borrow_mut().insert(item, value);
                Ok(None)
            }
            Stmt::PackageOption { package, name, value: id } => {
                let value = self.expr(&cx, &mut frame, *id)?;
                self.options.borrow_mut().insert((package.clone(), name.clone()), value);
                Ok(None)
            }
            Stmt::Expr(id) => {
                let value = self.expr(&cx, &mut frame, *id)?;
                self.side_effect(&cx, *id, &value)?;
                Ok(Some(value))
            }
            // Declarations and test cases take effect elsewhere.
            _ => Ok(None),
        }
    }

    /// A stream that no `yield` took is the script's `_result`.
    fn side_effect(&self, cx: &Context<'_>, id: ExprId, value: &Value) -> Result<(), RuntimeError> {
        if let Value::Stream(stream) = value
            && !stream.yielded
        {
            let result = NamedResult { name: "_result".to_owned(), tables: stream.tables.clone() };
            self.add_result(result).map_err(|message| self.error(cx, id, message))?;
        }
        Ok(())
    }

    /// Takes note of the prelude options the engine itself reads: `now`, evaluated once as
    /// upstream does, and `location`.
    fn set_prelude_option(&self, cx: &Context<'_>, name: &str, value: &Value, id: ExprId) -> Result<(), RuntimeError> {
        match name {
            "now" => {
                let Value::Function(function) = value else {
                    return Err(self.error(cx, id, "`now` must be a function returning a time"));
                };
                match self.apply(function, Vec::new(), None)? {
                    Value::Time(t) => self.now.set(t),
                    other => {
                        let message = format!("`now` returned a {}, not a time", other.type_name());
                        return Err(self.error(cx, id, message));
                    }
                }
            }
            "location" => {
                self.options.borrow_mut().insert(("internal/location".into(), "location".into()), value.clone());
            }
            _ => {}
        }
        Ok(())
    }

    pub fn expect_planner_rule(&self, rule: &str, count: i64) {
        self.planner_expectations.borrow_mut().insert(rule.to_owned(), count);
    }

    /// Records that the engine applied an optimizer rule once.
    pub fn planner_rule_applied(&self, rule: &str) {
        *self.planner_rules.borrow_mut().entry(rule.to_owned()).or_default() += 1;
    }

    /// The optimizer rules that applied so far, by name, with how often.
    pub fn applied_rules(&self) -> Vec<(String, usize)> {
        let mut rules: Vec<(String, usize)> =
            self.planner_rules.borrow().iter().map(|(r, n)| (r.clone(), *n as usize)).collect();
        rules.sort();
        rules
    }

    /// What `testing/expect.planner` expected that did not happen.
    pub fn unmet_planner_expectations(&self) -> Option<String> {
        let applied = self.planner_rules.borrow();
        let unmet: Vec<String> = self
            .planner_expectations
            .borrow()
            .iter()
            .filter_map(|(rule, count)| {
                let done = applied.get(rule).copied().unwrap_or(0);
                (done != *count).then(|| {
                    format!("planner rule `{rule}` was expected to apply {count} times; it applied {done} times")
                })
            })
            .collect();
        (!unmet.is_empty()).then(|| unmet.join("\n"))
    }

    /// The `location` option: where windows and dates are computed (UTC unless set).
    pub fn location(&self) -> Result<crate::tz::Location, String> {
        match self.option("internal/location", "location") {
            Some(value) => crate::tz::Location::from_value(&value),
            None => Ok(crate::tz::Location::utc()),
        }
    }

    /// The value the script gave an option of a package, if it set it.
    pub fn option(&self, package: &str, name: &str) -> Option<Value> {
        self.options.borrow().get(&(SmolStr::new(package), SmolStr::new(name))).cloned()
    }

    /// Runs a test case's statements as the top level of its own program (the harness has
    /// run the file's other statements first). `parent` runs where the body calls `super()`.
    pub fn run_testcase(
        &mut self,
        item: ItemRef,
        body: &Arc<Body>,
        testcase: &ir::TestCase,
        parent: &mut dyn FnMut(&mut Evaluator) -> Result<(), RuntimeError>,
    ) -> Result<(), RuntimeError> {
        let mut frame = Frame { slots: vec![None; body.locals().count()] };
        for statement in &testcase.body {
            let cx = Context { body, item };
            match statement {
                Stmt::Variable { target: Target::Local(local), value } => {
                    let v = self.expr(&cx, &mut frame, *value)?;
                    frame.slots[local.index()] = Some(v);
                }
                Stmt::Option { target: Target::Local(local), value } => {
                    let v = self.expr(&cx, &mut frame, *value)?;
                    self.set_prelude_option(&cx, &body.local(*local).name, &v, *value)?;
                    frame.slots[local.index()] = Some(v);
                }
                Stmt::PackageOption { package, name, value } => {
                    let v = self.expr(&cx, &mut frame, *value)?;
                    self.options.borrow_mut().insert((package.clone(), name.clone()), v);
                }
                Stmt::Expr(id) if is_super_call(body, *id, testcase.super_local) => parent(self)?,
                Stmt::Expr(id) => {
                    let value = self.expr(&cx, &mut frame, *id)?;
                    self.side_effect(&cx, *id, &value)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn error(&self, cx: &Context<'_>, at: ExprId, message: impl Into<String>) -> RuntimeError {
        RuntimeError { message: message.into(), item: cx.item, range: cx.body.expr(at).range }
    }

    fn expr(&self, cx: &Context<'_>, frame: &mut Frame, id: ExprId) -> Result<Value, RuntimeError> {
        let expr = cx.body.expr(id);
        Ok(match &expr.kind {
            ExprKind::Literal(literal) => {
                match literal {
                    Literal::Int(i) => Value::Int(*i),
                    Literal::Float(bits) => Value::Float(f64::from_bits(*bits)),
                    Literal::String(s) => Value::string(s),
                    Literal::Duration(parts) => Value::Duration(duration(parts)),
                    Literal::Time(t) => Value::Time(crate::time::nanos_of(t).ok_or_else(|| {
                        self.error(cx, id, "the time is outside the range Flux can hold (1677 to 2262)")
                    })?),
                    Literal::Regexp(pattern) => Value::Regexp(Arc::new(
                        regex::Regex::new(pattern)
                            .map_err(|e| self.error(cx, id, format!("invalid regular expression: {e}")))?,
                    )),
                    Literal::Label(label) => Value::string(label),
                }
            }
            ExprKind::Interpolated(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        StringPart::Text(text) => out.push_str(text),
                        StringPart::Expr(e) => match self.expr(cx, frame, *e)? {
                            Value::Null => {}
                            value => out.push_str(&stdlib::convert::interpolated(value)),
                        },
                    }
                }
                Value::String(out.into())
            }
            ExprKind::Name(resolution) => self.name(cx, frame, id, resolution)?,
            ExprKind::Member { object, property, .. } => match self.expr(cx, frame, *object)? {
                Value::Record(record) => record.get(property).cloned().unwrap_or(Value::Null),
                Value::Null => Value::Null,
                // A dynamic record's fields are dynamic, a missing one a dynamic null; anything
                // else has no properties, as upstream has it.
                Value::Dynamic(inner) => match &*inner {
                    Value::Record(record) => {
                        record.get(property).cloned().unwrap_or_else(|| Value::Dynamic(Arc::new(Value::Null)))
                    }
                    other => {
                        let message =
                            format!("cannot access property \"{property}\" on a dynamic {}", other.type_name());
                        return Err(self.error(cx, id, message));
                    }
                },
                other => {
                    return Err(self.error(cx, id, format!("cannot read `{property}` of a {}", other.type_name())));
                }
            },
            ExprKind::Index { array, index } => {
                let items = self.expr(cx, frame, *array)?;
                let index_value = self.expr(cx, frame, *index)?;
                match (items, index_value) {
                    (Value::Array(items), Value::Int(i)) => match usize::try_from(i).ok().and_then(|i| items.get(i)) {
                        Some(value) => value.clone(),
                        None => {
                            return Err(self.error(
                                cx,
                                *index,
                                format!("index {i} is out of range for an array of {} elements", items.len()),
                            ));
                        }
                    },
                    (Value::Record(record), Value::String(label)) => record.get(&label).cloned().unwrap_or(Value::Null),
                    (items, index) => {
                        return Err(self.error(
                            cx,
                            id,
                            format!("cannot index a {} with a {}", items.type_name(), index.type_name()),
                        ));
                    }
                }
            }
            ExprKind::Array(items) => {
                let values = items.iter().map(|e| self.expr(cx, frame, *e)).collect::<Result<Vec<_>, _>>()?;
                Value::Array(Arc::new(values))
            }
            ExprKind::Dict(entries) => {
                let mut dict = BTreeMap::new();
                for (key, value) in entries {
                    let k = self.expr(cx, frame, *key)?;
                    let k = DictKey::of(&k).ok_or_else(|| {
                        self.error(cx, *key, format!("a {} cannot be a dictionary key", k.type_name()))
                    })?;
                    dict.insert(k, self.expr(cx, frame, *value)?);
                }
                Value::Dict(Arc::new(dict))
            }
            ExprKind::Record { with, fields } => {
                let mut record = match with {
                    Some(base) => match self.expr(cx, frame, *base)? {
                        Value::Record(r) => (*r).clone(),
                        other => {
                            return Err(self.error(
                                cx,
                                *base,
                                format!("`with` needs a record, not a {}", other.type_name()),
                            ));
                        }
                    },
                    None => Record::default(),
                };
                for field in fields {
                    let value = self.expr(cx, frame, field.value)?;
                    let label: Arc<str> = Arc::from(field.label.as_str());
                    // `with` replaces a field in place, keeping its position.
                    match record.fields.iter_mut().find(|(l, _)| *l == label) {
                        Some(slot) => slot.1 = value,
                        None => record.fields.push((label, value)),
                    }
                }
                Value::Record(Arc::new(record))
            }
            ExprKind::Function(_) => Value::Function(Arc::new(Function {
                body: cx.body.clone(),
                item: cx.item,
                expr: id,
                captured: frame.clone(),
            })),
            ExprKind::Call(call) => self.call(cx, frame, id, call)?,
            ExprKind::Unary { operator, argument } => {
                let value = self.expr(cx, frame, *argument)?;
                unary(*operator, value).map_err(|message| self.error(cx, id, message))?
            }
            ExprKind::Binary { operator, left, right } => {
                let l = self.expr(cx, frame, *left)?;
                let r = self.expr(cx, frame, *right)?;
                binary(*operator, l, r).map_err(|message| self.error(cx, id, message))?
            }
            ExprKind::Logical { operator, left, right } => {
                let l = self.expr(cx, frame, *left)?;
                let truth = |v: &Value, at: ExprId| match v {
                    Value::Bool(b) => Ok(Some(*b)),
                    Value::Null => Ok(None),
                    other => Err(self.error(
                        cx,
                        at,
                        format!("`{}` needs booleans, not a {}", op_name(*operator), other.type_name()),
                    )),
                };
                let lt = truth(&l, *left)?;
                // `and` and `or` look at their right side only when the left does not decide.
                match (operator, lt) {
                    (LogicalOperator::And, Some(false)) => Value::Bool(false),
                    (LogicalOperator::Or, Some(true)) => Value::Bool(true),
                    _ => {
                        let r = self.expr(cx, frame, *right)?;
                        match (lt, truth(&r, *right)?) {
                            (Some(a), Some(b)) => {
                                Value::Bool(if *operator == LogicalOperator::And { a && b } else { a || b })
                            }
                            (_, Some(false)) if *operator == LogicalOperator::And => Value::Bool(false),
                            (_, Some(true)) if *operator == LogicalOperator::Or => Value::Bool(true),
                            _ => Value::Null,
                        }
                    }
                }
            }
            ExprKind::Conditional { test, consequent, alternate } => match self.expr(cx, frame, *test)? {
                Value::Bool(true) => self.expr(cx, frame, *consequent)?,
                // A null condition takes the `else` branch, as upstream does.
                Value::Bool(false) | Value::Null => self.expr(cx, frame, *alternate)?,
                other => {
                    return Err(self.error(cx, *test, format!("`if` needs a boolean, not a {}", other.type_name())));
                }
            },
            ExprKind::Error => return Err(self.error(cx, id, "this code has an error and cannot run")),
        })
    }

    fn name(
        &self,
        cx: &Context<'_>,
        frame: &Frame,
        id: ExprId,
        resolution: &Resolution,
    ) -> Result<Value, RuntimeError> {
        match resolution {
            Resolution::Local(local) => frame
                .slots
                .get(local.index())
                .cloned()
                .flatten()
                .ok_or_else(|| self.error(cx, id, "this name has no value yet")),
            Resolution::Package { name, item } => {
                // An option of the engine's own Flux reads the script's setting first.
                let own_option = self.own_options.borrow().get(item).cloned();
                if let Some((package, option)) = own_option
                    && let Some(value) = self.option(package, &option)
                {
                    return Ok(value);
                }
                if let Some(value) = self.package.borrow().get(item) {
                    return Ok(value.clone());
                }
                let message = match self.own_failures.borrow().get(item) {
                    Some(failure) => failure.clone(),
                    None => format!("`{name}` has not been evaluated"),
                };
                Err(self.error(cx, id, message))
            }
            Resolution::Stdlib { package, name } => match (*package, name.as_str()) {
                ("internal/boolean", "true") => Ok(Value::Bool(true)),
                ("internal/boolean", "false") => Ok(Value::Bool(false)),
                _ => match self
                    .option(package, name)
                    .or_else(|| stdlib::value(package, name))
                    .map(Ok)
                    .or_else(|| self.own_flux_value(package, name).transpose())
                    .transpose()
                    .map_err(|message| self.error(cx, id, message))?
                {
                    Some(value) => Ok(value),
                    None => {
                        let message = stdlib::support::unavailable(package, name)
                            .unwrap_or_else(|| format!("`{name}` of package \"{package}\" has no value"));
                        Err(self.error(cx, id, message))
                    }
                },
            },
            Resolution::Predeclared(p) => {
                let name = match p {
                    ir::Predeclared::Dashboard => "`v` (the dashboard variables)",
                    ir::Predeclared::Task => "`task` (the task option)",
                };
                Err(self.error(cx, id, format!("{name} is defined only where InfluxDB runs the script")))
            }
            Resolution::Import(name) => Err(self.error(cx, id, format!("the package `{name}` is not a value"))),
            Resolution::Unresolved => Err(self.error(cx, id, "this name is undefined")),
        }
    }

    fn call(&self, cx: &Context<'_>, frame: &mut Frame, id: ExprId, call: &Call) -> Result<Value, RuntimeError> {
        if self.canceled() {
            return Err(self.error(cx, id, CANCELED));
        }
        if let Some(value) = self.logical_rules(cx, frame, id, call)? {
            return Ok(value);
        }
        let callee = self.expr(cx, frame, call.callee)?;
        let mut arguments = Vec::with_capacity(call.arguments.len());
        for argument in &call.arguments {
            arguments.push((argument.name.clone(), self.expr(cx, frame, argument.value)?));
        }
        let piped = call.pipe.map(|p| self.expr(cx, frame, p)).transpose()?;
        let function = match callee {
            Value::Function(function) => function,
            Value::Builtin(builtin) => {
                let (input_order, input_bounds) = match &piped {
                    Some(Value::Stream(stream)) => (stream.collation.clone(), stream.bounds),
                    _ => (None, None),
                };
                let mut args = Args { named: arguments, piped };
                let result =
                    (builtin.run)(self, &mut args).map_err(|failure| self.failure(cx, id, builtin, failure))?;
                return Ok(with_order(result, builtin, input_order, input_bounds));
            }
            other => return Err(self.error(cx, call.callee, format!("a {} is not a function", other.type_name()))),
        };
        // An error inside the function is reported where it happens, in the function's own
        // statement; one inside the engine's own Flux, at the call that led there.
        self.apply(&function, arguments, piped).map_err(|error| {
            if is_own(error.item) && !is_own(cx.item) { self.error(cx, id, error.message) } else { error }
        })
    }

    fn failure(&self, cx: &Context<'_>, id: ExprId, builtin: &Builtin, failure: Failure) -> RuntimeError {
        match failure {
            Failure::Message(message) => self.error(cx, id, format!("{}: {message}", qualified(builtin))),
            Failure::Runtime(error) => error,
            Failure::Die(message) => self.error(cx, id, message),
        }
    }

    /// The logical rules: a chain of calls rewritten before it runs. `None` when no rule
    /// applies and the call runs as written.
    fn logical_rules(
        &self,
        cx: &Context<'_>,
        frame: &mut Frame,
        id: ExprId,
        call: &Call,
    ) -> Result<Option<Value>, RuntimeError> {
        if let Some(value) = self.push_down(cx, frame, id, call)? {
            return Ok(Some(value));
        }
        let body = &**cx.body;
        let pipe_call = |c: &Call| c.pipe.and_then(|p| call_at(body, p).map(|inner| (p, inner)));
        match stdlib_callee(body, call) {
            Some(("experimental/table", "fill")) => {
                if let Some((inner_id, inner)) = pipe_call(call)
                    && call.arguments.is_empty()
                    && stdlib_callee(body, inner) == Some(("experimental/table", "fill"))
                    && self.apply_rule(&plan::IDEMPOTENT_TABLE_FILL)
                {
                    return self.expr(cx, frame, inner_id).map(Some);
                }
                Ok(None)
            }
            Some(("universe", "filter")) => {
                // The filters piped one into the next, outermost first, as long as each can
                // join the one below: `onEmpty` a literal, the same, or "keep" below.
                let keep = |c: &Call| -> Option<bool> {
                    let mut keep = false;
                    for argument in &c.arguments {
                        match (argument.name.as_str(), &body.expr(argument.value).kind) {
                            ("fn", _) => {}
                            ("onEmpty", ExprKind::Literal(Literal::String(s))) => keep = s == "keep",
                            _ => return None,
                        }
                    }
                    Some(keep)
                };
                let Some(mut current_keep) = keep(call) else { return Ok(None) };
                let mut chain = vec![call];
                let mut source = call.pipe;
                while let Some((inner_id, inner)) = pipe_call(chain[chain.len() - 1]) {
                    if stdlib_callee(body, inner) != Some(("universe", "filter")) {
                        break;
                    }
                    let Some(inner_keep) = keep(inner) else { break };
                    if inner_keep != current_keep && !inner_keep {
                        break;
                    }
                    current_keep = inner_keep;
                    chain.push(inner);
                    source = inner.pipe;
                    let _ = inner_id;
                }
                if chain.len() < 2 || !self.rule_enabled(&plan::MERGE_FILTERS) {
                    return Ok(None);
                }
                let Some(source) = source else { return Ok(None) };
                let mut predicates = Vec::with_capacity(chain.len());
                for c in &chain {
                    let Some(argument) = c.arguments.iter().find(|a| a.name == "fn") else { return Ok(None) };
                    match self.expr(cx, frame, argument.value)? {
                        Value::Function(f) => predicates.push(f),
                        _ => return Ok(None),
                    }
                }
                let input = self.expr(cx, frame, source)?;
                for _ in 1..chain.len() {
                    self.planner_rule_applied(plan::MERGE_FILTERS.name);
                }
                let Value::Stream(stream) = input else {
                    return Err(self.error(
                        cx,
                        id,
                        format!("filter: expected a stream of tables, not a {}", input.type_name()),
                    ));
                };
                let filter = stdlib::lookup("universe", "filter").expect("filter is native");
                let merged = stdlib::filter_all(self, &stream, &predicates, current_keep)
                    .map_err(|failure| self.failure(cx, id, filter, failure))?;
                Ok(Some(with_order(merged, filter, stream.collation.clone(), stream.bounds)))
            }
            _ => Ok(None),
        }
    }

    /// A chain of transformations piped from `from(bucket:)` that the read of a local bucket
    /// does itself (`stdlib::storage::pushed`), with this call the outermost; `None` when
    /// the chain is not one it can do.
    fn push_down(
        &self,
        cx: &Context<'_>,
        frame: &mut Frame,
        id: ExprId,
        call: &Call,
    ) -> Result<Option<Value>, RuntimeError> {
        use stdlib::storage::PUSHABLE;
        let body = &**cx.body;
        let mut chain: Vec<(&'static str, &Call)> = Vec::new();
        let mut current = call;
        loop {
            match stdlib_callee(body, current) {
                Some(("universe", name)) if let Some(name) = PUSHABLE.iter().find(|n| **n == name) => {
                    chain.push((name, current));
                    match current.pipe.and_then(|p| call_at(body, p)) {
                        Some(inner) => current = inner,
                        None => return Ok(None),
                    }
                }
                Some(("influxdata/influxdb", "from")) if !chain.is_empty() => break,
                // A name that holds `from` (the schema package's `_from`, a script's alias).
                None if !chain.is_empty() && matches!(body.expr(current.callee).kind, ExprKind::Name(_)) => {
                    match self.expr(cx, frame, current.callee)? {
                        Value::Builtin(b) if (b.package, b.name) == ("influxdata/influxdb", "from") => break,
                        _ => return Ok(None),
                    }
                }
                _ => return Ok(None),
            }
        }
        let mut arguments = |c: &Call| -> Result<Vec<(SmolStr, Value)>, RuntimeError> {
            c.arguments.iter().map(|a| Ok((a.name.clone(), self.expr(cx, frame, a.value)?))).collect()
        };
        let from_args = arguments(current)?;
        let mut stages = Vec::with_capacity(chain.len());
        for (name, c) in chain.iter().rev() {
            stages.push((*name, arguments(c)?));
        }
        let outermost = stdlib::lookup("universe", chain[0].0).expect("pushable transformations are native");
        stdlib::storage::pushed(self, from_args, stages).map_err(|failure| self.failure(cx, id, outermost, failure))
    }

    /// Whether an optimizer rule may apply: the options `planner.disableLogicalRules` and
    /// `planner.disablePhysicalRules` name the rules a script turns off.
    pub fn rule_enabled(&self, rule: &plan::Rule) -> bool {
        let option = match rule.planner {
            plan::Planner::Logical => "disableLogicalRules",
            plan::Planner::Physical => "disablePhysicalRules",
        };
        match self.option("planner", option) {
            Some(Value::Array(names)) => !names.iter().any(|n| matches!(n, Value::String(s) if **s == *rule.name)),
            _ => true,
        }
    }

    /// Records that the rule applies, when it may; the caller then takes its path.
    pub fn apply_rule(&self, rule: &plan::Rule) -> bool {
        let enabled = self.rule_enabled(rule);
        if enabled {
            self.planner_rule_applied(rule.name);
        }
        enabled
    }

    /// `package.name` from the engine's own Flux, running the package's statements the
    /// first time.
    fn own_flux_value(&self, package: &str, name: &str) -> Result<Option<Value>, String> {
        let loaded = self.own_packages.borrow().get(package).cloned();
        let module = match loaded {
            Some(module) => module,
            None => {
                let Some(module) = stdlib::flux::module(package) else { return Ok(None) };
                let module = module?;
                self.own_packages.borrow_mut().insert(module.package, module.clone());
                for (item, option) in &module.options {
                    self.own_options.borrow_mut().insert(*item, (module.package, option.clone()));
                }
                for (item, body) in &module.statements {
                    // A definition that cannot run (it needs what the engine lacks) fails
                    // only the scripts that use it.
                    if let Err(message) = self.run_own_statement(module.package, *item, body) {
                        self.own_failures.borrow_mut().insert(*item, message);
                    }
                }
                module
            }
        };
        Ok(module.names.get(name).and_then(|item| self.package.borrow().get(item).cloned()))
    }

    fn run_own_statement(&self, package: &str, item: ItemRef, body: &Arc<Body>) -> Result<(), String> {
        let cx = Context { body, item };
        let mut frame = Frame { slots: vec![None; body.locals().count()] };
        let value = match &body.statement {
            // The script's own setting replaces the option's default, which need not run.
            Stmt::Option { target: Target::Package(name), .. } if self.option(package, name).is_some() => {
                return Ok(());
            }
            Stmt::Variable { target: Target::Package(_), value }
            | Stmt::Option { target: Target::Package(_), value } => {
                self.expr(&cx, &mut frame, *value).map_err(|e| e.message)?
            }
            Stmt::Builtin { target: Target::Package(name), .. } => stdlib::value(package, name)
                .ok_or_else(|| stdlib::support::unavailable(package, name).unwrap_or_default())?,
            _ => return Ok(()),
        };
        self.package.borrow_mut().insert(item, value);
        Ok(())
    }

    /// Calls a function value with named arguments and the piped value.
    pub fn apply(
        &self,
        function: &Function,
        arguments: Vec<(SmolStr, Value)>,
        piped: Option<Value>,
    ) -> Result<Value, RuntimeError> {
        let body = &function.body;
        let item = function.item;
        let cx = Context { body, item };
        let ExprKind::Function(literal) = &body.expr(function.expr).kind else {
            return Err(RuntimeError { message: "not a function".to_owned(), item, range: TextRange::default() });
        };
        if self.canceled() {
            return Err(self.error(&cx, function.expr, CANCELED));
        }
        let mut frame = function.captured.clone();
        let mut given = arguments;
        for param in &literal.params {
            let slot = param.local.index();
            let value = if param.pipe && piped.is_some() {
                piped.clone()
            } else {
                given.iter().position(|(n, _)| *n == param.name).map(|i| given.swap_remove(i).1)
            };
            let value = match (value, param.default) {
                (Some(v), _) => v,
                (None, Some(default)) => self.expr(&cx, &mut frame, default)?,
                (None, None) => {
                    return Err(self.error(&cx, function.expr, format!("missing required argument `{}`", param.name)));
                }
            };
            frame.slots[slot] = Some(value);
        }
        match &literal.body {
            FunctionBody::Expr(e) => self.expr(&cx, &mut frame, *e),
            FunctionBody::Block(statements) => match self.block(&cx, &mut frame, statements)? {
                Flow::Return(value) => Ok(value),
                Flow::Next => Ok(Value::Null),
            },
        }
    }

    fn block(&self, cx: &Context<'_>, frame: &mut Frame, statements: &[Stmt]) -> Result<Flow, RuntimeError> {
        for statement in statements {
            match statement {
                Stmt::Variable { target: Target::Local(local), value } => {
                    let v = self.expr(cx, frame, *value)?;
                    frame.slots[local.index()] = Some(v);
                }
                Stmt::Return(value) => return Ok(Flow::Return(self.expr(cx, frame, *value)?)),
                Stmt::Expr(value) => {
                    self.expr(cx, frame, *value)?;
                }
                _ => {}
            }
        }
        Ok(Flow::Next)
    }
}

/// The standard-library function a call calls by name, if it does.
fn stdlib_callee<'b>(body: &'b Body, call: &Call) -> Option<(&'static str, &'b str)> {
    match &body.expr(call.callee).kind {
        ExprKind::Name(Resolution::Stdlib { package, name }) => Some((*package, name.as_str())),
        _ => None,
    }
}

fn call_at(body: &Body, id: ExprId) -> Option<&Call> {
    match &body.expr(id).kind {
        ExprKind::Call(call) => Some(call),
        _ => None,
    }
}

/// The result of a transformation with what the planner knows of it: the row order it is
/// in, and the time range it was read over (which every transformation passes on).
fn with_order(result: Value, builtin: &Builtin, input: Option<Collation>, bounds: Option<(i64, i64)>) -> Value {
    let Value::Stream(stream) = &result else { return result };
    let order = stream.collation.clone().or_else(|| {
        plan::establishes(builtin.package, builtin.name)
            .or_else(|| input.filter(|_| plan::keeps_order(builtin.package, builtin.name)))
    });
    let bounds = stream.bounds.or(bounds);
    if order == stream.collation && bounds == stream.bounds {
        return result;
    }
    Value::Stream(Arc::new(crate::value::Stream {
        tables: stream.tables.clone(),
        yielded: stream.yielded,
        collation: order,
        bounds,
    }))
}

/// The error a canceled run stops with.
pub const CANCELED: &str = "the run was canceled";

/// Whether the statement belongs to the engine's own Flux rather than to the program.
fn is_own(item: ItemRef) -> bool {
    item.0 & stdlib::flux::OWN_ITEM != 0
}

/// Whether the expression is the call `super()` of a test case that extends another.
fn is_super_call(body: &Body, id: ExprId, super_local: Option<ir::LocalId>) -> bool {
    let Some(super_local) = super_local else { return false };
    let ExprKind::Call(call) = &body.expr(id).kind else { return false };
    matches!(&body.expr(call.callee).kind, ExprKind::Name(Resolution::Local(l)) if *l == super_local)
}

/// `array.from`, or `yield` for the prelude's functions.
fn qualified(builtin: &Builtin) -> String {
    if builtin.package == "universe" {
        builtin.name.to_owned()
    } else {
        let package = builtin.package.rsplit('/').next().unwrap_or(builtin.package);
        format!("{package}.{}", builtin.name)
    }
}

fn op_name(operator: LogicalOperator) -> &'static str {
    match operator {
        LogicalOperator::And => "and",
        LogicalOperator::Or => "or",
    }
}

/// A duration literal's parts added up: months (`y`, `mo`) apart from nanoseconds.
fn duration(parts: &[flux_syntax::ast::Duration]) -> Duration {
    let mut d = Duration::default();
    for part in parts {
        let n = part.magnitude;
        match part.unit.as_str() {
            "y" => d.months += n * 12,
            "mo" => d.months += n,
            unit => {
                let size = Duration::unit_nanos(unit).unwrap_or(1);
                d.nanos = d.nanos.saturating_add(n.saturating_mul(size));
            }
        }
    }
    d
}

pub(crate) fn unary(operator: Operator, value: Value) -> Result<Value, String> {
    Ok(match (operator, value) {
        (Operator::Exists, Value::Dynamic(inner)) => Value::Bool(!matches!(*inner, Value::Null)),
        (Operator::Exists, v) => Value::Bool(!matches!(v, Value::Null)),
        (_, Value::Null) => Value::Null,
        (Operator::Not, Value::Bool(b)) => Value::Bool(!b),
        (Operator::Subtraction, Value::Int(i)) => Value::Int(i.wrapping_neg()),
        (Operator::Subtraction, Value::Float(x)) => Value::Float(-x),
        (Operator::Subtraction, Value::Duration(d)) => Value::Duration(Duration { negative: !d.negative, ..d }),
        (Operator::Addition, v @ (Value::Int(_) | Value::UInt(_) | Value::Float(_) | Value::Duration(_))) => v,
        (operator, v) => return Err(format!("`{}` cannot be applied to a {}", operator.as_str(), v.type_name())),
    })
}

pub(crate) fn binary(operator: Operator, l: Value, r: Value) -> Result<Value, String> {
    use Operator::*;
    use Value::{Bool, Float, Int, Null, String as Str, UInt};
    if matches!(l, Null) || matches!(r, Null) {
        return Ok(Null);
    }
    let unsupported = |l: &Value, r: &Value| {
        format!("`{}` cannot be applied to a {} and a {}", operator.as_str(), l.type_name(), r.type_name())
    };
    Ok(match operator {
        Addition | Subtraction | Multiplication | Division | Modulo => match (&l, &r) {
            (Int(a), Int(b)) => Int(match operator {
                Addition => a.wrapping_add(*b),
                Subtraction => a.wrapping_sub(*b),
                Multiplication => a.wrapping_mul(*b),
                Division if *b == 0 => return Err("cannot divide by zero".to_owned()),
                Division => a.wrapping_div(*b),
                _ if *b == 0 => return Err("cannot take the remainder of a division by zero".to_owned()),
                _ => a.wrapping_rem(*b),
            }),
            (UInt(a), UInt(b)) => UInt(match operator {
                Addition => a.wrapping_add(*b),
                Subtraction => a.wrapping_sub(*b),
                Multiplication => a.wrapping_mul(*b),
                Division if *b == 0 => return Err("cannot divide by zero".to_owned()),
                Division => a / b,
                _ if *b == 0 => return Err("cannot take the remainder of a division by zero".to_owned()),
                _ => a % b,
            }),
            (Float(a), Float(b)) => Float(match operator {
                Addition => a + b,
                Subtraction => a - b,
                Multiplication => a * b,
                Division => a / b,
                _ => a % b,
            }),
            (Str(a), Str(b)) if operator == Addition => Str(format!("{a}{b}").into()),
            _ => return Err(unsupported(&l, &r)),
        },
        Power => match (&l, &r) {
            (Int(a), Int(b)) => Float((*a as f64).powf(*b as f64)),
            (UInt(a), UInt(b)) => Float((*a as f64).powf(*b as f64)),
            (Float(a), Float(b)) => Float(a.powf(*b)),
            _ => return Err(unsupported(&l, &r)),
        },
        Equal => Bool(l == r),
        NotEqual => Bool(l != r),
        LessThan | LessThanEqual | GreaterThan | GreaterThanEqual => {
            let ordering = compare(&l, &r).ok_or_else(|| unsupported(&l, &r))?;
            Bool(match operator {
                LessThan => ordering.is_lt(),
                LessThanEqual => ordering.is_le(),
                GreaterThan => ordering.is_gt(),
                _ => ordering.is_ge(),
            })
        }
        RegexpMatch | NotRegexpMatch => match (&l, &r) {
            (Str(s), Value::Regexp(re)) => Bool(re.is_match(s) == (operator == RegexpMatch)),
            _ => return Err(unsupported(&l, &r)),
        },
        Not | Exists | Invalid => return Err(unsupported(&l, &r)),
    })
}

/// The order of two comparable values; `None` for values that have none (NaN included).
pub(crate) fn compare(l: &Value, r: &Value) -> Option<std::cmp::Ordering> {
    use Value::*;
    match (l, r) {
        (Int(a), Int(b)) => Some(a.cmp(b)),
        (UInt(a), UInt(b)) => Some(a.cmp(b)),
        (Int(a), UInt(b)) => Some(i128::from(*a).cmp(&i128::from(*b))),
        (UInt(a), Int(b)) => Some(i128::from(*a).cmp(&i128::from(*b))),
        (Float(a), Float(b)) => a.partial_cmp(b),
        (Int(a), Float(b)) => (*a as f64).partial_cmp(b),
        (Float(a), Int(b)) => a.partial_cmp(&(*b as f64)),
        (UInt(a), Float(b)) => (*a as f64).partial_cmp(b),
        (Float(a), UInt(b)) => a.partial_cmp(&(*b as f64)),
        (String(a), String(b)) => Some(a.cmp(b)),
        (Time(a), Time(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
