//! Rendering diagnostics for people (source snippets with carets) and for machines (JSON).

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use flux_syntax::{ColumnEncoding, LineIndex, Severity, SyntaxError, TextRange};

use crate::Color;

/// A problem found in one file, independent of how it is shown.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub range: TextRange,
    pub related: Vec<(TextRange, String)>,
}

impl From<&SyntaxError> for Diagnostic {
    fn from(e: &SyntaxError) -> Self {
        Diagnostic {
            severity: e.severity(),
            code: e.code(),
            message: e.message.clone(),
            range: e.range,
            related: e.related.iter().map(|r| (r.range, r.message.clone())).collect(),
        }
    }
}

/// The diagnostics of one file, rendered with source snippets.
pub fn human(path: &str, text: &str, diagnostics: &[Diagnostic], color: Color) -> String {
    let renderer = match color {
        Color::Always => Renderer::styled(),
        Color::Never => Renderer::plain(),
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut snippet =
            Snippet::source(text).path(path).annotation(AnnotationKind::Primary.span(visible(d.range, text)));
        for (range, message) in &d.related {
            snippet = snippet.annotation(AnnotationKind::Context.span(visible(*range, text)).label(message.as_str()));
        }
        let report = [level.primary_title(d.message.as_str()).id(d.code).element(snippet)];
        out.push_str(&renderer.render(&report));
        out.push_str("\n\n");
    }
    out
}

/// A span the renderer can draw: an empty range (a missing token) covers the character it
/// stands before; at the end of a line that is the line break, which draws the caret just past
/// the line's last character, and the end of the file counts as the end of its last line.
fn visible(range: TextRange, text: &str) -> std::ops::Range<usize> {
    let (start, end) = (range.start as usize, range.end as usize);
    if start < end {
        return start..end;
    }
    match text[start..].chars().next() {
        Some(c) => start..start + c.len_utf8(),
        None => match text[..start].char_indices().next_back() {
            Some((i, '\n')) => i..start,
            _ => start..start,
        },
    }
}

/// One JSON object per diagnostic: `{file, severity, code, message, start, end}` with 1-based
/// lines and columns counted in characters, and `related` locations when there are any.
pub fn json_entries(path: &str, text: &str, diagnostics: &[Diagnostic], out: &mut Vec<String>) {
    if diagnostics.is_empty() {
        return;
    }
    let index = LineIndex::new(text);
    let span = |range: TextRange| {
        let (start, end) = index.range(range, ColumnEncoding::Utf32);
        format!(
            "\"start\":{{\"line\":{},\"column\":{}}},\"end\":{{\"line\":{},\"column\":{}}}",
            start.line + 1,
            start.col + 1,
            end.line + 1,
            end.col + 1
        )
    };
    for d in diagnostics {
        let mut entry = format!(
            "{{\"file\":{},\"severity\":\"{}\",\"code\":\"{}\",\"message\":{},{}",
            json_string(path),
            d.severity.as_str(),
            d.code,
            json_string(&d.message),
            span(d.range),
        );
        if !d.related.is_empty() {
            let related: Vec<String> = d
                .related
                .iter()
                .map(|(range, message)| format!("{{\"message\":{},{}}}", json_string(message), span(*range)))
                .collect();
            entry.push_str(&format!(",\"related\":[{}]", related.join(",")));
        }
        entry.push('}');
        out.push(entry);
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}
