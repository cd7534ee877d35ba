//! Every editor feature answers on any text, before and after an edit, without panicking, and
//! its ranges lie inside the text on character boundaries; after the edit, the diagnostics are
//! those of a fresh analysis of the edited text.
#![no_main]

use std::sync::Arc;

use flux_ide::{AnalysisHost, Origin, TextRange};
use libfuzzer_sys::fuzz_target;

fn check_range(text: &str, range: TextRange, what: &str) {
    let (start, end) = (range.start as usize, range.end as usize);
    assert!(start <= end && end <= text.len(), "{what}: {range:?} outside {} bytes", text.len());
    assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{what}: {range:?} splits a character");
}

fn exercise(host: &AnalysisHost, name: &str, text: &str, probe: usize) {
    let analysis = host.analysis();
    let file = host.file(name).expect("the file was set");
    for d in analysis.diagnostics(file).unwrap() {
        check_range(text, d.range, "diagnostic");
    }
    fn symbols(text: &str, list: &[flux_ide::DocumentSymbol]) {
        for s in list {
            check_range(text, s.range, "symbol");
            check_range(text, s.selection, "symbol name");
            symbols(text, &s.children);
        }
    }
    symbols(text, &analysis.document_symbols(file).unwrap());
    for fold in analysis.folding_ranges(file).unwrap() {
        check_range(text, fold.range, "fold");
    }
    for token in analysis.semantic_tokens(file, None).unwrap() {
        check_range(text, token.range, "semantic token");
    }
    let boundaries: Vec<u32> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).map(|i| i as u32).collect();
    let offsets: Vec<u32> = (0..4).map(|k| boundaries[(probe * 31 + k * 7919) % boundaries.len()]).collect();
    for chain in analysis.selection_ranges(file, &offsets).unwrap() {
        for range in chain {
            check_range(text, range, "selection");
        }
    }
    for offset in offsets {
        if let Some(hover) = analysis.hover(file, offset).unwrap() {
            check_range(text, hover.range, "hover");
        }
        for item in analysis.completions(file, offset).unwrap().items {
            check_range(text, item.range, "completion");
            for edit in &item.additional_edits {
                check_range(text, edit.range, "completion edit");
            }
        }
        if let Some(help) = analysis.signature_help(file, offset).unwrap() {
            for p in &help.parameters {
                check_range(&help.label, p.label, "signature parameter");
            }
        }
        for location in analysis.definition(file, offset).unwrap() {
            check_range(text, location.range, "definition");
        }
        for reference in analysis.references(file, offset, true).unwrap() {
            check_range(text, reference.range, "reference");
        }
        if analysis.prepare_rename(file, offset).unwrap().is_ok()
            && let Ok(change) = analysis.rename(file, offset, "renamed").unwrap()
        {
            for (_, edits) in change.edits {
                for edit in edits {
                    check_range(text, edit.range, "rename");
                }
            }
        }
        let around = TextRange::new(offset.saturating_sub(40).min(offset), offset);
        for action in analysis.code_actions(file, around).unwrap() {
            for (_, edits) in action.change.edits {
                for edit in edits {
                    check_range(text, edit.range, "code action");
                }
            }
        }
    }
    let whole = TextRange::new(0, text.len() as u32);
    for hint in analysis.inlay_hints(file, whole, &Default::default()).unwrap() {
        assert!(text.is_char_boundary(hint.offset as usize), "inlay hint inside a character");
    }
    analysis.workspace_symbols("a").unwrap();
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (head, rest) = data.split_at(3);
    let text = String::from_utf8_lossy(rest).into_owned();
    let mut host = AnalysisHost::default();
    host.set_file("fuzz.flux", Arc::from(text.as_str()), Some(1), Origin::Editor);
    let probe = u16::from_le_bytes([head[0], head[1]]) as usize;
    exercise(&host, "fuzz.flux", &text, probe);

    // Delete a short span, then analyze again from the previous state.
    let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    let start = boundaries[probe % boundaries.len()];
    let end = boundaries.iter().copied().filter(|&i| i >= start).nth(head[2] as usize % 6).unwrap_or(start);
    let edited = format!("{}{}", &text[..start], &text[end..]);
    host.set_file("fuzz.flux", Arc::from(edited.as_str()), Some(2), Origin::Editor);
    exercise(&host, "fuzz.flux", &edited, probe / 3);

    // Kept up to date, the analysis answers as a fresh one would.
    let mut fresh = AnalysisHost::default();
    let fresh_file = fresh.set_file("fuzz.flux", Arc::from(edited.as_str()), Some(2), Origin::Editor);
    let file = host.file("fuzz.flux").expect("the file was set");
    assert_eq!(
        host.analysis().diagnostics(file).unwrap(),
        fresh.analysis().diagnostics(fresh_file).unwrap(),
        "the edited analysis differs from a fresh one"
    );
});
