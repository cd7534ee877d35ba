//! A file's imports: which package each import name stands for.

use flux_stdlib::catalog;
use flux_syntax::ast::{File, ImportDeclaration, Statement};
use flux_syntax::smol_str::SmolStr;
use flux_syntax::{RelatedInfo, Severity, TextRange};

use crate::SemanticDiagnostic;
use crate::codes::{DUPLICATE_DEFINITION, UNKNOWN_IMPORT};
use crate::suggest::closest;

/// One import of a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Import {
    /// The name the file refers to the package by: the alias, or the package's own name.
    pub name: SmolStr,
    pub path: String,
    /// Whether the catalog has the package; uses of an unknown one are not reported again.
    pub known: bool,
    /// The import declaration, in the file.
    pub range: TextRange,
    /// The name's range (the alias, or the path string), in the file.
    pub name_range: TextRange,
}

/// The imports of a file and the problems with them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct FileImports {
    pub imports: Vec<Import>,
    pub diagnostics: Vec<SemanticDiagnostic>,
}

impl FileImports {
    /// The import called `name` (the last one, if it is imported twice).
    pub fn get(&self, name: &str) -> Option<&Import> {
        self.imports.iter().rev().find(|i| i.name == name)
    }
}

/// The file's imports, including those misplaced after a statement (a syntax error, reported
/// by the parser, that should not also make every use of the package undefined).
pub fn analyze_imports(file: &File) -> FileImports {
    let mut result = FileImports::default();
    for decl in &file.imports {
        add_import(&mut result, decl, 0);
    }
    for top in &file.body {
        if let Statement::Bad(bad) = &*top.statement
            && bad.text.starts_with("import")
        {
            let parse = flux_syntax::parse(&bad.text);
            for decl in &parse.file.imports {
                add_import(&mut result, decl, top.offset + bad.base.range.start);
            }
        }
    }
    result
}

fn add_import(result: &mut FileImports, decl: &ImportDeclaration, shift: u32) {
    let shift = |r: TextRange| TextRange::new(r.start + shift, r.end + shift);
    let path = decl.path.value.clone();
    let package = catalog().package(&path);
    if package.is_none() {
        let mut message = format!("unknown package \"{path}\": the Flux standard library has no such package");
        let near = closest(&path, catalog().packages.keys().copied());
        if let Some(near) = near {
            message = format!("unknown package \"{path}\": did you mean \"{near}\"?");
        }
        result.diagnostics.push(SemanticDiagnostic {
            code: UNKNOWN_IMPORT,
            severity: Severity::Error,
            message: message.into(),
            range: shift(decl.path.base.range),
            related: Vec::new(),
            suggestion: near.map(|n| SmolStr::new(format!("\"{n}\""))),
        });
    }
    let own_name = match package {
        Some(p) => p.name.clone(),
        None => SmolStr::new(path.rsplit('/').next().unwrap_or(&path)),
    };
    let (name, name_range) = match &decl.alias {
        Some(alias) => (alias.name.clone(), shift(alias.base.range)),
        None => (own_name, shift(decl.path.base.range)),
    };
    if let Some(previous) = result.imports.iter().find(|i| i.name == name) {
        result.diagnostics.push(SemanticDiagnostic {
            code: DUPLICATE_DEFINITION,
            severity: Severity::Error,
            message: SmolStr::new(format!(
                "`{name}` is imported twice; give one of the imports another name with an alias"
            )),
            range: name_range,
            related: vec![RelatedInfo { range: previous.name_range, message: format!("`{name}` first imported here") }],
            suggestion: None,
        });
    }
    let range = shift(decl.base.range);
    result.imports.push(Import { name, path, known: package.is_some(), range, name_range });
}
