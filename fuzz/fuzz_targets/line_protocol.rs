//! Line protocol: any text parses without a panic, and every point read is written back as
//! a line that reads as the same point.
#![no_main]

use flux_storage::line_protocol::{Precision, encode, parse, parse_line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (points, errors) = parse(text, Precision::Nanoseconds);
    for error in &errors {
        assert!(error.line >= 1 && error.column >= 1, "{error:?}");
    }
    for point in points {
        let line = encode(&point, point.time.unwrap_or(0));
        let again = parse_line(&line, Precision::Nanoseconds)
            .unwrap_or_else(|e| panic!("{line:?} does not read back: {e:?}"))
            .expect("a point");
        assert_eq!(again.measurement, point.measurement, "{line:?}");
        assert_eq!(again.tags, point.tags, "{line:?}");
        assert_eq!(again.fields, point.fields, "{line:?}");
    }
});
