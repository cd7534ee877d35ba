//! Parser tests: one `check` helper per concern and many small fixtures with snapshots.
//! Update the snapshots with `UPDATE_EXPECT=1 cargo test -p flux-syntax`.

use std::fmt::Write;

use expect_test::{Expect, expect};

use crate::ast::*;
use crate::{ColumnEncoding, LineIndex, debug_tree, parse};

/// The full outline of the tree, then the errors.
fn check(src: &str, expect: Expect) {
    let parse = parse(src);
    let mut out = debug_tree(&parse.file, src);
    out.push_str(&errors(src));
    expect.assert_eq(&out);
}

/// The first statement's expression in a compact prefix form, such as `(+ 1 (* 2 3))`;
/// the program must parse without errors.
fn check_expr(src: &str, expect: Expect) {
    let parse = parse(src);
    assert_eq!(errors(src), "", "unexpected errors in {src:?}");
    let expr = match &*parse.file.body[0].statement {
        Statement::Expr(s) => &s.expression,
        Statement::Variable(v) => &v.init,
        other => panic!("not an expression statement: {other:?}"),
    };
    expect.assert_eq(&sexp(expr));
}

/// Only the errors, as `line:col code message`.
fn check_errors(src: &str, expect: Expect) {
    expect.assert_eq(&errors(src));
}

fn errors(src: &str) -> String {
    let parse = parse(src);
    let index = LineIndex::new(src);
    let mut out = String::new();
    for e in &parse.errors {
        let lc = index.line_col(e.range.start, ColumnEncoding::Utf32);
        let _ = writeln!(out, "{}:{} {} {}", lc.line + 1, lc.col + 1, e.code(), e.message);
    }
    out
}

fn sexp(e: &Expr) -> String {
    match e {
        Expr::Identifier(id) => id.name.to_string(),
        Expr::Integer(i) => i.value.to_string(),
        Expr::Float(f) => format!("{:?}", f.value()),
        Expr::String(s) => format!("{:?}", s.value),
        Expr::Duration(d) => d.values.iter().map(|v| format!("{}{}", v.magnitude, v.unit)).collect(),
        Expr::DateTime(d) => crate::format_date_time(&d.value),
        Expr::Regexp(r) => format!("/{}/", r.value),
        Expr::PipeLit(_) => "<-".to_owned(),
        Expr::Label(l) => format!(".{}", l.value),
        Expr::Bad(_) => "BAD".to_owned(),
        Expr::Binary(b) => format!("({} {} {})", b.operator.as_str(), sexp(&b.left), sexp(&b.right)),
        Expr::Logical(l) => format!("({} {} {})", l.operator.as_str(), sexp(&l.left), sexp(&l.right)),
        Expr::Unary(u) => format!("({} {})", u.operator.as_str(), sexp(&u.argument)),
        Expr::Paren(p) => format!("(paren {})", sexp(&p.expression)),
        Expr::Member(m) => format!("(. {} {})", sexp(&m.object), m.property.name()),
        Expr::Index(i) => format!("([] {} {})", sexp(&i.array), sexp(&i.index)),
        Expr::Call(c) => call_sexp(c),
        Expr::Pipe(p) => format!("(|> {} {})", sexp(&p.argument), call_sexp(&p.call)),
        Expr::Conditional(c) => format!("(if {} {} {})", sexp(&c.test), sexp(&c.consequent), sexp(&c.alternate)),
        Expr::Function(f) => {
            let params: Vec<String> = f.params.iter().map(property_sexp).collect();
            let body = match &f.body {
                FunctionBody::Expr(e) => sexp(e),
                FunctionBody::Block(b) => format!("{{{} statements}}", b.body.len()),
            };
            format!("(fn [{}] {})", params.join(" "), body)
        }
        Expr::Object(o) => {
            let props: Vec<String> = o.properties.iter().map(property_sexp).collect();
            match &o.with {
                Some(w) => format!("{{{} with {}}}", w.source.name, props.join(" ")),
                None => format!("{{{}}}", props.join(" ")),
            }
        }
        Expr::Array(a) => {
            let items: Vec<String> = a.elements.iter().map(|i| sexp(&i.expression)).collect();
            format!("[{}]", items.join(" "))
        }
        Expr::Dict(d) => {
            let items: Vec<String> = d.elements.iter().map(|i| format!("{}:{}", sexp(&i.key), sexp(&i.val))).collect();
            format!("[dict {}]", items.join(" "))
        }
        Expr::StringExpr(s) => {
            let parts: Vec<String> = s
                .parts
                .iter()
                .map(|p| match p {
                    StringExprPart::Text(t) => format!("{:?}", t.value),
                    StringExprPart::Interpolated(i) => format!("${{{}}}", sexp(&i.expression)),
                })
                .collect();
            format!("(str {})", parts.join(" "))
        }
    }
}

fn call_sexp(c: &CallExpr) -> String {
    let args: Vec<String> = c.arguments.iter().map(property_sexp).collect();
    format!("(call {} {})", sexp(&c.callee), args.join(" "))
}

fn property_sexp(p: &Property) -> String {
    match &p.value {
        Some(v) => format!("{}:{}", p.key.name(), sexp(v)),
        None => p.key.name().to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Precedence and associativity

#[test]
fn arithmetic_precedence_and_left_associativity() {
    check_expr("1 + 2 * 3 - 4 / 5 % 6", expect![[r#"(- (+ 1 (* 2 3)) (% (/ 4 5) 6))"#]]);
    check_expr("2 ^ 3 ^ 2", expect![[r#"(^ (^ 2 3) 2)"#]]);
    check_expr("a * b ^ c", expect![[r#"(* a (^ b c))"#]]);
    check_expr("1 < 2 < 3", expect![[r#"(< (< 1 2) 3)"#]]);
    check_expr("a - -b", expect![[r#"(- a (- b))"#]]);
}

#[test]
fn logical_operators_bind_looser_than_comparisons() {
    check_expr(
        r#"a == 1 and b != "x" or not c =~ /re/"#,
        expect![[r#"(or (and (== a 1) (!= b "x")) (not (=~ c /re/)))"#]],
    );
    check_expr("not exists r.x and r.y", expect![[r#"(and (not (exists (. r x))) (. r y))"#]]);
    check_expr("a or b or c", expect![[r#"(or (or a b) c)"#]]);
}

#[test]
fn pipes_bind_tighter_than_arithmetic() {
    check_expr("a |> f() + 1", expect![[r#"(+ (|> a (call f )) 1)"#]]);
    check_expr("-a |> f()", expect![[r#"(|> (- a) (call f ))"#]]);
    check_expr(
        r#"from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._value > 0)"#,
        expect![[
            r#"(|> (|> (call from bucket:"b") (call range start:(- 1h))) (call filter fn:(fn [r] (> (. r _value) 0))))"#
        ]],
    );
    check_expr("a |> b.c()", expect![[r#"(|> a (call (. b c) ))"#]]);
}

#[test]
fn postfix_chains() {
    check_expr(r#"a.b["c"][0](x: 1).d"#, expect![[r#"(. (call ([] (. (. a b) c) 0) x:1) d)"#]]);
    check_expr(r#"r["a b"]"#, expect![[r#"(. r a b)"#]]);
    check_expr(r#"r["a${b}"]"#, expect![[r#"([] r (str "a" ${b}))"#]]);
}

#[test]
fn conditionals_nest_in_the_else_branch() {
    check_expr("if a then 1 else if b then 2 else 3", expect![[r#"(if a 1 (if b 2 3))"#]]);
    check_expr("x = if a then b + 1 else c", expect![[r#"(if a (+ b 1) c)"#]]);
}

#[test]
fn function_literals() {
    check_expr("(r) => r._value * 2.0", expect![[r#"(fn [r] (* (. r _value) 2.0))"#]]);
    check_expr("(tables=<-, n=5, fn) => tables", expect![[r#"(fn [tables:<- n:5 fn] tables)"#]]);
    check_expr("() => 1", expect![[r#"(fn [] 1)"#]]);
    check_expr("(r) => ({r with x: 1})", expect![[r#"(fn [r] (paren {r with x:1}))"#]]);
    check_expr("(r) => { y = 1\n return y }", expect![[r#"(fn [r] {2 statements})"#]]);
    check_expr("(a) => (b) => a + b", expect![[r#"(fn [a] (fn [b] (+ a b)))"#]]);
    check_expr("(a)", expect![[r#"(paren a)"#]]);
    check_expr("(a + 1) * 2", expect![[r#"(* (paren (+ a 1)) 2)"#]]);
}

#[test]
fn records_arrays_and_dictionaries() {
    check_expr(r#"{a: 1, "b c": 2}"#, expect![[r#"{a:1 b c:2}"#]]);
    check_expr("{a, b}", expect![[r#"{a b}"#]]);
    check_expr("{r with a: 1, b: 2,}", expect![[r#"{r with a:1 b:2}"#]]);
    check_expr("{}", expect![[r#"{}"#]]);
    check_expr("[1, 2, 3,]", expect![[r#"[1 2 3]"#]]);
    check_expr("[]", expect![[r#"[]"#]]);
    check_expr(r#"["a": 1, "b": 2]"#, expect![[r#"[dict "a":1 "b":2]"#]]);
    check_expr("[:]", expect![[r#"[dict ]"#]]);
}

// ---------------------------------------------------------------------------------------------
// Literals

#[test]
fn numeric_duration_and_time_literals() {
    check_expr("[0, 42, 1., .5, 3.25]", expect![[r#"[0 42 1.0 0.5 3.25]"#]]);
    check_expr("[1h30m, 1mo2w, 5µs, 10ms, 1y]", expect![[r#"[1h30m 1mo2w 5us 10ms 1y]"#]]);
    check_expr(
        "[2018-01-01, 2018-08-15T13:36:23Z, 2018-08-15T13:36:23.000123-07:00]",
        expect![[r#"[2018-01-01T00:00:00Z 2018-08-15T13:36:23Z 2018-08-15T13:36:23.000123-07:00]"#]],
    );
    check_expr("-1d", expect![[r#"(- 1d)"#]]);
}

#[test]
fn strings_regexes_and_labels() {
    check_expr(r#""tab\tquote\" dollar\${x} \x41""#, expect![[r#""tab\tquote\" dollar${x} A""#]]);
    check_expr(r#""a ${b} c ${"d ${e}"}""#, expect![[r#"(str "a " ${b} " c " ${(str "d " ${e})})"#]]);
    check_expr("\"multi\nline\"", expect![[r#""multi\nline""#]]);
    check_expr(r#""costs $5 $""#, expect![[r#""costs $5 $""#]]);
    check_expr(r"x =~ /a\/b\d+/", expect![[r#"(=~ x /a/b\d+/)"#]]);
    check_expr("a / b / c", expect![[r#"(/ (/ a b) c)"#]]);
    check_expr("[.a, .\"b c\"]", expect![[r#"[.a .b c]"#]]);
}

// ---------------------------------------------------------------------------------------------
// Statements

#[test]
fn file_structure() {
    check(
        r#"@edition("2022.1")
package main

import "strings"
import s "experimental/strings"

// The answer.
option now = () => 2020-01-01T00:00:00Z
option location.zone = "UTC"
x = 1
return x
"#,
        expect![[r#"
            File 1:1-11:9
              PackageClause 2:1-2:13
                Attribute @edition 1:1-1:19
                  AttributeParam 1:10-1:18
                    StringLiteral "2022.1" 1:10-1:18
                Identifier `main` 2:9-2:13
              ImportDeclaration 4:1-4:17
                StringLiteral "strings" 4:8-4:17
              ImportDeclaration 5:1-5:32
                Identifier `s` 5:8-5:9
                StringLiteral "experimental/strings" 5:10-5:32
              OptionStatement 8:1-8:40
                VariableAssignment 8:8-8:40
                  Identifier `now` 8:8-8:11
                  FunctionExpression 8:14-8:40
                    DateTimeLiteral 2020-01-01T00:00:00Z 8:20-8:40
              OptionStatement 9:1-9:29
                MemberAssignment 9:8-9:29
                  MemberExpression 9:8-9:21
                    Identifier `location` 9:8-9:16
                    Identifier `zone` 9:17-9:21
                  StringLiteral "UTC" 9:24-9:29
              VariableAssignment 10:1-10:6
                Identifier `x` 10:1-10:2
                IntegerLiteral 1 10:5-10:6
              ReturnStatement 11:1-11:9
                Identifier `x` 11:8-11:9
        "#]],
    );
}

#[test]
fn builtins_with_the_type_language() {
    check(
        "builtin f : (<-tables: stream[A], ?n: int = .x, fn: (r: {B with _value: C}) => bool, d: [string:int], v: vector[dynamic]) => [A] where A: Record + Comparable, C: Numeric",
        expect![[r#"
            File 1:1-1:170
              BuiltinStatement 1:1-1:170
                Identifier `f` 1:9-1:10
                TypeExpression 1:13-1:170
                  FunctionType 1:13-1:129
                    Pipe 1:14-1:33
                      Identifier `tables` 1:16-1:22
                      StreamType 1:24-1:33
                        TvarType A 1:31-1:32
                    Optional default=.x 1:35-1:42
                      Identifier `n` 1:36-1:37
                      NamedType int 1:39-1:42
                    Required 1:49-1:84
                      Identifier `fn` 1:49-1:51
                      FunctionType 1:53-1:84
                        Required 1:54-1:75
                          Identifier `r` 1:54-1:55
                          RecordType 1:57-1:75
                            Identifier `B` 1:58-1:59
                            PropertyType 1:65-1:74
                              Identifier `_value` 1:65-1:71
                              TvarType C 1:73-1:74
                        NamedType bool 1:80-1:84
                    Required 1:86-1:101
                      Identifier `d` 1:86-1:87
                      DictType 1:89-1:101
                        NamedType string 1:90-1:96
                        NamedType int 1:97-1:100
                    Required 1:103-1:121
                      Identifier `v` 1:103-1:104
                      VectorType 1:106-1:121
                        DynamicType 1:113-1:120
                    ArrayType 1:126-1:129
                      TvarType A 1:127-1:128
                  TypeConstraint 1:136-1:158
                    Identifier `A` 1:136-1:137
                    Identifier `Record` 1:139-1:145
                    Identifier `Comparable` 1:148-1:158
                  TypeConstraint 1:160-1:170
                    Identifier `C` 1:160-1:161
                    Identifier `Numeric` 1:163-1:170
        "#]],
    );
}

#[test]
fn testcases() {
    check(
        "testcase t extends \"flux/x_test\" {\n  got = 1\n}",
        expect![[r#"
            File 1:1-3:2
              TestCaseStatement 1:1-3:2
                Identifier `t` 1:10-1:11
                Block 1:34-3:2
                  VariableAssignment 2:3-2:10
                    Identifier `got` 2:3-2:6
                    IntegerLiteral 1 2:9-2:10
        "#]],
    );
}

#[test]
fn comments_attach_to_the_following_token() {
    let src = "// doc 1\n// doc 2\nx = 1 // trailing\n// end\n";
    let parse = parse(src);
    let statement = &parse.file.body[0];
    assert_eq!(doc_text(statement.statement.leading_comments()), "doc 1\ndoc 2");
    assert_eq!(parse.file.eof.len(), 2, "comments after the last token belong to the file's end");
    assert_eq!(parse.file.eof[0].content(), " trailing");
}

// ---------------------------------------------------------------------------------------------
// Errors: one per mistake, at the mistake, in words

#[test]
fn unclosed_brackets() {
    check_errors(
        "from(bucket: \"b\")\n  |> filter(fn: (r) => r._value > 0\n\ny = 1\n",
        expect![[r#"
            4:1 E102 expected `)` to close the call opened at 2:12, found `y`
        "#]],
    );
    check_errors(
        "x = [1, 2",
        expect![[r#"
            1:5 E102 unclosed `[`: expected `]` to close this array before the end of the file
        "#]],
    );
    check_errors(
        "f = (r) => {\n  return r\n",
        expect![[r#"
            1:12 E102 unclosed `{`: expected `}` to close this function body before the end of the file
        "#]],
    );
}

#[test]
fn common_mistakes_get_specific_messages() {
    check_errors(
        "filter(fn: (r) => r.host = \"a\")",
        expect![[r#"
            1:26 E101 expected `,` or `)` after this argument, found `=` (to compare two values, use `==`)
        "#]],
    );
    check_errors(
        "limit(10)",
        expect![[r#"
            1:7 E101 Flux arguments are named: expected `name: value`, found `10`
        "#]],
    );
    check_errors(
        "x = 'a'",
        expect![[r#"
            1:5 E105 unexpected `'`: Flux strings are written in double quotes
        "#]],
    );
    check_errors(
        "x = a && b",
        expect![[r#"
            1:7 E105 unexpected `&`: Flux writes logical conjunction as `and`
        "#]],
    );
    check_errors(
        "data |> mean",
        expect![[r#"
            1:9 E111 the right side of `|>` must be a function call: write `mean()`
        "#]],
    );
    check_errors(
        "r.x = 1",
        expect![[r#"
            1:5 E101 cannot assign to `r.x`: only plain names can be assigned; to set a package option write `option r.x = ...`
        "#]],
    );
    check_errors(
        "x = if a 1 else 2",
        expect![[r#"
            1:10 E101 expected `then` after the condition of the `if` at 1:5, found `1`
        "#]],
    );
    check_errors(
        "f(a: 1 b: 2)",
        expect![[r#"
            1:8 E101 expected `,` between arguments, found `b`
        "#]],
    );
}

#[test]
fn literal_errors() {
    check_errors(
        "x = [012, 99999999999999999999, 2018-02-30, 2018-01-01T10:00:00, \"\\q\", /(a/]",
        expect![[r#"
            1:6 E106 invalid integer `012`: a number other than 0 cannot start with 0
        "#]],
    );
    check_errors(
        "x = 2018-01-01T10:00:00",
        expect![[r#"
            1:5 E107 invalid date-time `2018-01-01T10:00:00`: a time of day needs a UTC offset, such as `Z` or `+01:00`
        "#]],
    );
    check_errors(
        "x = \"a \\q b\"",
        expect![[r#"
            1:8 E104 invalid escape sequence `\q`: Flux strings know `\n`, `\r`, `\t`, `\\`, `\"`, `\${` and `\xHH`
        "#]],
    );
    check_errors(
        "x = /(a/",
        expect![[r#"
            1:5 E109 invalid regular expression: unclosed group
        "#]],
    );
    check_errors(
        "x = \"abc",
        expect![[r#"
            1:5 E103 unterminated string: the closing `"` is missing
        "#]],
    );
}

#[test]
fn record_shape_errors() {
    check_errors(
        "x = {a, b: 1}",
        expect![[r#"
            1:6 E110 `a` is a shorthand property among `key: value` properties; write `a: a`, or use the shorthand for every property
        "#]],
    );
    check_errors(
        "x = {\"a\"}",
        expect![[r#"
            1:6 E110 the string key "a" needs a value: write `"a": value`
        "#]],
    );
}

#[test]
fn misplaced_declarations() {
    check_errors(
        "x = 1\nimport \"a\"\nimport \"b\"\n",
        expect![[r#"
            2:1 E112 imports must come before all statements
        "#]],
    );
    check_errors(
        "x = 1\n@deprecated\n",
        expect![[r#"
            2:1 E112 these attributes are not followed by a statement
        "#]],
    );
}

#[test]
fn junk_gives_one_error_per_run() {
    check_errors(
        ") ) )\n, , ,\nx = 1\n}",
        expect![[r#"
            1:1 E114 unexpected `)`: there is no `(` to close
            4:1 E114 unexpected `}`: there is no `{` to close
        "#]],
    );
}

#[test]
fn missing_commas_libflux_tolerates_are_warnings() {
    check_errors(
        "x = [1, 2 3]\nf = (a, b c) => a",
        expect![[r#"
            1:10 W101 missing `,` between array elements
            2:10 W101 missing `,` between parameters
        "#]],
    );
}

#[test]
fn nesting_limits() {
    let deep = format!("x = {}1{}", "(".repeat(100), ")".repeat(100));
    check_errors(
        &deep,
        expect![[r#"
            1:84 E113 the program nests too deeply here: Flux accepts at most 80 nested expressions and blocks
        "#]],
    );
    let long_chain = format!("x = {}", vec!["a"; 200].join(" + "));
    check_errors(
        &long_chain,
        expect![[r#"
            1:5 E113 this expression nests too deeply: Flux rejects syntax trees more than 180 levels deep
        "#]],
    );
    // Very long inputs stay within bounded recursion.
    let huge = format!("x = {}", vec!["1"; 100_000].join(" + "));
    assert!(parse(&huge).has_errors());
    let unary = format!("x = {}1", "-".repeat(100_000));
    assert!(parse(&unary).has_errors());
}

#[test]
fn incomplete_member_access_stays_in_the_tree() {
    check(
        "f = (r) => r.",
        expect![[r#"
            File 1:1-1:14
              VariableAssignment 1:1-1:14
                Identifier `f` 1:1-1:2
                FunctionExpression 1:5-1:14
                  Property 1:6-1:7
                    Identifier `r` 1:6-1:7
                  MemberExpression 1:12-1:14
                    Identifier `r` 1:12-1:13
                    Identifier `` 1:14-1:14
            1:14 E101 expected a property name after `.`, found end of file
        "#]],
    );
}

#[test]
fn a_byte_order_mark_opening_the_file_is_whitespace() {
    check(
        "\u{feff}x = 1\n",
        expect![[r#"
            File 1:2-1:7
              VariableAssignment 1:2-1:7
                Identifier `x` 1:2-1:3
                IntegerLiteral 1 1:6-1:7
        "#]],
    );
    check_errors("\u{feff}// c\nx = 1\n", expect![""]);
    // Elsewhere it is an invisible character that does not belong in code.
    check_errors(
        "x = 1\u{feff}\n",
        expect![[r#"
        1:6 E105 unexpected character `\u{feff}`
    "#]],
    );
}

#[test]
fn every_input_is_parsed_without_panicking() {
    for src in ["", "(", ")", "\"", "${", "/", "@", "[:", "{r with", "x = (", "builtin x :", "\u{feff}x"] {
        let parse = parse(src);
        for e in &parse.errors {
            assert!(e.range.end as usize <= src.len());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Incremental reparsing: identical to a full parse after any edit

/// A small deterministic generator, so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SNIPPETS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "/",
    "//",
    "\n",
    " ",
    "${",
    "|>",
    ",",
    ":",
    "=",
    "=>",
    "x",
    "1",
    "1h",
    "\"s\"",
    "/re/",
    "if ",
    " then ",
    " else ",
    "<-",
    ".",
    "@a ",
    "import \"p\"\n",
    "f()",
    "{r with a: 1}",
    "\n// c\n",
    "2020-01-01",
    "a.b = 1\n",
    "x = 1\n",
    "é",
];

fn random_edit(rng: &mut Rng, text: &str) -> String {
    let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    let start = boundaries[rng.below(boundaries.len())];
    let after: Vec<usize> = boundaries.iter().copied().filter(|&i| i >= start && i <= start + 12).collect();
    let end = if rng.below(3) == 0 { start } else { after[rng.below(after.len())] };
    let insert = if rng.below(4) == 0 { "" } else { SNIPPETS[rng.below(SNIPPETS.len())] };
    format!("{}{}{}", &text[..start], insert, &text[end..])
}

fn sources() -> Vec<String> {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus/syntax");
    let mut sources = Vec::new();
    for kind in ["valid", "invalid"] {
        let mut files: Vec<_> = std::fs::read_dir(corpus.join(kind))
            .expect("the corpus exists")
            .map(|e| e.expect("an entry").path())
            .collect();
        files.sort();
        sources.extend(
            files
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "flux"))
                .map(|p| std::fs::read_to_string(p).expect("readable")),
        );
    }
    sources
}

#[test]
fn reparse_equals_a_full_parse_after_random_edits() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut reused = 0;
    let mut statements = 0;
    for source in sources() {
        let mut text = source;
        let mut parse = parse(&text);
        for _ in 0..25 {
            let edited = random_edit(&mut rng, &text);
            let incremental = parse.reparse(&text, &edited);
            let full = crate::parse(&edited);
            if incremental != full {
                let show = |p: &crate::Parse| {
                    let comments: Vec<_> = p.file.body.iter().map(|t| (t.offset, t.comments.to_vec())).collect();
                    format!(
                        "{}{:#?}\ncomments: {comments:?}\neof: {:?}",
                        debug_tree(&p.file, &edited),
                        p.errors,
                        p.file.eof
                    )
                };
                panic!(
                    "reparse differs from a full parse\n--- before\n{text:?}\n--- after\n{edited:?}\n--- full\n{}\n--- incremental\n{}",
                    show(&full),
                    show(&incremental),
                );
            }
            // The restart bookkeeping may over-estimate what each statement depends on, never
            // under-estimate it: later reparses rely on it.
            for (i, (ours, exact)) in incremental.chunks.iter().zip(&full.chunks).enumerate() {
                assert!(
                    ours.examined_before >= exact.examined_before,
                    "statement {i} depends on text up to {}, not {}, after editing {text:?} into {edited:?}",
                    exact.examined_before,
                    ours.examined_before
                );
            }
            for top in &incremental.file.body {
                statements += 1;
                reused +=
                    parse.file.body.iter().filter(|old| std::sync::Arc::ptr_eq(&old.statement, &top.statement)).count();
            }
            text = edited;
            parse = incremental;
        }
    }
    // The point of reparsing: most statements survive an edit untouched.
    assert!(reused * 2 > statements, "only {reused} of {statements} statements were reused");
}

#[test]
fn an_edit_inside_one_statement_reparses_only_that_statement() {
    let text = "a = 1\nb = 2\nc = 3\nd = 4\ne = 5\n";
    let old = parse(text);
    let edited = text.replace("c = 3", "c = 30");
    let new = old.reparse(text, &edited);
    assert_eq!(new, parse(&edited));
    let shared: Vec<bool> = new
        .file
        .body
        .iter()
        .zip(&old.file.body)
        .map(|(n, o)| std::sync::Arc::ptr_eq(&n.statement, &o.statement))
        .collect();
    // `b` looked one token ahead, at `c`, which the edit leaves alone: only `c` is reparsed.
    assert_eq!(shared, [true, true, false, true, true]);
}
