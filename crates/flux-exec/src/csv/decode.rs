//! Annotated CSV (or raw CSV) into results of tables, by the rules of Flux's decoder.

use super::reader::{Reader, Record};
use crate::table::{ColType, Column, ColumnBuilder, GroupKey, NamedResult, Table};
use crate::time::parse_rfc3339;
use crate::value::Value;

/// How the text describes its tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `#datatype`, `#group` and `#default` annotations, then a header, before each block.
    Annotations,
    /// A header and rows of strings: one table with an empty group key.
    Raw,
}

/// A mistake in the text, at its line (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The results the text holds, in order. A `,error,reference` table, which a server writes
/// when a query fails after its output began, is returned as the error it carries.
pub fn decode(text: &str, mode: Mode) -> Result<Vec<NamedResult>, DecodeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match mode {
        Mode::Annotations => {
            let mut results: Vec<NamedResult> = Vec::new();
            for table in Decoder::new(Reader::new(text)) {
                let (name, table) = table?;
                if results.last().is_none_or(|r| r.name != name) {
                    results.push(NamedResult { name, tables: Vec::new() });
                }
                results.last_mut().expect("a result").tables.push(table);
            }
            Ok(results)
        }
        Mode::Raw => decode_raw(&mut Records::new(Reader::new(text))),
    }
}

/// The tables of annotated CSV, each with its result's name, as soon as each is complete:
/// memory holds one table and the reader's buffer.
pub struct Decoder<'a> {
    records: Records<'a>,
    block: Option<Block>,
    /// Whether the current block gave a table yet.
    block_had_table: bool,
    failed: bool,
}

impl<'a> Decoder<'a> {
    pub fn new(reader: Reader<'a>) -> Decoder<'a> {
        Decoder { records: Records::new(reader), block: None, block_had_table: false, failed: false }
    }

    /// An error when the input stopped early: a table that ends there is not whole.
    fn check_input(&self) -> Result<(), DecodeError> {
        match self.records.reader.error() {
            Some(message) => Err(DecodeError { line: self.records.reader.line(), message: message.to_owned() }),
            None => Ok(()),
        }
    }

    fn next_table(&mut self) -> Result<Option<(String, Table)>, DecodeError> {
        loop {
            let Some(block) = &self.block else {
                let block = read_block(&mut self.records);
                self.check_input()?;
                match block? {
                    Some(block) => {
                        self.block = Some(block);
                        self.block_had_table = false;
                        continue;
                    }
                    None => return Ok(None),
                }
            };
            let table = read_table(&mut self.records, block);
            self.check_input()?;
            if let Some(table) = table? {
                self.block_had_table = true;
                return Ok(Some((block.result.clone(), table)));
            }
            let block = self.block.take().expect("a block");
            // A block without rows is one empty table, its key from the defaults, when the
            // #default row gives it an id; without one it holds no table. (Upstream fails
            // with "missing table ID", but only if the stream is read: scripts keep such
            // placeholders around unused.)
            if !self.block_had_table && !block.table.is_empty() {
                return Ok(Some((block.result.clone(), TableBuilder::new(&block, None)?.finish())));
            }
        }
    }
}

impl Iterator for Decoder<'_> {
    type Item = Result<(String, Table), DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = self.next_table().transpose();
        self.failed = matches!(next, Some(Err(_)));
        next
    }
}

/// Records with one of lookahead.
struct Records<'a> {
    reader: Reader<'a>,
    peeked: Option<Option<Record>>,
}

impl<'a> Records<'a> {
    fn new(reader: Reader<'a>) -> Records<'a> {
        Records { reader, peeked: None }
    }

    fn peek(&mut self) -> Option<&Record> {
        self.peeked.get_or_insert_with(|| self.reader.next()).as_ref()
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        match self.peeked.take() {
            Some(peeked) => peeked,
            None => self.reader.next(),
        }
    }
}

/// What the annotations and header of a block say.
struct Block {
    line: usize,
    result: String,
    /// The `#default` table id, for a block without rows.
    table: String,
    columns: Vec<ColumnFormat>,
    group: Vec<bool>,
    defaults: Vec<Value>,
    fields: usize,
}

struct ColumnFormat {
    column: Column,
    /// For times: the layout after `dateTime:`.
    layout: String,
}

/// The annotations and header of the next block; `None` at the end of the text.
fn read_block(records: &mut Records<'_>) -> Result<Option<Block>, DecodeError> {
    let mut datatypes: Option<Vec<String>> = None;
    let mut groups: Option<Vec<String>> = None;
    let mut defaults: Option<Vec<String>> = None;
    let (mut result, mut table) = (String::new(), String::new());
    let mut fields = None;
    let mut first_line = None;
    let missing = |datatypes: &Option<_>, groups: &Option<_>, line: usize| {
        let message = if datatypes.is_none() {
            "missing the #datatype annotation (for CSV without annotations, use mode: \"raw\")"
        } else if groups.is_none() {
            "missing the #group annotation"
        } else {
            "missing the #default annotation"
        };
        DecodeError { line, message: message.to_owned() }
    };
    while datatypes.is_none() || groups.is_none() || defaults.is_none() {
        let Some(record) = records.next() else {
            return match first_line {
                None => Ok(None),
                Some(line) => Err(missing(&datatypes, &groups, line)),
            };
        };
        first_line.get_or_insert(record.line);
        let n = *fields.get_or_insert(record.len());
        if record.len() != n {
            return Err(field_count(&record, n, "annotation"));
        }
        let short = || DecodeError {
            line: record.line,
            message: "an annotation row needs at least the annotation, result and table cells".to_owned(),
        };
        // As upstream matches them: the name after an optional `#` (so a `datatype` row whose
        // `#` was lost still counts).
        let annotation = record.field(0);
        match annotation.strip_prefix('#').unwrap_or(annotation) {
            "datatype" => datatypes = Some(record.owned_from(3).ok_or_else(short)?),
            "group" => groups = Some(record.owned_from(3).ok_or_else(short)?),
            "default" => {
                let cells = record.owned_from(3).ok_or_else(short)?;
                result = record.field(1).to_owned();
                table = record.field(2).to_owned();
                if !table.is_empty() && table.parse::<i64>().is_err() {
                    return Err(DecodeError {
                        line: record.line,
                        message: format!("the #default table id `{table}` is not an integer"),
                    });
                }
                defaults = Some(cells.to_vec());
            }
            // Other annotations are ignored.
            _ if annotation.starts_with('#') => {}
            _ => return Err(missing(&datatypes, &groups, record.line)),
        }
    }
    let (datatypes, groups, defaults) =
        (datatypes.unwrap_or_default(), groups.unwrap_or_default(), defaults.unwrap_or_default());
    let fields = fields.unwrap_or_default();
    let header = records.next().ok_or_else(|| DecodeError {
        line: first_line.unwrap_or(1),
        message: "missing the header row after the annotations".to_owned(),
    })?;
    if header.len() != fields {
        return Err(field_count(&header, fields, "header"));
    }
    if header.get(1).is_some_and(|f| f == "error") {
        // The error table a server writes when a query fails after its output began.
        let row = records.next().ok_or_else(|| DecodeError {
            line: header.line,
            message: "an error table without its error row".to_owned(),
        })?;
        return Err(DecodeError { line: row.line, message: row.get(1).unwrap_or_default().to_owned() });
    }
    let mut columns: Vec<ColumnFormat> = Vec::new();
    let mut block_defaults = Vec::new();
    for (j, label) in header.fields().enumerate().skip(3) {
        if columns.iter().any(|c| c.column.label == label) {
            return Err(DecodeError {
                line: header.line,
                message: format!("column `{label}` appears twice in the header"),
            });
        }
        let (ty, layout) = column_type(&datatypes[j - 3])
            .map_err(|message| DecodeError { line: header.line, message: format!("column `{label}`: {message}") })?;
        let format = ColumnFormat { column: Column::new(label, ty), layout };
        let default = if defaults[j - 3].is_empty() {
            Value::Null
        } else {
            parse_cell(&defaults[j - 3], &format).map_err(|message| DecodeError {
                line: header.line,
                message: format!("the #default of column `{label}`: {message}"),
            })?
        };
        columns.push(format);
        block_defaults.push(default);
    }
    let group = groups.iter().map(|g| g == "true").collect();
    Ok(Some(Block { line: header.line, result, table, columns, group, defaults: block_defaults, fields }))
}

fn field_count(record: &Record, expected: usize, what: &str) -> DecodeError {
    DecodeError {
        line: record.line,
        message: format!("{what} row has {} fields where the block has {expected}", record.len()),
    }
}

/// The column type a `#datatype` cell names, and for times the layout after `dateTime:`.
fn column_type(datatype: &str) -> Result<(ColType, String), String> {
    let (name, layout) = datatype.split_once(':').unwrap_or((datatype, ""));
    let ty = match name {
        "boolean" => ColType::Bool,
        "long" => ColType::Int,
        "unsignedLong" => ColType::UInt,
        "double" => ColType::Float,
        "string" => ColType::String,
        "dateTime" => ColType::Time,
        _ => return Err(format!("unsupported data type `{name}`")),
    };
    Ok((ty, layout.to_owned()))
}

/// The next table of a block, `None` at its end: a new table starts where the `table` cell
/// changes.
fn read_table(records: &mut Records<'_>, block: &Block) -> Result<Option<Table>, DecodeError> {
    let mut current: Option<(String, TableBuilder)> = None;
    loop {
        let ends_block = match records.peek() {
            None => true,
            Some(r) if r.len() != block.fields => {
                if r.get(0).is_none_or(|f| f.is_empty()) {
                    return Err(field_count(r, block.fields, "data"));
                }
                true
            }
            Some(r) => !r.field(0).is_empty(),
        };
        if ends_block {
            break;
        }
        let id = records.peek().expect("peeked").field(2);
        match &mut current {
            Some((current_id, builder)) if id.is_empty() || id == current_id => {
                let record = records.next().expect("peeked");
                builder.append(&record, block)?;
            }
            Some(_) => break,
            None => {
                let record = records.next().expect("peeked");
                let mut builder = TableBuilder::new(block, Some(&record))?;
                builder.append(&record, block)?;
                current = Some((record.field(2).to_owned(), builder));
            }
        }
    }
    Ok(current.map(|(_, builder)| builder.finish()))
}

struct TableBuilder {
    key: GroupKey,
    columns: Vec<Column>,
    builders: Vec<ColumnBuilder>,
    /// For key and string columns, the last cell's text and value: a key column repeats one
    /// value on every row, so it is parsed once.
    last: Vec<Option<(String, Value)>>,
}

impl TableBuilder {
    /// A table whose group key comes from `first` (its empty cells from the defaults), or
    /// from the defaults alone.
    fn new(block: &Block, first: Option<&Record>) -> Result<TableBuilder, DecodeError> {
        let mut key = GroupKey::default();
        for (j, format) in block.columns.iter().enumerate() {
            if !block.group[j] {
                continue;
            }
            let value = match first.map(|r| r.field(j + 3)) {
                Some(cell) if !cell.is_empty() => parse_cell(cell, format).map_err(|message| DecodeError {
                    line: first.map_or(block.line, |r| r.line),
                    message: format!("column `{}`: {message}", format.column.label),
                })?,
                _ => block.defaults[j].clone(),
            };
            key.columns.push(format.column.clone());
            key.values.push(value);
        }
        Ok(TableBuilder {
            key,
            columns: block.columns.iter().map(|f| f.column.clone()).collect(),
            builders: block.columns.iter().map(|f| ColumnBuilder::new(f.column.ty)).collect(),
            last: vec![None; block.columns.len()],
        })
    }

    fn append(&mut self, record: &Record, block: &Block) -> Result<(), DecodeError> {
        for (j, format) in block.columns.iter().enumerate() {
            let cell = record.field(j + 3);
            let value = if cell.is_empty() {
                block.defaults[j].clone()
            } else if let Some((_, value)) = self.last[j].as_ref().filter(|(text, _)| text == cell) {
                value.clone()
            } else {
                let value = parse_cell(cell, format).map_err(|message| DecodeError {
                    line: record.line,
                    message: format!("column `{}`: {message}", format.column.label),
                })?;
                if block.group[j] || format.column.ty == ColType::String {
                    self.last[j] = Some((cell.to_owned(), value.clone()));
                }
                value
            };
            self.builders[j].append(&value).map_err(|message| DecodeError { line: record.line, message })?;
        }
        Ok(())
    }

    fn finish(mut self) -> Table {
        let data = self.builders.iter_mut().map(ColumnBuilder::finish).collect();
        Table { key: self.key, columns: self.columns, data }
    }
}

/// One non-empty cell as a value of its column's type.
fn parse_cell(cell: &str, format: &ColumnFormat) -> Result<Value, String> {
    let wrong = |what: &str| format!("`{cell}` is not {what}");
    Ok(match format.column.ty {
        ColType::Bool => match cell {
            "1" | "t" | "T" | "TRUE" | "true" | "True" => Value::Bool(true),
            "0" | "f" | "F" | "FALSE" | "false" | "False" => Value::Bool(false),
            _ => return Err(wrong("a boolean")),
        },
        ColType::Int => Value::Int(cell.parse().map_err(|_| wrong("a long (a 64-bit integer)"))?),
        ColType::UInt => {
            if cell.starts_with('+') {
                return Err(wrong("an unsignedLong"));
            }
            Value::UInt(cell.parse().map_err(|_| wrong("an unsignedLong (a 64-bit unsigned integer)"))?)
        }
        ColType::Float => Value::Float(cell.parse().map_err(|_| wrong("a double"))?),
        ColType::String => Value::String(cell.into()),
        ColType::Time => match format.layout.as_str() {
            "RFC3339" | "RFC3339Nano" => Value::Time(parse_rfc3339(cell)?),
            "" => return Err("a `dateTime` column without a layout holds only empty cells".to_owned()),
            layout => return Err(format!("the time layout `{layout}` is not supported (use RFC3339)")),
        },
    })
}

fn decode_raw(records: &mut Records<'_>) -> Result<Vec<NamedResult>, DecodeError> {
    let Some(header) = records.next() else { return Ok(Vec::new()) };
    let labels: Vec<&str> = header.fields().collect();
    for (i, label) in labels.iter().enumerate() {
        if labels[..i].contains(label) {
            return Err(DecodeError {
                line: header.line,
                message: format!("column `{label}` appears twice in the header"),
            });
        }
    }
    let columns: Vec<Column> = labels.iter().map(|label| Column::new(*label, ColType::String)).collect();
    let mut builders: Vec<ColumnBuilder> = columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
    for record in records {
        if record.len() != columns.len() {
            return Err(field_count(&record, columns.len(), "data"));
        }
        for (builder, cell) in builders.iter_mut().zip(record.fields()) {
            let value = if cell.is_empty() { Value::Null } else { Value::String(cell.into()) };
            builder.append(&value).map_err(|message| DecodeError { line: record.line, message })?;
        }
    }
    let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
    let table = Table { key: GroupKey::default(), columns, data };
    Ok(vec![NamedResult { name: "_result".to_owned(), tables: vec![table] }])
}
