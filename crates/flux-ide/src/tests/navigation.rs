//! Hover, signature help, definition, references, highlight, rename, workspace symbols and
//! inlay hints. Fixtures may hold several files, each after a `//- /path.flux` line; `$0` is
//! the cursor (in any one file).

use std::fmt::Write;

use expect_test::{Expect, expect};

use super::fixture;
use crate::*;

fn check_hover(text: &str, expect: Expect) {
    let f = fixture(text);
    let (file, offset) = f.cursor();
    let out = match f.host.analysis().hover(file, offset).unwrap() {
        Some(hover) => format!("{}\n{}\n", f.describe(file, hover.range), hover.markdown),
        None => "no hover\n".to_owned(),
    };
    expect.assert_eq(&out);
}

#[test]
fn hover_a_stdlib_function_shows_type_docs_parameters_and_link() {
    check_hover(
        r#"x = from(bucket: "b") |> fil$0ter(fn: (r) => true)"#,
        expect![[r#"
        /main.flux:1:26 "filter"
        ```flux
        filter: (
            <-tables: stream[A],
            fn: (r: A) => bool,
            ?onEmpty: string,
        ) => stream[A] where A: Record
        ```

        Keeps only the rows for which the predicate `fn(r)` returns `true`; `false` or null removes the
        row. Tables left empty are dropped unless `onEmpty: "keep"`.

        Parameters:
        - `tables`: `stream[A]` (the piped input)
        - `fn`: `(r: A) => bool`
        - `onEmpty`: `string` (optional, default `"drop"`)

        value of package `universe` · [Documentation](https://docs.influxdata.com/flux/v0.x/stdlib/universe/filter/)
    "#]],
    );
}

#[test]
fn hover_says_when_the_embedded_engine_cannot_run_a_function() {
    check_hover(
        "import \"socket\"\nsocket.fr$0om(url: \"tcp://127.0.0.1:9\")",
        expect![[r#"
            /main.flux:2:8 "from"
            ```flux
            from: (url: string, ?decoder: string) => stream[A]
            ```

            Connects to a `tcp://` or `unix://` `url` and returns everything received until the connection
            closes as tables, parsed with `decoder`: `csv` (annotated CSV, the default) or `line`
            (line protocol).

            Parameters:
            - `url`: `string`
            - `decoder`: `string` (optional)

            **Not in the embedded engine:** `socket.from` needs network sockets, which the embedded engine does not connect to: it is not enabled in `flx run` and `flx test`.

            value of package `socket` · [Documentation](https://docs.influxdata.com/flux/v0.x/stdlib/socket/from/)
        "#]],
    );
}

#[test]
fn hover_a_parameter_shows_the_row_type_from_upstream() {
    check_hover(
        r#"x = from(bucket: "b") |> range(start: -1h) |> filter(fn: (r$0) => r.host == "a")"#,
        expect![[r#"
            /main.flux:1:59 "r"
            ```flux
            r: {A with host: B, _stop: time, _start: time, _time: time, _value: C, _field: string, _measurement: string} where B: Equatable
            ```

            parameter, defined on line 1
        "#]],
    );
}

#[test]
fn hover_a_package_value_shows_its_comment_and_where_it_is() {
    check_hover(
        r#"// The alert level.
threshold = 90.0
y = thresh$0old * 2.0"#,
        expect![[r#"
            /main.flux:3:5 "threshold"
            ```flux
            threshold: float
            ```

            The alert level.

            variable of package `main`, defined on line 2
        "#]],
    );
}

#[test]
fn hover_a_value_of_another_file_of_the_package() {
    check_hover(
        r#"//- /pkg/a.flux
package alerts

// Scales a value.
scale = (v, factor=2.0) => v * factor
//- /pkg/b.flux
package alerts

y = sc$0ale(v: 1.0)
"#,
        expect![[r#"
            /pkg/b.flux:3:5 "scale"
            ```flux
            scale: (v: A, ?factor: A) => A where A: Divisible
            ```

            Scales a value.

            function of package `alerts`, defined on /pkg/a.flux, line 4
        "#]],
    );
}

#[test]
fn hover_an_import_shows_the_package() {
    check_hover(
        r#"import "strings"
x = stri$0ngs.toUpper(v: "a")"#,
        expect![[r#"
            /main.flux:2:5 "strings"
            ```flux
            import "strings"
            ```

            Functions that transform and inspect string values: case changes, trimming, searching, splitting,
            joining and measuring.

            [Documentation](https://docs.influxdata.com/flux/v0.x/stdlib/strings/)
        "#]],
    );
}

#[test]
fn hover_a_record_property() {
    check_hover(
        r#"p = {x: 1, y: "a"}
z = p.y$0"#,
        expect![[r#"
    /main.flux:2:7 "y"
    ```flux
    y: string
    ```

    property of {x: int, y: string}
"#]],
    );
}

#[test]
fn hover_a_deprecated_function() {
    check_hover(
        r#"x = jo$0in(tables: {a: 1}, on: ["a"])"#,
        expect![[r#"
            /main.flux:1:5 "join"
            ```flux
            join: (
                <-tables: A,
                ?method: string,
                ?on: [string],
            ) => stream[B] where A: Record, B: Record
            ```

            Joins the two streams given in the `tables` record on equal values of the `on` columns (inner
            join only); other shared column names get a `_<table>` suffix.
            Deprecated: use `join.inner` instead.

            Parameters:
            - `tables`: `A` (the piped input)
            - `method`: `string` (optional, default `"inner"`)
            - `on`: `[string]` (optional)

            **Deprecated** since Flux 0.172.0: use `join.inner` from package "join" instead.

            value of package `universe` · [Documentation](https://docs.influxdata.com/flux/v0.x/stdlib/universe/join/)
        "#]],
    );
}

#[test]
fn no_hover_on_an_undefined_name() {
    check_hover(
        "x = undefined$0Name\n",
        expect![[r#"
        no hover
    "#]],
    );
}

fn check_signature(text: &str, expect: Expect) {
    let f = fixture(text);
    let (file, offset) = f.cursor();
    let out = match f.host.analysis().signature_help(file, offset).unwrap() {
        Some(help) => {
            let active = help.active_parameter.map(|i| &help.label[help.parameters[i].label.as_usize()]);
            let mut out = format!("{}\nactive: {active:?}\n", help.label);
            for p in &help.parameters {
                if let Some(doc) = &p.documentation {
                    let _ = writeln!(out, "  {}: {doc}", p.name);
                }
            }
            out
        }
        None => "no signature\n".to_owned(),
    };
    expect.assert_eq(&out);
}

#[test]
fn signature_of_a_piped_call_with_the_argument_being_written() {
    check_signature(
        r#"x = from(bucket: "b") |> range(start: -1h) |> aggregateWindow(every: 1m, fn: mean, createEmpty: $0"#,
        expect![[r#"
            aggregateWindow(<-tables: stream[A], every: duration, fn: (<-: stream[B], column: C) => stream[D], ?column: C, ?createEmpty: bool, ?location: {offset: duration, zone: string}, ?offset: duration, ?period: duration, ?timeDst: string, ?timeSrc: string) => stream[E] where A: Record, B: Record, D: Record, E: Record
            active: Some("?createEmpty: bool")
              column: default: `"_value"`
              createEmpty: default: `true`
              location: default: `location`
              offset: default: `0s`
              period: default: `0s`
              timeDst: default: `"_time"`
              timeSrc: default: `"_stop"`
        "#]],
    );
}

#[test]
fn signature_active_parameter_by_name_in_any_order() {
    check_signature(
        r#"x = range(stop: now(), sta$0rt: -1h)"#,
        expect![[r#"
        range(<-tables: stream[{A with _time: time}], start: B, ?stop: C) => stream[{A with _stop: time, _start: time, _time: time}]
        active: Some("start: B")
          stop: default: `now()`
    "#]],
    );
}

#[test]
fn signature_next_parameter_in_an_empty_slot() {
    check_signature(
        r#"x = range(start: -1h, $0)"#,
        expect![[r#"
        range(<-tables: stream[{A with _time: time}], start: B, ?stop: C) => stream[{A with _stop: time, _start: time, _time: time}]
        active: Some("?stop: C")
          stop: default: `now()`
    "#]],
    );
}

#[test]
fn signature_of_a_user_function() {
    check_signature(
        r#"scale = (v, factor=2.0) => v * factor
y = scale(v: 1.0, $0)"#,
        expect![[r#"
            scale(v: A, ?factor: A) => A where A: Divisible
            active: Some("?factor: A")
        "#]],
    );
}

#[test]
fn signature_inside_a_nested_function_is_the_inner_call() {
    check_signature(
        r#"import "strings"
x = filter(fn: (r) => strings.hasPrefix(v: r.host, $0))"#,
        expect![[r#"
            hasPrefix(prefix: string, v: string) => bool
            active: Some("prefix: string")
        "#]],
    );
}

fn check_definition(text: &str, expect: Expect) {
    let f = fixture(text);
    let (file, offset) = f.cursor();
    let mut out = String::new();
    for location in f.host.analysis().definition(file, offset).unwrap() {
        let _ = writeln!(out, "{}", f.describe(location.file, location.range));
    }
    expect.assert_eq(&out);
}

#[test]
fn definition_of_locals_parameters_imports_and_other_files() {
    check_definition(
        "f = (x) => {\n    y = x + 1\n    return y$0 * 2\n}",
        expect![[r#"
        /main.flux:2:5 "y"
    "#]],
    );
    check_definition(
        "f = (x) => x$0 + 1",
        expect![[r#"
        /main.flux:1:6 "x"
    "#]],
    );
    check_definition(
        "import s \"strings\"\nx = s$0.toUpper(v: \"a\")",
        expect![[r#"
        /main.flux:1:8 "s"
    "#]],
    );
    check_definition(
        "//- /p/a.flux\npackage p\n\nlimit = 5\n//- /p/b.flux\npackage p\n\ny = lim$0it + 1\n",
        expect![[r#"
            /p/a.flux:3:1 "limit"
        "#]],
    );
    check_definition("x = fil$0ter", expect![[""]]);
}

fn check_references(text: &str, expect: Expect) {
    let f = fixture(text);
    let (file, offset) = f.cursor();
    let mut out = String::new();
    for r in f.host.analysis().references(file, offset, true).unwrap() {
        let what = if r.definition { "def" } else { "use" };
        let _ = writeln!(out, "{what} {}", f.describe(r.file, r.range));
    }
    expect.assert_eq(&out);
}

#[test]
fn references_respect_shadowing() {
    check_references(
        r#"x = 1
f = (x) => x + 1
g = () => x$0 * 2
h = {x}"#,
        expect![[r#"
            def /main.flux:1:1 "x"
            use /main.flux:3:11 "x"
            use /main.flux:4:6 "x"
        "#]],
    );
}

#[test]
fn references_of_a_parameter_stay_in_its_function() {
    check_references(
        r#"x = 1
f = (x$0) => {
    y = x + 1
    return (() => x)()
}
z = x"#,
        expect![[r#"
            def /main.flux:2:6 "x"
            use /main.flux:3:9 "x"
            use /main.flux:4:19 "x"
        "#]],
    );
}

#[test]
fn references_across_the_files_of_a_package() {
    check_references(
        "//- /p/a.flux\npackage p\n\nlimit$0 = 5\n//- /p/b.flux\npackage p\n\ny = limit + 1\n//- /q/c.flux\npackage p\n\nlimit = 3\nz = limit\n",
        expect![[r#"
            def /p/a.flux:3:1 "limit"
            use /p/b.flux:3:5 "limit"
        "#]],
    );
}

#[test]
fn highlights_of_an_import() {
    let f = fixture("import \"strings\"\nx = strings.toUpper(v: \"a\")\ny = strings$0.toLower(v: x)");
    let (file, offset) = f.cursor();
    let mut out = String::new();
    for r in f.host.analysis().highlights(file, offset).unwrap() {
        let _ = writeln!(out, "{} {}", r.definition, f.describe(r.file, r.range));
    }
    expect![[r#"
        true /main.flux:1:8 "\"strings\""
        false /main.flux:2:5 "strings"
        false /main.flux:3:5 "strings"
    "#]]
    .assert_eq(&out);
}

fn check_rename(text: &str, new_name: &str, expect: Expect) {
    let f = fixture(text);
    let (file, offset) = f.cursor();
    let analysis = f.host.analysis();
    let out = match analysis.prepare_rename(file, offset).unwrap() {
        Err(refused) => format!("refused: {refused}\n"),
        Ok(_) => match analysis.rename(file, offset, new_name).unwrap() {
            Err(refused) => format!("refused: {refused}\n"),
            Ok(change) => {
                let mut out = String::new();
                for (id, edits) in &change.edits {
                    let (path, _, text) = f.files.iter().find(|(_, i, _)| i == id).unwrap();
                    let mut text = text.clone();
                    let mut edits = edits.clone();
                    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
                    for e in edits {
                        text.replace_range(e.range.as_usize(), &e.new_text);
                    }
                    let _ = write!(out, "{path}\n{text}\n");
                }
                out
            }
        },
    };
    expect.assert_eq(&out);
}

#[test]
fn rename_across_two_files_of_a_package() {
    check_rename(
        "//- /p/a.flux\npackage p\n\nlimit$0 = 5\n//- /p/b.flux\npackage p\n\ny = limit + 1\nr = {limit}\n",
        "maximum",
        expect![[r#"
            /p/a.flux
            package p

            maximum = 5

            /p/b.flux
            package p

            y = maximum + 1
            r = {limit: maximum}

        "#]],
    );
}

#[test]
fn rename_a_local_keeps_shadowed_names() {
    check_rename(
        "x = 1\nf = (x) => x$0 + 1\ny = x",
        "value",
        expect![[r#"
        /main.flux
        x = 1
        f = (value) => value + 1
        y = x
    "#]],
    );
}

#[test]
fn rename_an_import_gives_it_an_alias() {
    check_rename(
        "import \"strings\"\nx = strings$0.toUpper(v: \"a\")",
        "s",
        expect![[r#"
        /main.flux
        import s "strings"
        x = s.toUpper(v: "a")
    "#]],
    );
}

#[test]
fn rename_refuses_collisions_keywords_and_the_standard_library() {
    check_rename(
        "a = 1\nb$0 = 2\nc = a + b",
        "a",
        expect![[r#"
        refused: `a` is already a package-level name where the renamed one is used (line 2)
    "#]],
    );
    check_rename(
        "f = (x$0, y) => x + y",
        "y",
        expect![[r#"
        refused: `y` is already defined on line 1 where the name is used (line 1)
    "#]],
    );
    check_rename(
        "x$0 = 1\ny = filter",
        "filter",
        expect![[r#"
        refused: `filter` is used on line 2 of /main.flux, where it would then mean the renamed name
    "#]],
    );
    check_rename(
        "x$0 = 1",
        "return",
        expect![[r#"
        refused: `return` is a keyword of Flux
    "#]],
    );
    check_rename(
        "x$0 = 1",
        "2x",
        expect![[r#"
        refused: `2x` is not a valid Flux identifier
    "#]],
    );
    check_rename(
        "x = fil$0ter",
        "keep",
        expect![[r#"
        refused: `filter` belongs to the standard library (package "universe") and cannot be renamed
    "#]],
    );
}

#[test]
fn workspace_symbols_match_fuzzily_across_files() {
    let f = fixture(
        "//- /a.flux\nhighCpu = 1\nlowMem = 2\n//- /b/c.flux\npackage b\n\nhostCount = (tables=<-) => tables\n",
    );
    let mut out = String::new();
    for s in f.host.analysis().workspace_symbols("hc").unwrap() {
        let _ = writeln!(out, "{:?} {} in {} at {}", s.kind, s.name, s.container, f.describe(s.file, s.range));
    }
    expect![[r#"
        Variable highCpu in main at /a.flux:1:1 "highCpu"
        Function hostCount in b at /b/c.flux:3:1 "hostCount"
    "#]]
    .assert_eq(&out);
}

fn check_inlay(text: &str, config: InlayConfig, expect: Expect) {
    let f = fixture(text);
    let (_, file, body) = &f.files[0];
    let hints = f.host.analysis().inlay_hints(*file, TextRange::new(0, body.len() as u32), &config).unwrap();
    let mut out = String::new();
    for h in hints {
        let _ = writeln!(
            out,
            "{:?} after {:?}{}",
            h.kind,
            &body[..h.offset as usize].rsplit(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or_default(),
            h.label
        );
    }
    expect.assert_eq(&out);
}

#[test]
fn inlay_hints_show_inferred_types_but_not_for_literals() {
    check_inlay(
        r#"limit = 5
data = from(bucket: "b") |> range(start: -1h)
scale = (v, factor=2.0) => {
    doubled = v * factor
    return doubled
}
rows = [{a: 1}]"#,
        InlayConfig::default(),
        expect![[r#"
            Variable after "data": stream[{A with _stop: time, _start: tim…
            Parameter after "v": A where A: Divisible
            Parameter after "factor": A where A: Divisible
            Variable after "doubled": A where A: Divisible
            Variable after "rows": [{a: int}]
        "#]],
    );
}

#[test]
fn inlay_hints_can_be_turned_off_and_cut_short() {
    let config = InlayConfig { variable_types: true, parameter_types: false, max_length: 12 };
    check_inlay(
        r#"data = from(bucket: "b") |> range(start: -1h)
f = (x) => x"#,
        config,
        expect![[r#"
    Variable after "data": stream[{A w…
"#]],
    );
}
