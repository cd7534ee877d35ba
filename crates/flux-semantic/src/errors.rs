//! How type errors are put into words: each error of unification becomes a diagnostic placed
//! on the argument, operand or property at fault, in Flux type syntax.

use flux_syntax::ast::{Expr, Operator};
use flux_syntax::smol_str::SmolStr;
use flux_syntax::{RelatedInfo, Severity, TextRange};
use flux_types::{Context, Kind, TypeError, TypeErrorKind, UNNAMED_PIPE};

use crate::SemanticDiagnostic;
use crate::codes::*;
use crate::infer::Infer;
use crate::suggest::closest;

impl Infer<'_, '_> {
    pub(crate) fn report(&mut self, errors: Vec<TypeError>, site: &Site) {
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
                format!("this needs an infinite type, one that contains itself: {}{within}", self.show(&ty)),
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
                (NO_PIPE_PARAMETER, format!("{callee} takes no piped input: nothing can be piped into it with `|>`"))
            }
            TypeErrorKind::MissingPipeArgument { into_function_without_pipe: false } => {
                range = callee_range;
                let message = match callee.strip_prefix('`').and_then(|c| c.strip_suffix('`')) {
                    Some(name) => format!("{callee} needs a piped input: write `data |> {name}(...)`"),
                    None => format!("{callee} needs a piped input, given with `|>`"),
                };
                (MISSING_ARGUMENT, message)
            }
            TypeErrorKind::MultiplePipeArguments { expected, found } => (
                TYPE_MISMATCH,
                format!("the pipe parameter is called `{expected}` here but `{found}` in the function given{within}"),
            ),
        };
        SemanticDiagnostic { code, severity: Severity::Error, message: message.into(), range, related, suggestion }
    }
}

/// Where a constraint comes from, to place and word its errors.
pub(crate) struct Site {
    pub(crate) range: TextRange,
    /// What the checked value is, such as "the condition of `if`".
    pub(crate) what: Option<String>,
    /// A secondary location: where the expected type comes from.
    pub(crate) related: Option<(TextRange, String)>,
    pub(crate) call: Option<CallSite>,
    pub(crate) member: Option<String>,
    pub(crate) operator: Option<Operator>,
}

pub(crate) struct CallSite {
    /// The callee as written, in backticks, or "the function".
    pub(crate) callee: String,
    pub(crate) callee_range: TextRange,
    /// Per argument: name, key range, value range.
    pub(crate) arguments: Vec<(SmolStr, TextRange, TextRange)>,
    pub(crate) pipe_range: Option<TextRange>,
}

impl Site {
    pub(crate) fn new(range: TextRange) -> Site {
        Site { range, what: None, related: None, call: None, member: None, operator: None }
    }

    pub(crate) fn what(mut self, what: &str) -> Site {
        self.what = Some(what.to_owned());
        self
    }

    pub(crate) fn related(mut self, range: TextRange, message: &str) -> Site {
        self.related = Some((range, message.to_owned()));
        self
    }

    pub(crate) fn member(mut self, property: &str) -> Site {
        self.member = Some(property.to_owned());
        self
    }

    pub(crate) fn operator(mut self, operator: Operator) -> Site {
        self.operator = Some(operator);
        self
    }
}

/// How to name a callee in a message: `name`, `pkg.name`, "the function that `name`
/// returns", or "the function".
pub(crate) fn callee_text(callee: &Expr) -> String {
    named_or_returned(callee, "function", "the function")
}

/// How to name a called value that turns out not to be a function.
pub(crate) fn called_value_text(callee: &Expr) -> String {
    named_or_returned(callee, "value", "the called value")
}

fn named_or_returned(callee: &Expr, noun: &str, unnamed: &str) -> String {
    let name = match callee {
        Expr::Call(c) => callee_name(&c.callee).map(|inner| format!("the {noun} that {inner} returns")),
        other => callee_name(other),
    };
    name.unwrap_or_else(|| unnamed.to_owned())
}

/// `name` or `pkg.name`, in backticks, for a callee written as a name.
fn callee_name(callee: &Expr) -> Option<String> {
    match callee {
        Expr::Identifier(id) => Some(format!("`{}`", id.name)),
        Expr::Member(m) => Some(match &m.object {
            Expr::Identifier(object) => format!("`{}.{}`", object.name, m.property.name()),
            _ => format!("`{}`", m.property.name()),
        }),
        _ => None,
    }
}
