use std::sync::{Arc, Mutex};

use expect_test::{Expect, expect};

use super::*;

/// A database that records which queries execute and which memos it validates, with the host
/// side that sets its inputs.
struct Fixture {
    db: RootDatabase,
    files: Files,
    log: Arc<Mutex<Vec<String>>>,
}

impl Fixture {
    fn new() -> Fixture {
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        let db = RootDatabase::with_events(move |event| match event.kind {
            salsa::EventKind::WillExecute { database_key } => sink.lock().unwrap().push(format!("{database_key:?}")),
            salsa::EventKind::DidValidateMemoizedValue { database_key } => {
                sink.lock().unwrap().push(format!("validated {database_key:?}"))
            }
            _ => {}
        });
        Fixture { db, files: Files::default(), log }
    }

    fn file(&mut self, path: &str, text: &str) -> SourceFile {
        self.files.create(&mut self.db, path.to_owned(), Arc::from(text), Some(1), Origin::Editor)
    }

    fn edit(&mut self, file: SourceFile, text: &str) {
        self.files.update(&mut self.db, file, Arc::from(text), Some(2), Origin::Editor);
    }

    /// Makes the workspace of `files`, as durable as the host makes it.
    fn workspace(&self, files: Vec<SourceFile>) {
        let _ = Workspace::builder(files, Config::default()).durability(salsa::Durability::MEDIUM).new(&self.db);
    }

    /// How many times `query` executed since the last look.
    fn executed(&self, query: &str) -> usize {
        let log = std::mem::take(&mut *self.log.lock().unwrap());
        log.iter().filter(|k| k.starts_with(query)).count()
    }

    /// How many memos of `query` were validated since the last look.
    fn validated(&self, query: &str) -> usize {
        let log = std::mem::take(&mut *self.log.lock().unwrap());
        log.iter().filter(|k| k.strip_prefix("validated ").is_some_and(|k| k.starts_with(query))).count()
    }
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
    let mut f = Fixture::new();
    let file = f.file("a.flux", SCRIPT);
    f.workspace(vec![file]);
    let all = |db: &RootDatabase| {
        for item in file.items(db).iter() {
            item_outline(db, *item);
            item_tokens(db, *item);
        }
    };
    all(&f.db);
    assert_eq!(f.executed("item_tokens"), 4, "every item is computed once");

    // Inside `total`: only its item is recomputed.
    let edited = SCRIPT.replace("1 + 2", "1 + 20");
    f.edit(file, &edited);
    all(&f.db);
    assert_eq!(f.executed("item_tokens"), 1);

    // A line added at the top moves every statement but changes none.
    let moved = format!("// a new first line\n{edited}");
    f.edit(file, &moved);
    all(&f.db);
    assert_eq!(f.executed("item_outline"), 0);
    assert_eq!(item_offset(&f.db, file.items(&f.db)[0]), 36, "the items know where they are now");
}

#[test]
fn after_an_edit_the_untouched_statements_are_not_checked_again() {
    let mut f = Fixture::new();
    // Two chains of statements, each using the one before.
    let mut text = String::from("package p\n\na0 = 1\nb0 = 1\n");
    for i in 1..25 {
        text.push_str(&format!("a{i} = a{} + 1\nb{i} = b{} + 1\n", i - 1, i - 1));
    }
    let file = f.file("a.flux", &text);
    f.workspace(vec![file]);
    assert_eq!(semantic_diagnostics(&f.db, file), &[]);
    assert_eq!(f.executed("item_body"), 50);

    // The first edit of `b12` makes it volatile: the statements depending on it learn that
    // once, by being inferred again.
    f.edit(file, &text.replace("b12 = b11 + 1", "b12 = b11 + 10"));
    assert_eq!(semantic_diagnostics(&f.db, file), &[]);
    assert_eq!(f.executed("item_body"), 13, "b12 to b24");

    f.edit(file, &text.replace("b12 = b11 + 1", "b12 = b11 + 11"));
    assert_eq!(semantic_diagnostics(&f.db, file), &[]);
    let log = f.log.lock().unwrap().clone();
    assert_eq!(f.executed("item_body"), 1, "only b12 is inferred again");
    // The statements that do not depend on `b12` are valid without a look at their inputs;
    // those depending on it look at the bindings they read, which did not change.
    f.log.lock().unwrap().extend(log);
    assert_eq!(f.validated("item_binding"), 12, "b11's, read by b12, and b13 to b23's, each read by the next");
}

fn check_outline(src: &str, expect: Expect) {
    let mut f = Fixture::new();
    let file = f.file("a.flux", src);
    let db = &f.db;
    let mut out = String::new();
    fn write(out: &mut String, symbol: &Symbol, offset: u32, src: &str, depth: usize) {
        let selection = &src[(symbol.selection.start + offset) as usize..(symbol.selection.end + offset) as usize];
        out.push_str(&format!("{:indent$}{:?} {} ({selection})\n", "", symbol.kind, symbol.name, indent = depth * 2));
        for child in &symbol.children {
            write(out, child, offset, src, depth + 1);
        }
    }
    for item in file.items(db).iter() {
        let outline = item_outline(db, *item);
        let offset = item_offset(db, *item);
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
    let mut f = Fixture::new();
    let file = f.file("a.flux", src);
    f.workspace(vec![file]);
    let db = &f.db;
    let mut out = String::new();
    for item in file.items(db).iter() {
        let offset = item_offset(db, *item);
        for t in &item_tokens(db, *item).tokens {
            let text = &src[(t.range.start + offset) as usize..(t.range.end + offset) as usize];
            let modifiers: Vec<&str> = [
                (TokenModifiers::DECLARATION, "declaration"),
                (TokenModifiers::READONLY, "readonly"),
                (TokenModifiers::DEFAULT_LIBRARY, "defaultLibrary"),
            ]
            .into_iter()
            .filter(|(m, _)| t.modifiers.contains(*m))
            .map(|(_, name)| name)
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
            Function "trim" defaultLibrary
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
            Function "yield" defaultLibrary
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
    let mut f = Fixture::new();
    let file = f.file("p.flux", PACKAGE);
    f.workspace(vec![file]);
    let check = |db: &RootDatabase| semantic_diagnostics(db, file).clone();
    assert_eq!(check(&f.db), []);
    assert_eq!(f.executed("item_body"), 6, "every statement is inferred once");

    // Inside `name`, same type. The first edit of a statement makes it volatile (it now
    // changes at every keystroke): the statement reading it is inferred again once, to learn
    // that; from then on, only `name` is.
    let text = PACKAGE.replace("\"cpu\"", "\"mem\"");
    f.edit(file, &text);
    assert_eq!(check(&f.db), []);
    assert_eq!(f.executed("item_body"), 2, "`name` and the statement using it");
    let text = text.replace("\"mem\"", "\"io\"");
    f.edit(file, &text);
    assert_eq!(check(&f.db), []);
    assert_eq!(f.executed("item_body"), 1);

    // `threshold` keeps its type: after its first edit, its users are not inferred again.
    let text = text.replace("90.0", "95.5");
    f.edit(file, &text);
    assert_eq!(check(&f.db), []);
    assert_eq!(f.executed("item_body"), 4, "`threshold`, `hot`, `doubled` and the statement using `hot`");
    let text = text.replace("95.5", "96.5");
    f.edit(file, &text);
    assert_eq!(check(&f.db), []);
    assert_eq!(f.executed("item_body"), 1);

    // `threshold` becomes an int: it and its two users (`hot`, `doubled`) are inferred again,
    // and `doubled` now multiplies an int by a float.
    let text = text.replace("96.5", "95");
    f.edit(file, &text);
    let codes: Vec<&str> = check(&f.db).iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E204"]);
    assert_eq!(f.executed("item_body"), 3);

    // A comment added above everything moves every statement and changes none.
    let text = format!("// moved\n{text}");
    f.edit(file, &text);
    assert_eq!(check(&f.db).len(), 1);
    assert_eq!(f.executed("item_body"), 0);
}

#[test]
fn the_files_of_a_package_share_one_scope_and_keep_their_diagnostics() {
    let mut f = Fixture::new();
    let a = f.file("pkg/a.flux", "package pkg\n\nlimit = 10\n");
    let b = f.file(
        "pkg/b.flux",
        "package pkg\n\nkeepSome = (tables=<-) => tables |> limit(n: limit)\nbad = limit + \"x\"\n",
    );
    // Another package in the same directory, and a test file, see neither.
    let other = f.file("pkg/c.flux", "package other\n\ny = limit + 1\n");
    let test = f.file("pkg/b_test.flux", "package pkg_test\n\nz = keepSome\n");
    f.workspace(vec![a, b, other, test]);
    let db = &f.db;
    let codes = |file| -> Vec<(&'static str, String)> {
        semantic_diagnostics(db, file).iter().map(|d| (d.code, d.message.to_string())).collect()
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
