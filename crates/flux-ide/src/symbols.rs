//! Document symbols: the file's declarations as a tree.

use flux_db::{Db, SourceFile, Symbol, SymbolKind};
use flux_syntax::TextRange;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DocumentSymbol {
    pub name: String,
    /// A short description next to the name: a function's parameters, an import's path, a
    /// builtin's type.
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole declaration.
    pub range: TextRange,
    /// The declared name.
    pub selection: TextRange,
    pub children: Vec<DocumentSymbol>,
}

pub(crate) fn document_symbols(db: &dyn Db, file: SourceFile) -> Vec<DocumentSymbol> {
    let parse = file.parse(db);
    let mut out = Vec::new();
    if let Some(p) = &parse.file.package {
        out.push(DocumentSymbol {
            name: p.name.name.to_string(),
            detail: None,
            kind: SymbolKind::Package,
            range: p.base.range,
            selection: p.name.base.range,
            children: Vec::new(),
        });
    }
    for i in &parse.file.imports {
        let (name, selection) = match &i.alias {
            Some(alias) => (alias.name.to_string(), alias.base.range),
            None => (i.path.value.clone(), i.path.base.range),
        };
        out.push(DocumentSymbol {
            name,
            detail: i.alias.is_some().then(|| i.path.value.clone()),
            kind: SymbolKind::Import,
            range: i.base.range,
            selection,
            children: Vec::new(),
        });
    }
    for (item, &offset) in file.items(db).iter().zip(file.offsets(db).iter()) {
        let source = &item.syntax(db).source;
        for symbol in &flux_db::item_outline(db, *item).symbols {
            out.push(convert(symbol, offset, source));
        }
    }
    out
}

fn shift(range: TextRange, offset: u32) -> TextRange {
    TextRange::new(range.start + offset, range.end + offset)
}

fn convert(symbol: &Symbol, offset: u32, source: &str) -> DocumentSymbol {
    let kind = symbol.kind;
    let detail = match kind {
        SymbolKind::Function => {
            let params: Vec<&str> =
                symbol.children.iter().filter(|c| c.kind == SymbolKind::Parameter).map(|c| c.name.as_str()).collect();
            Some(format!("({})", params.join(", ")))
        }
        // The type, as written, after `builtin name :`.
        SymbolKind::Builtin => source
            .get(symbol.selection.end as usize..symbol.range.end as usize)
            .and_then(|rest| rest.split_once(':'))
            .map(|(_, ty)| ty.split_whitespace().collect::<Vec<_>>().join(" ")),
        _ => None,
    };
    DocumentSymbol {
        name: symbol.name.to_string(),
        detail,
        kind,
        range: shift(symbol.range, offset),
        selection: shift(symbol.selection, offset),
        children: symbol.children.iter().map(|c| convert(c, offset, source)).collect(),
    }
}
