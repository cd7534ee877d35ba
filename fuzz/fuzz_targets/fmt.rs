//! Formatting keeps its promises on any text that parses: the output parses, formatting it
//! again changes nothing, and the syntax tree with its comments is unchanged. Seed the corpus
//! with real programs (the upstream standard library, tests/corpus) so that mutations parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(problem) = flux_fmt::verify(text) {
        panic!("{problem}");
    }
});
