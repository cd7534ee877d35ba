//! Any text as annotated or raw CSV: decoding never panics, and what decodes encodes to CSV
//! that decodes to the same tables. The first encoding may lose a lone carriage return inside
//! a quoted field (InfluxDB's writer drops it, and so does ours), so the tables are compared
//! through the second and third encodings.
#![no_main]

use flux_exec::csv::{Mode, decode, encode_results};
use libfuzzer_sys::fuzz_target;

fn round(text: &str) -> String {
    let results = decode(text, Mode::Annotations).unwrap_or_else(|e| panic!("re-decoding failed: {e}\n{text}"));
    encode_results(&results)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = decode(text, Mode::Raw);
    let Ok(results) = decode(text, Mode::Annotations) else { return };
    let second = round(&encode_results(&results));
    assert_eq!(round(&second), second, "the encoding changed after a round trip");
});
