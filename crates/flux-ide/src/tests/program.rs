//! The program the executor takes out of the analysis.

use std::sync::Arc;

use super::fixture;
use flux_semantic::ir::{ExprKind, Resolution, Stmt};

#[test]
fn a_program_holds_the_package_files_the_file_sees_and_resolves_across_them() {
    let f = fixture(
        r#"//- /pkg/a.flux
package pkg

limit = 10
//- /pkg/b.flux
package pkg

doubled = limit * 2
//- /pkg/c.flux
package pkg

later = 1
"#,
    );
    let b = f.files[1].1;
    let program = f.host.analysis().program(b).unwrap();
    let paths: Vec<&str> = program.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["/pkg/a.flux", "/pkg/b.flux"], "the files b.flux sees, then b.flux");
    let doubled = &program.files[1].statements[0];
    let Stmt::Variable { value, .. } = &doubled.body.statement else { panic!("a variable") };
    let ExprKind::Binary { left, .. } = &doubled.body.expr(*value).kind else { panic!("a product") };
    let ExprKind::Name(Resolution::Package { name, item }) = &doubled.body.expr(*left).kind else {
        panic!("a package value")
    };
    assert_eq!(name, "limit");
    let (file, statement) = program.statement(*item).expect("the definition is in the program");
    assert_eq!(file.path, "/pkg/a.flux");
    assert_eq!(&file.text[statement.offset as usize..].trim_start()[..10], "limit = 10");
    assert_eq!(doubled.body.expr_scheme(*value).to_string(), "int");
}

#[test]
fn a_program_outlives_its_snapshot_and_the_changes_after_it() {
    let mut f = fixture("x = 1\ny = x + 1\n");
    let file = f.file();
    let program = f.host.analysis().program(file).unwrap();
    f.host.set_file("/main.flux", Arc::from("x = 2.0\n"), Some(2), crate::Origin::Editor);
    assert_eq!(program.files[0].statements.len(), 2, "the program kept what it was given");
    let now = f.host.analysis().program(file).unwrap();
    assert_eq!(now.files[0].statements.len(), 1);
}
