//! The data of the local-bucket benchmark (`scripts/bench-storage` runs it): points of
//! `series` series one second apart, as line protocol for `flx write` and as one Parquet
//! file of the same rows (`time`, `series`, `value`) for DuckDB and pandas.

use std::io::Write;
use std::path::Path;

use flux_storage::series::{Column, SeriesKey, Values};

/// 2023-11-14T22:13:20Z.
const START: i64 = 1_700_000_000_000_000_000;
const SECOND: i64 = 1_000_000_000;

pub fn generate(args: Vec<String>) {
    let [series, points, lp, parquet] = args.as_slice() else {
        eprintln!("usage: flx-bench storage-data <series> <points per series> <out.lp> <out.parquet>");
        std::process::exit(2);
    };
    let series: usize = series.parse().expect("a number of series");
    let points: i64 = points.parse().expect("a number of points");
    let mut out =
        std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(lp).expect("the line protocol file"));
    let mut columns = Vec::new();
    let mut random = 0x2545_F491_4F6C_DD1Du64;
    for s in 0..series {
        let mut times = Vec::with_capacity(points as usize);
        let mut values = Vec::with_capacity(points as usize);
        let mut level = 50.0f64;
        for i in 0..points {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            // A random walk with two decimals, as a gauge reports.
            level = (level + ((random >> 11) as f64 / (1u64 << 53) as f64 - 0.5)).clamp(0.0, 100.0);
            let value = (level * 100.0).round() / 100.0;
            let time = START + i * SECOND;
            writeln!(out, "bench,series=s{s} value={value:?} {time}").expect("writing the line protocol");
            times.push(time);
            values.push(value);
        }
        let key = SeriesKey {
            measurement: "bench".to_owned(),
            tags: vec![("series".to_owned(), format!("s{s}"))],
            field: "value".to_owned(),
        };
        columns.push((key, Column { times, values: Values::Float(values) }));
    }
    out.flush().expect("writing the line protocol");
    let refs: Vec<(&SeriesKey, &Column)> = columns.iter().map(|(k, c)| (k, c)).collect();
    flux_storage::columnar::write(Path::new(parquet), &refs).expect("writing the Parquet file");
}

/// `storage-query <data dir> <script> <runs>`: the script run in this process against the
/// data directory, `runs` times after a warm-up; prints the median and fastest
/// milliseconds and the rows of the results. What a DuckDB query in Python is compared with:
/// the tables in memory, nothing printed.
pub fn query(args: Vec<String>) {
    let [data, script, runs] = args.as_slice() else {
        eprintln!("usage: flx-bench storage-query <data dir> <script.flux> <runs>");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(script).expect("the script");
    let runs: usize = runs.parse().expect("a number of runs");
    let parse = flux_syntax::parse(&source);
    assert!(parse.errors.is_empty(), "{:?}", parse.errors);
    let analysis = flux_semantic::analyze_files(&[&parse.file], &flux_semantic::Predefined::default()).remove(0);
    let bodies: Vec<std::sync::Arc<flux_semantic::ir::Body>> =
        analysis.bodies.into_iter().map(std::sync::Arc::new).collect();
    let mut rows = 0;
    let times = crate::measure(runs, || {
        let mut evaluator = flux_exec::eval::Evaluator::new();
        evaluator.set_data_dir(flux_storage::DataDir::new(data));
        for (j, body) in bodies.iter().enumerate() {
            evaluator.run_statement(flux_semantic::ir::ItemRef(j as u64), body).expect("the script runs");
        }
        rows = evaluator.into_results().iter().flat_map(|r| &r.tables).map(|t| t.len()).sum::<usize>();
    });
    println!("{:.2} {:.2} {rows}", crate::ms(times[times.len() / 2]), crate::ms(times[0]));
}
