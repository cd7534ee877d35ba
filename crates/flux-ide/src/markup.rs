//! Documentation for clients that cannot show Markdown.
//!
//! Hover, completion and signature documentation is written in a small subset of Markdown:
//! fenced code blocks, `code` spans, **strong** text, `[label](url)` links and `- ` list items.
//! [`plain_text`] turns that subset into what a plain-text client should show: code without
//! fences, spans without their backticks, and links as bare URLs.

/// The plain-text form of documentation written in the Markdown subset above.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_code_block = false;
    for line in markdown.split('\n') {
        if line.trim_start().starts_with("```") {
            in_code_block = !in_code_block;
            continue;
        }
        if in_code_block {
            out.push_str(line);
        } else {
            inline(line, &mut out);
        }
        out.push('\n');
    }
    out.pop();
    out
}

/// One line outside code blocks: spans lose their backticks (their text is kept as written),
/// strong text its asterisks, and a link becomes `label: url`.
fn inline(line: &str, out: &mut String) {
    let mut rest = line;
    while let Some(i) = rest.find(['`', '*', '[']) {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        if let Some(span) = at.strip_prefix('`')
            && let Some(end) = span.find('`')
        {
            out.push_str(&span[..end]);
            rest = &span[end + 1..];
        } else if let Some(strong) = at.strip_prefix("**") {
            rest = strong;
        } else if let Some((label, url, after)) = link(at) {
            out.push_str(label);
            out.push_str(": ");
            out.push_str(url);
            rest = after;
        } else {
            out.push_str(&at[..1]);
            rest = &at[1..];
        }
    }
    out.push_str(rest);
}

/// `[label](url)` at the start of `text`: the label, the URL and the text after.
fn link(text: &str) -> Option<(&str, &str, &str)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find("](")?;
    let label = &inner[..close];
    if label.contains(['[', ']']) {
        return None;
    }
    let target = &inner[close + 2..];
    let end = target.find(')')?;
    let url = &target[..end];
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((label, url, &target[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn code_blocks_lose_their_fences_and_keep_their_text() {
        let markdown = "```flux\nfilter: (\n    <-tables: stream[A],\n) => stream[A]\n```\n\nFilters rows.";
        assert_eq!(plain_text(markdown), "filter: (\n    <-tables: stream[A],\n) => stream[A]\n\nFilters rows.");
    }

    #[test]
    fn spans_strong_text_and_links_become_plain() {
        let markdown = "- `n`: `int` (optional, default `\"_value\"`)\n\n**Deprecated** since Flux 0.172.0: use `join.inner` instead.\n\nvalue of package `universe` · [Documentation](https://docs.influxdata.com/flux/v0/stdlib/universe/filter/)";
        assert_eq!(
            plain_text(markdown),
            "- n: int (optional, default \"_value\")\n\nDeprecated since Flux 0.172.0: use join.inner instead.\n\nvalue of package universe · Documentation: https://docs.influxdata.com/flux/v0/stdlib/universe/filter/"
        );
    }

    #[test]
    fn text_that_only_looks_like_markup_is_kept() {
        for text in ["a * b", "x[0] (first)", "[a] b", "an unclosed ` tick", "[x](not a url)"] {
            assert_eq!(plain_text(text), text);
        }
    }
}
