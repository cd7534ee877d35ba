use expect_test::{Expect, expect};

use super::{FieldValue, Precision, parse, parse_into, parse_line};

/// The points of a batch, one line each, then its errors.
fn check(text: &str, precision: Precision, expect: Expect) {
    let (points, errors) = parse(text, precision);
    let mut out = String::new();
    for point in &points {
        let tags: Vec<String> = point.tags.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
        let fields: Vec<String> = point
            .fields
            .iter()
            .map(|(k, v)| match v {
                FieldValue::Float(x) => format!("{k}={x:?}"),
                FieldValue::Int(i) => format!("{k}={i}i"),
                FieldValue::UInt(u) => format!("{k}={u}u"),
                FieldValue::String(s) => format!("{k}={s:?}"),
                FieldValue::Bool(b) => format!("{k}={b}"),
            })
            .collect();
        let time = point.time.map_or_else(|| "now".to_owned(), |t| t.to_string());
        out.push_str(&format!("{:?} [{}] {} @{time}\n", point.measurement, tags.join(" "), fields.join(" ")));
    }
    for error in &errors {
        out.push_str(&format!("error: {error}\n"));
    }
    expect.assert_eq(&out);
}

fn ns(text: &str, expect: Expect) {
    check(text, Precision::Nanoseconds, expect);
}

#[test]
fn a_point_with_tags_fields_and_time() {
    ns(
        "cpu,host=a,region=eu usage=0.5,count=3i,ok=t,name=\"x\" 1700000000000000000",
        expect![[r#"
            "cpu" [host="a" region="eu"] usage=0.5 count=3i ok=true name="x" @1700000000000000000
        "#]],
    );
}

#[test]
fn tags_are_sorted_and_times_are_optional() {
    ns(
        "m,z=1,a=2 v=1\nm v=2u",
        expect![[r#"
            "m" [a="2" z="1"] v=1.0 @now
            "m" [] v=2u @now
        "#]],
    );
}

#[test]
fn escapes_in_each_part() {
    ns(
        r#"my\ meas\,ure,tag\ key\,\=x=va\ l\=ue fi\=eld="say \"hi\" \\ there",back=1 5"#,
        expect![[r#"
            "my meas,ure" [tag key,=x="va l=ue"] fi=eld="say \"hi\" \\ there" back=1.0 @5
        "#]],
    );
}

#[test]
fn a_backslash_before_another_character_is_kept() {
    ns(
        r#"m,path=C:\temp v="a\b" 1"#,
        expect![[r#"
            "m" [path="C:\\temp"] v="a\\b" @1
        "#]],
    );
}

#[test]
fn floats_integers_booleans_and_precision() {
    check(
        "m a=-1.5e3,b=-7i,c=18446744073709551615u,d=FALSE,e=1. 3",
        Precision::Seconds,
        expect![[r#"
            "m" [] a=-1500.0 b=-7i c=18446744073709551615u d=false e=1.0 @3000000000
        "#]],
    );
}

#[test]
fn comments_blank_lines_and_crlf() {
    ns(
        "# a comment\r\n\r\n  m v=1 2\r\n",
        expect![[r#"
            "m" [] v=1.0 @2
        "#]],
    );
}

#[test]
fn bad_lines_are_reported_where_they_go_wrong_and_the_rest_kept() {
    ns(
        "m v=1 1\nm\nm v= 1\nm,t v=1\nm v=1i2\nm v=\"open\nm v=1 12x\nm v=1 1 extra\nm v=inf\nm,t=1,t=2 v=1\nm v=1 1",
        expect![[r#"
            "m" [] v=1.0 @1
            "m" [] v=1.0 @1
            error: line 2, column 2: expected a space before the fields
            error: line 3, column 5: missing the value of the field `v`
            error: line 4, column 4: expected `=` after the tag key `t`
            error: line 5, column 5: invalid value `1i2` for the field `v`
            error: line 6, column 5: the string value of `v` has no closing quote
            error: line 7, column 7: invalid timestamp `12x`
            error: line 8, column 9: unexpected `extra` after the point
            error: line 9, column 5: invalid value `inf` for the field `v`
            error: line 10, column 1: the tag `t` appears twice
        "#]],
    );
}

#[test]
fn a_timestamp_past_what_flux_holds_is_an_error() {
    check(
        "m v=1 9223372036854775807",
        Precision::Seconds,
        expect![[r#"
            error: line 1, column 7: the timestamp 9223372036854775807 is outside the times Flux can hold
        "#]],
    );
}

/// The fast path of `parse_into` reads every line as `parse_line` does.
#[test]
fn parse_into_agrees_with_parse_line() {
    use crate::series::Batch;
    let text = "cpu,host=a,dc=x usage=1.5,n=3i,u=4u,ok=t 10\n\
                cpu,dc=x,host=a usage=2 20\n\
                cpu,host=a usage=3\n\
                mem free=1e3 5\n\
                m\\ x,t\\=k=v\\ 1 s=\"a b\" 7\n\
                cpu,host=a usage=oops 30\n\
                cpu,host=a usage=1i 40\n\
                cpu,host=a,host=b usage=1 50\n\
                cpu usage=1 60 extra\n\
                cpu,host= usage=1 70\n\
                # comment\n\
                \n\
                cpu,host=a usage=1,usage2=-1.5e-3 80\n\
                cpu,host=a fresh=1,usage=2i 90\n\
                twice x=1,x=2i 100\n\
                twice y=1,y=2 110\n\
                later z=1,z=2i 120\n\
                later z=3i 130\n\
                \u{b}indented v=1 140\n";
    let mut fast = Batch::default();
    let errors = parse_into(text, Precision::Seconds, 99, &mut fast, &|m, f| {
        (m == "mem" && f == "free").then_some(crate::series::FieldType::Float)
    });
    let mut slow = Batch::default();
    let mut slow_errors = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        match parse_line(line, Precision::Seconds) {
            Ok(Some(point)) => {
                if let Err(e) = slow.push(point, 99) {
                    slow_errors.push((n + 1, e.to_string()));
                }
            }
            Ok(None) => {}
            Err((_, message)) => slow_errors.push((n + 1, message)),
        }
    }
    let lines: Vec<(usize, String)> = errors.iter().map(|e| (e.line, e.message.clone())).collect();
    assert_eq!(lines, slow_errors);
    assert_eq!(fast.points(), slow.points());
    let sorted = |b: &Batch| {
        let mut v: Vec<_> = b.series().to_vec();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        format!("{v:?}")
    };
    assert_eq!(sorted(&fast), sorted(&slow));
    assert_eq!(lines.len(), 8, "{lines:?}");
    // The rejected last line made no column for its new field.
    assert!(fast.series().iter().all(|(key, _)| key.field != "fresh"));
}
