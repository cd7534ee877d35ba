//! The upstream standard library is formatted by `flux fmt`: formatting any of its files must
//! give the file back unchanged.

use std::path::Path;

fn format(text: &str) -> String {
    crate::format(text).unwrap_or_else(|declined| panic!("{declined:?}"))
}

#[test]
fn small_programs() {
    for (input, expected) in [
        ("x = 1\n", "x = 1\n"),
        ("x=1\ny   =  2\n", "x = 1\ny = 2\n"),
        ("package a\nx = 1\n", "package a\n\n\nx = 1\n"),
        ("a |> b(c: 1)", "a |> b(c: 1)\n"),
    ] {
        assert_eq!(format(input), expected, "{input:?}");
    }
}

#[test]
fn whitespace_inside_multiline_strings_is_kept() {
    let text = "x = \"a\n \n  \"\n";
    assert_eq!(format(text), text);
    assert_eq!(crate::verify(text), Ok(()));
}

#[test]
fn a_unary_operand_keeps_its_parentheses() {
    assert_eq!(format("x = -(1 + 2)\ny = -a.b\n"), "x = -(1 + 2)\ny = -a.b\n");
}

#[test]
fn comments_inside_types_and_dictionaries_are_kept() {
    let text = "builtin f : (\n    // before q\n    ?q: int,\n    // before pipe\n    <-t: [int],\n) => // arr\n [int]\nd = [\"a\" // k\n: 1]\n";
    let formatted = format(text);
    for comment in ["// before q", "// before pipe", "// arr", "// k"] {
        assert!(formatted.contains(comment), "{comment} lost:\n{formatted}");
    }
    assert_eq!(crate::verify(text), Ok(()));
}

#[test]
fn a_last_comment_without_a_newline_formats_once() {
    for text in ["x = 1\n// end", "// only", "x = 1\n// end\n"] {
        assert_eq!(crate::verify(text), Ok(()), "{text:?}");
    }
}

#[test]
fn code_with_syntax_errors_is_declined() {
    let declined = crate::format("x = (1 +\ny = 2\n").unwrap_err();
    assert_eq!(declined.range.start, 11, "{declined:?}");
    assert!(declined.message.starts_with("expected `)` to close"), "{declined:?}");
}

#[test]
fn the_standard_library_comes_back_unchanged() {
    let Some(dir) = flx_test_utils::stdlib_dir("formatter round trip") else { return };
    let files = flx_test_utils::flux_files(&dir);
    let mut changed = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        if format(&text) != text {
            changed.push(path.strip_prefix(&dir).unwrap_or(Path::new("")).display().to_string());
        }
    }
    flx_test_utils::report(&format!(
        "formatter: {} of {} standard-library files unchanged",
        files.len() - changed.len(),
        files.len()
    ));
    assert!(changed.is_empty(), "{} files changed: {:?}", changed.len(), &changed[..changed.len().min(20)]);
}
