//! Any text parses without panicking, and everything derived from the tree stays consistent:
//! ranges lie in the text on character boundaries, errors come sorted, the tree serializes.
#![no_main]

use flux_syntax::walk::Located;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parse = flux_syntax::parse(&text);

    let in_text = |r: flux_syntax::TextRange| {
        r.start <= r.end && text.is_char_boundary(r.start as usize) && text.is_char_boundary(r.end as usize)
    };
    for e in &parse.errors {
        assert!(in_text(e.range), "error range {:?} outside the text", e.range);
        assert!(e.related.iter().all(|r| in_text(r.range)));
    }
    assert!(parse.errors.windows(2).all(|w| w[0].range.start <= w[1].range.start));

    let mut stack = vec![Located::root(&parse.file)];
    while let Some(node) = stack.pop() {
        assert!(in_text(node.range()), "node range {:?} outside the text", node.range());
        node.children(&mut stack);
    }

    let json = flux_syntax::json::to_json(&parse.file, &text, &parse.errors, Default::default());
    assert!(json.starts_with('{') && json.ends_with('}'));
    let _ = flux_syntax::debug_tree(&parse.file, &text);

    // Parsing is deterministic.
    assert_eq!(flux_syntax::parse(&text), parse);
});
