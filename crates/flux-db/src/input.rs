//! Keeping the inputs in step with the texts.
//!
//! [`Files`] sets a file's text: it reparses incrementally from the file's previous parse,
//! matches the new top-level statements to the old items (the statements the reparse reused
//! keep their items; the others are matched by kind and name, then by position) and sets only
//! the fields that changed. Fields are set with a durability that says how often they change:
//! the text, the parse, the offsets, the statement list and the statements an editor changes
//! are `LOW`; the definitions, the order of statements and the imports are `MEDIUM`, since
//! typing inside a statement or adding one leaves them alone; a file read from disk is `HIGH`
//! throughout. Salsa
//! then skips checking every query that reads only more durable inputs than a change touched.

use std::sync::Arc;

use flux_semantic::FileImports;
use flux_syntax::ast::TopLevel;
use flux_syntax::smol_str::SmolStr;
use flux_syntax::{Parse, Severity, TextRange};
use rustc_hash::FxHashSet;
use salsa::{Durability, Setter};

use crate::item::{Definitions, Item, ItemKey, ItemSyntax};
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
/// reuse, since salsa inputs live as long as the database (and their memos with them, until
/// the item is used again).
#[derive(Default)]
pub struct Files {
    /// The items whose every field was last set with the durability of what changes often:
    /// setting them again writes nothing more durable, which would make salsa check every
    /// query reading something as durable.
    volatile: FxHashSet<Item>,
    spare_volatile: Vec<Item>,
    spare_stable: Vec<Item>,
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
            Arc::default(),
            Arc::from([]),
            SmolStr::new(parse.file.package_name()),
            Arc::new(position_free(flux_semantic::analyze_imports(&parse.file))),
        )
        .durability(rare)
        .new(db);
        // A file's statements start out as durable as its rare changes: an editor then lowers
        // the durability of the statements it edits, one by one.
        let erroneous = erroneous_statements(&text, &parse);
        let items: Vec<Item> = parse
            .file
            .body
            .iter()
            .zip(erroneous)
            .enumerate()
            .map(|(i, (top, erroneous))| {
                let syntax = statement_syntax(&text, top, erroneous, None);
                self.new_item(db, file, ItemKey::of(&top.statement), syntax, spread_order(i), rare)
            })
            .collect();
        let definitions = Definitions::of(db, &items);
        file.set_definitions(db).with_durability(rare).to(Arc::new(definitions));
        file.set_items(db).with_durability(rare).to(Arc::from(items));
        file.set_offsets(db).with_durability(rare).to(offsets(&parse));
        file
    }

    /// Sets the file's text (and version); `origin` says how often it changes. Returns how many
    /// statements are new or changed.
    pub fn update(
        &mut self,
        db: &mut RootDatabase,
        file: SourceFile,
        text: Arc<str>,
        version: Option<i32>,
        origin: Origin,
    ) -> usize {
        let (often, rare) = origin.durabilities();
        if file.version(db) != version {
            file.set_version(db).with_durability(often).to(version);
        }
        if **file.text(db) == *text {
            return 0;
        }
        let mut changed = 0;
        let mut keys_changed = false;
        let mut created: Vec<Item> = Vec::new();

        let old_text = file.text(db).clone();
        let old_parse = file.parse(db).clone();
        let parse = Arc::new(old_parse.reparse(&old_text, &text));
        let old_items: Arc<[Item]> = file.items(db).clone();
        let old_body = &old_parse.file.body;
        let body = &parse.file.body;
        let matched = match_statements(old_body, body, |i| old_items[i].key(db).clone());
        let erroneous = erroneous_statements(&text, &parse);
        let mut items = Vec::with_capacity(body.len());
        let mut used = vec![false; old_items.len()];
        for (j, top) in body.iter().enumerate() {
            let item = match matched[j] {
                // The reparse reused the statement: its text and name are the same.
                Some(i) if Arc::ptr_eq(&old_body[i].statement, &top.statement) => {
                    let item = old_items[i];
                    if item.syntax(db).has_syntax_errors != erroneous[j] {
                        let syntax = ItemSyntax { has_syntax_errors: erroneous[j], ..item.syntax(db).clone() };
                        item.set_syntax(db).with_durability(often).to(syntax);
                    }
                    used[i] = true;
                    item
                }
                Some(i) => {
                    let item = old_items[i];
                    let key = ItemKey::of(&top.statement);
                    if *item.key(db) != key {
                        keys_changed = true;
                        item.set_key(db).with_durability(often).to(key);
                    }
                    let syntax = statement_syntax(&text, top, erroneous[j], Some(&item.syntax(db).source));
                    if *item.syntax(db) != syntax {
                        item.set_syntax(db).with_durability(often).to(syntax);
                        changed += 1;
                    }
                    used[i] = true;
                    item
                }
                None => {
                    changed += 1;
                    let syntax = statement_syntax(&text, top, erroneous[j], None);
                    // Ordered below, once its neighbours are known.
                    let item = self.new_item(db, file, ItemKey::of(&top.statement), syntax, 0, often);
                    created.push(item);
                    item
                }
            };
            items.push(item);
        }
        // A new statement's order is as volatile as the statement; moving existing ones is not.
        for (item, order) in orders(db, &items) {
            let durability = if created.contains(&item) { often } else { rare };
            if durability != Durability::LOW {
                self.volatile.remove(&item);
            }
            item.set_order(db).with_durability(durability).to(order);
        }
        for (item, _) in old_items.iter().zip(&used).filter(|(_, used)| !**used) {
            self.release(*item);
        }
        if *old_items != *items || keys_changed {
            let definitions = Definitions::of(db, &items);
            if **file.definitions(db) != definitions {
                file.set_definitions(db).with_durability(rare).to(Arc::new(definitions));
            }
        }
        if *old_items != *items {
            file.set_items(db).with_durability(often).to(Arc::from(items));
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
        changed
    }

    /// Empties a file that left the workspace, so it holds no memory, and keeps its items for
    /// reuse.
    pub fn clear(&mut self, db: &mut RootDatabase, file: SourceFile) {
        let _ = self.update(db, file, Arc::from(""), None, Origin::Disk);
    }

    fn new_item(
        &mut self,
        db: &mut RootDatabase,
        file: SourceFile,
        key: ItemKey,
        syntax: ItemSyntax,
        order: u64,
        durability: Durability,
    ) -> Item {
        let spare = if durability == Durability::LOW {
            self.spare_volatile.pop().or_else(|| self.spare_stable.pop())
        } else {
            self.spare_stable.pop().or_else(|| self.spare_volatile.pop())
        };
        let item = match spare {
            Some(item) => {
                item.set_file(db).with_durability(durability).to(file);
                item.set_order(db).with_durability(durability).to(order);
                item.set_key(db).with_durability(durability).to(key);
                item.set_syntax(db).with_durability(durability).to(syntax);
                item
            }
            None => Item::builder(file, order, key, syntax).durability(durability).new(db),
        };
        if durability == Durability::LOW {
            self.volatile.insert(item);
        } else {
            self.volatile.remove(&item);
        }
        item
    }

    /// Keeps the item of a statement that went away for the next new one.
    fn release(&mut self, item: Item) {
        if self.volatile.contains(&item) {
            self.spare_volatile.push(item);
        } else {
            self.spare_stable.push(item);
        }
    }
}

/// The order of the `i`th statement when a file is numbered afresh: far apart, so that
/// statements inserted later find room between their neighbours.
fn spread_order(i: usize) -> u64 {
    (i as u64 + 1) << 32
}

/// New orders for the items whose orders do not grow along the list, changing as few as
/// possible: the items whose orders already grow keep them, the others (new ones, or ones
/// matched out of order) get orders between their neighbours; when there is no room, the
/// whole file is numbered afresh.
fn orders(db: &RootDatabase, items: &[Item]) -> Vec<(Item, u64)> {
    let orders: Vec<u64> = items.iter().map(|item| item.order(db)).collect();
    let mut kept = vec![false; items.len()];
    let mut last = 0;
    for (i, &order) in orders.iter().enumerate() {
        if order > last {
            kept[i] = true;
            last = order;
        }
    }
    let mut assigned = orders.clone();
    let mut i = 0;
    while i < items.len() {
        if kept[i] {
            i += 1;
            continue;
        }
        // A run of items to order, between the kept ones around it.
        let end = (i..items.len()).find(|&j| kept[j]).unwrap_or(items.len());
        let low = if i == 0 { 0 } else { assigned[i - 1] };
        let high = if end == items.len() { low.saturating_add(spread_order(end - i + 1)) } else { orders[end] };
        let step = (high - low) / (end - i + 1) as u64;
        if step == 0 {
            assigned = (0..items.len()).map(spread_order).collect();
            break;
        }
        for (k, slot) in assigned[i..end].iter_mut().enumerate() {
            *slot = low + step * (k as u64 + 1);
        }
        i = end;
    }
    items
        .iter()
        .zip(orders.iter().zip(assigned))
        .filter(|(_, (old, new))| **old != *new)
        .map(|(item, (_, new))| (*item, new))
        .collect()
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

/// The syntax of a top-level statement; `old_source` is the text its item had, reused when
/// the chunk is the same.
fn statement_syntax(text: &str, top: &TopLevel, has_syntax_errors: bool, old_source: Option<&Arc<str>>) -> ItemSyntax {
    let end = (top.offset + top.statement.range().end).min(text.len() as u32);
    let chunk = &text[top.offset as usize..end as usize];
    let source = old_source.filter(|old| ***old == *chunk).cloned().unwrap_or_else(|| Arc::from(chunk));
    ItemSyntax { statement: top.statement.clone(), source, comments: top.comments.clone(), has_syntax_errors }
}

/// Whether each top-level statement has a syntax error: one that lies in its chunk or whose
/// related locations do (the opener of an unclosed bracket, say). A chunk runs up to the next
/// statement (or the end of the file).
fn erroneous_statements(text: &str, parse: &Parse) -> Vec<bool> {
    let body = &parse.file.body;
    let chunk_ends: Vec<u32> = body
        .iter()
        .enumerate()
        .map(|(i, top)| {
            let end = (top.offset + top.statement.range().end).min(text.len() as u32);
            body.get(i + 1).map_or(text.len() as u32, |next| next.offset).max(end)
        })
        .collect();
    let mut erroneous = vec![false; body.len()];
    for e in parse.errors.iter().filter(|e| e.severity() == Severity::Error) {
        for range in std::iter::once(e.range).chain(e.related.iter().map(|r| r.range)) {
            mark_chunks(body, &chunk_ends, range, &mut erroneous);
        }
    }
    erroneous
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
