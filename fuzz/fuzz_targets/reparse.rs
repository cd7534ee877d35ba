//! Reparsing after an edit gives exactly the tree and errors a full parse of the new text
//! gives, whatever the text and the edit.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first four bytes place the edit; the rest splits into the text and what is inserted.
    if data.len() < 4 {
        return;
    }
    let (head, rest) = data.split_at(4);
    let rest = String::from_utf8_lossy(rest);
    // Up to a quarter of the characters, taken from the end, are what the edit inserts.
    let starts: Vec<usize> = rest.char_indices().map(|(i, _)| i).collect();
    let inserted = head[3] as usize % (starts.len() / 4 + 1);
    let split = if inserted == 0 { rest.len() } else { starts[starts.len() - inserted] };
    let (text, insert) = rest.split_at(split);
    let boundaries: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
    let start = boundaries[u16::from_le_bytes([head[0], head[1]]) as usize % boundaries.len()];
    let end = boundaries.iter().copied().filter(|&i| i >= start).nth(head[2] as usize % 8).unwrap_or(start);
    let edited = format!("{}{}{}", &text[..start], insert, &text[end..]);

    let old = flux_syntax::parse(text);
    let reparsed = old.reparse(text, &edited);
    assert_eq!(reparsed, flux_syntax::parse(&edited), "reparse of {text:?} into {edited:?}");
});
