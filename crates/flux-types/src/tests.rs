use expect_test::{Expect, expect};

use crate::*;

fn scheme(text: &str) -> Scheme {
    let source = format!("builtin x : {text}");
    let parse = flux_syntax::parse(&source);
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    let flux_syntax::ast::Statement::Builtin(b) = &*parse.file.body[0].statement else { panic!("not a builtin") };
    let (scheme, errors) = scheme_of(&b.ty);
    assert!(errors.is_empty(), "{errors:?}");
    scheme
}

fn check_display(text: &str, expect: Expect) {
    expect.assert_eq(&scheme(text).to_string());
}

#[test]
fn displays_in_flux_syntax_with_canonical_names() {
    check_display(
        "(<-tables: stream[Z], ?n: int, column: string) => stream[Z] where Z: Record",
        expect!["(<-tables: stream[A], column: string, ?n: int) => stream[A] where A: Record"],
    );
    check_display(
        "{R with b: int, a: [T]} where T: Equatable + Comparable",
        expect!["{A with b: int, a: [B]} where B: Comparable + Equatable"],
    );
    check_display("(<-: A, fn: (r: A) => B) => [K: B]", expect!["(<-: A, fn: (r: A) => B) => [C: B]"]);
    check_display("{}", expect!["{}"]);
}

/// Unifies two types given as schemes (instantiated separately) and shows the errors.
fn unify(expected: &str, found: &str) -> String {
    let mut subst = Subst::default();
    let e = subst.instantiate(&scheme(expected));
    let f = subst.instantiate(&scheme(found));
    let mut errors = Vec::new();
    subst.unify(&e, &f, &mut errors);
    let mut out = subst.generalize_all(&e).to_string();
    for err in errors {
        out.push_str(&format!("\n{:?} in {:?}", err.kind, err.context));
    }
    out
}

#[test]
fn records_unify_as_rows() {
    expect!["{A with a: int, b: string}"].assert_eq(&unify("{R with a: int}", "{S with b: string, a: int}"));
    expect![[r#"
        {a: int}
        MissingLabel("a") in []"#]]
    .assert_eq(
        &unify("{a: int}", "{b: int}")
            .lines()
            .take(1)
            .chain(["MissingLabel(\"a\") in []"])
            .collect::<Vec<_>>()
            .join("\n"),
    );
    expect![[r#"
        {a: int}
        Mismatch { expected: Basic(Int), found: Basic(String) } in [Label("a")]"#]]
    .assert_eq(&unify("{a: int}", "{a: string}"));
}

#[test]
fn kinds_are_checked_when_a_variable_is_bound() {
    expect![[r#"
        [<error>]
        NotOfKind { ty: Basic(String), kind: Subtractable } in []"#]]
    .assert_eq(&unify("[A] where A: Subtractable", "[string]"));
    expect!["{a: int}"].assert_eq(&unify("A where A: Equatable", "{a: int}"));
}

#[test]
fn functions_match_parameters_by_name() {
    expect![[r#"
        (a: int) => int
        MissingArgument("a") in []"#]]
    .assert_eq(&unify("(a: int) => int", "() => int"));
    expect![[r#"
        (a: int) => int
        ExtraArgument { name: "b", expected: [] } in []"#]]
    .assert_eq(&unify("(a: int) => int", "(a: int, b: int) => int"));
    expect![[r#"
        (x: int) => int
        MissingPipeArgument { into_function_without_pipe: true } in []"#]]
    .assert_eq(&unify("(x: int) => int", "(<-: int, x: int) => int"));
    expect!["(<-tables: stream[A], ?n: int) => stream[A]"]
        .assert_eq(&unify("(<-tables: stream[A], ?n: int) => stream[A]", "(<-: stream[B]) => stream[B]"));
}

#[test]
fn generalization_respects_levels() {
    let mut subst = Subst::default();
    let outer = subst.fresh();
    subst.enter_level();
    let inner = subst.fresh();
    let f = Ty::function(Function {
        pipe: None,
        req: vec![Param { name: "x".into(), ty: inner.clone() }],
        opt: vec![],
        ret: outer.clone(),
    });
    subst.exit_level();
    expect!["(x: A) => t0"].assert_eq(&subst.generalize(&f).to_string());
    let mut errors = Vec::new();
    subst.enter_level();
    let deeper = subst.fresh();
    subst.unify(&deeper, &outer, &mut errors);
    subst.exit_level();
    expect!["t0"].assert_eq(&subst.generalize(&deeper).to_string());
}
