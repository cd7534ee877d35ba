//! InfluxDB line protocol: `measurement[,tag=value…] field=value[,field=value…] [timestamp]`.
//!
//! Escapes follow the protocol's reference: in a measurement a backslash escapes a comma or a
//! space; in tag keys, tag values and field keys it escapes a comma, an equals sign or a
//! space; in a string field value it escapes a double quote or a backslash. A backslash
//! before anything else is itself. Field values are floats (`1`, `-1.5e3`), integers (`1i`),
//! unsigned integers (`1u`), booleans (`t`, `true`, `False` …) or double-quoted strings.
//! Lines starting with `#` and blank lines are skipped. A bad line is reported with its line
//! and column and does not stop the others from being read.

use std::collections::HashMap;
use std::fmt;

use crate::series::{Batch, FieldType, SeriesKey, TypeConflict};

/// One point: a measurement, its tags (sorted by key, as series keys are), its fields and its
/// time (nanoseconds since the epoch; `None` when the line has none, for the writer to fill).
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub measurement: String,
    pub tags: Vec<(String, String)>,
    pub fields: Vec<(String, FieldValue)>,
    pub time: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Float(f64),
    Int(i64),
    UInt(u64),
    String(String),
    Bool(bool),
}

/// The unit of the timestamps in a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
}

impl Precision {
    /// `ns`, `us`, `ms` or `s`, as `--precision` takes them.
    pub fn parse(text: &str) -> Option<Precision> {
        Some(match text {
            "ns" => Precision::Nanoseconds,
            "us" => Precision::Microseconds,
            "ms" => Precision::Milliseconds,
            "s" => Precision::Seconds,
            _ => return None,
        })
    }

    fn nanos(self) -> i64 {
        match self {
            Precision::Nanoseconds => 1,
            Precision::Microseconds => 1_000,
            Precision::Milliseconds => 1_000_000,
            Precision::Seconds => 1_000_000_000,
        }
    }
}

/// A line that is not line protocol: where (1-based line and column, in characters) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

/// The points of a batch and the errors of its bad lines, in order.
pub fn parse(text: &str, precision: Precision) -> (Vec<Point>, Vec<LineError>) {
    let mut points = Vec::new();
    let mut errors = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        match parse_line(line, precision) {
            Ok(Some(point)) => points.push(point),
            Ok(None) => {}
            Err((offset, message)) => {
                errors.push(LineError { line: n + 1, column: line[..offset].chars().count() + 1, message })
            }
        }
    }
    (points, errors)
}

/// Parses a batch of line protocol straight into columns: the points of good lines are
/// added to `batch` (a point without a time gets `now`), and each bad line is reported. A
/// field whose type differs from what `batch` holds, or from what `known` says the bucket
/// holds, makes its line bad.
///
/// Lines of a series seen before skip most of the parsing: the text before the first space
/// (measurement and tags) is looked up as it is, and fields without escapes or quotes are
/// read in place. Anything less plain goes through [`parse_line`].
pub fn parse_into(
    text: &str,
    precision: Precision,
    now: i64,
    batch: &mut Batch,
    known: &dyn Fn(&str, &str) -> Option<FieldType>,
) -> Vec<LineError> {
    struct Series {
        key: SeriesKey,
        /// Field names and the positions of their columns in the batch.
        fields: Vec<(String, usize)>,
    }
    let mut errors = Vec::new();
    let mut series: Vec<Series> = Vec::new();
    let mut by_prefix: HashMap<&str, usize> = HashMap::new();
    let mut last: Option<(&str, usize)> = None;
    let mut values: Vec<(Option<usize>, &str, FieldValue)> = Vec::new();
    let conflict = |line: usize, e: TypeConflict| LineError { line, column: 1, message: e.to_string() };
    for (n, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        // Not a comment, not indented (the full parser skips any leading white space).
        let plain = !line.is_empty()
            && !line.starts_with(|c: char| c == '#' || c.is_whitespace())
            && !line.contains(['\\', '"']);
        let fast = plain.then(|| fast_line(line, precision)).flatten();
        let Some((prefix, fields, time)) = fast else {
            match parse_line(line, precision) {
                Ok(None) => {}
                Ok(Some(point)) => {
                    let checked = point.fields.iter().find_map(|(field, value)| {
                        known(&point.measurement, field).filter(|&t| t != FieldType::of(value)).map(|holds| {
                            TypeConflict {
                                measurement: point.measurement.clone(),
                                field: field.clone(),
                                holds,
                                given: FieldType::of(value),
                            }
                        })
                    });
                    if let Some(e) = checked.map_or_else(|| batch.push(point, now).err(), Some) {
                        errors.push(conflict(n + 1, e));
                    }
                }
                Err((offset, message)) => {
                    errors.push(LineError { line: n + 1, column: line[..offset].chars().count() + 1, message })
                }
            }
            continue;
        };
        let index = match last {
            Some((p, i)) if p == prefix => i,
            _ => match by_prefix.get(prefix) {
                Some(&i) => i,
                None => {
                    let Some((measurement, mut tags)) = fast_prefix(prefix) else {
                        // Parsed again, slowly, for the message.
                        if let Err((offset, message)) = parse_line(line, precision) {
                            errors.push(LineError { line: n + 1, column: line[..offset].chars().count() + 1, message });
                        }
                        continue;
                    };
                    tags.sort();
                    if tags.windows(2).any(|w| w[0].0 == w[1].0) {
                        if let Err((offset, message)) = parse_line(line, precision) {
                            errors.push(LineError { line: n + 1, column: offset + 1, message });
                        }
                        continue;
                    }
                    series.push(Series {
                        key: SeriesKey { measurement, tags, field: String::new() },
                        fields: Vec::new(),
                    });
                    by_prefix.insert(prefix, series.len() - 1);
                    series.len() - 1
                }
            },
        };
        last = Some((prefix, index));
        let time = time.unwrap_or(now);
        // Checked whole before anything is added: a bad line leaves no trace.
        values.clear();
        let mut bad = None;
        for (name, value) in fields {
            let s = &mut series[index];
            let given = FieldType::of(&value);
            let cached = s.fields.iter().find(|(f, _)| f == name).map(|&(_, position)| position);
            let holds = match cached {
                Some(position) => Some(batch.column_mut(position).values.ty()),
                None => {
                    s.key.field.clear();
                    s.key.field.push_str(name);
                    batch
                        .type_of(&s.key)
                        .or_else(|| known(&s.key.measurement, name))
                        .or_else(|| values.iter().find(|(_, f, _)| *f == name).map(|(_, _, v)| FieldType::of(v)))
                }
            };
            if let Some(holds) = holds.filter(|&t| t != given) {
                bad =
                    Some(TypeConflict { measurement: s.key.measurement.clone(), field: name.to_owned(), holds, given });
                break;
            }
            values.push((cached, name, value));
        }
        if let Some(e) = bad {
            errors.push(conflict(n + 1, e));
            continue;
        }
        for (cached, name, value) in values.drain(..) {
            let position = match cached {
                Some(position) => position,
                None => {
                    let s = &mut series[index];
                    s.key.field.clear();
                    s.key.field.push_str(name);
                    let position = batch.column_of(&s.key, FieldType::of(&value)).expect("checked above");
                    if !s.fields.iter().any(|(f, _)| f == name) {
                        s.fields.push((name.to_owned(), position));
                    }
                    position
                }
            };
            let column = batch.column_mut(position);
            column.times.push(time);
            column.values.push(value);
        }
        batch.count_point();
    }
    errors
}

/// The `measurement,tags` text of a line, its fields and its time.
type FastLine<'a> = (&'a str, Vec<(&'a str, FieldValue)>, Option<i64>);

/// A line without escapes or quotes: its `measurement,tags` text, its fields and its time;
/// `None` when it is not that simple or not right (the slow path says why).
fn fast_line(line: &str, precision: Precision) -> Option<FastLine<'_>> {
    let (prefix, rest) = line.split_once(' ')?;
    let (fields_text, time) = match rest.split_once(' ') {
        None => (rest, None),
        Some((fields, time)) => {
            let value: i64 = time.parse().ok()?;
            (fields, Some(value.checked_mul(precision.nanos())?))
        }
    };
    let mut fields = Vec::with_capacity(4);
    for field in fields_text.split(',') {
        let (key, value) = field.split_once('=')?;
        if key.is_empty() {
            return None;
        }
        fields.push((key, plain_value(value)?));
    }
    Some((prefix, fields, time))
}

/// `measurement,tag=value,...` without escapes.
fn fast_prefix(prefix: &str) -> Option<(String, Vec<(String, String)>)> {
    let mut parts = prefix.split(',');
    let measurement = parts.next().filter(|m| !m.is_empty())?;
    let mut tags = Vec::new();
    for part in parts {
        let (key, value) = part.split_once('=')?;
        if key.is_empty() || value.is_empty() || value.contains('=') {
            return None;
        }
        tags.push((key.to_owned(), value.to_owned()));
    }
    Some((measurement.to_owned(), tags))
}

/// A field value that is not a string, read as [`Cursor::field_value`] reads it.
fn plain_value(word: &str) -> Option<FieldValue> {
    Some(match word {
        "" => return None,
        "t" | "T" | "true" | "True" | "TRUE" => FieldValue::Bool(true),
        "f" | "F" | "false" | "False" | "FALSE" => FieldValue::Bool(false),
        _ if word.ends_with('i') => FieldValue::Int(word[..word.len() - 1].parse().ok()?),
        _ if word.ends_with('u') => FieldValue::UInt(word[..word.len() - 1].parse().ok()?),
        _ => {
            if !word.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) {
                return None;
            }
            let x: f64 = word.parse().ok()?;
            if !x.is_finite() {
                return None;
            }
            FieldValue::Float(x)
        }
    })
}

/// One line: `None` for a comment or a blank line; an error at a byte offset.
pub fn parse_line(line: &str, precision: Precision) -> Result<Option<Point>, (usize, String)> {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    let mut cursor = Cursor { text: line, at: line.len() - trimmed.len() };
    let measurement = cursor.identifier(&[',', ' '], "measurement")?;
    let mut tags = Vec::new();
    while cursor.eat(',') {
        let key = cursor.identifier(&[',', '=', ' '], "tag key")?;
        cursor.expect('=', || format!("expected `=` after the tag key `{key}`"))?;
        let value = cursor.identifier(&[',', '=', ' '], "tag value")?;
        tags.push((key, value));
    }
    if !cursor.spaces() {
        return Err((cursor.at, "expected a space before the fields".to_owned()));
    }
    let mut fields = Vec::new();
    loop {
        let key = cursor.identifier(&[',', '=', ' '], "field key")?;
        cursor.expect('=', || format!("expected `=` after the field key `{key}`"))?;
        let value = cursor.field_value(&key)?;
        fields.push((key, value));
        if !cursor.eat(',') {
            break;
        }
    }
    let mut time = None;
    if cursor.spaces() && !cursor.done() {
        let start = cursor.at;
        let word = cursor.take_while(|c| c != ' ');
        let value: i64 = word.parse().map_err(|_| (start, format!("invalid timestamp `{word}`")))?;
        time = Some(
            value
                .checked_mul(precision.nanos())
                .ok_or_else(|| (start, format!("the timestamp {value} is outside the times Flux can hold")))?,
        );
        cursor.spaces();
    }
    if !cursor.done() {
        return Err((cursor.at, format!("unexpected `{}` after the point", cursor.rest_word(cursor.at))));
    }
    tags.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(w) = tags.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err((0, format!("the tag `{}` appears twice", w[0].0)));
    }
    Ok(Some(Point { measurement, tags, fields, time }))
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn done(&self) -> bool {
        self.at >= self.text.len()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, c: char, message: impl FnOnce() -> String) -> Result<(), (usize, String)> {
        if self.eat(c) { Ok(()) } else { Err((self.at, message())) }
    }

    /// One or more spaces; whether there was one.
    fn spaces(&mut self) -> bool {
        let start = self.at;
        while self.eat(' ') {}
        self.at > start
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &str {
        let start = self.at;
        while let Some(c) = self.peek().filter(|c| keep(*c)) {
            self.at += c.len_utf8();
        }
        &self.text[start..self.at]
    }

    /// The word from `start` to the next space, for messages.
    fn rest_word(&self, start: usize) -> &str {
        let rest = &self.text[start..];
        &rest[..rest.find(' ').unwrap_or(rest.len())]
    }

    /// A name up to an unescaped stop character; a backslash escapes a stop character or
    /// another backslash and is kept before anything else.
    fn identifier(&mut self, stops: &[char], what: &str) -> Result<String, (usize, String)> {
        let start = self.at;
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if stops.contains(&c) {
                break;
            }
            self.at += c.len_utf8();
            if c == '\\'
                && let Some(next) = self.peek()
                && (stops.contains(&next) || next == '\\' || next == ' ')
            {
                out.push(next);
                self.at += next.len_utf8();
                continue;
            }
            out.push(c);
        }
        if out.is_empty() {
            return Err((start, format!("missing the {what}")));
        }
        Ok(out)
    }

    fn field_value(&mut self, key: &str) -> Result<FieldValue, (usize, String)> {
        let start = self.at;
        if self.eat('"') {
            let mut out = String::new();
            loop {
                let Some(c) = self.peek() else {
                    return Err((start, format!("the string value of `{key}` has no closing quote")));
                };
                self.at += c.len_utf8();
                match c {
                    '"' => return Ok(FieldValue::String(out)),
                    '\\' if matches!(self.peek(), Some('"' | '\\')) => {
                        let next = self.peek().expect("peeked");
                        out.push(next);
                        self.at += 1;
                    }
                    c => out.push(c),
                }
            }
        }
        let word = self.take_while(|c| c != ',' && c != ' ');
        let invalid = || (start, format!("invalid value `{word}` for the field `{key}`"));
        if word.is_empty() {
            return Err((start, format!("missing the value of the field `{key}`")));
        }
        Ok(match word {
            "t" | "T" | "true" | "True" | "TRUE" => FieldValue::Bool(true),
            "f" | "F" | "false" | "False" | "FALSE" => FieldValue::Bool(false),
            _ if word.ends_with('i') => FieldValue::Int(word[..word.len() - 1].parse().map_err(|_| invalid())?),
            _ if word.ends_with('u') => FieldValue::UInt(word[..word.len() - 1].parse().map_err(|_| invalid())?),
            _ => {
                // Digits, a sign, a point and an exponent only: not `inf` or `NaN`, which the
                // protocol does not have.
                if !word.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) {
                    return Err(invalid());
                }
                let x: f64 = word.parse().map_err(|_| invalid())?;
                if !x.is_finite() {
                    return Err((start, format!("the value of `{key}` is out of range")));
                }
                FieldValue::Float(x)
            }
        })
    }
}

#[cfg(test)]
mod tests;

/// A point as one line of line protocol, escaped so that [`parse_line`] reads it back, with
/// its time (nanoseconds) written out.
pub fn encode(point: &Point, time: i64) -> String {
    fn escape(text: &str, specials: &[char], out: &mut String) {
        for c in text.chars() {
            if specials.contains(&c) || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    let mut out = String::new();
    escape(&point.measurement, &[',', ' '], &mut out);
    for (key, value) in &point.tags {
        out.push(',');
        escape(key, &[',', '=', ' '], &mut out);
        out.push('=');
        escape(value, &[',', '=', ' '], &mut out);
    }
    out.push(' ');
    for (i, (key, value)) in point.fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        escape(key, &[',', '=', ' '], &mut out);
        out.push('=');
        match value {
            FieldValue::Float(x) => out.push_str(&format!("{x:?}")),
            FieldValue::Int(i) => out.push_str(&format!("{i}i")),
            FieldValue::UInt(u) => out.push_str(&format!("{u}u")),
            FieldValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            FieldValue::String(s) => {
                out.push('"');
                for c in s.chars() {
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
            }
        }
    }
    out.push(' ');
    out.push_str(&time.to_string());
    out
}
