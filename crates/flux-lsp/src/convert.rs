//! From the IDE's plain structs, with byte offsets, to LSP types.

use flux_ide::{ColumnEncoding, DocumentSymbol, Fold, FoldKind, LineIndex, Severity, SymbolKind, TextRange};
use tower_lsp_server::ls_types::{self as lsp, DiagnosticRelatedInformation, Location, NumberOrString, Uri};

use crate::position;

pub fn diagnostic(d: &flux_ide::Diagnostic, index: &LineIndex, enc: ColumnEncoding, uri: &Uri) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location { uri: uri.clone(), range: position::range(index, r.range, enc) },
            message: r.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: position::range(index, d.range, enc),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Hint => lsp::DiagnosticSeverity::HINT,
        }),
        code: Some(NumberOrString::String(d.code.to_owned())),
        source: Some("flx".to_owned()),
        message: d.message.to_string(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

pub fn symbol_kind(kind: SymbolKind, detail: Option<&str>) -> lsp::SymbolKind {
    match kind {
        SymbolKind::Package => lsp::SymbolKind::PACKAGE,
        SymbolKind::Import => lsp::SymbolKind::MODULE,
        SymbolKind::Variable | SymbolKind::Parameter => lsp::SymbolKind::VARIABLE,
        SymbolKind::Function => lsp::SymbolKind::FUNCTION,
        SymbolKind::Option => lsp::SymbolKind::PROPERTY,
        SymbolKind::Builtin if detail.is_some_and(|d| d.contains("=>")) => lsp::SymbolKind::FUNCTION,
        SymbolKind::Builtin => lsp::SymbolKind::VARIABLE,
        SymbolKind::TestCase => lsp::SymbolKind::METHOD,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the type, not a use of it.
pub fn document_symbol(s: &DocumentSymbol, index: &LineIndex, enc: ColumnEncoding) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind: symbol_kind(s.kind, s.detail.as_deref()),
        tags: None,
        deprecated: None,
        range: position::range(index, s.range, enc),
        selection_range: position::range(index, s.selection, enc),
        children: (!s.children.is_empty()).then(|| s.children.iter().map(|c| document_symbol(c, index, enc)).collect()),
    }
}

/// For clients that want a flat list: every symbol, with its container's name.
#[allow(deprecated)]
pub fn flat_symbols(
    symbols: &[DocumentSymbol],
    container: Option<&str>,
    index: &LineIndex,
    enc: ColumnEncoding,
    uri: &Uri,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    for s in symbols {
        out.push(lsp::SymbolInformation {
            name: s.name.clone(),
            kind: symbol_kind(s.kind, s.detail.as_deref()),
            tags: None,
            deprecated: None,
            location: Location { uri: uri.clone(), range: position::range(index, s.range, enc) },
            container_name: container.map(str::to_owned),
        });
        flat_symbols(&s.children, Some(&s.name), index, enc, uri, out);
    }
}

/// Folds by line. The last line keeps its closing bracket visible when the bracket starts
/// that line, so a folded `{ ... }` still shows its `}`.
pub fn folding_range(fold: &Fold, index: &LineIndex, text: &str) -> Option<lsp::FoldingRange> {
    let start = index.line_col(fold.range.start, ColumnEncoding::Utf8);
    let end = index.line_col(fold.range.end, ColumnEncoding::Utf8);
    let mut end_line = end.line;
    if fold.kind == FoldKind::Region {
        let line_start = index.line_start(end.line).unwrap_or(0) as usize;
        let before_end = &text[line_start..fold.range.end as usize];
        let closer_starts_line =
            before_end.trim_start().len() == 1 && before_end.trim_start().starts_with([')', ']', '}', '"']);
        if closer_starts_line {
            end_line = end_line.saturating_sub(1);
        }
    }
    (end_line > start.line).then_some(lsp::FoldingRange {
        start_line: start.line,
        start_character: None,
        end_line,
        end_character: None,
        kind: Some(match fold.kind {
            FoldKind::Comment => lsp::FoldingRangeKind::Comment,
            FoldKind::Imports => lsp::FoldingRangeKind::Imports,
            FoldKind::Region => lsp::FoldingRangeKind::Region,
        }),
        collapsed_text: None,
    })
}

/// Nested selection ranges from innermost ranges, innermost first.
pub fn selection_range(ranges: &[TextRange], index: &LineIndex, enc: ColumnEncoding) -> lsp::SelectionRange {
    let mut result: Option<lsp::SelectionRange> = None;
    for r in ranges.iter().rev() {
        result = Some(lsp::SelectionRange { range: position::range(index, *r, enc), parent: result.map(Box::new) });
    }
    result.unwrap_or(lsp::SelectionRange { range: lsp::Range::default(), parent: None })
}

pub fn completion_kind(kind: flux_ide::CompletionKind) -> lsp::CompletionItemKind {
    use flux_ide::CompletionKind as K;
    match kind {
        K::Variable => lsp::CompletionItemKind::VARIABLE,
        K::Function => lsp::CompletionItemKind::FUNCTION,
        K::Parameter => lsp::CompletionItemKind::VARIABLE,
        K::Constant => lsp::CompletionItemKind::CONSTANT,
        K::Module => lsp::CompletionItemKind::MODULE,
        K::Field => lsp::CompletionItemKind::FIELD,
        K::Argument => lsp::CompletionItemKind::PROPERTY,
        K::Keyword => lsp::CompletionItemKind::KEYWORD,
        K::Snippet => lsp::CompletionItemKind::SNIPPET,
        K::Value => lsp::CompletionItemKind::VALUE,
    }
}

/// A snippet as plain text, for clients without snippet support: placeholders become their
/// default text, tab stops disappear.
pub fn snippet_to_plain(snippet: &str) -> String {
    let mut out = String::new();
    let mut chars = snippet.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '$' if chars.peek() == Some(&'{') => {
                chars.next();
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                if chars.peek() == Some(&':') {
                    chars.next();
                }
                let mut depth = 1;
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    out.push(c);
                }
            }
            '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    out
}

pub fn text_edit(edit: &flux_ide::TextEdit, index: &LineIndex, enc: ColumnEncoding) -> lsp::TextEdit {
    lsp::TextEdit { range: position::range(index, edit.range, enc), new_text: edit.new_text.clone() }
}

#[allow(deprecated)] // `deprecated` is a field of the type, set for clients without tags.
pub fn completion_item(
    item: &flux_ide::CompletionItem,
    index: &LineIndex,
    enc: ColumnEncoding,
    snippets: bool,
) -> lsp::CompletionItem {
    let (text, format) = if item.snippet && snippets {
        (item.insert.clone(), lsp::InsertTextFormat::SNIPPET)
    } else if item.snippet {
        (snippet_to_plain(&item.insert), lsp::InsertTextFormat::PLAIN_TEXT)
    } else {
        (item.insert.clone(), lsp::InsertTextFormat::PLAIN_TEXT)
    };
    let edit = lsp::TextEdit { range: position::range(index, item.range, enc), new_text: text };
    lsp::CompletionItem {
        label: item.label.clone(),
        kind: Some(completion_kind(item.kind)),
        detail: item.detail.clone(),
        sort_text: Some(item.sort_text.clone()),
        // The range may start before the word (`.` for `["label"]`): filter on what replaces it.
        filter_text: (item.insert != item.label && !item.snippet).then(|| item.insert.clone()),
        insert_text_format: Some(format),
        text_edit: Some(lsp::CompletionTextEdit::Edit(edit)),
        additional_text_edits: (!item.additional_edits.is_empty())
            .then(|| item.additional_edits.iter().map(|e| text_edit(e, index, enc)).collect()),
        tags: item.deprecated.then(|| vec![lsp::CompletionItemTag::DEPRECATED]),
        deprecated: item.deprecated.then_some(true),
        data: item.documentation.as_ref().and_then(|key| serde_json::to_value(key).ok()),
        ..Default::default()
    }
}

/// A byte range within an ASCII-or-not label as the client counts: UTF-16 code units.
fn label_offsets(label: &str, range: TextRange) -> [u32; 2] {
    let count = |end: u32| label[..end as usize].encode_utf16().count() as u32;
    [count(range.start), count(range.end)]
}

/// Documentation as the client shows it: the Markdown as written, or its plain text.
pub fn markup(markdown: String, client_shows_markdown: bool) -> lsp::MarkupContent {
    if client_shows_markdown {
        lsp::MarkupContent { kind: lsp::MarkupKind::Markdown, value: markdown }
    } else {
        lsp::MarkupContent { kind: lsp::MarkupKind::PlainText, value: flux_ide::plain_text(&markdown) }
    }
}

pub fn signature_help(help: &flux_ide::SignatureHelp, markdown: bool) -> lsp::SignatureHelp {
    let doc = |text: &String| lsp::Documentation::MarkupContent(markup(text.clone(), markdown));
    let parameters = help
        .parameters
        .iter()
        .map(|p| lsp::ParameterInformation {
            label: lsp::ParameterLabel::LabelOffsets(label_offsets(&help.label, p.label)),
            documentation: p.documentation.as_ref().map(doc),
        })
        .collect();
    lsp::SignatureHelp {
        signatures: vec![lsp::SignatureInformation {
            label: help.label.clone(),
            documentation: help.documentation.as_ref().map(doc),
            parameters: Some(parameters),
            active_parameter: help.active_parameter.map(|i| i as u32),
        }],
        active_signature: Some(0),
        active_parameter: help.active_parameter.map(|i| i as u32),
    }
}

pub fn inlay_hint(hint: &flux_ide::InlayHint, index: &LineIndex, enc: ColumnEncoding) -> lsp::InlayHint {
    lsp::InlayHint {
        position: position::position(index, hint.offset, enc),
        label: lsp::InlayHintLabel::String(hint.label.clone()),
        kind: Some(lsp::InlayHintKind::TYPE),
        text_edits: None,
        tooltip: None,
        padding_left: None,
        padding_right: None,
        data: None,
    }
}
