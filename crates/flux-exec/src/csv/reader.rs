//! CSV records as Flux's decoder reads them: RFC 4180 with lenient quotes (a `"` inside an
//! unquoted field, or a lone one inside a quoted field, is text), any number of fields per
//! record, `\r\n` read as `\n`, and empty lines skipped.

/// One record and the line it starts on (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub line: usize,
    pub fields: Vec<String>,
}

pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str) -> Reader<'a> {
        Reader { text, pos: 0, line: 1 }
    }

    /// The next line without its line break (`\r\n` or `\n`), and whether the text ended.
    fn next_line(&mut self) -> Option<&'a str> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (line, consumed) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += consumed;
        self.line += 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

impl Iterator for Reader<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let (start_line, mut rest) = loop {
            let start = self.line;
            let line = self.next_line()?;
            if !line.is_empty() {
                break (start, line);
            }
        };
        let mut fields = Vec::new();
        loop {
            if let Some(quoted) = rest.strip_prefix('"') {
                // A quoted field, which may run over line breaks.
                let mut field = String::new();
                let mut inside = quoted;
                loop {
                    match inside.find('"') {
                        Some(i) => {
                            field.push_str(&inside[..i]);
                            let after = &inside[i + 1..];
                            if let Some(more) = after.strip_prefix('"') {
                                field.push('"');
                                inside = more;
                            } else if let Some(next) = after.strip_prefix(',') {
                                fields.push(field);
                                rest = next;
                                break;
                            } else if after.is_empty() {
                                fields.push(field);
                                return Some(Record { line: start_line, fields });
                            } else {
                                // A lone quote inside the field is text.
                                field.push('"');
                                inside = after;
                            }
                        }
                        None => {
                            field.push_str(inside);
                            match self.next_line() {
                                Some(next) => {
                                    field.push('\n');
                                    inside = next;
                                }
                                None => {
                                    fields.push(field);
                                    return Some(Record { line: start_line, fields });
                                }
                            }
                        }
                    }
                }
                continue;
            }
            match rest.find(',') {
                Some(i) => {
                    fields.push(rest[..i].to_owned());
                    rest = &rest[i + 1..];
                }
                None => {
                    fields.push(rest.to_owned());
                    return Some(Record { line: start_line, fields });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(usize, Vec<String>)> {
        Reader::new(text).map(|r| (r.line, r.fields)).collect()
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

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        assert_eq!(records("\"open\nstill"), vec![(1, vec!["open\nstill".to_owned()])]);
    }
}
