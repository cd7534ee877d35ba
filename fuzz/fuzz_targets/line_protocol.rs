//! Line protocol: any text parses without a panic; every point read is written back as a
//! line that reads as the same point; and `parse_into`, with its fast path for plain lines,
//! reads exactly the points and errors that `parse_line` reads line by line.
#![no_main]

use flux_storage::Batch;
use flux_storage::line_protocol::{Precision, encode, parse, parse_into, parse_line};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (points, errors) = parse(text, Precision::Nanoseconds);
    for error in &errors {
        assert!(error.line >= 1 && error.column >= 1, "{error:?}");
    }
    let mut slow = Batch::default();
    let mut slow_errors: Vec<usize> = errors.iter().map(|e| e.line).collect();
    // The lines of the points, for the type conflicts the batch finds.
    let point_lines: Vec<usize> = text
        .split('\n')
        .enumerate()
        .filter(|(_, line)| matches!(parse_line(line.strip_suffix('\r').unwrap_or(line), Precision::Nanoseconds), Ok(Some(_))))
        .map(|(n, _)| n + 1)
        .collect();
    for (point, line) in points.iter().zip(&point_lines) {
        let encoded = encode(point, point.time.unwrap_or(0));
        let again = parse_line(&encoded, Precision::Nanoseconds)
            .unwrap_or_else(|e| panic!("{encoded:?} does not read back: {e:?}"))
            .expect("a point");
        assert_eq!(again.measurement, point.measurement, "{encoded:?}");
        assert_eq!(again.tags, point.tags, "{encoded:?}");
        assert_eq!(again.fields, point.fields, "{encoded:?}");
        if slow.push(point.clone(), 7).is_err() {
            slow_errors.push(*line);
        }
    }
    slow_errors.sort_unstable();
    let mut fast = Batch::default();
    let fast_errors: Vec<usize> =
        parse_into(text, Precision::Nanoseconds, 7, &mut fast, &|_, _| None).iter().map(|e| e.line).collect();
    assert_eq!(fast_errors, slow_errors);
    assert_eq!(fast.points(), slow.points());
    let sorted = |b: &Batch| {
        let mut series = b.series().to_vec();
        series.sort_by(|a, b| a.0.cmp(&b.0));
        format!("{series:?}")
    };
    assert_eq!(sorted(&fast), sorted(&slow));
});
