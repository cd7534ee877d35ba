//! Conversions between values (`int`, `string`, `time` …), `display`, `types.isType`, the
//! dynamic values of `experimental/dynamic`, and JSON in both directions.
//!
//! The rules are upstream's: Go's `strconv` parsing (no exponent in an int, no sign in a
//! uint), its float formatting, and its JSON encoding (sorted keys, HTML-safe strings).

use std::sync::Arc;

use super::{Args, Builtin, Failure};
use crate::eval::Evaluator;
use crate::table::format_float;
use crate::time::{format_rfc3339_nano, parse_rfc3339};
use crate::value::{Duration, Record, Value};

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "universe", name: "bool", run: |_, a| convert(a, to_bool) },
    Builtin { package: "universe", name: "bytes", run: bytes },
    Builtin { package: "universe", name: "display", run: display_fn },
    Builtin { package: "universe", name: "duration", run: |_, a| convert(a, to_duration) },
    Builtin { package: "universe", name: "float", run: |_, a| convert(a, to_float) },
    Builtin { package: "universe", name: "int", run: |_, a| convert(a, to_int) },
    Builtin { package: "universe", name: "string", run: |_, a| convert(a, to_string) },
    Builtin { package: "universe", name: "time", run: |_, a| convert(a, to_time) },
    Builtin { package: "universe", name: "uint", run: |_, a| convert(a, to_uint) },
    Builtin { package: "types", name: "isType", run: is_type },
    Builtin { package: "types", name: "isNumeric", run: is_numeric },
    Builtin { package: "experimental/dynamic", name: "dynamic", run: dynamic },
    Builtin { package: "experimental/dynamic", name: "asArray", run: as_array },
    Builtin { package: "experimental/dynamic", name: "isType", run: dynamic_is_type },
    Builtin { package: "experimental/dynamic", name: "_isNotDistinct", run: is_not_distinct },
    Builtin { package: "experimental/dynamic", name: "jsonParse", run: json_parse_dynamic },
    Builtin { package: "experimental/dynamic", name: "jsonEncode", run: json_encode },
    Builtin { package: "json", name: "encode", run: json_encode },
    Builtin { package: "experimental/json", name: "parse", run: json_parse },
];

/// A conversion of `v`: null stays null, a dynamic value converts what it holds.
fn convert(args: &mut Args, to: fn(Value) -> Result<Value, String>) -> Result<Value, Failure> {
    match args.required("v")? {
        Value::Null => Ok(Value::Null),
        Value::Dynamic(inner) if matches!(*inner, Value::Null) => Ok(Value::Null),
        Value::Dynamic(inner) => Ok(to((*inner).clone())?),
        v => Ok(to(v)?),
    }
}

/// The name upstream's messages give a value's type: a function's is its signature.
fn type_text(v: &Value) -> String {
    match v {
        Value::Function(f) => f.body.expr_scheme(f.expr).to_string(),
        other => other.type_name().to_owned(),
    }
}

fn cannot(v: &Value, to: &str) -> String {
    format!("cannot convert {} to {to}", type_text(v))
}

/// Go's `int64(f)` on amd64: a float out of range (or NaN) gives the smallest int.
fn go_int_of_float(f: f64) -> i64 {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if f.is_nan() || !(-LIMIT..LIMIT).contains(&f) { i64::MIN } else { f as i64 }
}

/// Go's `uint64(f)` on amd64: below 2^63 through int64, above with the top bit set apart.
fn go_uint_of_float(f: f64) -> u64 {
    const TOP: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if f.is_nan() || f < TOP { go_int_of_float(f) as u64 } else { (go_int_of_float(f - TOP) as u64) ^ (1 << 63) }
}

/// A duration as nanoseconds, a month counting as a twelfth of 365.25 days (upstream's
/// approximation); wraps on overflow as upstream does.
pub(super) fn duration_nanos(d: &Duration) -> i64 {
    const NANOS_PER_MONTH: f64 = 365.25 * 24.0 * 3_600_000_000_000.0 / 12.0;
    let months = if d.months > 0 { (d.months as f64 * NANOS_PER_MONTH) as i64 } else { 0 };
    let total = d.nanos.wrapping_add(months);
    if d.negative { total.wrapping_neg() } else { total }
}

pub(super) fn to_int(v: Value) -> Result<Value, String> {
    Ok(Value::Int(match v {
        Value::String(s) => {
            s.parse::<i64>().map_err(|_| format!("cannot convert string {s:?} to int due to invalid syntax"))?
        }
        Value::Int(i) => i,
        Value::UInt(u) => u as i64,
        Value::Float(f) => go_int_of_float(f),
        Value::Bool(b) => i64::from(b),
        Value::Time(t) => t,
        Value::Duration(d) => duration_nanos(&d),
        other => return Err(cannot(&other, "int")),
    }))
}

pub(super) fn to_uint(v: Value) -> Result<Value, String> {
    Ok(Value::UInt(match v {
        // Go's ParseUint takes no sign, where Rust's takes a `+`.
        Value::String(s) => s
            .parse::<u64>()
            .ok()
            .filter(|_| !s.starts_with('+'))
            .ok_or_else(|| format!("cannot convert string {s:?} to uint due to invalid syntax"))?,
        Value::Int(i) => i as u64,
        Value::UInt(u) => u,
        Value::Float(f) => go_uint_of_float(f),
        Value::Bool(b) => u64::from(b),
        Value::Time(t) => t as u64,
        Value::Duration(d) => duration_nanos(&d) as u64,
        other => return Err(cannot(&other, "uint")),
    }))
}

/// Parses a float as Go's `ParseFloat` does: decimal or exponent notation, `Inf`,
/// `Infinity` and `NaN` in any case; a finite number too large is an error, not infinity.
pub(super) fn parse_go_float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let named = |name: &str| unsigned.eq_ignore_ascii_case(name);
    if named("inf") || named("infinity") {
        return Some(if text.starts_with('-') { f64::NEG_INFINITY } else { f64::INFINITY });
    }
    if named("nan") {
        // Go takes no sign before NaN.
        return (unsigned.len() == text.len()).then_some(f64::NAN);
    }
    let valid = !unsigned.is_empty()
        && unsigned.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'));
    let value: f64 = if valid { text.parse().ok()? } else { return None };
    value.is_finite().then_some(value)
}

pub(super) fn to_float(v: Value) -> Result<Value, String> {
    Ok(Value::Float(match v {
        Value::String(s) => {
            parse_go_float(&s).ok_or_else(|| format!("cannot convert string {s:?} to float due to invalid syntax"))?
        }
        Value::Int(i) => i as f64,
        Value::UInt(u) => u as f64,
        Value::Float(f) => f,
        Value::Bool(b) => f64::from(u8::from(b)),
        other => return Err(cannot(&other, "float")),
    }))
}

/// A time as upstream's `string()` writes it: always nine fractional digits.
pub(super) fn time_text(nanos: i64) -> String {
    let whole = format_rfc3339_nano(nanos.div_euclid(1_000_000_000) * 1_000_000_000);
    format!("{}.{:09}Z", whole.trim_end_matches('Z'), nanos.rem_euclid(1_000_000_000))
}

/// A duration as upstream writes it: its literal form, `0ns` when zero.
pub(super) fn duration_text(d: &Duration) -> String {
    if d.is_zero() { "0ns".to_owned() } else { d.to_string() }
}

pub(super) fn to_string(v: Value) -> Result<Value, String> {
    let text = match &v {
        Value::String(_) => return Ok(v),
        Value::Int(i) => i.to_string(),
        Value::UInt(u) => u.to_string(),
        Value::Float(f) => format_float(*f),
        Value::Bool(b) => b.to_string(),
        Value::Time(t) => time_text(*t),
        Value::Duration(d) => duration_text(d),
        Value::Bytes(b) => std::str::from_utf8(b)
            .map_err(|_| "bytes contained non utf8 bytes, cannot be converted into a string")?
            .to_owned(),
        other => return Err(cannot(other, "string")),
    };
    Ok(Value::String(text.into()))
}

/// A value inside an interpolated string (`"${v}"`), written as `string(v:)` writes it
/// (what it cannot convert, as the value shows itself).
pub(crate) fn interpolated(v: Value) -> String {
    match to_string(v.clone()) {
        Ok(Value::String(s)) => s.to_string(),
        _ => v.to_string(),
    }
}

pub(super) fn to_bool(v: Value) -> Result<Value, String> {
    Ok(Value::Bool(match v {
        Value::String(s) => match &*s {
            "true" => true,
            "false" => false,
            _ => return Err(format!("cannot convert string {s:?} to bool")),
        },
        Value::Int(0) | Value::UInt(0) => false,
        Value::Int(1) | Value::UInt(1) => true,
        Value::Int(n) => return Err(format!("cannot convert int {n} to bool, must be 0 or 1")),
        Value::UInt(n) => return Err(format!("cannot convert uint {n} to bool, must be 0 or 1")),
        Value::Float(0.0) => false,
        Value::Float(1.0) => true,
        Value::Float(f) => return Err(format!("cannot convert float {f:.6} to bool, must be 0 or 1")),
        Value::Bool(b) => b,
        other => return Err(cannot(&other, "bool")),
    }))
}

/// Upstream's time literal forms: a date (midnight UTC) or an RFC 3339 date-time.
pub(super) fn parse_time(text: &str) -> Result<i64, String> {
    if !text.contains('T') {
        if text.len() != 10 {
            return Err("cannot parse date".to_owned());
        }
        return parse_rfc3339(&format!("{text}T00:00:00Z")).map_err(|_| "cannot parse date".to_owned());
    }
    parse_rfc3339(text).map_err(|_| "cannot parse date time".to_owned())
}

pub(super) fn to_time(v: Value) -> Result<Value, String> {
    Ok(Value::Time(match v {
        Value::String(s) => {
            parse_time(&s).map_err(|e| format!("cannot convert string {s:?} to time due to invalid syntax: {e}"))?
        }
        Value::Int(i) => i,
        Value::UInt(u) => u as i64,
        Value::Time(t) => t,
        other => return Err(cannot(&other, "time")),
    }))
}

/// Parses a duration as upstream's `duration()` does: an optional `-`, then magnitudes each
/// followed by a unit. A unit upstream does not know adds nothing, as there.
pub(super) fn parse_duration(text: &str) -> Result<Duration, String> {
    let (negative, mut rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut d = Duration { months: 0, nanos: 0, negative };
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_numeric()).unwrap_or(rest.len());
        if digits == 0 {
            return Err(format!("invalid duration {rest}"));
        }
        let magnitude: i64 = rest[..digits].parse().map_err(|_| format!("invalid duration {rest}"))?;
        rest = &rest[digits..];
        let letters = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        if letters == 0 {
            return Err(format!("duration is missing a unit: {rest}"));
        }
        let unit = &rest[..letters];
        rest = &rest[letters..];
        match unit {
            "y" => d.months = d.months.wrapping_add(magnitude.wrapping_mul(12)),
            "mo" => d.months = d.months.wrapping_add(magnitude),
            unit => {
                if let Some(nanos_per) = Duration::unit_nanos(unit) {
                    d.nanos = d.nanos.wrapping_add(magnitude.wrapping_mul(nanos_per));
                }
            }
        }
    }
    Ok(d)
}

pub(super) fn to_duration(v: Value) -> Result<Value, String> {
    Ok(Value::Duration(match v {
        Value::String(s) => {
            parse_duration(&s).map_err(|_| format!("cannot convert string {s:?} to duration due to invalid syntax"))?
        }
        Value::Int(i) => Duration::from_nanos(i),
        Value::UInt(u) => Duration::from_nanos(u as i64),
        Value::Duration(d) => d,
        other => return Err(cannot(&other, "duration")),
    }))
}

/// `bytes(v:)`: a string's UTF-8; unlike the other conversions, null is an error.
fn bytes(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = match args.required("v")? {
        Value::Dynamic(inner) => (*inner).clone(),
        v => v,
    };
    match v {
        Value::String(s) => Ok(Value::Bytes(Arc::from(s.as_bytes()))),
        other => Err(cannot(&other, "bytes").into()),
    }
}

/// A float as Go's `%v` writes it: the shortest digits, with an exponent below 1e-4 and
/// from 1e6 on (`1e+06`).
fn go_float_text(x: f64) -> String {
    if !x.is_finite() {
        return format_float(x);
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0".to_owned() } else { "0".to_owned() };
    }
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if (-4..6).contains(&exponent) {
        return format_float(x);
    }
    let sign = if exponent < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exponent.unsigned_abs())
}

/// A value as upstream's `display()` writes it: strings bare, record fields sorted, and
/// composites of more than three elements over several lines, indented by four spaces.
pub fn display(v: &Value) -> String {
    let mut out = String::new();
    write_display(&mut out, v, 0);
    out
}

fn write_display(out: &mut String, v: &Value, indent: usize) {
    let newline = |out: &mut String, indent: usize| {
        out.push('\n');
        out.push_str(&"    ".repeat(indent));
    };
    // Writes items between brackets, on one line or, past three, on one line each.
    let list = |out: &mut String, open: char, close: char, items: Vec<(Option<String>, &Value)>| {
        let multiline = items.len() > 3;
        out.push(open);
        for (i, (label, value)) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(if multiline { "," } else { ", " });
            }
            if multiline {
                newline(out, indent + 1);
            }
            if let Some(label) = label {
                out.push_str(label);
                out.push_str(": ");
            }
            write_display(out, value, indent + 1);
        }
        if multiline {
            newline(out, indent);
        }
        out.push(close);
    };
    match v {
        Value::Null => out.push_str("<null>"),
        Value::String(s) => out.push_str(s),
        Value::Float(x) => out.push_str(&go_float_text(*x)),
        Value::Time(t) => out.push_str(&time_text(*t)),
        Value::Duration(d) => out.push_str(&duration_text(d)),
        Value::Regexp(r) => out.push_str(r.as_str()),
        Value::Stream(_) => out.push_str("<stream>"),
        Value::Dynamic(inner) => {
            out.push_str("dynamic(");
            write_display(out, inner, indent);
            out.push(')');
        }
        Value::Array(items) => list(out, '[', ']', items.iter().map(|v| (None, v)).collect()),
        Value::Record(record) => {
            let mut fields: Vec<&(Arc<str>, Value)> = record.fields.iter().collect();
            fields.sort_by(|a, b| a.0.cmp(&b.0));
            list(out, '{', '}', fields.into_iter().map(|(l, v)| (Some(l.to_string()), v)).collect());
        }
        Value::Dict(entries) if entries.is_empty() => out.push_str("[:]"),
        Value::Dict(entries) => {
            let keys: Vec<(String, Value)> = entries.keys().map(|k| (display(&k.to_value()), k.to_value())).collect();
            let items = keys.iter().zip(entries.values()).map(|((k, _), v)| (Some(k.clone()), v)).collect();
            list(out, '[', ']', items);
        }
        Value::Function(_) => out.push_str(&type_text(v)),
        other => out.push_str(&other.to_string()),
    }
}

fn display_fn(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(Value::String(display(&args.required("v")?).into()))
}

/// The basic type names `types.isType` and `dynamic.isType` know, for a value.
fn basic_type(v: &Value) -> Option<&'static str> {
    Some(match v {
        Value::String(_) => "string",
        Value::Bytes(_) => "bytes",
        Value::Int(_) => "int",
        Value::UInt(_) => "uint",
        Value::Float(_) => "float",
        Value::Bool(_) => "bool",
        Value::Time(_) => "time",
        Value::Duration(_) => "duration",
        Value::Regexp(_) => "regexp",
        _ => return None,
    })
}

fn type_arg(args: &mut Args) -> Result<Arc<str>, Failure> {
    Ok(args.string("type")?.ok_or("missing required argument `type`")?)
}

/// `types.isType(v:, type:)`. A null has no type here (upstream's nulls from table cells
/// keep their column's type; the engine's do not).
fn is_type(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = args.required("v")?;
    let ty = type_arg(args)?;
    Ok(Value::Bool(basic_type(&v) == Some(&*ty)))
}

/// `types.isNumeric(v:)`: an int, a uint or a float.
fn is_numeric(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = args.required("v")?;
    Ok(Value::Bool(matches!(v, Value::Int(_) | Value::UInt(_) | Value::Float(_))))
}

/// Wraps a value as dynamic: the elements of arrays and the fields of records too, a dynamic
/// value as it is.
pub(super) fn make_dynamic(v: Value) -> Value {
    let inner = match v {
        Value::Dynamic(_) => return v,
        Value::Array(items) => Value::Array(Arc::new(items.iter().cloned().map(make_dynamic).collect())),
        Value::Record(record) => Value::Record(Arc::new(Record {
            fields: record.fields.iter().map(|(l, v)| (l.clone(), make_dynamic(v.clone()))).collect(),
        })),
        other => other,
    };
    Value::Dynamic(Arc::new(inner))
}

fn dynamic(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(make_dynamic(args.required("v")?))
}

/// `dynamic.asArray(v:)`: the dynamic elements of a dynamic array.
fn as_array(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = args.piped.take().map_or_else(|| args.required("v"), Ok)?;
    match v {
        Value::Dynamic(inner) => match &*inner {
            Value::Array(items) => Ok(Value::Array(items.clone())),
            Value::Null => Err("unable to convert <null> to array".into()),
            other => Err(format!("unable to convert {} to array", type_text(other)).into()),
        },
        Value::Null => Err("unable to convert <null> to array".into()),
        other => Err(format!("unable to convert {} to array", type_text(&other)).into()),
    }
}

/// `dynamic.isType(v:, type:)`: false for null.
fn dynamic_is_type(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = args.required("v")?;
    let ty = type_arg(args)?;
    let inner = match &v {
        Value::Dynamic(inner) => &**inner,
        other => other,
    };
    let name = basic_type(inner).or(match inner {
        Value::Array(_) => Some("array"),
        Value::Record(_) => Some("object"),
        Value::Function(_) | Value::Builtin(_) => Some("function"),
        Value::Dict(_) => Some("dictionary"),
        _ => None,
    });
    Ok(Value::Bool(name == Some(&*ty)))
}

/// `dynamic._isNotDistinct(a:, b:)`: whether the two display the same.
fn is_not_distinct(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let a = args.required("a")?;
    let b = args.required("b")?;
    Ok(Value::Bool(display(&a) == display(&b)))
}

fn data_arg(args: &mut Args) -> Result<Arc<[u8]>, Failure> {
    match args.required("data")? {
        Value::Bytes(b) => Ok(b),
        other => Err(format!("`data` must be bytes, not a {}", type_text(&other)).into()),
    }
}

/// `experimental/json.parse(data:)`: objects become records (fields sorted), numbers floats;
/// an array's elements must share a type.
fn json_parse(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let data = data_arg(args)?;
    let json: serde_json::Value = serde_json::from_slice(&data).map_err(|e| e.to_string())?;
    Ok(from_json(json, false)?)
}

/// `dynamic.jsonParse(data:)`: the same, every value dynamic (arrays may mix types).
fn json_parse_dynamic(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let data = data_arg(args)?;
    let json: serde_json::Value = serde_json::from_slice(&data).map_err(|e| e.to_string())?;
    Ok(Value::Dynamic(Arc::new(from_json(json, true)?)))
}

fn from_json(json: serde_json::Value, dynamic: bool) -> Result<Value, String> {
    let wrap = |v: Value| if dynamic { Value::Dynamic(Arc::new(v)) } else { v };
    Ok(match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(s) => Value::String(s.into()),
        serde_json::Value::Array(items) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                let value = from_json(item, dynamic)?;
                if !dynamic && values.first().is_some_and(|first| !same_type(first, &value)) {
                    return Err("array values must all be the same type".to_owned());
                }
                values.push(wrap(value));
            }
            Value::Array(Arc::new(values))
        }
        serde_json::Value::Object(map) => {
            // serde_json's map is ordered by key, the order upstream's record type has.
            let mut fields = Vec::with_capacity(map.len());
            for (key, item) in map {
                fields.push((Arc::from(key.as_str()), wrap(from_json(item, dynamic)?)));
            }
            Value::Record(Arc::new(Record { fields }))
        }
    })
}

/// Whether two parsed JSON values have the same Flux type.
fn same_type(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Record(x), Value::Record(y)) => {
            x.fields.len() == y.fields.len()
                && x.fields.iter().zip(&y.fields).all(|((l, v), (m, w))| l == m && same_type(v, w))
        }
        (Value::Array(x), Value::Array(y)) => match (x.first(), y.first()) {
            (Some(v), Some(w)) => same_type(v, w),
            _ => true,
        },
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// `json.encode(v:)` and `dynamic.jsonEncode(v:)`: JSON as Go's encoder writes it.
fn json_encode(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = args.required("v")?;
    let mut out = String::new();
    write_json(&mut out, &v)?;
    Ok(Value::Bytes(Arc::from(out.into_bytes())))
}

fn write_json(out: &mut String, v: &Value) -> Result<(), String> {
    match v {
        Value::Null => out.push_str("null"),
        Value::Dynamic(inner) => write_json(out, inner)?,
        Value::String(s) => json_string(out, s),
        Value::Bytes(b) => json_string(out, &base64(b)),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::UInt(u) => out.push_str(&u.to_string()),
        Value::Float(x) => out.push_str(&json_float(*x)?),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Time(t) => json_string(out, &format_rfc3339_nano(*t)),
        Value::Duration(d) => json_string(out, &duration_text(d)),
        Value::Regexp(r) => json_string(out, r.as_str()),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(out, item)?;
            }
            out.push(']');
        }
        Value::Record(record) => {
            let mut fields: Vec<(String, &Value)> = record.fields.iter().map(|(l, v)| (l.to_string(), v)).collect();
            fields.sort_by(|a, b| a.0.cmp(&b.0));
            json_object(out, fields)?;
        }
        Value::Dict(entries) => {
            let mut fields: Vec<(String, &Value)> = entries.iter().map(|(k, v)| (display(&k.to_value()), v)).collect();
            fields.sort_by(|a, b| a.0.cmp(&b.0));
            fields.dedup_by(|a, b| a.0 == b.0);
            json_object(out, fields)?;
        }
        Value::Stream(_) => {
            return Err("got table stream instead of array. \
                 Try using tableFind() or findRecord() to extract data from stream"
                .to_owned());
        }
        Value::Function(_) | Value::Builtin(_) => return Err("cannot encode a function value".to_owned()),
    }
    Ok(())
}

fn json_object(out: &mut String, fields: Vec<(String, &Value)>) -> Result<(), String> {
    out.push('{');
    for (i, (label, value)) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(out, &label);
        out.push(':');
        write_json(out, value)?;
    }
    out.push('}');
    Ok(())
}

/// A float as Go's JSON encoder writes it: an exponent below 1e-6 and from 1e21 on, two
/// exponent digits at least only when positive (`1e-7`, `1e+21`).
fn json_float(x: f64) -> Result<String, String> {
    if !x.is_finite() {
        return Err(format!("json: unsupported value: {}", format_float(x)));
    }
    let abs = x.abs();
    if abs == 0.0 || (1e-6..1e21).contains(&abs) {
        return Ok(format_float(x));
    }
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    Ok(if exponent < 0 { format!("{mantissa}e-{}", -exponent) } else { format!("{mantissa}e+{exponent:02}") })
}

/// A JSON string as Go writes it: HTML characters and the line separators escaped.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Standard base64 with padding, as Go's JSON encoder writes bytes.
pub(super) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_go_writes_them() {
        assert_eq!(go_float_text(1.0), "1");
        assert_eq!(go_float_text(1e21), "1e+21");
        assert_eq!(go_float_text(123456.0), "123456");
        assert_eq!(go_float_text(1234567.0), "1.234567e+06");
        assert_eq!(go_float_text(0.00001), "1e-05");
        assert_eq!(json_float(1e-7).unwrap(), "1e-7");
        assert_eq!(json_float(2.5).unwrap(), "2.5");
    }

    #[test]
    fn parses_as_go_does() {
        assert_eq!(parse_go_float("1e3"), Some(1000.0));
        assert_eq!(parse_go_float("-Inf"), Some(f64::NEG_INFINITY));
        assert!(parse_go_float("+NaN").is_none());
        assert!(parse_go_float("1e400").is_none());
        assert!(parse_go_float("").is_none());
        assert!(to_int(Value::string("1e3")).is_err());
        assert!(to_uint(Value::string("+1")).is_err());
        let d = parse_duration("-1h30m").unwrap();
        assert_eq!(d.signed_nanos(), -5_400_000_000_000);
        assert_eq!(base64(b"abcd"), "YWJjZA==");
    }
}
