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
        }),
        code: Some(NumberOrString::String(d.code.to_owned())),
        source: Some("flx".to_owned()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

fn symbol_kind(kind: SymbolKind, detail: Option<&str>) -> lsp::SymbolKind {
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
