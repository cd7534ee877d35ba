//! Test cases as upstream's `flux test` runs them: each `testcase` block is its own program,
//! the file's other statements followed by the block's, and it passes when it runs without
//! error, sends no table to the result `errorOutput` and meets its planner expectations.

use flux_semantic::ir::{ExprKind, ItemRef, Literal, Program, Stmt, TestCase};

use crate::eval::Evaluator;
use crate::run::{RunError, locate};
use crate::text::table_text;

/// The result a test sends the tables that prove it failed to.
pub const ERROR_OUTPUT: &str = "errorOutput";

/// A test case of a file.
#[derive(Clone, Debug)]
pub struct TestCaseInfo {
    pub name: String,
    pub item: ItemRef,
    /// The import path and test case this one extends (`"flux/testing/testing_test.name"`).
    pub extends: Option<String>,
}

/// The test cases of the program's last file, in order.
pub fn testcases(program: &Program) -> Vec<TestCaseInfo> {
    let Some(file) = program.files.last() else { return Vec::new() };
    file.statements
        .iter()
        .filter_map(|s| match &s.body.statement {
            Stmt::TestCase(t) => {
                Some(TestCaseInfo { name: t.name.to_string(), item: s.item, extends: t.extends.clone() })
            }
            _ => None,
        })
        .collect()
}

fn testcase(program: &Program, item: ItemRef) -> Option<(&std::sync::Arc<flux_semantic::ir::Body>, &TestCase)> {
    let (_, statement) = program.statement(item)?;
    match &statement.body.statement {
        Stmt::TestCase(t) => Some((&statement.body, t)),
        _ => None,
    }
}

/// The tags a test case has: the last `option testing.tags = [...]` among the file's other
/// statements, the parent's and the block's own, as upstream reads them.
pub fn tags(program: &Program, item: ItemRef, parent: Option<(&Program, ItemRef)>) -> Result<Vec<String>, String> {
    let mut tags = Vec::new();
    let mut read = |body: &flux_semantic::ir::Body, statement: &Stmt| -> Result<(), String> {
        let Stmt::PackageOption { package, name, value } = statement else { return Ok(()) };
        if package != "testing" || name != "tags" {
            return Ok(());
        }
        let ExprKind::Array(items) = &body.expr(*value).kind else {
            return Err("`option testing.tags` must be an array of string literals".to_owned());
        };
        tags = items
            .iter()
            .map(|i| match &body.expr(*i).kind {
                ExprKind::Literal(Literal::String(s)) => Ok(s.clone()),
                _ => Err("`option testing.tags` must be an array of string literals".to_owned()),
            })
            .collect::<Result<_, _>>()?;
        Ok(())
    };
    let mut programs = vec![(program, item)];
    programs.extend(parent);
    for (program, item) in &programs {
        if let Some((file, _)) = program.statement(*item) {
            for statement in &file.statements {
                read(&statement.body, &statement.body.statement)?;
            }
        }
    }
    for (program, item) in &programs {
        if let Some((body, t)) = testcase(program, *item) {
            for statement in &t.body {
                read(body, statement)?;
            }
        }
    }
    Ok(tags)
}

/// Runs one test case: the program's other statements, the parent's (for a test case that
/// extends another), then the block. `now` is the time the test runs at unless it sets
/// `option now`; setting `cancel` stops it. `Err` says why it failed.
pub fn run_test(
    program: &Program,
    item: ItemRef,
    parent: Option<(&Program, ItemRef)>,
    now: i64,
    cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
) -> Result<(), RunError> {
    let programs: Vec<&Program> = std::iter::once(program).chain(parent.map(|(p, _)| p)).collect();
    let place = |e| locate(&programs, e);
    let (body, case) =
        testcase(program, item).ok_or_else(|| RunError { message: "no such test case".to_owned(), at: None })?;
    let mut evaluator = Evaluator::with_now(now);
    if let Some(cancel) = cancel {
        evaluator.set_cancel(cancel);
    }
    // Upstream's harness gives tests a mock secret store holding these two.
    evaluator.set_secrets(
        [("password", "mysecretpassword"), ("token", "mysecrettoken")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    );
    // Each test file is a program of its own: only the statements of the test case's file run
    // (then the parent's), not those of other files of its package.
    let files =
        std::iter::once((program, item)).chain(parent).filter_map(|(p, item)| p.statement(item).map(|(f, _)| f));
    for file in files {
        for statement in &file.statements {
            if statement.has_syntax_errors {
                return Err(RunError { message: "the program has a syntax error".to_owned(), at: None });
            }
            evaluator.run_statement(statement.item, &statement.body).map_err(place)?;
        }
    }
    let mut run_parent =
        |evaluator: &mut Evaluator| match parent.and_then(|(p, item)| testcase(p, item).map(|t| (item, t))) {
            Some((item, (body, case))) => evaluator.run_testcase(item, body, case, &mut |_| Ok(())),
            None => Ok(()),
        };
    evaluator.run_testcase(item, body, case, &mut run_parent).map_err(place)?;
    let unmet = evaluator.unmet_planner_expectations();
    let results = evaluator.into_results();
    if results.is_empty() {
        return Err(RunError { message: "the test sends no tables to any result".to_owned(), at: None });
    }
    if let Some(errors) = results.iter().find(|r| r.name == ERROR_OUTPUT)
        && !errors.tables.is_empty()
    {
        let mut message = String::new();
        for table in &errors.tables {
            message.push_str(&table_text(table));
        }
        return Err(RunError { message, at: None });
    }
    if let Some(message) = unmet {
        return Err(RunError { message, at: None });
    }
    Ok(())
}
