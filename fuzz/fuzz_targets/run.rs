//! Small programs over random annotated CSV: the engine never panics, and every run-time
//! error it reports has a place in the program.
#![no_main]

use std::sync::Arc;

use flux_semantic::ir::ItemRef;
use libfuzzer_sys::fuzz_target;

/// Programs whose data is the fuzzed CSV, bound to `data`.
const PROGRAMS: &[&str] = &[
    "csv.from(csv: data)",
    "csv.from(csv: data) |> range(start: -1h)",
    "csv.from(csv: data) |> range(start: 2020-01-01T00:00:00Z, stop: 2030-01-01T00:00:00Z) |> filter(fn: (r) => r._value > 0)",
    "csv.from(csv: data) |> filter(fn: (r) => exists r._value and r.host == \"a\", onEmpty: \"keep\") |> yield(name: \"x\")",
    "csv.from(csv: data, mode: \"raw\") |> filter(fn: (r) => r.a == \"1\")",
    "csv.from(csv: data) |> map(fn: (r) => ({r with _value: r._value * 2.0, tag: r.host})) |> group(columns: [\"tag\"])",
    "csv.from(csv: data) |> group(columns: [\"_time\"], mode: \"except\") |> sort(columns: [\"_time\"], desc: true) |> limit(n: 2, offset: 1)",
    "csv.from(csv: data) |> drop(columns: [\"_time\"]) |> keep(fn: (column) => column != \"x\") |> rename(columns: {host: \"h\"}) |> duplicate(column: \"h\", as: \"g\")",
    "csv.from(csv: data) |> range(start: 2020-01-01T00:00:00Z, stop: 2030-01-01T00:00:00Z) |> aggregateWindow(every: 1mo, fn: mean, createEmpty: true)",
    "csv.from(csv: data) |> range(start: 2020-01-01T00:00:00Z, stop: 2020-02-01T00:00:00Z) |> window(every: 1d, offset: 2h, location: {zone: \"Europe/Paris\", offset: 0h}) |> max()",
    "csv.from(csv: data) |> pivot(rowKey: [\"_time\"], columnKey: [\"host\"], valueColumn: \"_value\")",
    "csv.from(csv: data) |> group() |> sort(columns: [\"_time\"]) |> difference() |> derivative(unit: 1m) |> cumulativeSum()",
    "csv.from(csv: data) |> reduce(fn: (r, accumulator) => ({n: accumulator.n + 1, s: accumulator.s + r._value}), identity: {n: 0, s: 0.0})",
    "join(tables: {a: csv.from(csv: data), b: csv.from(csv: data) |> count()}, on: [\"host\"])",
    "csv.from(csv: data) |> map(fn: (r) => ({r with v: if r._value > 1.0 then r._value / 0.0 else -r._value, b: r.host == \"a\" or exists r.x}))",
    "csv.from(csv: data) |> quantile(q: 0.9, method: \"estimate_tdigest\") |> fill(usePrevious: true) |> unique(column: \"host\")",
    "csv.from(csv: data) |> stateCount(fn: (r) => r._value > 0.0) |> elapsed() |> tail(n: 3) |> top(n: 2)",
    "csv.from(csv: data) |> experimental.unpivot() |> movingAverage(n: 2) |> histogramQuantile(quantile: 0.5)",
    "csv.from(csv: data) |> distinct(column: \"host\") |> set(key: \"k\", value: \"v\") |> keys() |> columns()",
];

fn string_literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, csv)) = data.split_first() else { return };
    let Ok(csv) = std::str::from_utf8(csv) else { return };
    let program = PROGRAMS[choice as usize % PROGRAMS.len()];
    let source = format!("import \"csv\"\nimport \"experimental\"\ndata = {}\n{program}\n", string_literal(csv));
    let parse = flux_syntax::parse(&source);
    if !parse.errors.is_empty() {
        return;
    }
    let analysis = flux_semantic::analyze_files(&[&parse.file], &flux_semantic::Predefined::default()).remove(0);
    if analysis.diagnostics.iter().any(|d| d.severity == flux_syntax::Severity::Error) {
        return;
    }
    let mut evaluator = flux_exec::eval::Evaluator::with_now(1_767_225_600_000_000_000);
    for (j, (top, body)) in parse.file.body.iter().zip(analysis.bodies).enumerate() {
        if let Err(e) = evaluator.run_statement(ItemRef(j as u64), &Arc::new(body)) {
            let end = (e.range.end + top.offset) as usize;
            assert!(end <= source.len() && e.range.start <= e.range.end, "an error outside the program: {e:?}");
            return;
        }
    }
});
