//! `flx-bench`: measurements behind `docs/benchmarks.md`. Run on a release build:
//!
//! ```text
//! cargo run --release -p flx-bench -- parse
//! cargo build --release -p flux-lsp && cargo run --release -p flx-bench -- lsp [--peer DIR]
//! ```

// A benchmark reports on the terminal.
#![allow(clippy::print_stderr)]

mod lsp;
mod run;
mod storage;
mod stream;
mod typing;
mod workloads;

use std::time::{Duration, Instant};

const USAGE: &str = "\
Usage: flx-bench <benchmark>

Benchmarks:
  parse     Parser throughput on a 10,000-line file (flux-syntax and tree-sitter-flux),
            tree-sitter's incremental reparse after a one-character edit, and the whole
            standard library below FLUX_STDLIB_DIR when that is set
  fmt       Formatter throughput on a 10,000-line file (parsing included, and the
            file unformatted first), and the whole standard library below FLUX_STDLIB_DIR
  lsp       Language servers driven over stdio like an editor: open -> diagnostics on
            2,000-, 10,000- and 100,000-line files, a typed character -> diagnostics,
            hover, document symbols, semantic tokens, memory. Options:
              --server <path>  the server to measure (default: flux-lsp next to flx-bench)
              --peer <dir>     also measure the reference server in <dir> (a copy of
                               ../shared/peer-lsp with `npm install` done), run with node
              --lines <n,...>  only these file sizes (2000, 10000, 100000)
  check     `flx check` on generated scripts of 1.25, 2.5 and 5 MB with a warning on every
            other line, each output format (human output must stay linear in the number
            of diagnostics). Options:
              --flx <path>     the flx executable (default: flx next to flx-bench)
  typing    What a user waits for while typing, with the full semantic analysis: open ->
            diagnostics on 2,000 and 10,000 lines, one typed character -> diagnostics
            (pulled, and pushed), and name completion in the middle of the file, on a file
            where every name is used and on one with a warning on half its lines. Options:
              --server <path>  the server to measure (default: flux-lsp next to flx-bench)
  csv       Annotated CSV: decoding and encoding 100,000 rows in 100 tables (the format of
            csv.from and of InfluxDB's query API)
  csv-stream [MiB]
            A large annotated-CSV answer (1024 MiB by default) decoded as it arrives:
            in-process, and from a local HTTP server through the InfluxDB 2.x client
  run       Flux run through the language server: flux.run of a small query on a local
            bucket -> its tables; completion, hover and an edit's diagnostics idle and
            while a CPU-bound run of about 10 s goes on. Options:
              --server <path>  the server (default: flux-lsp next to flx-bench)
  rules     Each optimizer rule of the engine on 1,000,000 rows in 100 tables: the same
            query with the rule and with it turned off (planner.disable*Rules)
  storage-data <series> <points> <out.lp> <out.parquet>
            The data of scripts/bench-storage: points one second apart as line protocol
            and as one Parquet file of the same rows
  storage-query <data dir> <script.flux> <runs>
            The script run in-process on local buckets: median and fastest ms, rows";

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("parse") => parse(),
        Some("fmt") => fmt(),
        Some("lsp") => lsp_benchmark(std::env::args().skip(2).collect()),
        Some("typing") => typing_benchmark(std::env::args().skip(2).collect()),
        Some("check") => check_benchmark(std::env::args().skip(2).collect()),
        Some("csv") => csv_benchmark(),
        Some("csv-stream") => stream::run(std::env::args().skip(2).collect()),
        Some("rules") => rules_benchmark(),
        Some("run") => run::run(std::env::args().skip(2).collect()),
        Some("storage-data") => storage::generate(std::env::args().skip(2).collect()),
        Some("storage-query") => storage::query(std::env::args().skip(2).collect()),
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

    // What tree-sitter itself reaches here: its JSON grammar on a file of the same size.
    let json = workloads::json_rows(4_000);
    let mut json_parser = tree_sitter::Parser::new();
    json_parser.set_language(&tree_sitter_json::LANGUAGE.into()).expect("the grammar loads");
    println!("\nreference: JSON, {} bytes, {runs} runs after a warm-up\n", json.len());
    println!("| what | min ms | median ms | p90 ms | MB/s (median) |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    report("tree-sitter-json: full parse", json.len(), &measure(runs, || drop(json_parser.parse(&json, None))));

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

fn fmt() {
    let runs = 20;
    let formatted = workloads::realistic(10_000);
    // The same program with its layout undone: one space for every run of blanks.
    let unformatted: String =
        formatted.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n");
    println!("\n10,000-line workload, {runs} runs after a warm-up\n");
    println!("| what | min ms | median ms | p90 ms | MB/s (median) |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for (name, text) in
        [("format the formatted file", &formatted), ("format the file with its layout undone", &unformatted)]
    {
        assert!(flux_fmt::format(text).is_ok(), "the workload parses");
        report(name, text.len(), &measure(runs, || drop(flux_fmt::format(text))));
    }
    // Most of what the safety net adds to `format`: parsing the output and comparing the two
    // code trees (the comments' comparison is a walk over two lists).
    let output = flux_fmt::format(&unformatted).expect("formatted");
    assert!(flux_fmt::same_code(&unformatted, &output));
    report(
        "the safety net's share: parse the output, compare the trees",
        unformatted.len(),
        &measure(runs, || assert!(flux_fmt::same_code(&unformatted, &output))),
    );
    if let Some(dir) = flx_test_utils::stdlib_dir("standard library benchmark") {
        let files = flx_test_utils::flux_files(&dir);
        let texts: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).expect("readable")).collect();
        let bytes: usize = texts.iter().map(String::len).sum();
        println!("\nstandard library: {} files, {bytes} bytes, {runs} runs after a warm-up\n", texts.len());
        println!("| what | min ms | median ms | p90 ms | MB/s (median) |");
        println!("| --- | ---: | ---: | ---: | ---: |");
        let unchanged = texts.iter().filter(|t| flux_fmt::format(t).as_deref() == Ok(t.as_str())).count();
        report(
            &format!("format every file ({unchanged} of {} unchanged)", texts.len()),
            bytes,
            &measure(runs, || {
                for t in &texts {
                    drop(flux_fmt::format(t));
                }
            }),
        );
    }
}

fn lsp_benchmark(args: Vec<String>) {
    let mut server = None;
    let mut peer = None;
    let mut sizes: Vec<usize> = vec![2_000, 10_000, 100_000];
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--server" => server = args.next(),
            "--peer" => peer = args.next(),
            "--lines" => {
                let list = args.next().unwrap_or_default();
                sizes = list.split(',').filter_map(|n| n.trim().parse().ok()).collect();
            }
            other => {
                eprintln!("flx-bench lsp: unknown argument `{other}`\n\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    let server = server.unwrap_or_else(|| {
        let exe = std::env::current_exe().expect("the benchmark's own path");
        exe.with_file_name("flux-lsp").display().to_string()
    });
    let ours = vec![server];
    let limit = Duration::from_secs(600);
    let full = |edits, hovers, symbols| lsp::Plan { edits, hovers, symbols, limit };
    let mut rows = Vec::new();
    // A compass group is four lines (plus the import line).
    let wanted = |groups: usize| sizes.contains(&(groups * 4));
    for (groups, opens, plan) in
        [(500, 10, full(400, 400, 100)), (2_500, 10, full(400, 400, 100)), (25_000, 3, full(40, 40, 10))]
    {
        if wanted(groups) {
            rows.push(lsp_row("flx (flux-lsp)", &ours, groups, opens, &plan));
        }
    }
    if let Some(dir) = peer {
        let reference = vec!["node".to_owned(), format!("{dir}/stdio.js")];
        for (groups, opens, plan) in [(500, 3, full(10, 10, 3)), (2_500, 1, full(5, 5, 2))] {
            if wanted(groups) {
                rows.push(lsp_row("reference (flux-lsp 0.8.40, WASM)", &reference, groups, opens, &plan));
            }
        }
    }
    println!(
        "\n| server | lines | start + initialize | open -> diagnostics | edit -> diagnostics median / p90 / p99 / max (n) | hover median / p99 (n) | completion median / p99 (n), how many offered the columns | symbols median / p99 (n) | semantic tokens: full / delta median, p99 (n) | RSS after open | peak RSS |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for row in rows {
        println!("{row}");
    }
}

fn check_benchmark(args: Vec<String>) {
    let mut flx = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--flx" => flx = args.next(),
            other => {
                eprintln!("flx-bench check: unknown argument `{other}`\n\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    let flx = flx.unwrap_or_else(|| {
        let exe = std::env::current_exe().expect("the benchmark's own path");
        exe.with_file_name("flx").display().to_string()
    });
    let dir = std::env::temp_dir().join(format!("flx-bench-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    println!("\n| file | bytes | diagnostics | format | wall ms (median of 3) |");
    println!("| --- | ---: | ---: | --- | ---: |");
    for groups in [6_250, 12_500, 25_000] {
        let text = workloads::compass(groups);
        let path = dir.join(format!("compass-{groups}.flux"));
        std::fs::write(&path, &text).expect("the workload is written");
        for format in ["human", "json", "sarif", "github"] {
            let mut times = Vec::new();
            for _ in 0..3 {
                let start = Instant::now();
                let status = std::process::Command::new(&flx)
                    .args(["check", "--color", "never", "--format", format])
                    .arg(&path)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .status()
                    .expect("flx runs");
                times.push(start.elapsed());
                assert_eq!(status.code(), Some(0), "warnings only");
            }
            times.sort();
            // Two unused variables in every group of four lines.
            println!("| compass({groups}) | {} | {} | {format} | {:.0} |", text.len(), 2 * groups, ms(times[1]));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn typing_benchmark(args: Vec<String>) {
    let mut server = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--server" => server = args.next(),
            other => {
                eprintln!("flx-bench typing: unknown argument `{other}`\n\n{USAGE}");
                std::process::exit(2);
            }
        }
    }
    let server = server.unwrap_or_else(|| {
        let exe = std::env::current_exe().expect("the benchmark's own path");
        exe.with_file_name("flux-lsp").display().to_string()
    });
    let command = vec![server];
    println!(
        "\n| file | lines | diagnostics | typed | open -> diagnostics median (n) | edit -> diagnostics median / p90 / p99 / max ms (n) | completion, nothing typed: median / p90 / p99 / max ms (n), items | completion, 3 characters typed |"
    );
    println!("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: |");
    use typing::{Edit, Mode};
    // A pushed report the client already holds is not sent again: pushing is measured with
    // edits that change the diagnostics.
    let runs = [(Mode::Pull, Edit::Digit), (Mode::Pull, Edit::Letter), (Mode::Push, Edit::Letter)];
    for groups in [500, 2_500] {
        for workload in [typing::Workload::used(groups), typing::Workload::warnings(groups)] {
            for (mode, edit) in runs {
                let lines = workload.text.lines().count();
                let label = if mode == Mode::Pull { "pulled" } else { "pushed" };
                let typed = if edit == Edit::Digit { "a digit (no change)" } else { "a letter (syntax error)" };
                eprintln!("{}: {lines} lines, diagnostics {label}, {typed}", workload.name);
                let completions = if groups == 2_500 && (mode, edit) == (Mode::Pull, Edit::Digit) { 400 } else { 0 };
                let r = typing::run(&command, &workload, mode, edit, 10, 400, completions);
                let open =
                    lsp::percentiles(&r.open).map_or("-".to_owned(), |(m, ..)| format!("{m:.1} ({})", r.open.len()));
                let mut edits = typing::spread(&r.edits);
                if mode == Mode::Pull {
                    edits.push_str(&format!(", {} unchanged", r.unchanged));
                }
                let (empty, prefix) = if completions > 0 {
                    (
                        format!("{}, {} items", typing::spread(&r.completion_empty), r.items.0),
                        format!("{}, {} items", typing::spread(&r.completion_prefix), r.items.1),
                    )
                } else {
                    ("-".to_owned(), "-".to_owned())
                };
                let failure = r.failure.map(|f| format!(" failed: {f}")).unwrap_or_default();
                println!(
                    "| {} | {lines} | {label} | {typed} | {open} | {edits} | {empty} | {prefix}{failure} |",
                    workload.name
                );
            }
        }
    }
}

/// One table row: the median open over `opens` fresh servers, then one session per `plan`.
fn lsp_row(name: &str, command: &[String], groups: usize, opens: usize, plan: &lsp::Plan) -> String {
    let lines = workloads::compass(groups).lines().count();
    eprintln!("{name}: {lines} lines");
    let mut open_times = Vec::new();
    let mut init_times = Vec::new();
    let mut failure = None;
    for _ in 1..opens {
        let cold = lsp::session(command, groups, &lsp::Plan { edits: 0, hovers: 0, symbols: 0, limit: plan.limit });
        open_times.extend(cold.open);
        init_times.extend(cold.initialize);
        failure = failure.or(cold.failure);
    }
    let session = lsp::session(command, groups, plan);
    open_times.extend(session.open);
    init_times.extend(session.initialize);
    let failure = failure.or(session.failure.clone());
    let median = |samples: &[Duration]| {
        lsp::percentiles(samples).map_or("-".to_owned(), |(m, ..)| format!("{m:.1} ms (n={})", samples.len()))
    };
    let spread = |samples: &[Duration]| match lsp::percentiles(samples) {
        Some((m, _, p99, _)) => format!("{m:.2} / {p99:.2} ms ({})", samples.len()),
        None => "-".to_owned(),
    };
    let edits = match lsp::percentiles(&session.edits) {
        Some((m, p90, p99, max)) => format!("{m:.2} / {p90:.2} / {p99:.2} / {max:.2} ms ({})", session.edits.len()),
        None => "-".to_owned(),
    };
    let tokens = match (session.tokens_full, lsp::percentiles(&session.token_deltas)) {
        (Some(full), Some((m, _, p99, _))) => {
            format!("{:.1} ms / {m:.2}, {p99:.2} ms ({})", full.as_secs_f64() * 1e3, session.token_deltas.len())
        }
        _ => "-".to_owned(),
    };
    let mib = |kb: Option<u64>| kb.map_or("-".to_owned(), |kb| format!("{:.1} MiB", kb as f64 / 1024.0));
    let completions = format!("{}, {} with `_value`", spread(&session.completions), session.completions_with_columns);
    let mut row = format!(
        "| {name} | {lines} | {} | {} | {edits} | {} | {} | {} | {} | {} | {} |",
        median(&init_times),
        median(&open_times),
        spread(&session.hovers),
        completions,
        spread(&session.symbols),
        tokens,
        mib(session.rss_after_open),
        mib(session.peak_rss),
    );
    if let Some(failure) = failure {
        row.push_str(&format!(" failed: {failure}"));
    }
    row
}

fn csv_benchmark() {
    use flux_exec::csv;
    let runs = 10;
    let text = workloads::annotated_csv(100, 1_000);
    let results = csv::decode(&text, csv::Mode::Annotations).expect("the workload decodes");
    let rows: usize = results.iter().flat_map(|r| &r.tables).map(|t| t.len()).sum();
    println!("\nannotated CSV: {rows} rows in 100 tables, {} bytes, {runs} runs after a warm-up\n", text.len());
    println!("| what | min ms | median ms | p90 ms | MB/s (median) |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    report("decode", text.len(), &measure(runs, || drop(csv::decode(&text, csv::Mode::Annotations))));
    report("encode", text.len(), &measure(runs, || drop(csv::encode_results(&results))));
}

/// One optimizer rule's query, run with the rule and without it.
struct RuleCase {
    rule: flux_exec::plan::Rule,
    /// Applied to `data`, the decoded workload.
    query: &'static str,
}

fn rules_benchmark() {
    use flux_exec::plan;
    let runs = 5;
    let path = std::env::temp_dir().join(format!("flx-bench-rules-{}.csv", std::process::id()));
    std::fs::write(&path, workloads::annotated_csv(100, 10_000)).expect("the workload is written");
    let cases = [
        RuleCase {
            rule: plan::VECTORIZE_MAP,
            query: "data |> map(fn: (r) => ({r with _value: r._value * 2.0 + 1.0, big: r._value > 100.0}))",
        },
        RuleCase {
            rule: plan::MERGE_FILTERS,
            query: "data |> filter(fn: (r) => r._value > 10.0) |> filter(fn: (r) => r.cpu != \"cpu3\")",
        },
        RuleCase {
            rule: plan::REMOVE_REDUNDANT_SORT,
            query: "data |> sort(columns: [\"_value\"], desc: true) |> limit(n: 5000) |> sort(columns: [\"_value\"], desc: true)",
        },
        RuleCase {
            rule: plan::AGGREGATE_WINDOW,
            query: "data |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)",
        },
        RuleCase { rule: plan::AGGREGATE_WINDOW_CREATE_EMPTY, query: "data |> aggregateWindow(every: 1m, fn: sum)" },
        RuleCase {
            rule: plan::IDEMPOTENT_TABLE_FILL,
            query: "data |> filter(fn: (r) => r._value < 0.0, onEmpty: \"keep\") |> table.fill() |> table.fill()",
        },
    ];
    println!("\n1,000,000 rows in 100 tables (decoded once), {runs} runs after a warm-up; median ms\n");
    println!("| rule | query | with the rule | without | speed-up |");
    println!("| --- | --- | ---: | ---: | ---: |");
    for case in &cases {
        let time = |enabled: bool| {
            let disable = match (enabled, case.rule.planner) {
                (true, _) => String::new(),
                (false, plan::Planner::Logical) => {
                    format!("option planner.disableLogicalRules = [\"{}\"]\n", case.rule.name)
                }
                (false, plan::Planner::Physical) => {
                    format!("option planner.disablePhysicalRules = [\"{}\"]\n", case.rule.name)
                }
            };
            let source = format!(
                "import \"csv\"\nimport \"experimental/table\"\nimport \"planner\"\n{disable}data = csv.from(file: \"{}\")\nout = {}\n",
                path.display(),
                case.query
            );
            let parse = flux_syntax::parse(&source);
            assert!(parse.errors.is_empty(), "{:?}", parse.errors);
            let analysis =
                flux_semantic::analyze_files(&[&parse.file], &flux_semantic::Predefined::default()).remove(0);
            let bodies: Vec<std::sync::Arc<flux_semantic::ir::Body>> =
                analysis.bodies.into_iter().map(std::sync::Arc::new).collect();
            let mut evaluator = flux_exec::eval::Evaluator::new();
            let item = |j: usize| flux_semantic::ir::ItemRef(j as u64);
            // Everything but the query runs once; the query is what is timed.
            let query = bodies.len() - 1;
            for (j, body) in bodies[..query].iter().enumerate() {
                evaluator.run_statement(item(j), body).expect("the setup runs");
            }
            let times = measure(runs, || {
                evaluator.run_statement(item(query), &bodies[query]).expect("the query runs");
            });
            evaluator.expect_planner_rule(case.rule.name, if enabled { runs as i64 + 1 } else { 0 });
            assert_eq!(
                evaluator.unmet_planner_expectations(),
                None,
                "{}: the rule applies when enabled",
                case.rule.name
            );
            times[times.len() / 2]
        };
        let (with, without) = (time(true), time(false));
        println!(
            "| `{}` | `{}` | {:.1} | {:.1} | {:.2}× |",
            case.rule.name,
            case.query,
            ms(with),
            ms(without),
            without.as_secs_f64() / with.as_secs_f64()
        );
    }
    let _ = std::fs::remove_file(&path);
}
