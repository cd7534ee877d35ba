//! Formatting keeps its promises on any text that parses: the output parses, formatting it
//! again changes nothing, the syntax tree with its comments is unchanged, and the safety net
//! (which refuses to write an output that lost a comment or changed the code) never fires.
//! Comments are inserted at random places of the input first, wherever one can stand without
//! changing the program: between any two tokens, inside types and brackets included. Seed the
//! corpus with real programs (the upstream standard library, tests/corpus) so that mutations
//! parse.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if text.len() > 8192 || flux_syntax::parse(text).has_errors() {
        return;
    }
    let text = with_comments(text, data);
    match flux_fmt::format(&text) {
        Ok(_) => {}
        Err(declined) if declined.reason == flux_fmt::Reason::WouldLose => {
            panic!("the safety net fired on valid input: {declined:?}\n{text}")
        }
        Err(_) => {}
    }
    if let Err(problem) = flux_fmt::verify(&text) {
        panic!("{problem}");
    }
});

/// `text` with up to four comments inserted at places chosen from the input's bytes, each kept
/// only where it leaves the program unchanged.
fn with_comments(text: &str, data: &[u8]) -> String {
    let mut seed = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let mut text = text.to_owned();
    for n in 0..4 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut at = (seed % (text.len() as u64 + 1)) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let candidate = format!("{}// fuzz {n}\n{}", &text[..at], &text[at..]);
        if flux_fmt::same_code(&text, &candidate) {
            text = candidate;
        }
    }
    text
}
