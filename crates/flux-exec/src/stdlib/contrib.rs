//! Small packages: hexadecimal conversions (`contrib/bonitoo-io/hex`) and the helpers of
//! upstream's own tests (`internal/testutil`).

use std::sync::Arc;

use super::{Args, Builtin, Failure};
use crate::eval::Evaluator;
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "contrib/bonitoo-io/hex", name: "int", run: hex_int },
    Builtin { package: "contrib/bonitoo-io/hex", name: "uint", run: hex_uint },
    Builtin { package: "contrib/bonitoo-io/hex", name: "string", run: hex_string },
    Builtin { package: "contrib/bonitoo-io/hex", name: "bytes", run: hex_bytes },
    Builtin { package: "internal/testutil", name: "fail", run: fail },
    Builtin { package: "internal/testutil", name: "yield", run: identity },
    Builtin { package: "internal/testutil", name: "makeRecord", run: make_record },
    Builtin { package: "internal/testutil", name: "makeAny", run: make_any },
];

/// The `v` argument, `None` for null (which the conversions pass through).
fn v(args: &mut Args) -> Result<Option<Value>, Failure> {
    match args.required("v")? {
        Value::Null => Ok(None),
        value => Ok(Some(value)),
    }
}

/// `hex.int(v:)`: a hexadecimal string (optionally `0x`, or signed `±0x`) as an int.
fn hex_int(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Some(value) = v(args)? else { return Ok(Value::Null) };
    let Value::String(text) = &value else {
        return Err(format!("hex cannot convert {} to int", value.type_name()).into());
    };
    let invalid = || Failure::from(format!("cannot convert string \"{text}\" to int due to invalid syntax"));
    let (negative, digits) = match text.strip_prefix("-0x") {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix("+0x").or_else(|| text.strip_prefix("0x")).unwrap_or(text)),
    };
    // An explicit sign is allowed only before `0x`, as Go's parser reads it.
    if digits.starts_with(['+', '-']) && text.starts_with(['+', '-']) {
        return Err(invalid());
    }
    let magnitude = i128::from_str_radix(digits, 16).map_err(|_| invalid())?;
    let n = if negative { -magnitude } else { magnitude };
    Ok(Value::Int(i64::try_from(n).map_err(|_| invalid())?))
}

/// `hex.uint(v:)`: a hexadecimal string (optionally `0x`) as a uint.
fn hex_uint(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Some(value) = v(args)? else { return Ok(Value::Null) };
    let Value::String(text) = &value else {
        return Err(format!("hex cannot convert {} to uint", value.type_name()).into());
    };
    let digits = text.strip_prefix("0x").unwrap_or(text);
    u64::from_str_radix(digits, 16)
        .ok()
        .filter(|_| !digits.starts_with('+'))
        .map(Value::UInt)
        .ok_or_else(|| format!("cannot convert string \"{text}\" to uint due to invalid syntax").into())
}

/// `hex.string(v:)`: numbers in hexadecimal, bytes as hexadecimal digits, the rest as
/// `string()` writes them.
fn hex_string(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Some(value) = v(args)? else { return Ok(Value::Null) };
    Ok(match &value {
        Value::Int(i) if *i < 0 => Value::String(format!("-{:x}", i.unsigned_abs()).into()),
        Value::Int(i) => Value::String(format!("{i:x}").into()),
        Value::UInt(u) => Value::String(format!("{u:x}").into()),
        Value::Bytes(b) => Value::String(b.iter().map(|b| format!("{b:02x}")).collect::<String>().into()),
        _ => {
            let mut string_args = Args { named: vec![("v".into(), value)], piped: None };
            return (super::lookup("universe", "string").expect("string is native").run)(evaluator, &mut string_args);
        }
    })
}

/// `hex.bytes(v:)`: the bytes an even number of hexadecimal digits spell.
fn hex_bytes(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Some(value) = v(args)? else { return Ok(Value::Null) };
    let Value::String(text) = &value else {
        return Err(format!("hex cannot convert {} to bytes", value.type_name()).into());
    };
    let invalid =
        || Failure::from(format!("cannot convert string \"{text}\" to bytes: not an even number of hex digits"));
    if text.len() % 2 != 0 {
        return Err(invalid());
    }
    let bytes = (0..text.len())
        .step_by(2)
        .map(|i| text.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(invalid)?;
    Ok(Value::Bytes(Arc::from(bytes)))
}

/// `testutil.fail()`: stops the script.
fn fail(_: &Evaluator, _: &mut Args) -> Result<Value, Failure> {
    Err(Failure::Die("fail".to_owned()))
}

/// `testutil.yield(v:)`: `v` itself.
fn identity(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(args.piped.take().or_else(|| args.take("v")).ok_or("missing required keyword argument \"v\"")?)
}

/// `testutil.makeRecord(o:)`: the record itself, its type hidden from the checker.
fn make_record(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(args.take("o").ok_or("missing required keyword argument \"o\"")?)
}

/// `testutil.makeAny(typ:)`: a value of the named type, the ones upstream's tests expect.
fn make_any(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let typ = args.string("typ")?.ok_or("missing required keyword argument \"typ\"")?;
    Ok(match &*typ {
        "string" => Value::string("foo"),
        "bytes" => Value::Bytes(Arc::from(b"foo".to_vec())),
        "int" => Value::Int(10),
        "uint" => Value::UInt(10),
        "float" => Value::Float(10.0),
        "bool" => Value::Bool(false),
        "time" => Value::Time(100),
        "duration" => Value::Duration(crate::value::Duration::default()),
        "regexp" => Value::Regexp(Arc::new(regex::Regex::new("a").map_err(|e| e.to_string())?)),
        "array" => Value::Array(Arc::new(Vec::new())),
        "object" => Value::Record(Arc::new(crate::value::Record::default())),
        other => return Err(format!("makeAny cannot make a value of type \"{other}\"").into()),
    })
}
