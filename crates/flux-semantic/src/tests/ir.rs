//! The lowered, resolved and typed bodies: one `check` over a program, printing each top-level
//! statement's expressions (children before parents, each with its type) and its names.

use expect_test::{Expect, expect};

use crate::ir::*;

/// Types are shown with the statement's variables named `t0`, `t1`, ... as its type table
/// numbers them, so that a variable shared by two expressions has one name.
fn check(source: &str, expect: Expect) {
    let parse = flux_syntax::parse(source);
    assert!(parse.errors.is_empty(), "syntax errors: {:?}", parse.errors);
    let analysis = crate::analyze_files(&[&parse.file], &crate::Predefined::default()).remove(0);
    let mut out = String::new();
    for (top, body) in parse.file.body.iter().zip(&analysis.bodies) {
        let text = |r: flux_syntax::TextRange| &source[(r.start + top.offset) as usize..(r.end + top.offset) as usize];
        out.push_str(&format!("{}\n", statement(&body.statement)));
        let kinds: Vec<String> = body
            .types
            .vars()
            .filter(|(_, k)| !k.is_empty())
            .map(|(v, k)| format!("t{v}: {}", k.iter().map(|k| k.name()).collect::<Vec<_>>().join(" + ")))
            .collect();
        if !kinds.is_empty() {
            out.push_str(&format!("  where {}\n", kinds.join(", ")));
        }
        for (id, e) in body.exprs() {
            out.push_str(&format!("  e{} {}: {}\n", id.0, kind(body, &e.kind), body.types.ty(body.expr_type(id))));
            let _ = text(e.range);
        }
        for name in body.names() {
            let role = if name.definition { "defines" } else { "uses" };
            let shorthand = if name.shorthand { " (shorthand)" } else { "" };
            out.push_str(&format!(
                "  {} {role} {}{shorthand}: {}\n",
                text(name.range),
                resolution(body, &name.resolution),
                body.types.ty(name.ty)
            ));
        }
        for d in &body.diagnostics {
            out.push_str(&format!("  {} {}\n", d.code, d.message));
        }
    }
    expect.assert_eq(&out);
}

fn statement(s: &Stmt) -> String {
    match s {
        Stmt::Variable { target, value } => format!("{} = e{}", target_name(target), value.0),
        Stmt::Option { target, value } => format!("option {} = e{}", target_name(target), value.0),
        Stmt::PackageOption { package, name, value } => format!("option \"{package}\".{name} = e{}", value.0),
        Stmt::Builtin { target, scheme } => format!("builtin {} : {scheme}", target_name(target)),
        Stmt::TestCase(t) => {
            let body: Vec<String> = t.body.iter().map(statement).collect();
            let extends = t.extends.as_ref().map(|e| format!(" extends {e:?}")).unwrap_or_default();
            format!("testcase {}{extends} {{ {} }}", t.name, body.join("; "))
        }
        Stmt::Expr(e) => format!("e{}", e.0),
        Stmt::Return(e) => format!("return e{}", e.0),
        Stmt::Bad => "bad".to_owned(),
    }
}

fn target_name(t: &Target) -> String {
    match t {
        Target::Package(name) => name.to_string(),
        Target::Local(id) => format!("local{}", id.0),
    }
}

fn ids(list: &[ExprId]) -> String {
    list.iter().map(|e| format!("e{}", e.0)).collect::<Vec<_>>().join(", ")
}

fn kind(body: &Body, k: &ExprKind) -> String {
    match k {
        ExprKind::Literal(l) => match l {
            Literal::Int(v) => format!("{v}"),
            Literal::Float(bits) => format!("{:?}", f64::from_bits(*bits)),
            Literal::String(s) => format!("{s:?}"),
            Literal::Duration(d) => d.iter().map(|d| format!("{}{}", d.magnitude, d.unit)).collect(),
            Literal::Time(t) => format!("time {}-{:02}-{:02}", t.year, t.month, t.day),
            Literal::Regexp(r) => format!("/{r}/"),
            Literal::Label(l) => format!(".{l}"),
        },
        ExprKind::Interpolated(parts) => {
            let parts: Vec<String> = parts
                .iter()
                .map(|p| match p {
                    StringPart::Text(t) => format!("{t:?}"),
                    StringPart::Expr(e) => format!("e{}", e.0),
                })
                .collect();
            format!("interpolated {}", parts.join(" + "))
        }
        ExprKind::Name(r) => resolution(body, r),
        ExprKind::Member { object, property, .. } => format!("e{}.{property}", object.0),
        ExprKind::Index { array, index } => format!("e{}[e{}]", array.0, index.0),
        ExprKind::Array(items) => format!("[{}]", ids(items)),
        ExprKind::Dict(entries) => {
            let entries: Vec<String> = entries.iter().map(|(k, v)| format!("e{}: e{}", k.0, v.0)).collect();
            format!("[{}]", entries.join(", "))
        }
        ExprKind::Record { with, fields } => {
            let with = with.map(|w| format!("e{} with ", w.0)).unwrap_or_default();
            let fields: Vec<String> = fields.iter().map(|f| format!("{}: e{}", f.label, f.value.0)).collect();
            format!("{{{with}{}}}", fields.join(", "))
        }
        ExprKind::Function(f) => {
            let params: Vec<String> = f
                .params
                .iter()
                .map(|p| {
                    let mut s = format!("{} (local{})", p.name, p.local.0);
                    if p.pipe {
                        s.push_str("=<-");
                    }
                    if let Some(d) = p.default {
                        s.push_str(&format!("=e{}", d.0));
                    }
                    s
                })
                .collect();
            let body = match &f.body {
                FunctionBody::Expr(e) => format!("e{}", e.0),
                FunctionBody::Block(statements) => {
                    let statements: Vec<String> = statements.iter().map(statement).collect();
                    format!("{{ {} }}", statements.join("; "))
                }
            };
            format!("({}) => {body}", params.join(", "))
        }
        ExprKind::Call(c) => {
            let arguments: Vec<String> = c.arguments.iter().map(|a| format!("{}: e{}", a.name, a.value.0)).collect();
            let pipe = c.pipe.map(|p| format!("e{} |> ", p.0)).unwrap_or_default();
            format!("{pipe}e{}({})", c.callee.0, arguments.join(", "))
        }
        ExprKind::Unary { operator, argument } => format!("{} e{}", operator.as_str(), argument.0),
        ExprKind::Binary { operator, left, right } => format!("e{} {} e{}", left.0, operator.as_str(), right.0),
        ExprKind::Logical { operator, left, right } => format!("e{} {} e{}", left.0, operator.as_str(), right.0),
        ExprKind::Conditional { test, consequent, alternate } => {
            format!("if e{} then e{} else e{}", test.0, consequent.0, alternate.0)
        }
        ExprKind::Error => "error".to_owned(),
    }
}

fn resolution(body: &Body, r: &Resolution) -> String {
    match r {
        Resolution::Local(id) => {
            let local = body.local(*id);
            format!("local{} {} ({:?})", id.0, local.name, local.kind)
        }
        Resolution::Package { name, item } => format!("package {name} (statement {})", item.0),
        Resolution::Stdlib { package, name } => format!("stdlib \"{package}\".{name}"),
        Resolution::Import(name) => format!("import {name}"),
        Resolution::Predeclared(p) => format!("predeclared {p:?}"),
        Resolution::Unresolved => "unresolved".to_owned(),
    }
}

#[test]
fn pipes_become_the_calls_piped_argument() {
    check(
        r#"from(bucket: "b") |> range(start: -1h) |> yield()"#,
        expect![[r#"
            e8
              e0 stdlib "influxdata/influxdb".from: (?bucket: string, ?bucketID: string, ?host: string, ?org: string, ?orgID: string, ?token: string) => stream[{t1 with _value: t0, _time: time, _field: string, _measurement: string}]
              e1 "b": string
              e2 e0(bucket: e1): stream[{t1 with _value: t0, _time: time, _field: string, _measurement: string}]
              e3 stdlib "universe".range: (<-tables: stream[{t1 with _time: time, _value: t0, _field: string, _measurement: string}], start: duration, ?stop: t2) => stream[{t1 with _stop: time, _start: time, _time: time, _value: t0, _field: string, _measurement: string}]
              e4 1h: duration
              e5 - e4: duration
              e6 e2 |> e3(start: e5): stream[{t1 with _stop: time, _start: time, _time: time, _value: t0, _field: string, _measurement: string}]
              e7 stdlib "universe".yield: (<-tables: stream[{t1 with _stop: time, _start: time, _time: time, _value: t0, _field: string, _measurement: string}], ?name: string) => stream[{t1 with _stop: time, _start: time, _time: time, _value: t0, _field: string, _measurement: string}]
              e8 e6 |> e7(): stream[{t1 with _stop: time, _start: time, _time: time, _value: t0, _field: string, _measurement: string}]
              from uses stdlib "influxdata/influxdb".from: (?bucket: string, ?bucketID: string, ?host: string, ?org: string, ?orgID: string, ?token: string) => stream[{t1 with _value: t0, _time: time, _field: string, _measurement: string}]
              range uses stdlib "universe".range: (<-tables: stream[{t1 with _time: time, _value: t0, _field: string, _measurement: string}], start: duration, ?stop: t2) => stream[{t1 with _stop: time, _start: time, _time: time, _value: t0, _field: string, _measurement: string}]
              yield uses stdlib "universe".yield: (<-tables: stream[{t1 with _stop: time, _start: time, _time: time, _value: t0, _field: string, _measurement: string}], ?name: string) => stream[{t1 with _stop: time, _start: time, _time: time, _value: t0, _field: string, _measurement: string}]
        "#]],
    );
}

#[test]
fn parentheses_go_and_shorthand_properties_become_names() {
    check(
        "package p\nx = 1\ny = {x}\nz = (x + 2) * 3\n",
        expect![[r#"
            x = e0
              e0 1: int
              x defines package x (statement 0): int
            y = e1
              e0 package x (statement 0): int
              e1 {x: e0}: {x: int}
              y defines package y (statement 1): {x: int}
              x uses package x (statement 0) (shorthand): int
            z = e4
              e0 package x (statement 0): int
              e1 2: int
              e2 e0 + e1: int
              e3 3: int
              e4 e2 * e3: int
              z defines package z (statement 2): int
              x uses package x (statement 0): int
        "#]],
    );
}

#[test]
fn functions_carry_their_defaults_and_pipe_parameter() {
    check(
        "package p\nf = (tables=<-, n=5, fn) => tables |> limit(n) |> map(fn)\n",
        expect![[r#"
            f = e8
              e0 local0 tables (Parameter): stream[t0]
              e1 stdlib "universe".limit: (<-tables: stream[t0], n: int, ?offset: int) => stream[t0]
              e2 local1 n (Parameter): int
              e3 e0 |> e1(n: e2): stream[t0]
              e4 stdlib "universe".map: (<-tables: stream[t0], fn: (r: t0) => t1, ?mergeKey: bool) => stream[t1]
              e5 local2 fn (Parameter): (r: t0) => t1
              e6 e3 |> e4(fn: e5): stream[t1]
              e7 5: int
              e8 (tables (local0)=<-, n (local1)=e7, fn (local2)) => e6: (<-tables: stream[t0], fn: (r: t0) => t1, ?n: int) => stream[t1]
              f defines package f (statement 0): (<-tables: stream[t0], fn: (r: t0) => t1, ?n: int) => stream[t1]
              tables defines local0 tables (Parameter): stream[t0]
              n defines local1 n (Parameter): int
              fn defines local2 fn (Parameter): (r: t0) => t1
              tables uses local0 tables (Parameter): stream[t0]
              limit uses stdlib "universe".limit: (<-tables: stream[t0], n: int, ?offset: int) => stream[t0]
              n uses local1 n (Parameter) (shorthand): int
              map uses stdlib "universe".map: (<-tables: stream[t0], fn: (r: t0) => t1, ?mergeKey: bool) => stream[t1]
              fn uses local2 fn (Parameter) (shorthand): (r: t0) => t1
        "#]],
    );
}

#[test]
fn each_name_resolves_to_one_thing() {
    check(
        r#"import s "strings"
import "array"

threshold = 10
f = (r) => {
    t = r.v
    return t > threshold and s.containsStr(v: v.bucket, substr: "x") and exists r.v
}
data = array.from(rows: [{v: 1}]) |> filter(fn: f) |> yield(name: unknown)
"#,
        expect![[r#"
            threshold = e0
              e0 10: int
              threshold defines package threshold (statement 0): int
            f = e15
              where t0: Comparable, t2: Timeable, t3: Timeable
              e0 local0 r (Parameter): {t1 with v: t0}
              e1 e0.v: t0
              e2 local1 t (Variable): t0
              e3 package threshold (statement 0): int
              e4 e2 > e3: bool
              e5 stdlib "strings".containsStr: (substr: string, v: string) => bool
              e6 predeclared Dashboard: {t4 with timeRangeStart: t2, timeRangeStop: t3, windowPeriod: duration, defaultBucket: string, organization: string, bucket: string}
              e7 e6.bucket: string
              e8 "x": string
              e9 e5(v: e7, substr: e8): bool
              e10 e4 and e9: bool
              e11 local0 r (Parameter): {t1 with v: t0}
              e12 e11.v: t0
              e13 exists e12: bool
              e14 e10 and e13: bool
              e15 (r (local0)) => { local1 = e1; return e14 }: (r: {t1 with v: t0}) => bool
              f defines package f (statement 1): (r: {t1 with v: t0}) => bool
              r defines local0 r (Parameter): {t1 with v: t0}
              t defines local1 t (Variable): t0
              r uses local0 r (Parameter): {t1 with v: t0}
              t uses local1 t (Variable): t0
              threshold uses package threshold (statement 0): int
              s uses import s: <error>
              containsStr uses stdlib "strings".containsStr: (substr: string, v: string) => bool
              v uses predeclared Dashboard: {t4 with timeRangeStart: t2, timeRangeStop: t3, windowPeriod: duration, defaultBucket: string, organization: string, bucket: string}
              r uses local0 r (Parameter): {t1 with v: t0}
            data = e10
              e0 stdlib "array".from: (<-rows: [{v: int}]) => stream[{v: int}]
              e1 1: int
              e2 {v: e1}: {v: int}
              e3 [e2]: [{v: int}]
              e4 e0(rows: e3): stream[{v: int}]
              e5 stdlib "universe".filter: (<-tables: stream[{v: int}], fn: (r: {v: int}) => bool, ?onEmpty: string) => stream[{v: int}]
              e6 package f (statement 1): (r: {v: int}) => bool
              e7 e4 |> e5(fn: e6): stream[{v: int}]
              e8 stdlib "universe".yield: (<-tables: stream[{v: int}], ?name: string) => stream[{v: int}]
              e9 unresolved: <error>
              e10 e7 |> e8(name: e9): stream[{v: int}]
              data defines package data (statement 2): stream[{v: int}]
              array uses import array: <error>
              from uses stdlib "array".from: (<-rows: [{v: int}]) => stream[{v: int}]
              filter uses stdlib "universe".filter: (<-tables: stream[{v: int}], fn: (r: {v: int}) => bool, ?onEmpty: string) => stream[{v: int}]
              f uses package f (statement 1): (r: {v: int}) => bool
              yield uses stdlib "universe".yield: (<-tables: stream[{v: int}], ?name: string) => stream[{v: int}]
              unknown uses unresolved: <error>
              E201 undefined identifier `unknown`
        "#]],
    );
}

#[test]
fn types_of_different_expressions_share_their_variables() {
    // `r` is the row of the stream `filter` takes: its column `_value` is that of the rows of
    // `data`, whatever `data` is.
    check(
        "package p\ng = (data) => data |> filter(fn: (r) => r._value > 0)\n",
        expect![[r#"
            g = e8
              where t0: Comparable
              e0 local0 data (Parameter): stream[{t1 with _value: t0}]
              e1 stdlib "universe".filter: (<-tables: stream[{t1 with _value: t0}], fn: (r: {t1 with _value: t0}) => bool, ?onEmpty: string) => stream[{t1 with _value: t0}]
              e2 local1 r (Parameter): {t1 with _value: t0}
              e3 e2._value: t0
              e4 0: int
              e5 e3 > e4: bool
              e6 (r (local1)) => e5: (r: {t1 with _value: t0}) => bool
              e7 e0 |> e1(fn: e6): stream[{t1 with _value: t0}]
              e8 (data (local0)) => e7: (data: stream[{t1 with _value: t0}]) => stream[{t1 with _value: t0}]
              g defines package g (statement 0): (data: stream[{t1 with _value: t0}]) => stream[{t1 with _value: t0}]
              data defines local0 data (Parameter): stream[{t1 with _value: t0}]
              data uses local0 data (Parameter): stream[{t1 with _value: t0}]
              filter uses stdlib "universe".filter: (<-tables: stream[{t1 with _value: t0}], fn: (r: {t1 with _value: t0}) => bool, ?onEmpty: string) => stream[{t1 with _value: t0}]
              r defines local1 r (Parameter): {t1 with _value: t0}
              r uses local1 r (Parameter): {t1 with _value: t0}
        "#]],
    );
}

#[test]
fn options_builtins_and_testcases() {
    check(
        r#"package p_test
import "testing"
option now = () => 2024-01-01T00:00:00Z
option testing.tags = ["x"]
builtin fixture : (n: int) => [int]
testcase parent { want = fixture(n: 1) }
testcase child extends "p_test" { super() }
"#,
        expect![[r#"
            option now = e1
              e0 time 2024-01-01: time
              e1 () => e0: () => time
              now defines package now (statement 0): () => time
            option "testing".tags = e1
              e0 "x": string
              e1 [e0]: [string]
              testing uses import testing: <error>
              tags uses stdlib "testing".tags: [t0]
            builtin fixture : (n: int) => [int]
              fixture defines package fixture (statement 2): (n: int) => [int]
            testcase parent { local0 = e2 }
              e0 package fixture (statement 2): (n: int) => [int]
              e1 1: int
              e2 e0(n: e1): [int]
              want defines local0 want (Variable): [int]
              fixture uses package fixture (statement 2): (n: int) => [int]
              W201 `want` is defined but never used
            testcase child extends "p_test" { e1 }
              e0 local0 super (Super): () => t0
              e1 e0(): t0
              child defines local0 super (Super): () => t1
              super uses local0 super (Super): () => t0
        "#]],
    );
}
