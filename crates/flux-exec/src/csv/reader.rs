//! CSV records as Flux's decoder reads them: RFC 4180 with lenient quotes (a `"` inside an
//! unquoted field, or a lone one inside a quoted field, is text), any number of fields per
//! record, `\r\n` read as `\n`, and empty lines skipped.

/// One record and the line it starts on (1-based): its fields one after another in one
/// string, so that a record costs two allocations however many fields it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    text: String,
    /// Where each field ends in `text`.
    ends: Vec<usize>,
}

impl Record {
    fn with_capacity(line: usize, text: usize, fields: usize) -> Record {
        Record { line, text: String::with_capacity(text), ends: Vec::with_capacity(fields) }
    }

    fn end_field(&mut self) {
        self.ends.push(self.text.len());
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }

    /// Field `i`, which must exist.
    pub fn field(&self, i: usize) -> &str {
        self.get(i).expect("a field within the record")
    }

    pub fn fields(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.field(i))
    }

    /// The fields from `from` on, owned; `None` when the record is shorter.
    pub fn owned_from(&self, from: usize) -> Option<Vec<String>> {
        (from <= self.len()).then(|| (from..self.len()).map(|i| self.field(i).to_owned()).collect())
    }
}

/// Records of a text, or of a byte stream read as they are needed.
pub struct Reader<'a> {
    buf: String,
    pos: usize,
    line: usize,
    source: Option<Box<dyn std::io::Read + Send + 'a>>,
    /// The start of a character split between two reads.
    partial: Vec<u8>,
    /// Why the stream stopped early.
    error: Option<String>,
    /// Where reads land before they are checked as UTF-8, kept between reads.
    scratch: Vec<u8>,
    /// How many fields the last record had, to size the next one's.
    last_fields: usize,
}

/// How much a refill reads at once.
const READ_SIZE: usize = 1 << 20;

impl<'a> Reader<'a> {
    pub fn new(text: &str) -> Reader<'a> {
        Reader {
            buf: text.to_owned(),
            pos: 0,
            line: 1,
            source: None,
            partial: Vec::new(),
            error: None,
            scratch: Vec::new(),
            last_fields: 0,
        }
    }

    /// Records read from `source` as they are needed: memory holds a read's worth and the
    /// record being read.
    pub fn from_read(source: Box<dyn std::io::Read + Send + 'a>) -> Reader<'a> {
        Reader {
            buf: String::new(),
            pos: 0,
            line: 1,
            source: Some(source),
            partial: Vec::new(),
            error: None,
            scratch: vec![0; READ_SIZE],
            last_fields: 0,
        }
    }

    /// Why the records ended before the stream did: a failed read or bytes that are not UTF-8.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The line the next record starts on, or the last line.
    pub fn line(&self) -> usize {
        self.line
    }

    /// Appends the next read to the buffer; false at the end of the stream.
    fn fill(&mut self) -> bool {
        let Some(source) = self.source.as_mut() else { return false };
        let n = loop {
            match source.read(&mut self.scratch) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    self.error = Some(e.to_string());
                    self.source = None;
                    return false;
                }
            }
        };
        // The start of a character the last read split comes first.
        let mut bytes = std::mem::take(&mut self.partial);
        bytes.extend_from_slice(&self.scratch[..n]);
        if n == 0 {
            self.source = None;
            if !bytes.is_empty() {
                self.error = Some(format!("line {}: the input ends inside a UTF-8 character", self.line));
            }
            return false;
        }
        let valid = match std::str::from_utf8(&bytes) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                self.error = Some(format!("line {}: the input is not UTF-8", self.line));
                self.source = None;
                return false;
            }
        };
        self.buf.push_str(std::str::from_utf8(&bytes[..valid]).expect("checked above"));
        self.partial = bytes.split_off(valid);
        true
    }

    /// The next line's byte range without its line break (`\r\n` or `\n`); the buffer only
    /// grows while a record is read, so earlier ranges stay valid.
    fn next_line(&mut self) -> Option<(usize, usize)> {
        let mut searched = self.pos;
        loop {
            if let Some(i) = self.buf[searched..].find('\n') {
                let end = searched + i;
                let start = self.pos;
                self.pos = end + 1;
                self.line += 1;
                let trimmed = if self.buf[start..end].ends_with('\r') { end - 1 } else { end };
                return Some((start, trimmed));
            }
            searched = self.buf.len();
            if !self.fill() {
                if self.pos >= self.buf.len() {
                    return None;
                }
                let start = self.pos;
                self.pos = self.buf.len();
                self.line += 1;
                let end = self.buf.len();
                let trimmed = if self.buf[start..end].ends_with('\r') { end - 1 } else { end };
                return Some((start, trimmed));
            }
        }
    }

    /// Drops the records already read from the buffer.
    fn compact(&mut self) {
        if self.pos >= READ_SIZE {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
    }
}

impl Iterator for Reader<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        self.compact();
        let (start_line, (mut at, end)) = loop {
            let start = self.line;
            let (a, b) = self.next_line()?;
            if a < b {
                break (start, (a, b));
            }
        };
        let mut record = Record::with_capacity(start_line, end - at, self.last_fields);
        // `at..end` is the rest of the current line.
        let mut end = end;
        loop {
            if self.buf[at..end].starts_with('"') {
                // A quoted field, which may run over line breaks.
                at += 1;
                loop {
                    match self.buf[at..end].find('"') {
                        Some(i) => {
                            record.text.push_str(&self.buf[at..at + i]);
                            let after = at + i + 1;
                            let rest = &self.buf[after..end];
                            if rest.starts_with('"') {
                                record.text.push('"');
                                at = after + 1;
                            } else if rest.starts_with(',') {
                                record.end_field();
                                at = after + 1;
                                break;
                            } else if rest.is_empty() {
                                record.end_field();
                                self.last_fields = record.len();
                                return Some(record);
                            } else {
                                // A lone quote inside the field is text.
                                record.text.push('"');
                                at = after;
                            }
                        }
                        None => {
                            record.text.push_str(&self.buf[at..end]);
                            match self.next_line() {
                                Some((a, b)) => {
                                    record.text.push('\n');
                                    (at, end) = (a, b);
                                }
                                None => {
                                    record.end_field();
                                    self.last_fields = record.len();
                                    return Some(record);
                                }
                            }
                        }
                    }
                }
                continue;
            }
            match self.buf[at..end].find(',') {
                Some(i) => {
                    record.text.push_str(&self.buf[at..at + i]);
                    record.end_field();
                    at += i + 1;
                }
                None => {
                    record.text.push_str(&self.buf[at..end]);
                    record.end_field();
                    self.last_fields = record.len();
                    return Some(record);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(usize, Vec<String>)> {
        Reader::new(text).map(|r| (r.line, r.fields().map(str::to_owned).collect())).collect()
    }

    #[test]
    fn fields_quotes_and_lines() {
        let text =
            "a,b,c\r\n\r\n,\"x,y\",\"say \"\"hi\"\"\"\n\"multi\r\nline\",2\nlazy\"quote,\"lone \" quote\"\nlast,";
        assert_eq!(
            records(text),
            vec![
                (1, vec!["a".into(), "b".into(), "c".into()]),
                (3, vec!["".into(), "x,y".into(), "say \"hi\"".into()]),
                (4, vec!["multi\nline".into(), "2".into()]),
                (6, vec!["lazy\"quote".into(), "lone \" quote".into()]),
                (7, vec!["last".into(), "".into()]),
            ]
        );
    }

    /// A source that gives one byte per read, splitting characters and line breaks.
    struct Trickle(Vec<u8>, usize);

    impl std::io::Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.1 == self.0.len() {
                return Ok(0);
            }
            buf[0] = self.0[self.1];
            self.1 += 1;
            Ok(1)
        }
    }

    #[test]
    fn a_stream_reads_as_the_text_does() {
        let text =
            "a,b,c\r\n\r\n,\"x,ÿ\",\"say \"\"hi\"\"\"\n\"multi\r\nliné\",2\nlazy\"quote,\"lone \" quote\"\nlast,";
        let streamed: Vec<_> = Reader::from_read(Box::new(Trickle(text.as_bytes().to_vec(), 0)))
            .map(|r| (r.line, r.fields().map(str::to_owned).collect::<Vec<_>>()))
            .collect();
        assert_eq!(streamed, records(text));
        let mut broken = Reader::from_read(Box::new(Trickle(b"ok\n\xff\n".to_vec(), 0)));
        assert_eq!(broken.next().map(|r| r.field(0).to_owned()), Some("ok".to_owned()));
        assert_eq!(broken.next(), None);
        assert_eq!(broken.error(), Some("line 2: the input is not UTF-8"));
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        assert_eq!(records("\"open\nstill"), vec![(1, vec!["open\nstill".to_owned()])]);
    }
}
