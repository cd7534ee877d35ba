//! Hover: what is under the cursor, in words.
//!
//! Names show their type in Flux syntax (with its `where` constraints), what they are and,
//! for the standard library, our description, the parameters and a link to the official
//! documentation; durations and date-times are spelled out.

use flux_db::{Db, SourceFile};
use flux_semantic::ir::{ExprKind, LocalKind, Predeclared};
use flux_stdlib::{Member, Package, catalog};
use flux_syntax::TextRange;
use flux_syntax::ast::{DateTime, Duration, Expr};
use flux_syntax::calendar::{MONTHS, WEEKDAYS, civil_from_days, days_from_civil};
use flux_syntax::walk::{Located, NodeRef};
use flux_types::{Scheme, Ty};

use crate::navigation::{Symbol, doc_comment, symbol_at};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    /// What the hover is about.
    pub range: TextRange,
    pub markdown: String,
}

pub(crate) fn hover(db: &dyn Db, file: SourceFile, offset: u32) -> Option<HoverResult> {
    if let Some(hover) = literal_at(&file.parse(db).file, offset) {
        return Some(hover);
    }
    if let Some((range, symbol, scheme)) = symbol_at(db, file, offset) {
        let markdown = symbol_markdown(db, file, &symbol, scheme.as_ref())?;
        return Some(HoverResult { range, markdown });
    }
    // A record property: `r._value`.
    let (body, base) = crate::navigation::body_at(db, file, offset)?;
    let rel = offset - base;
    let (id, object, property) = body.exprs().find_map(|(id, e)| match &e.kind {
        ExprKind::Member { object, property_range, .. } if property_range.contains_inclusive(rel) => {
            Some((id, *object, *property_range))
        }
        _ => None,
    })?;
    let range = TextRange::new(property.start + base, property.end + base);
    let label = &file.text(db)[range.as_usize()];
    let markdown =
        format!("```flux\n{label}: {}\n```\n\nproperty of {}", body.expr_scheme(id), body.expr_scheme(object));
    Some(HoverResult { range, markdown })
}

fn symbol_markdown(db: &dyn Db, file: SourceFile, symbol: &Symbol, scheme: Option<&Scheme>) -> Option<String> {
    let typed = |name: &str| scheme.map(|s| code_block(&signature(name, s))).unwrap_or_default();
    Some(match symbol {
        Symbol::Local { name, kind, definition, .. } => {
            let what = match kind {
                LocalKind::Variable => "local variable",
                LocalKind::Parameter => "parameter",
                LocalKind::Builtin => "local builtin",
                LocalKind::Option => "local option",
                LocalKind::Super => "the parent test case's body",
            };
            let line = line_of(db, file, definition.start);
            format!("{}\n\n{what}, defined on line {line}", typed(name))
        }
        Symbol::Package { item, name } => {
            let defining = item.file(db);
            let value = flux_db::item_binding(db, *item).clone();
            let kind = match &value {
                Some(v) if v.option => "option",
                Some(v) if matches!(v.scheme.ty, Ty::Function(_)) => "function",
                _ => "variable",
            };
            let scheme = value.map(|v| v.scheme).or_else(|| scheme.cloned());
            let mut out = scheme.map(|s| code_block(&signature(name, &s))).unwrap_or_default();
            let doc = doc_comment(&item.syntax(db).statement);
            if !doc.is_empty() {
                out.push_str("\n\n");
                out.push_str(&doc);
            }
            let syntax = item.syntax(db);
            let line = line_of(db, defining, flux_db::item_offset(db, *item) + syntax.statement.range().start);
            let place =
                if defining == file { format!("line {line}") } else { format!("{}, line {line}", defining.path(db)) };
            let package = defining.package_name(db);
            out.push_str(&format!("\n\n{kind} of package `{package}`, defined on {place}"));
            out
        }
        Symbol::Import { path, name, .. } => match catalog().package(path) {
            Some(package) if package.name != *name => {
                package_markdown(package).replacen("import \"", &format!("import {name} \""), 1)
            }
            Some(package) => package_markdown(package),
            None => format!("unknown package `\"{path}\"`"),
        },
        Symbol::Stdlib { package, name } => {
            let package = catalog().package(package)?;
            member_markdown(package, package.member(name)?)
        }
        Symbol::Predeclared(Predeclared::Dashboard) => format!(
            "{}\n\nThe dashboard variable: the time range, window period, bucket and organization an InfluxDB dashboard or notebook sets, and its custom variables. The time range's bounds are times for an absolute range and negative durations for a relative one.",
            typed("v")
        ),
        Symbol::Predeclared(Predeclared::Task) => format!(
            "{}\n\nThe task option, which InfluxDB adds to a task created from a template or in its UI. A script run as a task any other way sets it itself: `option task = {{name: \"...\", every: 1h}}`.",
            typed("task")
        ),
    })
}

fn code_block(code: &str) -> String {
    format!("```flux\n{code}\n```")
}

fn line_of(db: &dyn Db, file: SourceFile, offset: u32) -> u32 {
    flux_db::line_index(db, file).line_col(offset, flux_syntax::ColumnEncoding::Utf32).line + 1
}

/// `name: type`, a long function type with one parameter per line.
pub(crate) fn signature(name: &str, scheme: &Scheme) -> String {
    let scheme = scheme.canonical();
    let one_line = format!("{name}: {scheme}");
    let Ty::Function(f) = &scheme.ty else { return one_line };
    if one_line.len() <= 80 {
        return one_line;
    }
    let mut out = format!("{name}: (\n");
    for (label, ty) in parameters(f) {
        out.push_str(&format!("    {label}: {ty},\n"));
    }
    out.push_str(&format!(") => {}{}", f.ret, scheme.where_clause()));
    out
}

/// Each parameter as written in a type: `<-tables`, `fn`, `?onEmpty`, with its type.
pub(crate) fn parameters(f: &flux_types::Function) -> Vec<(String, &Ty)> {
    let pipe = f.pipe.iter().map(|p| {
        let label = if p.name == flux_types::UNNAMED_PIPE { "<-".to_owned() } else { format!("<-{}", p.name) };
        (label, &p.ty)
    });
    let req = f.req.iter().map(|p| (p.name.to_string(), &p.ty));
    let opt = f.opt.iter().map(|p| (format!("?{}", p.name), &p.ty));
    pipe.chain(req).chain(opt).collect()
}

/// A standard-library package: its description and documentation link.
pub(crate) fn package_markdown(package: &Package) -> String {
    format!(
        "```flux\nimport \"{}\"\n```\n\n{}\n\n[Documentation]({})",
        package.path,
        package.doc.trim(),
        package.doc_url(None)
    )
}

/// A standard-library value: type, description, parameters, deprecation, link.
pub(crate) fn member_markdown(package: &Package, member: &Member) -> String {
    let scheme = member.scheme.canonical();
    let mut out = code_block(&signature(&member.name, &scheme));
    if !member.doc.trim().is_empty() {
        out.push_str("\n\n");
        out.push_str(member.doc.trim());
    }
    if let Ty::Function(f) = &scheme.ty {
        let params = parameters(f);
        if !params.is_empty() {
            out.push_str("\n\nParameters:");
            for (label, ty) in params {
                let name = label.trim_start_matches(['<', '-', '?']);
                let mut line = format!("\n- `{name}`: `{ty}`");
                if label.starts_with("<-") {
                    line.push_str(" (the piped input)");
                } else if label.starts_with('?') {
                    match member.defaults.iter().find(|(n, _)| n == name) {
                        Some((_, default)) => line.push_str(&format!(" (optional, default `{default}`)")),
                        None => line.push_str(" (optional)"),
                    }
                }
                out.push_str(&line);
            }
        }
    }
    if let Some(deprecation) = &member.deprecated {
        out.push_str(&format!("\n\n**Deprecated** since Flux {}", deprecation.since));
        if let Some(advice) = deprecation.advice() {
            out.push_str(&format!(": {advice}"));
        }
        out.push('.');
    }
    if let Some(reason) = flux_exec::stdlib::support::unavailable(package.path, &member.name) {
        out.push_str(&format!("\n\n**Not in the embedded engine:** {reason}."));
    }
    let place = if member.option { "option" } else { "value" };
    out.push_str(&format!(
        "\n\n{place} of package `{}` · [Documentation]({})",
        package.path,
        package.doc_url(Some(&member.name))
    ));
    out
}

/// A duration or date-time literal at `offset`, described.
fn literal_at(file: &flux_syntax::ast::File, offset: u32) -> Option<HoverResult> {
    let mut node = Located::root(file);
    let mut children = Vec::new();
    loop {
        if let NodeRef::Expr(e) = node.node {
            match e {
                Expr::Duration(d) => {
                    let text = duration_in_words(&d.values);
                    return Some(HoverResult { range: node.range(), markdown: format!("duration: {text}") });
                }
                Expr::DateTime(t) => {
                    return Some(HoverResult {
                        range: node.range(),
                        markdown: format!("time: {}", time_in_words(&t.value)),
                    });
                }
                _ => {}
            }
        }
        children.clear();
        node.children(&mut children);
        node = *children.iter().find(|c| c.range().contains_inclusive(offset) && !c.range().is_empty())?;
    }
}

/// `1h30m` as "1 hour 30 minutes (5,400 seconds)".
pub(crate) fn duration_in_words(values: &[Duration]) -> String {
    let mut words = Vec::new();
    let mut nanos: i128 = 0;
    let mut calendar = false;
    for v in values {
        let (singular, per) = match v.unit.as_str() {
            "y" => ("year", None),
            "mo" => ("month", None),
            "w" => ("week", Some(7 * 24 * 3600 * 1_000_000_000i128)),
            "d" => ("day", Some(24 * 3600 * 1_000_000_000)),
            "h" => ("hour", Some(3600 * 1_000_000_000)),
            "m" => ("minute", Some(60 * 1_000_000_000)),
            "s" => ("second", Some(1_000_000_000)),
            "ms" => ("millisecond", Some(1_000_000)),
            "us" => ("microsecond", Some(1_000)),
            _ => ("nanosecond", Some(1)),
        };
        let plural = if v.magnitude == 1 { "" } else { "s" };
        words.push(format!("{} {singular}{plural}", v.magnitude));
        match per {
            Some(per) => nanos += v.magnitude as i128 * per,
            None => calendar = true,
        }
    }
    let mut text = words.join(" ");
    if calendar {
        text.push_str(" (months and years are calendar units: their length depends on the date)");
    } else if values.len() > 1 || nanos >= 60 * 1_000_000_000 {
        let seconds = nanos / 1_000_000_000;
        let rest = nanos % 1_000_000_000;
        if rest == 0 {
            text.push_str(&format!(" ({} seconds)", group_thousands(seconds)));
        } else {
            text.push_str(&format!(" ({} nanoseconds)", group_thousands(nanos)));
        }
    }
    text
}

fn group_thousands(n: i128) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// `2018-08-15T13:36:23-07:00` as "Wednesday, 15 August 2018, 13:36:23 at UTC-07:00
/// (20:36:23 UTC)".
pub(crate) fn time_in_words(t: &DateTime) -> String {
    let days = days_from_civil(t.year as i64, t.month as u32, t.day as u32);
    // 1970-01-01 was a Thursday.
    let weekday = WEEKDAYS[(days + 4).rem_euclid(7) as usize];
    let month = MONTHS[t.month as usize - 1];
    let fraction = if t.nanosecond == 0 {
        String::new()
    } else {
        format!(".{:09}", t.nanosecond).trim_end_matches('0').to_owned()
    };
    let local =
        format!("{weekday}, {} {month} {}, {:02}:{:02}:{:02}{fraction}", t.day, t.year, t.hour, t.minute, t.second);
    if t.offset_seconds == 0 {
        return format!("{local} UTC");
    }
    let sign = if t.offset_seconds < 0 { '-' } else { '+' };
    let abs = t.offset_seconds.abs();
    let offset = format!("UTC{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60);
    let seconds =
        days * 86_400 + t.hour as i64 * 3600 + t.minute as i64 * 60 + t.second as i64 - t.offset_seconds as i64;
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    let s = seconds.rem_euclid(86_400);
    format!(
        "{local} at {offset} ({} {} {y}, {:02}:{:02}:{:02}{fraction} UTC)",
        d,
        MONTHS[m as usize - 1],
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}
