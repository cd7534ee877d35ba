use std::sync::Arc;

use expect_test::{Expect, expect};
use flux_semantic::ir::ItemRef;

use crate::eval::Evaluator;
use crate::time::parse_rfc3339;

/// Runs a script at a fixed `now` and shows its results' tables, or the first error.
fn check(source: &str, expect: Expect) {
    let (parse, analysis) = crate::test_support::analyze(source);
    let mut evaluator = Evaluator::with_now(parse_rfc3339("2026-01-01T01:00:00Z").unwrap());
    let mut out = String::new();
    for (j, (top, body)) in parse.file.body.iter().zip(analysis.bodies).enumerate() {
        if let Err(e) = evaluator.run_statement(ItemRef(j as u64), &Arc::new(body)) {
            let at = &source[(e.range.start + top.offset) as usize..(e.range.end + top.offset) as usize];
            out.push_str(&format!("error at `{at}`: {}\n", e.message));
            expect.assert_eq(&out);
            return;
        }
    }
    for result in evaluator.into_results() {
        out.push_str(&format!("result {}\n", result.name));
        for table in &result.tables {
            let key: Vec<String> =
                table.key.columns.iter().zip(&table.key.values).map(|(c, v)| format!("{}={v}", c.label)).collect();
            let columns: Vec<&str> = table.columns.iter().map(|c| c.label.as_str()).collect();
            out.push_str(&format!("  [{}] {}\n", key.join(", "), columns.join(",")));
            for row in 0..table.len() {
                let cells: Vec<String> = (0..table.columns.len()).map(|c| table.cell(row, c).to_string()).collect();
                out.push_str(&format!("    {}\n", cells.join(",")));
            }
        }
    }
    expect.assert_eq(&out);
}

const DATA: &str = r#"import "csv"

data = "
#datatype,string,long,dateTime:RFC3339,string,double
#group,false,false,false,true,false
#default,_result,,,,
,result,table,_time,host,_value
,,0,2026-01-01T00:00:00Z,a,1.5
,,0,2026-01-01T00:30:00Z,a,
,,0,2026-01-01T00:50:00Z,a,3.5
,,1,2026-01-01T00:40:00Z,b,2
,,1,2026-01-01T00:59:59Z,b,9
"
"#;

#[test]
fn range_keeps_the_rows_in_its_bounds_and_puts_them_in_the_key() {
    check(
        &format!("{DATA}csv.from(csv: data) |> range(start: -30m)\n"),
        expect![[r#"
            result _result
              [_start=2026-01-01T00:30:00Z, _stop=2026-01-01T01:00:00Z, host=a] _start,_stop,_time,host,_value
                2026-01-01T00:30:00Z,2026-01-01T01:00:00Z,2026-01-01T00:30:00Z,a,<null>
                2026-01-01T00:30:00Z,2026-01-01T01:00:00Z,2026-01-01T00:50:00Z,a,3.5
              [_start=2026-01-01T00:30:00Z, _stop=2026-01-01T01:00:00Z, host=b] _start,_stop,_time,host,_value
                2026-01-01T00:30:00Z,2026-01-01T01:00:00Z,2026-01-01T00:40:00Z,b,2
                2026-01-01T00:30:00Z,2026-01-01T01:00:00Z,2026-01-01T00:59:59Z,b,9
        "#]],
    );
    // A second range narrows the bounds already in the key to their overlap.
    check(
        &format!(
            "{DATA}csv.from(csv: data) |> range(start: 2026-01-01T00:00:00Z, stop: 2026-01-01T00:45:00Z) |> range(start: -40m)\n"
        ),
        expect![[r#"
            result _result
              [_start=2026-01-01T00:20:00Z, _stop=2026-01-01T00:45:00Z, host=a] _start,_stop,_time,host,_value
                2026-01-01T00:20:00Z,2026-01-01T00:45:00Z,2026-01-01T00:30:00Z,a,<null>
              [_start=2026-01-01T00:20:00Z, _stop=2026-01-01T00:45:00Z, host=b] _start,_stop,_time,host,_value
                2026-01-01T00:20:00Z,2026-01-01T00:45:00Z,2026-01-01T00:40:00Z,b,2
        "#]],
    );
}

#[test]
fn filter_drops_rows_null_verdicts_and_empty_tables_unless_asked() {
    check(
        &format!("{DATA}csv.from(csv: data) |> filter(fn: (r) => r._value > 3.0) |> yield(name: \"big\")\n"),
        expect![[r#"
            result big
              [host=a] _time,host,_value
                2026-01-01T00:50:00Z,a,3.5
              [host=b] _time,host,_value
                2026-01-01T00:59:59Z,b,9
        "#]],
    );
    check(
        &format!("{DATA}csv.from(csv: data) |> filter(fn: (r) => r.host == \"b\", onEmpty: \"keep\")\n"),
        expect![[r#"
            result _result
              [host=a] _time,host,_value
              [host=b] _time,host,_value
                2026-01-01T00:40:00Z,b,2
                2026-01-01T00:59:59Z,b,9
        "#]],
    );
}

#[test]
fn option_now_sets_the_time_range_is_relative_to() {
    check(
        &format!("{DATA}option now = () => 2026-01-01T00:35:00Z\ncsv.from(csv: data) |> range(start: -1h)\n"),
        expect![[r#"
            result _result
              [_start=2025-12-31T23:35:00Z, _stop=2026-01-01T00:35:00Z, host=a] _start,_stop,_time,host,_value
                2025-12-31T23:35:00Z,2026-01-01T00:35:00Z,2026-01-01T00:00:00Z,a,1.5
                2025-12-31T23:35:00Z,2026-01-01T00:35:00Z,2026-01-01T00:30:00Z,a,<null>
              [_start=2025-12-31T23:35:00Z, _stop=2026-01-01T00:35:00Z, host=b] _start,_stop,_time,host,_value
        "#]],
    );
}

#[test]
fn errors_name_the_function_and_place() {
    check(
        "import \"csv\"\nno_time = \"#datatype,string,long,double\n#group,false,false,false\n#default,_result,,\n,result,table,v\n,,0,1\n\"\ncsv.from(csv: no_time) |> range(start: -1h)\n",
        expect!["error at `range(start: -1h)`: range: the time column `_time` does not exist\n"],
    );
    check(
        "import \"csv\"\nbad = \"#datatype,string,long,double\n#group,false,false,false\n#default,_result,,\n,result,table,v\n,,0,x\n\"\ncsv.from(csv: bad)\n",
        expect!["error at `csv.from(csv: bad)`: csv.from: invalid CSV at line 5: column `v`: `x` is not a double\n"],
    );
    check(
        "import \"array\"\nx = array.from(rows: [{a: 1}])\nx |> yield(name: \"a\")\nx |> yield(name: \"a\")\n",
        expect![[r#"
            error at `yield(name: "a")`: yield: there is already a result named "a": give each `yield` its own name
        "#]],
    );
}

#[test]
fn drop_keep_rename_and_duplicate_change_columns_and_keys() {
    check(
        &format!(
            "{DATA}csv.from(csv: data) |> drop(columns: [\"_time\", \"absent\"]) |> yield(name: \"dropped\")
csv.from(csv: data) |> keep(fn: (column) => column != \"host\") |> yield(name: \"kept\")
csv.from(csv: data) |> rename(columns: {{host: \"server\"}}) |> duplicate(column: \"server\", as: \"name\") |> yield(name: \"renamed\")
"
        ),
        expect![[r#"
            result dropped
              [host=a] host,_value
                a,1.5
                a,<null>
                a,3.5
              [host=b] host,_value
                b,2
                b,9
            result kept
              [] _time,_value
                2026-01-01T00:00:00Z,1.5
                2026-01-01T00:30:00Z,<null>
                2026-01-01T00:50:00Z,3.5
                2026-01-01T00:40:00Z,2
                2026-01-01T00:59:59Z,9
            result renamed
              [server=a] _time,server,_value,name
                2026-01-01T00:00:00Z,a,1.5,a
                2026-01-01T00:30:00Z,a,<null>,a
                2026-01-01T00:50:00Z,a,3.5,a
              [server=b] _time,server,_value,name
                2026-01-01T00:40:00Z,b,2,b
                2026-01-01T00:59:59Z,b,9,b
        "#]],
    );
    check(
        &format!("{DATA}csv.from(csv: data) |> rename(columns: {{nope: \"x\"}})\n"),
        expect![[r#"
            error at `rename(columns: {nope: "x"})`: rename: rename error: column "nope" doesn't exist
        "#]],
    );
}

#[test]
fn group_regroups_rows_and_sorts_tables_by_key() {
    check(
        &format!(
            "{DATA}csv.from(csv: data) |> group(columns: [\"_value\"]) |> filter(fn: (r) => r.host == \"b\") |> yield(name: \"by\")
csv.from(csv: data) |> group() |> yield(name: \"none\")
csv.from(csv: data) |> group(columns: [\"_time\", \"_value\"], mode: \"except\") |> yield(name: \"except\")
"
        ),
        expect![[r#"
            result by
              [_value=2] _time,host,_value
                2026-01-01T00:40:00Z,b,2
              [_value=9] _time,host,_value
                2026-01-01T00:59:59Z,b,9
            result none
              [] _time,host,_value
                2026-01-01T00:00:00Z,a,1.5
                2026-01-01T00:30:00Z,a,<null>
                2026-01-01T00:50:00Z,a,3.5
                2026-01-01T00:40:00Z,b,2
                2026-01-01T00:59:59Z,b,9
            result except
              [host=a] _time,host,_value
                2026-01-01T00:00:00Z,a,1.5
                2026-01-01T00:30:00Z,a,<null>
                2026-01-01T00:50:00Z,a,3.5
              [host=b] _time,host,_value
                2026-01-01T00:40:00Z,b,2
                2026-01-01T00:59:59Z,b,9
        "#]],
    );
}

#[test]
fn sort_puts_nulls_first_and_limit_takes_rows_after_an_offset() {
    check(
        &format!(
            "{DATA}csv.from(csv: data) |> sort(columns: [\"_value\"], desc: true) |> yield(name: \"desc\")
csv.from(csv: data) |> sort(columns: [\"host\", \"_time\"]) |> limit(n: 1, offset: 1) |> yield(name: \"second\")
"
        ),
        expect![[r#"
            result desc
              [host=a] _time,host,_value
                2026-01-01T00:30:00Z,a,<null>
                2026-01-01T00:50:00Z,a,3.5
                2026-01-01T00:00:00Z,a,1.5
              [host=b] _time,host,_value
                2026-01-01T00:59:59Z,b,9
                2026-01-01T00:40:00Z,b,2
            result second
              [host=a] _time,host,_value
                2026-01-01T00:30:00Z,a,<null>
              [host=b] _time,host,_value
                2026-01-01T00:59:59Z,b,9
        "#]],
    );
}

#[test]
fn map_makes_rows_of_the_records_it_returns_and_regroups_changed_keys() {
    check(
        &format!(
            "{DATA}csv.from(csv: data) |> map(fn: (r) => ({{r with _value: r._value * 2.0, doubled: true}})) |> yield(name: \"with\")
csv.from(csv: data) |> map(fn: (r) => ({{host: if r._value > 2.0 then \"big\" else r.host, v: r._value}})) |> yield(name: \"moved\")
"
        ),
        expect![[r#"
            result with
              [host=a] _time,host,_value,doubled
                2026-01-01T00:00:00Z,a,3,true
                2026-01-01T00:30:00Z,a,<null>,true
                2026-01-01T00:50:00Z,a,7,true
              [host=b] _time,host,_value,doubled
                2026-01-01T00:40:00Z,b,4,true
                2026-01-01T00:59:59Z,b,18,true
            result moved
              [host=a] host,v
                a,1.5
                a,<null>
              [host=big] host,v
                big,3.5
                big,9
              [host=b] host,v
                b,2
        "#]],
    );
}
