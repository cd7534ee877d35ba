//! Hover: what is under the cursor, in words.
//!
//! Durations and date-times are spelled out; names show their declaration and the
//! documentation written before it.

use flux_db::{Db, SourceFile};
use flux_syntax::TextRange;
use flux_syntax::ast::{DateTime, Duration, Expr};
use flux_syntax::walk::{Located, NodeRef};

use crate::resolve::{DefinitionKind, definition_at};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    /// What the hover is about.
    pub range: TextRange,
    pub markdown: String,
}

pub(crate) fn hover(db: &dyn Db, file: SourceFile, offset: u32) -> Option<HoverResult> {
    let parse = flux_db::parse(db, file);
    if let Some(hover) = literal_at(&parse.file, offset) {
        return Some(hover);
    }
    let (range, definition) = definition_at(db, file, offset)?;
    let kind = match definition.kind {
        DefinitionKind::Variable => "variable",
        DefinitionKind::Function => "function",
        DefinitionKind::Parameter => "parameter",
        DefinitionKind::Option => "option",
        DefinitionKind::Builtin => "builtin",
        DefinitionKind::Import => "package",
    };
    let mut markdown = format!("{kind} `{}`", definition.name);
    if let Some(path) = &definition.path {
        markdown.push_str(&format!(" imported from `\"{path}\"`"));
    } else {
        let line =
            flux_db::line_index(db, file).line_col(definition.range.start, flux_syntax::ColumnEncoding::Utf32).line;
        markdown.push_str(&format!(", declared on line {}", line + 1));
    }
    if !definition.doc.is_empty() {
        markdown.push_str("\n\n---\n\n");
        markdown.push_str(&definition.doc);
    }
    Some(HoverResult { range, markdown })
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
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

/// `2018-08-15T13:36:23-07:00` as "Wednesday, 15 August 2018, 13:36:23 at UTC-07:00
/// (20:36:23 UTC)".
pub(crate) fn time_in_words(t: &DateTime) -> String {
    let days = days_from_civil(t.year as i64, t.month as i64, t.day as i64);
    let weekday = WEEKDAYS[(days + 3).rem_euclid(7) as usize];
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
