//! Rendering diagnostics for people (source snippets with carets) and for machines (JSON).

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use flux_ide::{ColumnEncoding, Diagnostic, LineIndex, Severity, TextRange};

use crate::Color;

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
        for r in &d.related {
            snippet =
                snippet.annotation(AnnotationKind::Context.span(visible(r.range, text)).label(r.message.as_str()));
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
pub fn json_entries(path: &str, index: &LineIndex, diagnostics: &[Diagnostic], out: &mut Vec<String>) {
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
                .map(|r| format!("{{\"message\":{},{}}}", json_string(&r.message), span(r.range)))
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

/// One file after checking: everything a format needs to show its problems.
pub struct Checked {
    /// The name used in messages (`<stdin>` for standard input).
    pub path: String,
    pub stdin: bool,
    pub text: std::sync::Arc<str>,
    pub index: std::sync::Arc<LineIndex>,
    pub diagnostics: Vec<Diagnostic>,
}

/// `path` as code-hosting services match it against their files: forward slashes and no
/// leading `./` (directory arguments such as `.` produce `./dir/file.flux`).
pub fn portable_path(path: &str) -> String {
    // A backslash is a separator only on Windows; elsewhere it is part of a name.
    let mut path = if cfg!(windows) { path.replace('\\', "/") } else { path.to_owned() };
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/').to_owned();
    }
    path
}
