use std::sync::{Arc, Mutex};

use expect_test::{Expect, expect};
use salsa::Setter;

use super::*;

/// A database that records which queries execute.
fn logging_db() -> (RootDatabase, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    let db = RootDatabase::with_events(move |event| {
        if let salsa::EventKind::WillExecute { database_key } = event.kind {
            sink.lock().unwrap().push(format!("{database_key:?}"));
        }
    });
    (db, log)
}

fn executed(log: &Mutex<Vec<String>>, query: &str) -> usize {
    log.lock().unwrap().drain(..).filter(|k| k.starts_with(query)).count()
}

const SCRIPT: &str = r#"import "strings"

// Mean CPU.
cpu = from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "cpu")

label = (host, suffix="") => strings.toUpper(v: host) + suffix

total = 1 + 2

cpu |> yield(name: label(host: "a"))
"#;

#[test]
fn an_edit_inside_one_statement_reruns_only_that_statements_queries() {
    let (mut db, log) = logging_db();
    let file = SourceFile::new(&db, "a.flux".to_owned(), Arc::from(SCRIPT), Some(1));
    let all = |db: &RootDatabase| {
        for item in items(db, file) {
            item_outline(db, *item);
            item_tokens(db, *item);
        }
    };
    all(&db);
    assert_eq!(executed(&log, "item_tokens"), 4, "every item is computed once");

    // Inside `total`: only its item is recomputed.
    let edited = SCRIPT.replace("1 + 2", "1 + 20");
    file.set_text(&mut db).to(Arc::from(edited.as_str()));
    all(&db);
    let log_text = log.lock().unwrap().join("\n");
    assert_eq!(executed(&log, "item_tokens"), 1, "{log_text}");

    // A line added at the top moves every statement but changes none.
    let moved = format!("// a new first line\n{edited}");
    file.set_text(&mut db).to(Arc::from(moved.as_str()));
    all(&db);
    assert_eq!(executed(&log, "item_outline"), 0);
    assert_eq!(items(&db, file)[0].offset(&db), 36, "the items know where they are now");
}

fn check_outline(src: &str, expect: Expect) {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "a.flux".to_owned(), Arc::from(src), None);
    let mut out = String::new();
    fn write(out: &mut String, symbol: &Symbol, offset: u32, src: &str, depth: usize) {
        let selection = &src[(symbol.selection.start + offset) as usize..(symbol.selection.end + offset) as usize];
        out.push_str(&format!("{:indent$}{:?} {} ({selection})\n", "", symbol.kind, symbol.name, indent = depth * 2));
        for child in &symbol.children {
            write(out, child, offset, src, depth + 1);
        }
    }
    for item in items(&db, file) {
        let outline = item_outline(&db, *item);
        let offset = item.offset(&db);
        for symbol in &outline.symbols {
            write(&mut out, symbol, offset, src, 0);
        }
        for fold in &outline.folds {
            let text = &src[(fold.range.start + offset) as usize..(fold.range.end + offset) as usize];
            let first_line = text.lines().next().unwrap_or_default();
            out.push_str(&format!("fold {:?} {first_line:?} ({} lines)\n", fold.kind, text.lines().count()));
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn outline_of_declarations_and_folds() {
    check_outline(
        r#"option task = {name: "t", every: 1h}
option location.zone = "UTC"

// Helpers
// for labels.
label = (host, suffix="") => {
    upper = host + suffix
    return upper
}

builtin sum : (a: int, b: int) => int

testcase t {
    got = 1
    want = 1
}

from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: (r) =>
        r._value > 0)
"#,
        expect![[r#"
            Option task (task)
            Option location.zone (location.zone)
            Function label (label)
              Parameter host (host)
              Parameter suffix (suffix)
              Variable upper (upper)
            fold Comment "// Helpers" (2 lines)
            fold Region "{" (4 lines)
            Builtin sum (sum)
            TestCase t (t)
              Variable got (got)
              Variable want (want)
            fold Region "{" (4 lines)
            fold Region "from(bucket: \"b\")" (4 lines)
            fold Region "(fn: (r) =>" (2 lines)
        "#]],
    );
}

fn check_tokens(src: &str, expect: Expect) {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "a.flux".to_owned(), Arc::from(src), None);
    let mut out = String::new();
    for item in items(&db, file) {
        let offset = item.offset(&db);
        for t in &item_tokens(&db, *item).tokens {
            let text = &src[(t.range.start + offset) as usize..(t.range.end + offset) as usize];
            let modifiers: Vec<&str> = TokenModifiers::ALL
                .iter()
                .enumerate()
                .filter(|(i, _)| t.modifiers.0 & (1 << i) != 0)
                .map(|(_, m)| *m)
                .collect();
            out.push_str(&format!("{:?} {text:?} {}\n", t.ty, modifiers.join(",")));
        }
    }
    expect.assert_eq(&out);
}

#[test]
fn tokens_of_names_literals_keywords_and_comments() {
    check_tokens(
        r#"import "strings"
f = (r, n=1) => if r.x =~ /a/ and not exists r.y then "v ${n}" else strings.trim(v: "x") // done
f(r: {r with a: 1h}, n: 2.5) |> yield()
"#,
        expect![[r#"
            Function "f" declaration
            Operator "=" 
            Parameter "r" declaration
            Parameter "n" declaration
            Operator "=" 
            Number "1" 
            Operator "=>" 
            Keyword "if" 
            Parameter "r" 
            Property "x" 
            Operator "=~" 
            Regexp "/a/" 
            Keyword "and" 
            Keyword "not" 
            Keyword "exists" 
            Parameter "r" 
            Property "y" 
            Keyword "then" 
            String "\"v " 
            Parameter "n" 
            String "\"" 
            Keyword "else" 
            Namespace "strings" 
            Function "trim" 
            Parameter "v" 
            String "\"x\"" 
            Comment "// done\n" 
            Function "f" 
            Parameter "r" 
            Variable "r" 
            Keyword "with" 
            Property "a" 
            Number "1h" 
            Parameter "n" 
            Number "2.5" 
            Operator "|>" 
            Function "yield" 
        "#]],
    );
}

const PACKAGE: &str = r#"package p

import "strings"

threshold = 90.0
scale = (v) => v * 2.0
hot = from(bucket: "b") |> range(start: -1h) |> filter(fn: (r) => r._value > threshold)
doubled = scale(v: threshold)
name = strings.toUpper(v: "cpu")
hot |> yield(name: name)
"#;

#[test]
fn an_edit_reinfers_the_statement_and_only_those_whose_inputs_changed_type() {
    let (mut db, log) = logging_db();
    let file = SourceFile::new(&db, "p.flux".to_owned(), Arc::from(PACKAGE), Some(1));
    let workspace = Workspace::new(&db, vec![file], Config::default());
    let check = |db: &RootDatabase| semantic_diagnostics(db, file, workspace).clone();
    assert_eq!(check(&db), []);
    assert_eq!(executed(&log, "item_analysis"), 6, "every statement is inferred once");

    // Inside `name`, same type: only `name` is inferred again.
    let text = PACKAGE.replace("\"cpu\"", "\"mem\"");
    file.set_text(&mut db).to(Arc::from(text.as_str()));
    assert_eq!(check(&db), []);
    assert_eq!(executed(&log, "item_analysis"), 1);

    // `threshold` keeps its type: its users are not inferred again.
    let text = text.replace("90.0", "95.5");
    file.set_text(&mut db).to(Arc::from(text.as_str()));
    assert_eq!(check(&db), []);
    assert_eq!(executed(&log, "item_analysis"), 1);

    // `threshold` becomes an int: it and its two users (`hot`, `doubled`) are inferred again,
    // and `doubled` now multiplies an int by a float.
    let text = text.replace("95.5", "95");
    file.set_text(&mut db).to(Arc::from(text.as_str()));
    let codes: Vec<&str> = check(&db).iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E204"]);
    assert_eq!(executed(&log, "item_analysis"), 3);

    // A comment added above everything moves every statement and changes none.
    let text = format!("// moved\n{text}");
    file.set_text(&mut db).to(Arc::from(text.as_str()));
    assert_eq!(check(&db).len(), 1);
    assert_eq!(executed(&log, "item_analysis"), 0);
}

#[test]
fn the_files_of_a_package_share_one_scope_and_keep_their_diagnostics() {
    let db = RootDatabase::default();
    let a = SourceFile::new(&db, "pkg/a.flux".to_owned(), Arc::from("package pkg\n\nlimit = 10\n"), None);
    let b_text = "package pkg\n\nkeepSome = (tables=<-) => tables |> limit(n: limit)\nbad = limit + \"x\"\n";
    let b = SourceFile::new(&db, "pkg/b.flux".to_owned(), Arc::from(b_text), None);
    // Another package in the same directory, and a test file, see neither.
    let other = SourceFile::new(&db, "pkg/c.flux".to_owned(), Arc::from("package other\n\ny = limit + 1\n"), None);
    let test =
        SourceFile::new(&db, "pkg/b_test.flux".to_owned(), Arc::from("package pkg_test\n\nz = keepSome\n"), None);
    let workspace = Workspace::new(&db, vec![a, b, other, test], Config::default());
    let codes = |file| -> Vec<(&'static str, String)> {
        semantic_diagnostics(&db, file, workspace).iter().map(|d| (d.code, d.message.clone())).collect()
    };
    assert_eq!(codes(a), []);
    // `limit` is the package's int: `limit(n: limit)` calls it, and `+ "x"` mismatches; both
    // are reported in b.flux, where they are.
    let b_codes: Vec<&str> = codes(b).iter().map(|(c, _)| *c).collect();
    assert_eq!(b_codes, ["E209", "E204"], "{:?}", codes(b));
    // In package `other`, `limit` is the prelude's function: `limit + 1` adds an int to it.
    assert_eq!(codes(other).iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["E204"]);
    assert_eq!(codes(test).iter().map(|(c, _)| *c).collect::<Vec<_>>(), ["E201"]);
}
