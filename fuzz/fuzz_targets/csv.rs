//! Any text as annotated or raw CSV: decoding never panics, and what decodes encodes to CSV
//! that decodes to the same tables. The first encoding may lose a lone carriage return inside
//! a quoted field (InfluxDB's writer drops it, and so does ours), so the tables are compared
//! through the second and third encodings. The same bytes read as a stream, in reads of a few
//! bytes that split lines and characters, decode to the same tables or the same error.
#![no_main]

use std::io::Read;

use flux_exec::csv::{Decoder, Mode, Reader, decode, encode_results};
use flux_exec::table::NamedResult;
use libfuzzer_sys::fuzz_target;

fn round(text: &str) -> String {
    let results = decode(text, Mode::Annotations).unwrap_or_else(|e| panic!("re-decoding failed: {e}\n{text}"));
    encode_results(&results)
}

/// A source that gives at most `step` bytes per read.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(self.bytes.len()).min(buf.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

fn streamed(bytes: &[u8], step: usize) -> Result<Vec<NamedResult>, String> {
    let mut results: Vec<NamedResult> = Vec::new();
    for table in Decoder::new(Reader::from_read(Box::new(Trickle { bytes, step }))) {
        let (name, table) = table.map_err(|e| e.to_string())?;
        if results.last().is_none_or(|r| r.name != name) {
            results.push(NamedResult { name, tables: Vec::new() });
        }
        results.last_mut().expect("a result").tables.push(table);
    }
    Ok(results)
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, data)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = decode(text, Mode::Raw);
    let whole = decode(text, Mode::Annotations);
    // The whole-text decoder drops a leading byte-order mark; a stream keeps what it reads.
    if !text.starts_with('\u{feff}') {
        let stream = streamed(data, 1 + usize::from(first % 7));
        match (&whole, &stream) {
            (Ok(a), Ok(b)) => assert_eq!(encode_results(a), encode_results(b), "the stream decoded otherwise"),
            (Err(a), Err(b)) => assert_eq!(&a.to_string(), b, "the stream failed otherwise"),
            _ => panic!("one decoder failed: {:?} / {:?}", whole.as_ref().err(), stream.as_ref().err()),
        }
    }
    let Ok(results) = whole else { return };
    let second = round(&encode_results(&results));
    assert_eq!(round(&second), second, "the encoding changed after a round trip");
});
