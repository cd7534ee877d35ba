use expect_test::{Expect, expect};

use super::*;
use crate::table::NamedResult;

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// The results as text: each table's group key, columns with types, and rows.
fn show(results: &[NamedResult]) -> String {
    let mut out = String::new();
    for result in results {
        out.push_str(&format!("result {}\n", result.name));
        for table in &result.tables {
            let key: Vec<String> =
                table.key.columns.iter().zip(&table.key.values).map(|(c, v)| format!("{}={v}", c.label)).collect();
            out.push_str(&format!("  table [{}]\n", key.join(", ")));
            let columns: Vec<String> = table.columns.iter().map(|c| format!("{}:{}", c.label, c.ty.name())).collect();
            out.push_str(&format!("    {}\n", columns.join(" ")));
            for row in 0..table.len() {
                let cells: Vec<String> = (0..table.columns.len())
                    .map(|col| match table.cell(row, col) {
                        crate::value::Value::Null => "null".to_owned(),
                        v => v.to_string(),
                    })
                    .collect();
                out.push_str(&format!("    {}\n", cells.join(" ")));
            }
        }
    }
    out
}

fn check(text: &str, expect: Expect) {
    let results = decode(&crlf(text), Mode::Annotations).unwrap_or_else(|e| panic!("{e}"));
    expect.assert_eq(&show(&results));
}

fn check_error(text: &str, mode: Mode, expect: Expect) {
    let error = decode(text, mode).expect_err("a decoding error");
    expect.assert_eq(&error.to_string());
}

const SINGLE: &str = "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,string,string,double
#group,false,false,true,true,false,true,true,false
#default,_result,,,,,,,
,result,table,_start,_stop,_time,_measurement,host,_value
,,0,2018-04-17T00:00:00Z,2018-04-17T00:05:00Z,2018-04-17T00:00:00Z,cpu,A,42
,,0,2018-04-17T00:00:00Z,2018-04-17T00:05:00Z,2018-04-17T00:00:01Z,cpu,A,43
";

#[test]
fn a_single_table() {
    check(
        SINGLE,
        expect![[r#"
            result _result
              table [_start=2018-04-17T00:00:00Z, _stop=2018-04-17T00:05:00Z, _measurement=cpu, host=A]
                _start:time _stop:time _time:time _measurement:string host:string _value:float
                2018-04-17T00:00:00Z 2018-04-17T00:05:00Z 2018-04-17T00:00:00Z cpu A 42
                2018-04-17T00:00:00Z 2018-04-17T00:05:00Z 2018-04-17T00:00:01Z cpu A 43
        "#]],
    );
}

#[test]
fn annotation_names_count_without_their_hash_as_upstream_reads_them() {
    check(
        "datatype,string,long,long\n#group,false,false,false\n#default,_result,,\n,result,table,x\n,,0,7\n",
        expect![[r#"
            result _result
              table []
                x:int
                7
        "#]],
    );
}

#[test]
fn empty_cells_take_the_default_or_are_null() {
    check(
        "#datatype,string,long,string,long,boolean,unsignedLong
#group,false,false,true,false,false,false
#default,_result,,west,7,,
,result,table,region,n,ok,u
,,0,,,,
,,0,east,1,T,18446744073709551615
",
        expect![[r#"
            result _result
              table [region=west]
                region:string n:int ok:bool u:uint
                west 7 null null
                east 1 true 18446744073709551615
        "#]],
    );
}

#[test]
fn tables_split_where_the_table_cell_changes_and_blocks_without_rows_are_empty_tables() {
    check(
        "#datatype,string,long,string,double
#group,false,false,true,false
#default,_result,,,
,result,table,host,_value
,,0,a,1
,,,a,2
,,1,b,3
,,0,a,4

#datatype,string,long,string,double
#group,false,false,true,false
#default,_result,2,c,
,result,table,host,_value

#datatype,string,long,string
#group,false,false,false
#default,other,,
,result,table,x
,,0,y
",
        expect![[r#"
            result _result
              table [host=a]
                host:string _value:float
                a 1
                a 2
              table [host=b]
                host:string _value:float
                b 3
              table [host=a]
                host:string _value:float
                a 4
              table [host=c]
                host:string _value:float
            result other
              table []
                x:string
                y
        "#]],
    );
}

#[test]
fn quotes_a_bom_and_unknown_annotations() {
    check(
        "\u{feff}#datatype,string,long,string
#group,false,false,false
#unknown,ignored,,
#default,_result,,
,result,table,text
,,0,\"a, \"\"quoted\"\"
value\"
",
        expect![[r#"
            result _result
              table []
                text:string
                a, "quoted"
            value
        "#]],
    );
}

#[test]
fn mistakes_say_which_line() {
    check_error(
        "#group,false,false,true\n#default,_result,,\n,result,table,a\n",
        Mode::Annotations,
        expect![[r#"line 3: missing the #datatype annotation (for CSV without annotations, use mode: "raw")"#]],
    );
    check_error(
        "#datatype,string,long,double\n#group,false,false,false\n#default,_result,,\n,result,table,v\n,,0,1.5\n,,0,x\n",
        Mode::Annotations,
        expect!["line 6: column `v`: `x` is not a double"],
    );
    check_error(
        "#datatype,string,long,double\n#group,false,false,false\n#default,_result,,\n,result,table,v\n,,0,1.5,9\n",
        Mode::Annotations,
        expect!["line 5: data row has 5 fields where the block has 4"],
    );
    check_error(
        "#datatype,string,long,double,string\n#group,false,false,false,false\n#default,_result,,,\n,result,table,a,a\n",
        Mode::Annotations,
        expect!["line 4: column `a` appears twice in the header"],
    );
    check_error(
        "#datatype,string,long,duration\n#group,false,false,false\n#default,_result,,\n,result,table,d\n",
        Mode::Annotations,
        expect!["line 4: column `d`: unsupported data type `duration`"],
    );
    check_error(
        "#datatype,string,long,dateTime:RFC3339\n#group,false,false,false\n#default,_result,,\n,result,table,t\n,,0,yesterday\n",
        Mode::Annotations,
        expect!["line 5: column `t`: `yesterday` is not an RFC 3339 time (such as 2018-05-22T19:53:26Z)"],
    );
}

#[test]
fn an_error_table_is_the_error_it_carries() {
    check_error(
        &crlf("#datatype,string,string\n#group,true,true\n#default,,\n,error,reference\n,division by zero,\n"),
        Mode::Annotations,
        expect!["line 5: division by zero"],
    );
}

#[test]
fn raw_csv_is_one_table_of_strings() {
    let results = decode("a,b\n1,\n3,x y\n", Mode::Raw).unwrap();
    expect![[r#"
        result _result
          table []
            a:string b:string
            1 null
            3 x y
    "#]]
    .assert_eq(&show(&results));
}

#[test]
fn encodes_as_influxdb_writes() {
    let mut results = decode(&crlf(SINGLE), Mode::Annotations).unwrap();
    let second = "#datatype,string,long,string,string,double,boolean,unsignedLong,long
#group,false,false,true,false,false,false,false,false
#default,_result,,,,,,,
,result,table,host,note,_value,ok,u,n
,,0,a,\"has, comma\",0.1,true,5,-3
,,0,a, leading space,1e21,false,,
,,1,b,,-0,,,
";
    results[0].tables.extend(decode(&crlf(second), Mode::Annotations).unwrap().remove(0).tables);
    let empty = "#datatype,string,long,string,double
#group,false,false,true,false
#default,_result,3,z,
,result,table,host,_value
";
    results[0].tables.extend(decode(empty, Mode::Annotations).unwrap().remove(0).tables);
    let encoded = encode_results(&results);
    assert!(encoded.split_inclusive('\n').all(|l| l.ends_with("\r\n")), "CRLF line ends");
    expect![[r#"
        #datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,string,string,double
        #group,false,false,true,true,false,true,true,false
        #default,_result,,,,,,,
        ,result,table,_start,_stop,_time,_measurement,host,_value
        ,,0,2018-04-17T00:00:00Z,2018-04-17T00:05:00Z,2018-04-17T00:00:00Z,cpu,A,42
        ,,0,2018-04-17T00:00:00Z,2018-04-17T00:05:00Z,2018-04-17T00:00:01Z,cpu,A,43

        #datatype,string,long,string,string,double,boolean,unsignedLong,long
        #group,false,false,true,false,false,false,false,false
        #default,_result,,,,,,,
        ,result,table,host,note,_value,ok,u,n
        ,,1,a,"has, comma",0.1,true,5,-3
        ,,1,a," leading space",1000000000000000000000,false,,
        ,,2,b,,-0,,,

        #datatype,string,long,string,double
        #group,false,false,true,false
        #default,_result,3,z,
        ,result,table,host,_value

    "#]]
    .assert_eq(&encoded.replace('\r', ""));
}

#[test]
fn what_is_encoded_decodes_to_the_same_tables() {
    let text = crlf(SINGLE);
    let decoded = decode(&text, Mode::Annotations).unwrap();
    let encoded = encode_results(&decoded);
    assert_eq!(encoded, format!("{text}\r\n"));
    assert_eq!(show(&decode(&encoded, Mode::Annotations).unwrap()), show(&decoded));
}

#[test]
fn an_error_after_output_is_a_table_of_its_own() {
    let mut out = String::new();
    encode_error(&mut out, "runtime error: \"x\" not found", true);
    assert_eq!(
        out,
        "\r\n#datatype,string,string\r\n#group,true,true\r\n#default,,\r\n,error,reference\r\n,\"runtime error: \"\"x\"\" not found\",\r\n"
    );
}
