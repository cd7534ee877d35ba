//! What an editor can run in a file: the top-level statements that produce tables and the
//! test cases ([`runnables`]), and the program for running all of a file, a selection or the
//! statement at the cursor ([`run_input`]).

use std::sync::Arc;

use flux_db::{Db, SourceFile};
use flux_semantic::ir::{Body, ItemRef, Program, Stmt};
use flux_syntax::TextRange;
use flux_types::Ty;
use rustc_hash::FxHashSet;

/// A statement the editor offers to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Runnable {
    pub kind: RunnableKind,
    /// The statement, without the comments before it.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunnableKind {
    /// A statement that sends tables to a result: a stream, or a `yield` or `to` in it.
    Query,
    TestCase {
        name: String,
    },
}

/// What to run of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunScope {
    /// The statements of the file that produce tables, with its other statements and, outside
    /// package `main`, those of the package's files before it (imports, definitions, options).
    File,
    /// The statements that produce tables and overlap the range (touching counts), with the
    /// file's other statements (imports, definitions, options) they may need.
    Range(TextRange),
    /// The statement that produces tables at the offset, with the file's other statements.
    Position(u32),
}

/// A program ready to run, and its source for a server that runs the text itself.
#[derive(Clone, Debug)]
pub struct RunInput {
    pub program: Arc<Program>,
    /// The file's text with the statements left out blanked (newlines kept, so positions in
    /// errors stay right).
    pub text: String,
    /// The statements that produce tables and run, in order.
    pub selected: Vec<TextRange>,
    /// Those that are left out.
    pub left_out: Vec<TextRange>,
}

/// Whether running the statement sends tables to a result.
fn produces_tables(body: &Body) -> bool {
    match &body.statement {
        Stmt::Expr(id) => body.effects || matches!(body.expr_scheme(*id).ty, Ty::Stream(_)),
        Stmt::Variable { .. } => body.effects,
        _ => false,
    }
}

pub(crate) fn runnables(db: &dyn Db, file: SourceFile) -> Vec<Runnable> {
    items(db, file).into_iter().map(|(_, runnable)| runnable).collect()
}

/// The runnables with the statements they are.
fn items(db: &dyn Db, file: SourceFile) -> Vec<(ItemRef, Runnable)> {
    let parse = file.parse(db);
    file.items(db)
        .iter()
        .zip(parse.file.body.iter())
        .filter_map(|(item, top)| {
            let body = flux_db::item_body(db, *item);
            let kind = match &body.statement {
                Stmt::TestCase(t) => RunnableKind::TestCase { name: t.name.to_string() },
                _ if produces_tables(body) => RunnableKind::Query,
                _ => return None,
            };
            Some((flux_db::item_ref(*item), Runnable { kind, range: top.range() }))
        })
        .collect()
}

pub(crate) fn run_input(db: &dyn Db, file: SourceFile, scope: RunScope) -> Result<RunInput, String> {
    let program = crate::program::program(db, file);
    let text = file.text(db).clone();
    let queries: Vec<(ItemRef, TextRange)> = items(db, file)
        .into_iter()
        .filter(|(_, r)| r.kind == RunnableKind::Query)
        .map(|(item, r)| (item, r.range))
        .collect();
    // A set: a whole file of thousands of statements is looked up once per statement.
    let chosen: FxHashSet<ItemRef> = match scope {
        RunScope::File => queries.iter().map(|(item, _)| *item).collect(),
        RunScope::Range(range) => queries
            .iter()
            .filter(|(_, q)| q.start <= range.end && range.start <= q.end)
            .map(|(item, _)| *item)
            .collect(),
        RunScope::Position(offset) => {
            queries.iter().filter(|(_, q)| q.contains_inclusive(offset)).map(|(item, _)| *item).take(1).collect()
        }
    };
    if chosen.is_empty() {
        return Err(match scope {
            RunScope::Position(_) => "no statement that produces tables at the cursor".to_owned(),
            RunScope::Range(_) => "the selection holds no statement that produces tables".to_owned(),
            RunScope::File => "the file has no statement that produces tables".to_owned(),
        });
    }
    // Every other statement that produces tables is left out, in this file and in the files
    // of its package before it (whose definitions the file may use, but whose results are
    // theirs). A script of package `main` runs alone, as `flx run` and InfluxDB run it: the
    // other scripts of its directory are not its library.
    let mut program = (*program).clone();
    if program.files.last().is_some_and(|f| f.package == "main") {
        program.files.drain(..program.files.len() - 1);
    }
    for file in &mut program.files {
        file.statements.retain(|s| !produces_tables(&s.body) || chosen.contains(&s.item));
    }
    let mut blanked = text.as_bytes().to_vec();
    let (mut selected, mut left_out) = (Vec::new(), Vec::new());
    for (item, range) in queries {
        if chosen.contains(&item) {
            selected.push(range);
            continue;
        }
        left_out.push(range);
        for byte in &mut blanked[range.start as usize..range.end as usize] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    // Whole characters were replaced by spaces, byte for byte.
    let text = String::from_utf8(blanked).expect("valid UTF-8");
    Ok(RunInput { program: Arc::new(program), text, selected, left_out })
}

/// A script of its own, outside any workspace (a query the tools make up), checked and lowered:
/// its program, or its first error as `line:column: message`.
pub fn compile(name: &str, text: &str) -> Result<Arc<Program>, String> {
    let mut host = crate::AnalysisHost::new(crate::Config::default());
    let file = host.set_file(name, Arc::from(text), None, crate::Origin::Disk);
    let analysis = host.analysis();
    // Nothing changes this host's inputs, so nothing is cancelled.
    let diagnostics = analysis.diagnostics(file).expect("not cancelled");
    if let Some(error) = diagnostics.iter().find(|d| d.severity == flux_syntax::Severity::Error) {
        let index = analysis.line_index(file).expect("not cancelled");
        let at = index.line_col(error.range.start, flux_syntax::ColumnEncoding::Utf32);
        return Err(format!("{}:{}: {}", at.line + 1, at.col + 1, error.message));
    }
    Ok(analysis.program(file).expect("not cancelled"))
}
