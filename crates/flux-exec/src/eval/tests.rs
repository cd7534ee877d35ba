use std::sync::Arc;

use expect_test::{Expect, expect};
use flux_semantic::ir::ItemRef;

use super::Evaluator;

/// Runs a script's statements in order and shows the value of each expression statement,
/// or the first run-time error with the text it points at.
fn check(source: &str, expect: Expect) {
    let (parse, analysis) = crate::test_support::analyze(source);
    let mut evaluator = Evaluator::new();
    let mut out = String::new();
    for (j, (top, body)) in parse.file.body.iter().zip(analysis.bodies).enumerate() {
        let body = Arc::new(body);
        match evaluator.run_statement(ItemRef(j as u64), &body) {
            Ok(Some(value)) => out.push_str(&format!("{value}\n")),
            Ok(None) => {}
            Err(e) => {
                let offset = top.offset;
                let at = &source[(e.range.start + offset) as usize..(e.range.end + offset) as usize];
                out.push_str(&format!("error at `{at}`: {}\n", e.message));
                break;
            }
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn literals_and_arithmetic() {
    check(
        r#"
1 + 2 * 3
7 / 2
m = -7 % 3
m
2 ^ 10
1.5 * 2.0
"a" + "b"
10 > 9.5
"abc" < "abd"
1mo2d3h
2018-05-22T19:53:26+02:00
"x=${1 + 1}, ${"y"}"
"#,
        expect![[r#"
            7
            3
            -1
            1024
            3
            ab
            true
            true
            1mo2d3h
            2018-05-22T17:53:26Z
            x=2, y
        "#]],
    );
}

#[test]
fn records_arrays_dictionaries() {
    check(
        r#"
r = {a: 1, b: "x"}
s = {r with b: "y", c: 2.5}
s
b = s.b
b
x = [1, 2, 3][1]
x
d = ["k": 1, "j": 2]
d
{a: [1, 2], b: {c: true}} == {b: {c: true}, a: [1, 2]}
"#,
        expect![[r#"
            {a: 1, b: "y", c: 2.5}
            y
            2
            ["j": 2, "k": 1]
            true
        "#]],
    );
}

#[test]
fn functions_defaults_pipes_and_closures() {
    check(
        r#"
add = (a, b=10) => a + b
add(a: 1)
add(a: 1, b: 2)
inc = (n=<-) => n + 1
5 |> inc()
make = (k) => (x) => x * k
triple = make(k: 3)
triple(x: 7)
f = (x) => {
    y = x * 2
    z = y + 1
    return z * z
}
f(x: 3)
"#,
        expect![[r#"
            11
            3
            6
            21
            49
        "#]],
    );
}

#[test]
fn nulls_conditionals_and_logic() {
    check(
        r#"
r = {a: 1}
exists r.a
if r.a > 0 then "pos" else "neg"
true or 1 / 0 == 0
false and 1 / 0 == 0
"web-1" =~ /^web-[0-9]+$/
"db" !~ /^web/
"#,
        expect![[r#"
            true
            pos
            true
            false
            true
            true
        "#]],
    );
}

#[test]
fn errors_point_at_their_expression() {
    check(
        r#"
x = 1
x / (x - 1)
"#,
        expect![[r#"
            error at `x / (x - 1)`: cannot divide by zero
        "#]],
    );
    check(
        "a = [1, 2]\na[5]\n",
        expect![[r#"
            error at `5`: index 5 is out of range for an array of 2 elements
        "#]],
    );
    check(
        "import \"http\"\nhttp.post(url: \"http://localhost\")\n",
        expect![[r#"
            error at `http.post(url: "http://localhost")`: http.post: would send a request to http://localhost: scripts reach other hosts only when allowed, with --allow-net (or `allow = ["net"]` on a connection of your own flx.toml)
        "#]],
    );
    check(
        "import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \":memory:\", query: \"select 1\")\n",
        expect![[r#"
            error at `sql.from(driverName: "sqlite3", dataSourceName: ":memory:", query: "select 1")`: sql.from: would connect to a sqlite3 database: scripts use SQL only when allowed, with --allow-sql (or `allow = ["sql"]` on a connection of your own flx.toml)
        "#]],
    );
}
