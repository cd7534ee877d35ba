//! An analysis kept up to date edit after edit answers what a fresh analysis of the same text
//! answers.
//!
//! The host reuses what it can from one text to the next: statements the reparse kept keep
//! their items, the others are matched to old ones, orders are kept or given between
//! neighbours, items of removed statements are reused, durabilities decide what salsa checks
//! again. Any mistake there would show as an answer that differs from a fresh start: here,
//! after every one of many random edits (lines inserted, deleted, duplicated and moved,
//! characters typed and removed) to the committed programs, the diagnostics, the document
//! symbols, the semantic tokens and the executor's program are compared with those of a new
//! host given the same text.

use flx_test_utils::Rng;
use std::path::Path;
use std::sync::Arc;

use flux_ide::{AnalysisHost, FileId, Origin};

fn programs() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = flx_test_utils::corpus_files(&root.join("corpus/semantic/valid"));
    files.extend(flx_test_utils::corpus_files(&root.join("corpus/semantic/invalid")));
    files.iter().map(|f| std::fs::read_to_string(f).expect("readable")).collect()
}

/// One random edit of `text`, drawing inserted lines from `pool`.
fn edit(text: &str, pool: &[String], rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = rng.below(lines.len() + 1);
    match rng.below(6) {
        0 => {
            let source = &pool[rng.below(pool.len())];
            let borrowed: Vec<&str> = source.lines().collect();
            if let Some(line) = borrowed.get(rng.below(borrowed.len())) {
                lines.insert(at, (*line).to_owned());
            }
        }
        1 if !lines.is_empty() => {
            lines.remove(at.min(lines.len() - 1));
        }
        2 if !lines.is_empty() => {
            let line = lines[at.min(lines.len() - 1)].clone();
            lines.insert(at, line);
        }
        3 if lines.len() > 1 => {
            let from = rng.below(lines.len());
            let line = lines.remove(from);
            lines.insert(at.min(lines.len()), line);
        }
        4 => {
            // A character typed somewhere.
            let mut out = text.to_owned();
            let boundaries: Vec<usize> = (0..=out.len()).filter(|&i| out.is_char_boundary(i)).collect();
            let typed = ["x", "1", " ", "(", ")", "\"", ",", "\n", "."][rng.below(9)];
            out.insert_str(boundaries[rng.below(boundaries.len())], typed);
            return out;
        }
        _ => {
            // A character removed.
            let mut out = text.to_owned();
            let starts: Vec<usize> = out.char_indices().map(|(i, _)| i).collect();
            if !starts.is_empty() {
                out.remove(starts[rng.below(starts.len())]);
            }
            return out;
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// What is compared: everything the file's analysis answers as a whole.
fn answers(host: &AnalysisHost, file: FileId) -> String {
    let analysis = host.analysis();
    let diagnostics = analysis.diagnostics(file).unwrap();
    let symbols = analysis.document_symbols(file).unwrap();
    let tokens = analysis.semantic_tokens(file, None).unwrap();
    let program = analysis.program(file).unwrap();
    let statements: Vec<_> = program.files.iter().flat_map(|f| &f.statements).collect();
    let bodies = format!("{:?}", statements.iter().map(|s| (s.offset, &s.body)).collect::<Vec<_>>());
    // Statements are named by ids that differ from host to host: name them by position.
    let mut named = String::new();
    let mut rest = bodies.as_str();
    while let Some(at) = rest.find("ItemRef(") {
        named.push_str(&rest[..at]);
        let digits: String = rest[at + 8..].chars().take_while(char::is_ascii_digit).collect();
        let id: u64 = digits.parse().expect("an item id");
        let position = statements.iter().position(|s| s.item.0 == id);
        named.push_str(&format!("statement {position:?}"));
        rest = &rest[at + 8 + digits.len()..];
    }
    named.push_str(rest);
    format!("{diagnostics:#?}\n{symbols:#?}\n{tokens:?}\n{named}")
}

#[test]
fn an_edited_analysis_answers_as_a_fresh_one() {
    let pool = programs();
    let mut rng = Rng(0x1dea_5eed);
    let mut checked = 0;
    for (n, start) in pool.iter().enumerate().filter(|(n, _)| n % 3 == 0) {
        let mut host = AnalysisHost::default();
        let name = format!("/p{n}.flux");
        let mut text = start.clone();
        let file = host.set_file(&name, Arc::from(text.as_str()), Some(1), Origin::Editor);
        for version in 2..22 {
            text = edit(&text, &pool, &mut rng);
            host.set_file(&name, Arc::from(text.as_str()), Some(version), Origin::Editor);
            let mut fresh = AnalysisHost::default();
            let fresh_file = fresh.set_file(&name, Arc::from(text.as_str()), Some(version), Origin::Editor);
            let (ours, theirs) = (answers(&host, file), answers(&fresh, fresh_file));
            assert!(ours == theirs, "after edit {version} of program {n}, the analyses differ; the text:\n{text}");
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked} edits checked");
}
