//! Deterministic Flux sources of any size for benchmarks.

use std::fmt::Write;

/// The file `../shared/peer-lsp/gen_big.py N` writes: one import, then `groups` groups of four
/// one-line statements (`groups = 500` gives the 2,000-line file used for side-by-side runs).
pub fn compass(groups: usize) -> String {
    let mut out = String::from("import \"strings\"\n");
    for i in 0..groups {
        let _ = writeln!(out, "a{i} = {i} + 1");
        let _ = writeln!(out, "b{i} = a{i} * 2");
        let _ = writeln!(out, "s{i} = strings.toUpper(v: \"x${{string(v: b{i})}}\")");
        let _ = writeln!(
            out,
            "q{i} = from(bucket: \"b{i}\") |> range(start: -1h) |> filter(fn: (r) => r._measurement == \"cpu\" and r._value > b{i})"
        );
    }
    out
}

/// A script in which every name is used: one import, then `groups` groups of four one-line
/// statements, three of them definitions (`groups = 2500` gives 10,001 lines and 7,500
/// top-level names, and no diagnostic at all).
pub fn used(groups: usize) -> String {
    let mut out = String::from("import \"strings\"\n");
    for i in 0..groups {
        let _ = writeln!(out, "a{i} = {i} + 1");
        let _ = writeln!(out, "b{i} = a{i} * 2");
        let _ = writeln!(out, "s{i} = strings.toUpper(v: \"x${{string(v: b{i})}}\")");
        let _ = writeln!(
            out,
            "from(bucket: s{i}) |> range(start: -1h) |> filter(fn: (r) => r._measurement == \"cpu\" and r._value > b{i})"
        );
    }
    out
}

/// Code in the shape people write: multi-line pipelines, functions with block bodies, records,
/// string interpolation, regexes, conditionals and comments; at least `lines` lines.
pub fn realistic(lines: usize) -> String {
    let mut out = String::from("import \"strings\"\nimport \"date\"\n\noption task = {name: \"bench\", every: 1h}\n\n");
    let mut i = 0;
    while out.lines().count() < lines {
        let _ = write!(
            out,
            r#"// Mean CPU of host group {i}, in 5-minute windows.
cpu{i} = from(bucket: "telegraf")
    |> range(start: -1h, stop: now())
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user" and r.host =~ /^web-{i}[0-9]+$/)
    |> aggregateWindow(every: 5m, fn: mean, createEmpty: false)
    |> map(fn: (r) => ({{r with _value: r._value * 100.0, label: "host ${{r.host}} group {i}"}}))

limit{i} = (tables=<-, n=5, threshold={i}.5) => {{
    kept = tables
        |> filter(fn: (r) => exists r._value and r._value > threshold)
        |> limit(n: n)

    return kept
}}

level{i} = (v) => if v > 90.0 then "crit" else if v > 70.0 then "warn" else "ok"
window{i} = {{start: date.truncate(t: now(), unit: 1d), every: 1h30m, tags: ["a", "b"], weights: ["x": 1, "y": 2]}}
cpu{i} |> limit{i}(n: {n}) |> yield(name: strings.toUpper(v: "cpu{i}"))

"#,
            n = i % 10 + 1
        );
        i += 1;
    }
    out
}

/// `rows` records in a JSON array, indented as `JSON.stringify(rows, null, 2)` writes them:
/// points as a time-series API returns them.
pub fn json_rows(rows: usize) -> String {
    let mut out = String::from("[");
    for i in 0..rows {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            "\n  {{\n    \"measurement\": \"cpu\",\n    \"host\": \"h{i}\",\n    \"fields\": {{\n      \"usage_user\": {},\n      \"usage_system\": {}\n    }},\n    \"tags\": [\n      \"a\",\n      \"b\"\n    ],\n    \"time\": {}\n  }}",
            i as f64 * 0.5,
            i % 7,
            1_700_000_000 + i
        ));
    }
    out.push_str("\n]");
    out
}

/// Annotated CSV as InfluxDB returns a query's result: `tables` tables of `rows` rows, each a
/// series of a measurement with two tags, a time and a float value.
pub fn annotated_csv(tables: usize, rows: usize) -> String {
    let mut out = String::from(ANNOTATED_CSV_HEAD);
    for t in 0..tables {
        annotated_csv_table(&mut out, t, rows);
    }
    out
}

/// The annotations and header of [`annotated_csv`].
pub const ANNOTATED_CSV_HEAD: &str = "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string,string\r\n\
     #group,false,false,true,true,false,false,true,true,true,true\r\n\
     #default,_result,,,,,,,,,\r\n\
     ,result,table,_start,_stop,_time,_value,_field,_measurement,cpu,host\r\n";

/// Table `t` of [`annotated_csv`]: `rows` rows of one series.
pub fn annotated_csv_table(out: &mut String, t: usize, rows: usize) {
    for r in 0..rows {
        let _ = write!(
            out,
            ",,{t},2026-01-01T00:00:00Z,2026-01-02T00:00:00Z,2026-01-01T{:02}:{:02}:{:02}.{:03}Z,{},usage_user,cpu,cpu{},host-{}.example.com\r\n",
            r / 3600 % 24,
            r / 60 % 60,
            r % 60,
            r % 1000,
            (t * rows + r) as f64 * 0.25,
            t % 8,
            t / 8
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workloads_are_valid_flux() {
        for text in [compass(50), used(50), realistic(500)] {
            let parse = flux_syntax::parse(&text);
            assert!(parse.errors.is_empty(), "{:?}", parse.errors.first());
        }
    }

    #[test]
    fn compass_has_the_size_of_the_shared_generator() {
        assert_eq!(compass(500).lines().count(), 2001);
    }
}
