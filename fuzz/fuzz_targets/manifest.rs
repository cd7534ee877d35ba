//! Any text given as a manifest: extraction never panics, and every offset of every query it
//! finds maps into the manifest, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(Some(manifest)) = flux_manifest::extract(text) else { return };
    for query in &manifest.queries {
        let mut previous = 0;
        for (at, _) in query.text.char_indices().chain(std::iter::once((query.text.len(), ' '))) {
            let offset = query.manifest_offset(at as u32);
            assert!(offset as usize <= text.len(), "{} maps past the end", query.place);
            assert!(offset >= previous, "{} maps out of order", query.place);
            previous = offset;
        }
    }
});
