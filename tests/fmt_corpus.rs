//! The formatter's corpus: `tests/corpus/fmt/input/NAME.flux`, written unformatted, must
//! format to `tests/corpus/fmt/expected/NAME.flux` (what `flux fmt` prints for it; see the
//! README there), and every input and output keeps the formatter's promises
//! (`flux_fmt::verify`): idempotent, the same syntax tree, every comment where it was.

use std::path::Path;

#[test]
fn inputs_format_to_the_expected_outputs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/fmt");
    let inputs = flx_test_utils::corpus_files(&root.join("input"));
    assert!(inputs.len() >= 14, "the corpus has {} inputs", inputs.len());
    let mut failures = Vec::new();
    for input in &inputs {
        let text = std::fs::read_to_string(input).unwrap();
        let expected_path = root.join("expected").join(input.file_name().unwrap());
        let expected =
            std::fs::read_to_string(&expected_path).unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        match flux_fmt::format(&text) {
            Ok(formatted) if formatted == expected => {}
            Ok(formatted) => failures.push(format!("{}: got\n{formatted}", input.display())),
            Err(declined) => failures.push(format!("{}: declined: {declined:?}", input.display())),
        }
        for (what, source) in [("input", &text), ("expected output", &expected)] {
            if let Err(problem) = flux_fmt::verify(source) {
                failures.push(format!("{} ({what}): {problem}", input.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_valid_programs_of_the_other_corpora_keep_the_promises() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut failures = Vec::new();
    for dir in ["syntax/valid", "semantic/valid"] {
        for path in flx_test_utils::corpus_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&path).unwrap();
            if let Err(problem) = flux_fmt::verify(&text) {
                failures.push(format!("{}: {problem}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
