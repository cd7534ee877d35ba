//! `flx-bench run`: running Flux through the language server, as an editor does.
//!
//! 1. A small query on a local bucket: `flux.run` sent -> its answer (the tables) arrived.
//! 2. Completion, hover and an edit's diagnostics, each measured idle and then while a run of
//!    about ten seconds goes on in the same server (a CPU-bound run: the worst case on two
//!    cores), to show that a run slows nothing else.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::lsp::{Failure, Server, percentiles};

const LIMIT: Duration = Duration::from_secs(120);

/// A workspace with a bucket `sensors`: `series` hosts, a point a second for `points` seconds.
fn workspace(series: usize, points: usize) -> PathBuf {
    let root = std::env::temp_dir().join(format!("flx-bench-run-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("a temporary directory");
    let start: i64 = 1_700_000_000_000_000_000;
    let mut lines = String::new();
    for s in 0..series {
        for p in 0..points {
            let value = (s * 7 + p % 60) as f64 / 10.0;
            lines.push_str(&format!("cpu,host=host-{s} usage={value} {}\n", start + p as i64 * 1_000_000_000));
        }
    }
    let (parsed, errors) =
        flux_storage::line_protocol::parse(&lines, flux_storage::line_protocol::Precision::Nanoseconds);
    assert!(errors.is_empty(), "the generated points parse");
    let data = flux_storage::DataDir::new(root.join(".flx/data"));
    data.writer("sensors", true).expect("a bucket").write(&parsed, start).expect("written");
    root
}

const QUERY: &str = r#"from(bucket: "sensors")
    |> range(start: 2023-11-14T00:00:00Z, stop: 2023-11-15T00:00:00Z)
    |> filter(fn: (r) => r._measurement == "cpu" and r.host == "host-1")
    |> aggregateWindow(every: 1m, fn: mean)
"#;

/// One statement of the long run: CPU-bound, with bounded memory.
fn slow_statement(n: usize) -> String {
    format!(
        "generate.from(count: 2000000, fn: (n) => n, start: 2021-01-01T00:00:00Z, stop: 2021-01-02T00:00:00Z)\n    \
         |> reduce(fn: (r, accumulator) => ({{sum: accumulator.sum + r._value}}), identity: {{sum: 0}})\n    \
         |> yield(name: \"s{n}\")\n"
    )
}

fn uri(root: &Path, file: &str) -> String {
    format!("file://{}", root.join(file).display())
}

pub fn run(args: Vec<String>) {
    let mut server_path = std::env::current_exe().expect("own path").with_file_name("flux-lsp");
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--server" => server_path = PathBuf::from(args.next().expect("--server needs a path")),
            other => panic!("unknown option {other}"),
        }
    }
    let root = workspace(10, 3_600);
    let result = session(&server_path, &root);
    let _ = std::fs::remove_dir_all(&root);
    if let Err(failure) = result {
        eprintln!("flx-bench run: {failure}");
        std::process::exit(1);
    }
}

fn session(server_path: &Path, root: &Path) -> Result<(), Failure> {
    let mut server = Server::spawn(&[server_path.display().to_string()])
        .map_err(|e| Failure::Error(format!("cannot start {}: {e}", server_path.display())))?;
    let folders = json!([{"uri": format!("file://{}", root.display()), "name": "bench"}]);
    let capabilities = json!({"textDocument": {"publishDiagnostics": {"versionSupport": true}}});
    server.request(
        "initialize",
        json!({"processId": null, "workspaceFolders": folders, "capabilities": capabilities,
               "initializationOptions": {"schema": {"live": false}}}),
        LIMIT,
    )?;
    server.notify("initialized", json!({}))?;

    let query = uri(root, "query.flux");
    let editing = uri(root, "edit.flux");
    let slow = uri(root, "slow.flux");
    // The file typed in: a filter whose row completion and hover are measured.
    let mut edit_text = String::from("import \"strings\"\n\n");
    for i in 0..2_000 {
        edit_text.push_str(&format!(
            "v{i} = from(bucket: \"sensors\") |> range(start: -1h) |> filter(fn: (r) => r.host == \"h{i}\" and r._value > {i}.0)\n"
        ));
    }
    edit_text.push_str("last = v1 |> filter(fn: (r) => r.)\n");
    let completion_line = 2_002;
    let completion_at = "last = v1 |> filter(fn: (r) => r.".len();
    for (uri, text) in [(&query, QUERY.to_owned()), (&editing, edit_text.clone())] {
        let document = json!({"uri": uri, "languageId": "flux", "version": 1, "text": text});
        server.notify("textDocument/didOpen", json!({ "textDocument": document }))?;
        server.notification("textDocument/publishDiagnostics", LIMIT, |p| p["uri"] == uri.as_str())?;
    }

    // 1. Run -> tables.
    let mut runs = Vec::new();
    let mut rows = 0;
    for _ in 0..51 {
        let (took, answer) = server.request(
            "workspace/executeCommand",
            json!({"command": "flux.run", "arguments": [{"uri": query, "now": "2023-11-15T00:00:00Z"}]}),
            LIMIT,
        )?;
        rows = answer["rowCount"].as_u64().unwrap_or_default();
        runs.push(took);
    }
    runs.remove(0);
    let (median, p90, _, _) = percentiles(&runs).expect("samples");
    let min = runs.iter().min().expect("samples").as_secs_f64() * 1e3;
    println!(
        "\nflux.run of a small query on a local bucket (10 series x 3,600 points, `aggregateWindow` over one): {rows} rows\n"
    );
    println!("| what | min ms | median ms | p90 ms |");
    println!("| --- | ---: | ---: | ---: |");
    println!("| flux.run sent -> tables arrived (50 runs) | {min:.2} | {median:.2} | {p90:.2} |");

    // 2. The same requests idle and during a long run.
    let mut version = 1;
    let idle = latencies(&mut server, &editing, &edit_text, &mut version, (completion_line, completion_at))?;

    // A long run of about ten seconds: as many slow statements as that takes.
    let one = format!("import \"generate\"\n\n{}", slow_statement(0));
    let document = json!({"uri": slow, "languageId": "flux", "version": 1, "text": one});
    server.notify("textDocument/didOpen", json!({ "textDocument": document }))?;
    let (single, _) = server.request(
        "workspace/executeCommand",
        json!({"command": "flux.run", "arguments": [{"uri": slow}]}),
        LIMIT,
    )?;
    let statements = (11.0 / single.as_secs_f64()).ceil().max(1.0) as usize;
    let mut long = String::from("import \"generate\"\n\n");
    for n in 0..statements {
        long.push_str(&slow_statement(n));
    }
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": slow, "version": 2}, "contentChanges": [{"text": long}]}),
    )?;
    let started = Instant::now();
    let (id, sent) = server
        .send_request("workspace/executeCommand", json!({"command": "flux.run", "arguments": [{"uri": slow}]}))?;
    let busy = latencies(&mut server, &editing, &edit_text, &mut version, (completion_line, completion_at))?;
    let measured_during = started.elapsed();
    let (long_took, answer) = server.answer(id, sent, "flux.run", LIMIT)?;
    assert!(answer["error"].is_null(), "the long run failed: {answer}");
    println!(
        "\nLatencies idle and while a run of {:.1} s ({statements} statements of 2,000,000 generated rows reduced) \
         went on; the measurements took {:.1} s, all inside the run:\n",
        long_took.as_secs_f64(),
        measured_during.as_secs_f64()
    );
    println!("| request | idle median ms | idle p90 ms | during the run median ms | p90 ms | ratio of medians |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for ((name, idle), (_, busy)) in idle.iter().zip(busy.iter()) {
        let (idle_median, idle_p90, _, _) = percentiles(idle).expect("samples");
        let (busy_median, busy_p90, _, _) = percentiles(busy).expect("samples");
        println!(
            "| {name} | {idle_median:.2} | {idle_p90:.2} | {busy_median:.2} | {busy_p90:.2} | {:.2} |",
            busy_median / idle_median
        );
    }
    if let Some((_, peak)) = server.memory() {
        println!("\nserver peak RSS: {} MiB", peak / 1024);
    }
    server.shutdown();
    Ok(())
}

type Samples = Vec<(&'static str, Vec<Duration>)>;

/// Completion after `r.`, hover on a name, and a typed character -> its diagnostics, 30 each,
/// interleaved, a round every quarter second (so that those during the run spread over it).
fn latencies(
    server: &mut Server,
    uri: &str,
    text: &str,
    version: &mut i32,
    completion: (usize, usize),
) -> Result<Samples, Failure> {
    let mut out: Samples =
        vec![("completion after `r.`", Vec::new()), ("hover", Vec::new()), ("edit -> diagnostics", Vec::new())];
    for i in 0..30 {
        let at = json!({"textDocument": {"uri": uri}, "position": {"line": completion.0, "character": completion.1}});
        let (took, answer) = server.request("textDocument/completion", at, LIMIT)?;
        assert!(answer["items"].as_array().is_some_and(|items| !items.is_empty()), "completion answered: {answer}");
        out[0].1.push(took);
        let on = json!({"textDocument": {"uri": uri}, "position": {"line": 2 + i, "character": 1}});
        let (took, _) = server.request("textDocument/hover", on, LIMIT)?;
        out[1].1.push(took);
        // Alternately type a stray `)` at the end of a line in the middle of the file and delete
        // it: each edit changes the diagnostics, so each gets a report.
        *version += 1;
        let line = 1_000;
        let end = text.lines().nth(line).map_or(0, str::len);
        let change = if *version % 2 == 0 {
            json!({"range": {"start": {"line": line, "character": end}, "end": {"line": line, "character": end}}, "text": ")"})
        } else {
            json!({"range": {"start": {"line": line, "character": end}, "end": {"line": line, "character": end + 1}}, "text": ""})
        };
        let sent = Instant::now();
        let expected = *version;
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": expected}, "contentChanges": [change]}),
        )?;
        let arrived = server
            .notification("textDocument/publishDiagnostics", LIMIT, |p| p["uri"] == uri && p["version"] == expected)?;
        out[2].1.push(arrived.saturating_duration_since(sent));
        std::thread::sleep(Duration::from_millis(250));
    }
    Ok(out)
}
