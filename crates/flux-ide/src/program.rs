//! The program the executor runs, taken out of the analysis.

use std::sync::Arc;

use flux_db::{Db, SourceFile};
use flux_semantic::ir::{Program, ProgramFile, ProgramStatement};

pub(crate) fn program(db: &dyn Db, file: SourceFile) -> Arc<Program> {
    // The package's files this one sees: those before it in path order.
    let mut files: Vec<SourceFile> =
        flux_db::package_files(db, file).iter().copied().filter(|f| f.path(db) < file.path(db)).collect();
    files.sort_by(|a, b| a.path(db).cmp(b.path(db)));
    files.push(file);
    let files = files
        .into_iter()
        .map(|f| {
            let statements = f
                .items(db)
                .iter()
                .zip(f.offsets(db).iter())
                .map(|(item, &offset)| ProgramStatement {
                    item: flux_db::item_ref(*item),
                    offset,
                    body: flux_db::item_body(db, *item).clone(),
                    has_syntax_errors: item.syntax(db).has_syntax_errors,
                })
                .collect();
            ProgramFile {
                path: f.path(db).clone(),
                text: f.text(db).clone(),
                package: f.package_name(db).clone(),
                imports: (**flux_db::file_imports(db, f)).clone(),
                statements,
            }
        })
        .collect();
    Arc::new(Program { files })
}
