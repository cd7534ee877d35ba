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
fn whitespace_inside_multiline_regexes_is_kept() {
    let text = "x = / \n/\n";
    assert_eq!(format(text), text);
    assert_eq!(crate::verify(text), Ok(()));
}

#[test]
fn a_unary_operand_keeps_its_parentheses() {
    assert_eq!(format("x = -(1 + 2)\ny = -a.b\n"), "x = -(1 + 2)\ny = -a.b\n");
}

#[test]
fn nested_prefix_operators_get_no_parentheses() {
    assert_eq!(format("x = +- -2\ny = not not true\n"), "x = +--2\ny = not not true\n");
    // A chain as long as Flux allows stays within the limit once formatted.
    let deep = format!("x = {}2\n", "-".repeat(79));
    assert_eq!(format(&deep), deep);
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
fn an_empty_file_is_formatted() {
    for text in ["", "\n", "  \n\n"] {
        assert_eq!(format(text), "", "{text:?}");
    }
}

#[test]
fn a_byte_order_mark_is_kept() {
    assert_eq!(format("\u{feff}x=1\n"), "\u{feff}x = 1\n");
    assert_eq!(format("\u{feff}// c\nx = 1\n"), "\u{feff}// c\nx = 1\n");
    assert_eq!(format("\u{feff}"), "\u{feff}");
    assert_eq!(crate::verify("\u{feff}x = 1\n"), Ok(()));
}

/// The safety net refuses an output that lost a comment or changed the code, and says where.
#[test]
fn the_net_refuses_output_that_loses_a_comment_or_changes_code() {
    let check = |source: &str, output: &str| {
        let parse = flux_syntax::parse(source);
        crate::check_kept(source, &parse, output).map_err(|d| {
            let at = flux_syntax::LineIndex::new(source).line_col(d.range.start, flux_syntax::ColumnEncoding::Utf32);
            format!("{:?} {}:{} {}", d.reason, at.line + 1, at.col + 1, d.message)
        })
    };
    let source = "import \"array\"\n\nbuiltin g : (\n    a: [int // elems\n    ],\n) => int\nx = 1 // one\n";
    assert_eq!(check(source, "import \"array\"\n\nbuiltin g : (a: [int // elems\n]) => int\nx = 1 // one\n"), Ok(()));
    assert_eq!(
        check(source, "import \"array\"\n\nbuiltin g : (a: [int]) => int\nx = 1 // one\n"),
        Err("WouldLose 4:13 formatting would lose the comment `// elems`".to_owned())
    );
    assert_eq!(
        check(source, "import \"array\"\n\nbuiltin g : (a: [int // elems\n]) => int\nx = 2 // one\n"),
        Err("WouldLose 7:1 formatting would change the code here".to_owned())
    );
    assert_eq!(
        check(source, "import \"arr\"\n\nbuiltin g : (a: [int // elems\n]) => int\nx = 1 // one\n"),
        Err("WouldLose 1:1 formatting would change the code here".to_owned())
    );
    // Parentheses the layout drops, trailing commas and comment-line whitespace are not code.
    assert_eq!(check("x = (1 + 2) * 3 // c   \ny = [1, 2,]\n", "x = (1 + 2) * 3 // c\ny = [1, 2]\n"), Ok(()));
    assert_eq!(check("x = 1 + (2 * 3)\n", "x = 1 + 2 * 3\n"), Ok(()));
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

/// Every place a comment can stand in the formatter corpus: each is tried alone, and the
/// formatted text must hold it.
#[test]
fn a_comment_anywhere_is_kept() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/fmt/input");
    let mut lost = Vec::new();
    let mut tried = 0;
    for path in flx_test_utils::flux_files(&dir) {
        let text = std::fs::read_to_string(&path).unwrap();
        let parse = flux_syntax::parse(&text);
        let tree = crate::code_tree(&text, &parse.file);
        let mut boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        // Token boundaries are where a word character does not continue a word.
        boundaries.retain(|&i| {
            let before = text[..i].chars().next_back();
            let after = text[i..].chars().next();
            !(before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                && after.is_some_and(|c| c.is_alphanumeric() || c == '_'))
        });
        for at in boundaries {
            let comment = format!("// c{at}\n");
            let with = format!("{}{comment}{}", &text[..at], &text[at..]);
            let parsed = flux_syntax::parse(&with);
            if parsed.has_errors() || crate::code_tree(&with, &parsed.file) != tree {
                continue;
            }
            tried += 1;
            let formatted = crate::format(&with).unwrap();
            if let Err(problem) = crate::verify(&with) {
                lost.push(format!("{}: {problem}", path.file_name().unwrap().to_string_lossy()));
            } else if !formatted.contains(comment.trim_end()) {
                lost.push(format!(
                    "{}: {:?}",
                    path.file_name().unwrap().to_string_lossy(),
                    &with[at.saturating_sub(30)..(at + comment.len() + 20).min(with.len())]
                ));
            }
        }
    }
    assert!(tried > 1000, "{tried}");
    assert!(lost.is_empty(), "{} of {tried} lost:\n{}", lost.len(), lost.join("\n"));
}
