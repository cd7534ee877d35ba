//! `flx-bench`: measurements behind `docs/benchmarks.md`. Run on a release build:
//!
//! ```text
//! cargo run --release -p flx-bench -- parse
//! ```

// A benchmark reports on the terminal.
#![allow(clippy::print_stderr)]

mod workloads;

use std::time::{Duration, Instant};

const USAGE: &str = "\
Usage: flx-bench <benchmark>

Benchmarks:
  parse     Parser throughput on a 10,000-line file (flux-syntax and tree-sitter-flux),
            tree-sitter's incremental reparse after a one-character edit, and the whole
            standard library below FLUX_STDLIB_DIR when that is set";

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("parse") => parse(),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}

/// Runs `f` `runs` times after one warm-up run and returns the sorted durations.
fn measure(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(name: &str, bytes: usize, times: &[Duration]) {
    let median = times[times.len() / 2];
    let p90 = times[times.len() * 9 / 10];
    let mb_s = bytes as f64 / 1e6 / median.as_secs_f64();
    println!("| {name} | {:.2} | {:.2} | {:.2} | {mb_s:.1} |", ms(times[0]), ms(median), ms(p90));
}

fn parse() {
    let runs = 50;
    let mut ts_parser = tree_sitter::Parser::new();
    ts_parser.set_language(&tree_sitter_flux::LANGUAGE.into()).expect("the grammar loads");

    for (label, text) in [("realistic", workloads::realistic(10_000)), ("compass", workloads::compass(2_500))] {
        let lines = text.lines().count();
        println!("\n{label} workload: {lines} lines, {} bytes, {runs} runs after a warm-up\n", text.len());
        println!("| what | min ms | median ms | p90 ms | MB/s (median) |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        let parse = flux_syntax::parse(&text);
        assert!(parse.errors.is_empty(), "the workload is valid Flux");
        report("flux-syntax: parse to AST", text.len(), &measure(runs, || drop(flux_syntax::parse(&text))));
        report("tree-sitter-flux: full parse", text.len(), &measure(runs, || drop(ts_parser.parse(&text, None))));

        // One character typed in the middle of the file, reparsed with the old tree.
        let old_tree = ts_parser.parse(&text, None).expect("parses");
        let at = text[..text.len() / 2]
            .rfind(" + 1")
            .map(|i| i + 3)
            .or_else(|| text[..text.len() / 2].rfind("5m").map(|i| i + 1))
            .expect("an edit point");
        let mut edited = text.clone();
        edited.insert(at, '0');
        let point = |offset: usize| {
            let before = &text[..offset];
            let row = before.matches('\n').count();
            let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
            tree_sitter::Point { row, column }
        };
        let edit = tree_sitter::InputEdit {
            start_byte: at,
            old_end_byte: at,
            new_end_byte: at + 1,
            start_position: point(at),
            old_end_position: point(at),
            new_end_position: tree_sitter::Point { row: point(at).row, column: point(at).column + 1 },
        };
        let times = measure(runs, || {
            let mut tree = old_tree.clone();
            tree.edit(&edit);
            drop(ts_parser.parse(&edited, Some(&tree)));
        });
        report("tree-sitter-flux: incremental reparse, 1-char edit", edited.len(), &times);
        report(
            "flux-syntax: full reparse after the same edit",
            edited.len(),
            &measure(runs, || drop(flux_syntax::parse(&edited))),
        );
        let before = flux_syntax::parse(&text);
        report(
            "flux-syntax: incremental reparse after the same edit",
            edited.len(),
            &measure(runs, || drop(before.reparse(&text, &edited))),
        );
    }

    if let Some(dir) = flx_test_utils::stdlib_dir("standard library benchmark") {
        let files = flx_test_utils::flux_files(&dir);
        let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).expect("readable")).collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        println!("\nstandard library: {} files, {bytes} bytes, 20 runs after a warm-up\n", texts.len());
        println!("| what | min ms | median ms | p90 ms | MB/s (median) |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        let times = measure(20, || {
            for t in &texts {
                drop(flux_syntax::parse(t));
            }
        });
        report("flux-syntax: parse every file", bytes, &times);
    }
}
