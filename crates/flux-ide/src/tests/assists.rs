//! Code actions: each fix applied to its fixture; `$0` marks the range asked about (the
//! cursor).

use std::fmt::Write;

use expect_test::{Expect, expect};

use super::fixture;
use crate::*;

fn check(text: &str, expect: Expect) {
    let f = fixture(text);
    let (file, offset) = f.cursor();
    let text = f.text(file).to_owned();
    let actions = f.host.analysis().code_actions(file, TextRange::empty(offset)).unwrap();
    let mut out = String::new();
    for action in actions {
        let mut fixed = text.clone();
        let (_, edits) = &action.change.edits[0];
        let mut edits = edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        for e in edits {
            fixed.replace_range(e.range.as_usize(), &e.new_text);
        }
        let star = if action.preferred { " (preferred)" } else { "" };
        let _ = write!(out, "{} [{}]{star}\n{fixed}\n---\n", action.title, action.diagnostic.code);
    }
    expect.assert_eq(&out);
}

#[test]
fn misspelled_names_members_arguments_and_imports() {
    check(
        "threshold = 1\nx = thresold$0 + 1\n",
        expect![[r#"
        Change `thresold` to `threshold` [E201] (preferred)
        threshold = 1
        x = threshold + 1

        ---
    "#]],
    );
    check(
        "import \"strings\"\nx = strings.toUper$0(v: \"a\")\n",
        expect![[r#"
        Change `toUper` to `toUpper` [E203] (preferred)
        import "strings"
        x = strings.toUpper(v: "a")

        ---
    "#]],
    );
    check(
        "x = from(bucket: \"b\") |> range(strat$0: -1h)\n",
        expect![[r#"
        Change `strat` to `start` [E206] (preferred)
        x = from(bucket: "b") |> range(start: -1h)

        ---
    "#]],
    );
    check(
        "import \"string$0\"\n",
        expect![[r#"
        Change `"string"` to `"strings"` [E202] (preferred)
        import "strings"

        ---
    "#]],
    );
}

#[test]
fn missing_imports() {
    check(
        "package main\n\nx = strings$0.toUpper(v: \"a\")\n",
        expect![[r#"
        Import "strings" [E201] (preferred)
        package main

        import "strings"

        x = strings.toUpper(v: "a")

        ---
    "#]],
    );
    check(
        "import \"array\"\n\nx = toUpper$0(v: \"a\")\n",
        expect![[r#"
        Import "strings" and use `strings.toUpper` [E201] (preferred)
        import "array"
        import "strings"

        x = strings.toUpper(v: "a")

        ---
    "#]],
    );
}

#[test]
fn unused_imports_and_variables() {
    check(
        "import \"strings\"$0\nimport \"array\"\n\nx = array.from(rows: [{a: 1}])\nx\n",
        expect![[r#"
        Remove the unused import "strings" [W202] (preferred)
        import "array"

        x = array.from(rows: [{a: 1}])
        x

        ---
    "#]],
    );
    check(
        "f = () => {\n    unused$0 = 1\n    return 2\n}\nf()\n",
        expect![[r#"
        Remove the unused variable `unused` [W201] (preferred)
        f = () => {
            return 2
        }
        f()

        ---
        Rename to `_unused` (marks it unused on purpose) [W201]
        f = () => {
            _unused = 1
            return 2
        }
        f()

        ---
    "#]],
    );
}

#[test]
fn a_name_misspelled_in_one_file_of_a_package_is_fixed_to_one_of_another() {
    check(
        r#"//- /pkg/a.flux
package pkg

threshold = 1
//- /pkg/b.flux
package pkg

x = thresold$0 + 1
"#,
        expect![[r#"
            Change `thresold` to `threshold` [E201] (preferred)
            package pkg

            x = threshold + 1

            ---
        "#]],
    );
}
