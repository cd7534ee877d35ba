//! Signature help: the function being called, with the parameter the cursor is on.
//!
//! Flux arguments are named and may come in any order, so the active parameter is the one
//! the argument under the cursor names; in an empty argument slot it is the first required
//! parameter not yet given (then the first optional one). One signature per function: the
//! optional parameters are marked `?`, not spread over several overloads.

use flux_db::{Db, SourceFile};
use flux_semantic::COMPLETION_MARKER;
use flux_semantic::ir::Call;
use flux_syntax::TextRange;
use flux_types::Ty;

use crate::completion::{callee, stdlib_member};
use crate::cursor::cursor_statement;
use crate::hover::parameters;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureHelp {
    /// `filter(<-tables: stream[A], fn: (r: A) => bool, ?onEmpty: string) => stream[A] where A: Record`
    pub label: String,
    pub documentation: Option<String>,
    pub parameters: Vec<SignatureParameter>,
    pub active_parameter: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureParameter {
    /// Where the parameter is in the label, in bytes.
    pub label: TextRange,
    pub name: String,
    pub documentation: Option<String>,
}

pub(crate) fn signature_help(db: &dyn Db, file: SourceFile, offset: u32) -> Option<SignatureHelp> {
    let cursor = cursor_statement(db, file, offset)?;
    let at = cursor.cursor;
    // The innermost call whose parentheses hold the cursor.
    let body = &cursor.body;
    let (_, call) = body
        .calls()
        .filter(|(_, c)| c.arguments_range.start < at && at < c.arguments_range.end)
        .max_by_key(|(_, c)| c.arguments_range.start)?;
    let (name, scheme) = callee(db, body, call);
    let member = name.and_then(stdlib_member);
    let name = name.map_or("function", |n| n.name.as_str());
    let scheme = scheme.canonical();
    let Ty::Function(function) = &scheme.ty else { return None };
    let mut label = format!("{name}(");
    let mut params = Vec::new();
    for (i, (written, ty)) in parameters(function).into_iter().enumerate() {
        if i > 0 {
            label.push_str(", ");
        }
        let start = label.len() as u32;
        label.push_str(&format!("{written}: {ty}"));
        let plain = written.trim_start_matches(['<', '-', '?']).to_owned();
        let documentation = member.and_then(|(_, member)| {
            let default = member.defaults.iter().find(|(n, _)| *n == plain)?;
            Some(format!("default: `{}`", default.1))
        });
        params.push(SignatureParameter {
            label: TextRange::new(start, label.len() as u32),
            name: plain,
            documentation,
        });
    }
    label.push_str(&format!(") => {}{}", function.ret, scheme.where_clause()));
    let active = active_parameter(body, call, at, function, &params);
    let documentation = member.map(|(package, member)| {
        format!("{}\n\n[Documentation]({})", member.doc.trim(), package.doc_url(Some(&member.name)))
    });
    Some(SignatureHelp { label, documentation, parameters: params, active_parameter: active })
}

fn active_parameter(
    body: &flux_semantic::Body,
    call: &Call,
    at: u32,
    function: &flux_types::Function,
    params: &[SignatureParameter],
) -> Option<usize> {
    let index_of = |name: &str| params.iter().position(|p| p.name == name);
    let current = call.arguments.iter().find(|a| {
        let end = if a.shorthand { a.key_range.end } else { body.expr(a.value).range.end };
        a.key_range.start <= at && at <= end
    });
    if let Some(argument) = current {
        if !argument.name.contains(COMPLETION_MARKER) {
            return index_of(&argument.name);
        }
        // A name being typed: the first parameter it could be.
        let typed = argument.name.split(COMPLETION_MARKER).next().unwrap_or_default();
        if !typed.is_empty() {
            return params.iter().position(|p| p.name.starts_with(typed));
        }
    }
    let given: Vec<&str> = call.arguments.iter().map(|a| a.name.as_str()).collect();
    let next = function.req.iter().chain(&function.opt).find(|p| !given.contains(&p.name.as_str()))?;
    index_of(&next.name)
}
