//! Keeping the inputs in step with the texts.
//!
//! [`Files`] sets a file's text: it reparses incrementally from the file's previous parse,
//! matches the new top-level statements to the old items (the statements the reparse reused
//! keep their items; the others are matched by kind and name, then by position) and sets only
//! the fields that changed. Fields are set with a durability that says how often they change:
//! the text, the parse, the offsets and the statements an editor changes are `LOW`; the
//! statement list, the names statements declare and the imports are `MEDIUM`, since typing
//! inside a statement leaves them alone; a file read from disk is `HIGH` throughout. Salsa
//! then skips checking every query that reads only more durable inputs than a change touched.

use std::sync::Arc;

use flux_semantic::FileImports;
use flux_syntax::ast::TopLevel;
use flux_syntax::smol_str::SmolStr;
use flux_syntax::{Parse, Severity, TextRange};
use salsa::{Durability, Setter};

use crate::item::{Item, ItemKey, ItemSyntax};
use crate::{RootDatabase, SourceFile};

/// Where a file's text comes from, which decides how often it is expected to change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A document open in the editor: changes on every keystroke.
    Editor,
    /// A file read from disk: changes rarely.
    Disk,
}

impl Origin {
    /// The durability of what changes with every edit, and of what changes with few.
    fn durabilities(self) -> (Durability, Durability) {
        match self {
            Origin::Editor => (Durability::LOW, Durability::MEDIUM),
            Origin::Disk => (Durability::HIGH, Durability::HIGH),
        }
    }
}

/// Creates and updates the file inputs. Items of statements that went away are kept for
/// reuse, since salsa inputs live as long as the database.
#[derive(Default)]
pub struct Files {
    spare: Vec<Item>,
}

impl Files {
    /// A new file with `text`.
    pub fn create(
        &mut self,
        db: &mut RootDatabase,
        path: String,
        text: Arc<str>,
        version: Option<i32>,
        origin: Origin,
    ) -> SourceFile {
        let parse = Arc::new(flux_syntax::parse(&text));
        let (_, rare) = origin.durabilities();
        let empty: Arc<[Item]> = Arc::from([]);
        let file = SourceFile::builder(
            path,
            text.clone(),
            version,
            parse.clone(),
            empty.clone(),
            Arc::from([]),
            SmolStr::new(parse.file.package_name()),
            Arc::new(position_free(flux_semantic::analyze_imports(&parse.file))),
        )
        .durability(rare)
        .new(db);
        // A file's statements start out as durable as its rare changes: an editor then lowers
        // the durability of the statements it edits, one by one.
        let syntaxes = statement_syntaxes(&text, &parse, |_| None);
        let items: Vec<Item> = parse
            .file
            .body
            .iter()
            .zip(syntaxes)
            .map(|(top, syntax)| self.new_item(db, file, ItemKey::of(&top.statement), syntax, rare))
            .collect();
        file.set_items(db).with_durability(rare).to(Arc::from(items));
        file.set_offsets(db).with_durability(rare).to(offsets(&parse));
        file
    }

    /// Sets the file's text (and version); `origin` says how often it changes.
    pub fn update(
        &mut self,
        db: &mut RootDatabase,
        file: SourceFile,
        text: Arc<str>,
        version: Option<i32>,
        origin: Origin,
    ) {
        let (often, rare) = origin.durabilities();
        if file.version(db) != version {
            file.set_version(db).with_durability(often).to(version);
        }
        if **file.text(db) == *text {
            return;
        }
        let old_text = file.text(db).clone();
        let old_parse = file.parse(db).clone();
        let parse = Arc::new(old_parse.reparse(&old_text, &text));
        let old_items: Arc<[Item]> = file.items(db).clone();
        let matched = match_statements(&old_parse.file.body, &parse.file.body, |i| old_items[i].key(db).clone());
        let old_source = |i: usize| matched[i].map(|k| old_items[k].syntax(db).source.clone());
        let syntaxes = statement_syntaxes(&text, &parse, old_source);
        let mut items = Vec::with_capacity(parse.file.body.len());
        let mut used = vec![false; old_items.len()];
        for ((top, syntax), old) in parse.file.body.iter().zip(syntaxes).zip(&matched) {
            let key = ItemKey::of(&top.statement);
            let item = match *old {
                Some(i) => {
                    used[i] = true;
                    let item = old_items[i];
                    if *item.key(db) != key {
                        item.set_key(db).with_durability(rare).to(key);
                    }
                    if *item.syntax(db) != syntax {
                        item.set_syntax(db).with_durability(often).to(syntax);
                    }
                    item
                }
                None => self.new_item(db, file, key, syntax, often),
            };
            items.push(item);
        }
        self.spare.extend(old_items.iter().zip(&used).filter(|(_, used)| !**used).map(|(item, _)| *item));
        if *old_items != *items {
            file.set_items(db).with_durability(rare).to(Arc::from(items));
        }
        let new_offsets = offsets(&parse);
        if **file.offsets(db) != *new_offsets {
            file.set_offsets(db).with_durability(often).to(new_offsets);
        }
        let package = parse.file.package_name();
        if file.package_name(db) != package {
            file.set_package_name(db).with_durability(rare).to(SmolStr::new(package));
        }
        let imports = position_free(flux_semantic::analyze_imports(&parse.file));
        if **file.import_names(db) != imports {
            file.set_import_names(db).with_durability(rare).to(Arc::new(imports));
        }
        file.set_parse(db).with_durability(often).to(parse);
        file.set_text(db).with_durability(often).to(text);
    }

    /// Empties a file that left the workspace, so it holds no memory, and keeps its items for
    /// reuse.
    pub fn clear(&mut self, db: &mut RootDatabase, file: SourceFile) {
        self.update(db, file, Arc::from(""), None, Origin::Disk);
    }

    fn new_item(
        &mut self,
        db: &mut RootDatabase,
        file: SourceFile,
        key: ItemKey,
        syntax: ItemSyntax,
        durability: Durability,
    ) -> Item {
        match self.spare.pop() {
            Some(item) => {
                item.set_file(db).with_durability(durability).to(file);
                item.set_key(db).with_durability(durability).to(key);
                item.set_syntax(db).with_durability(durability).to(syntax);
                item
            }
            None => Item::builder(file, key, syntax).durability(durability).new(db),
        }
    }
}

/// For each new statement, the old statement whose item it takes over, if any: the
/// statements the reparse reused keep theirs; among the others, a statement takes the next
/// unmatched old one declaring the same thing, else the next unmatched one in order.
fn match_statements(old: &[TopLevel], new: &[TopLevel], old_key: impl Fn(usize) -> ItemKey) -> Vec<Option<usize>> {
    let same = |i: usize, j: usize| Arc::ptr_eq(&old[i].statement, &new[j].statement);
    let prefix = (0..old.len().min(new.len())).take_while(|&i| same(i, i)).count();
    let suffix =
        (0..old.len().min(new.len()) - prefix).take_while(|&k| same(old.len() - 1 - k, new.len() - 1 - k)).count();
    let mut matched: Vec<Option<usize>> = vec![None; new.len()];
    for (i, slot) in matched.iter_mut().enumerate().take(prefix) {
        *slot = Some(i);
    }
    for k in 0..suffix {
        matched[new.len() - 1 - k] = Some(old.len() - 1 - k);
    }
    let old_middle = prefix..old.len() - suffix;
    let new_middle = prefix..new.len() - suffix;
    if old_middle.len() == new_middle.len() {
        for (j, i) in new_middle.zip(old_middle) {
            matched[j] = Some(i);
        }
        return matched;
    }
    let mut taken = vec![false; old.len()];
    let mut cursor = old_middle.start;
    for j in new_middle.clone() {
        let key = ItemKey::of(&new[j].statement);
        if let Some(i) = (cursor..old_middle.end).find(|&i| !taken[i] && old_key(i) == key) {
            taken[i] = true;
            matched[j] = Some(i);
            cursor = i + 1;
        }
    }
    let mut free = old_middle.filter(|&i| !taken[i]);
    for j in new_middle {
        if matched[j].is_none() {
            matched[j] = free.next();
        }
    }
    matched
}

/// The syntax of each top-level statement of `parse`; `old_source(i)` is the text the
/// statement's item had, reused when the chunk is the same.
fn statement_syntaxes(text: &str, parse: &Parse, old_source: impl Fn(usize) -> Option<Arc<str>>) -> Vec<ItemSyntax> {
    let body = &parse.file.body;
    let chunk_ends: Vec<u32> = body
        .iter()
        .enumerate()
        .map(|(i, top)| {
            let end = (top.offset + top.statement.range().end).min(text.len() as u32);
            // Errors up to the next statement (or the end of the file) belong to this one.
            body.get(i + 1).map_or(text.len() as u32, |next| next.offset).max(end)
        })
        .collect();
    // An error belongs to a statement when it or one of its related locations (the opener of
    // an unclosed bracket, say) lies in the chunk.
    let mut erroneous = vec![false; body.len()];
    for e in parse.errors.iter().filter(|e| e.severity() == Severity::Error) {
        for range in std::iter::once(e.range).chain(e.related.iter().map(|r| r.range)) {
            mark_chunks(body, &chunk_ends, range, &mut erroneous);
        }
    }
    body.iter()
        .enumerate()
        .map(|(i, top)| {
            let end = (top.offset + top.statement.range().end).min(text.len() as u32);
            let chunk = &text[top.offset as usize..end as usize];
            let source = old_source(i).filter(|old| **old == *chunk).unwrap_or_else(|| Arc::from(chunk));
            ItemSyntax {
                statement: top.statement.clone(),
                source,
                comments: top.comments.clone(),
                has_syntax_errors: erroneous[i],
            }
        })
        .collect()
}

/// Marks the chunks `range` touches (touching counts).
fn mark_chunks(body: &[TopLevel], chunk_ends: &[u32], range: TextRange, marks: &mut [bool]) {
    // The chunk holding the start, and the one before, whose end may touch it.
    let first = body.partition_point(|top| top.offset <= range.start).saturating_sub(2);
    for i in first..body.len() {
        if body[i].offset > range.end {
            break;
        }
        if chunk_ends[i] >= range.start {
            marks[i] = true;
        }
    }
}

fn offsets(parse: &Parse) -> Arc<[u32]> {
    parse.file.body.iter().map(|top| top.offset).collect()
}

/// The imports without their positions.
fn position_free(mut imports: FileImports) -> FileImports {
    for import in &mut imports.imports {
        import.range = TextRange::default();
        import.name_range = TextRange::default();
    }
    imports.diagnostics.clear();
    imports
}
