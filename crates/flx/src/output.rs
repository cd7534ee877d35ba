//! Rendering diagnostics for people (source snippets with carets) and for machines (JSON).

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use flux_ide::{ColumnEncoding, Diagnostic, LineIndex, Severity, TextRange};

use crate::Color;

/// An error found while running code (no code, no suggestion), shown as a diagnostic at
/// `range`.
pub fn error_at(path: &str, text: &str, index: &LineIndex, message: &str, range: TextRange, color: Color) -> String {
    let diagnostic = Diagnostic {
        severity: Severity::Error,
        code: "",
        message: message.into(),
        range,
        related: Vec::new(),
        suggestion: None,
    };
    human(path, text, index, &[diagnostic], color)
}

/// The diagnostics of one file, rendered with source snippets. Each snippet is cut from the
/// lines it shows, so rendering costs the size of the snippets, not of the file: a file with
/// thousands of diagnostics renders in time proportional to them.
pub fn human(path: &str, text: &str, index: &LineIndex, diagnostics: &[Diagnostic], color: Color) -> String {
    let renderer = match color {
        Color::Always => Renderer::styled(),
        Color::Never => Renderer::plain(),
    };
    let mut out = String::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Hint => Level::NOTE.with_name(Some("hint")),
        };
        let primary = visible(d.range, text);
        let mut locations: Vec<(std::ops::Range<usize>, Option<&str>)> = vec![(primary, None)];
        locations.extend(d.related.iter().map(|r| (visible(r.range, text), Some(r.message.as_str()))));
        // Locations close together share a snippet; one far away gets its own, so that no
        // snippet spans the lines between.
        let mut groups: Vec<Vec<(std::ops::Range<usize>, Option<&str>)>> = Vec::new();
        for location in locations {
            let line = index.line_col(location.0.start as u32, ColumnEncoding::Utf8).line;
            let near = groups.iter_mut().find(|group| {
                group
                    .iter()
                    .any(|(r, _)| index.line_col(r.start as u32, ColumnEncoding::Utf8).line.abs_diff(line) <= NEAR)
            });
            match near {
                Some(group) => group.push(location),
                None => groups.push(vec![location]),
            }
        }
        let title = level.primary_title(d.message.as_str());
        // Run-time errors have no code.
        let title = if d.code.is_empty() { title } else { title.id(d.code) };
        let mut report = Group::with_title(title);
        for (k, group) in groups.iter().enumerate() {
            let (lines, first_line) = lines_around(text, index, group.iter().map(|(r, _)| r.clone()));
            let mut snippet = Snippet::source(&text[lines.clone()]).line_start(first_line + 1).path(path);
            for (i, (range, label)) in group.iter().enumerate() {
                let span = range.start - lines.start..range.end - lines.start;
                let annotation = if k == 0 && i == 0 {
                    AnnotationKind::Primary.span(span)
                } else {
                    AnnotationKind::Context.span(span)
                };
                snippet = snippet.annotation(match label {
                    Some(label) => annotation.label(*label),
                    None => annotation,
                });
            }
            report = report.element(snippet);
        }
        out.push_str(&renderer.render(&[report]));
        out.push_str("\n\n");
    }
    out
}

/// Locations at most this many lines apart are shown in one snippet.
const NEAR: u32 = 5;

/// The whole lines holding `ranges` (with their last line break) and the zero-based number
/// of the first.
fn lines_around(
    text: &str,
    index: &LineIndex,
    ranges: impl Iterator<Item = std::ops::Range<usize>>,
) -> (std::ops::Range<usize>, usize) {
    let (mut start, mut end) = (usize::MAX, 0);
    for r in ranges {
        start = start.min(r.start);
        end = end.max(r.end);
    }
    let first = index.line_col(start as u32, ColumnEncoding::Utf8).line;
    let last = index.line_col(end.saturating_sub(1).max(start) as u32, ColumnEncoding::Utf8).line;
    let from = index.line_start(first).unwrap_or(0) as usize;
    let to = index.line_start(last + 1).map_or(text.len(), |next| next as usize);
    (from..to.max(end).min(text.len()), first as usize)
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
