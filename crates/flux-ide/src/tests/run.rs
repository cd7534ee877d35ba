//! What the editor offers to run, and the program a run of a file, a selection or the
//! statement at the cursor gets.

use expect_test::{Expect, expect};

use super::fixture;
use crate::{RunScope, RunnableKind, TextRange};

fn check_runnables(text: &str, expect: Expect) {
    let f = fixture(text);
    let runnables = f.host.analysis().runnables(f.file()).unwrap();
    let out: Vec<String> = runnables
        .iter()
        .map(|r| {
            let kind = match &r.kind {
                RunnableKind::Query => "query".to_owned(),
                RunnableKind::TestCase { name } => format!("testcase {name}"),
            };
            format!("{kind}: {}", f.describe(f.file(), r.range))
        })
        .collect();
    expect.assert_eq(&out.join("\n"));
}

/// The statements kept and the text a server would get; `$0` is the cursor, or a selection
/// between two `$0`s.
fn check_run(text: &str, expect: Expect) {
    let marks: Vec<usize> = text.match_indices("$0").map(|(i, _)| i).collect();
    let clean = text.replace("$0", "");
    let scope = match marks[..] {
        [] => RunScope::File,
        [at] => RunScope::Position(at as u32),
        [start, end] => RunScope::Range(TextRange::new(start as u32, (end - 2) as u32)),
        _ => panic!("one cursor or one selection"),
    };
    let f = fixture(&clean);
    let out = match f.host.analysis().run_input(f.file(), scope).unwrap() {
        Ok(input) => {
            let statements: usize = input.program.files.iter().map(|f| f.statements.len()).sum();
            assert_eq!(input.text.len(), clean.len(), "positions are kept");
            // A statement left out is as many spaces as it had bytes.
            let text: Vec<String> = input
                .text
                .lines()
                .map(|line| match line.trim().is_empty() && !line.is_empty() {
                    true => format!("<{} spaces>", line.len()),
                    false => line.to_owned(),
                })
                .collect();
            format!("{statements} statements\n{}", text.join("\n"))
        }
        Err(message) => format!("error: {message}"),
    };
    expect.assert_eq(&out);
}

#[test]
fn streams_yields_and_writes_are_runnable_definitions_are_not() {
    check_runnables(
        r#"import "array"

data = array.from(rows: [{_value: 1}])
// The table.
data
data |> yield(name: "again")
x = 1
x + 1
kept = data |> yield(name: "kept")
f = () => data |> yield()
testcase t {
    data
}
"#,
        expect![[r#"
            query: /main.flux:5:1 "data"
            query: /main.flux:6:1 "data |> yield(name: \"again\")"
            query: /main.flux:9:1 "kept = data |> yield(name: \"kept\")"
            testcase t: /main.flux:11:1 "testcase t {\n    data\n}""#]],
    );
}

#[test]
fn the_statement_at_the_cursor_runs_with_the_definitions_it_needs() {
    check_run(
        r#"import "array"
data = array.from(rows: [{_value: 1}])
data |> yield(name: "first")
data |> map(fn: (r) => ({r with é: r._value$0 * 2})) |> yield(name: "second")
"#,
        expect![[r#"
            2 statements
            import "array"
            data = array.from(rows: [{_value: 1}])
            <28 spaces>
            data |> map(fn: (r) => ({r with é: r._value * 2})) |> yield(name: "second")"#]],
    );
}

#[test]
fn a_selection_runs_the_statements_it_touches() {
    check_run(
        r#"import "array"
data = array.from(rows: [{_value: 1}])
data |> yield(name: "one")
data |> yield(name: "two$0")
data |> yield(name: "three")
data |> $0yield(name: "four")
"#,
        expect![[r#"
            4 statements
            import "array"
            data = array.from(rows: [{_value: 1}])
            <26 spaces>
            data |> yield(name: "two")
            data |> yield(name: "three")
            data |> yield(name: "four")"#]],
    );
}

#[test]
fn a_whole_file_runs_every_statement_that_produces_tables() {
    check_run(
        "import \"array\"\n\narray.from(rows: [{a: 1}])\narray.from(rows: [{a: 2}]) |> yield(name: \"two\")\n",
        expect![[r#"
            2 statements
            import "array"

            array.from(rows: [{a: 1}])
            array.from(rows: [{a: 2}]) |> yield(name: "two")"#]],
    );
}

#[test]
fn nothing_to_run_says_why() {
    check_run("x = 1\n$0\ny = 2\n", expect!["error: no statement that produces tables at the cursor"]);
    check_run("$0x = 1$0\n", expect!["error: the selection holds no statement that produces tables"]);
}

#[test]
fn a_file_runs_with_the_definitions_of_its_package_but_not_their_results() {
    let f = fixture(
        r#"//- /pkg/a.flux
package pkg
import "array"
shared = array.from(rows: [{_value: 1}])
shared |> yield(name: "a")
//- /pkg/b.flux
package pkg
shared |> yield(name: "b")
"#,
    );
    let b = f.files[1].1;
    let input = f.host.analysis().run_input(b, RunScope::File).unwrap().unwrap();
    let kept: Vec<(String, usize)> =
        input.program.files.iter().map(|file| (file.path.clone(), file.statements.len())).collect();
    assert_eq!(kept, [("/pkg/a.flux".to_owned(), 1), ("/pkg/b.flux".to_owned(), 1)]);
    assert_eq!(input.text, "package pkg\nshared |> yield(name: \"b\")\n");
    // Scripts of package `main` in one directory each run alone.
    let scripts = fixture("//- /dir/a.flux\nx = 1\n//- /dir/b.flux\nimport \"array\"\narray.from(rows: [{v: 1}])\n");
    let input = scripts.host.analysis().run_input(scripts.files[1].1, RunScope::File).unwrap().unwrap();
    let paths: Vec<&str> = input.program.files.iter().map(|file| file.path.as_str()).collect();
    assert_eq!(paths, ["/dir/b.flux"]);
    let empty = fixture("x = 1\n");
    let refused = empty.host.analysis().run_input(empty.file(), RunScope::File).unwrap();
    assert_eq!(refused.unwrap_err(), "the file has no statement that produces tables");
}
