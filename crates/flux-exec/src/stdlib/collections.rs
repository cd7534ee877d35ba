//! Arrays, dictionaries and records (`array`, `experimental/array`, `dict`,
//! `experimental/record`, `experimental.objectKeys`, `length`, `contains`), values out of
//! tables (`tableFind`, `getRecord`, `getColumn`, `findRecord`, `findColumn`),
//! `pagerduty.dedupKey` and `system.time`.
//!
//! `tableFind` returns its table as a stream of that one table: the catalog types it as a
//! stream, so it pipes into any transformation as upstream's table object does, and
//! `getRecord`/`getColumn` take such a stream, requiring it to hold one table.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::convert::{duration_text, time_text, to_bool, to_duration, to_float, to_int, to_string, to_time, to_uint};
use super::{Args, Builtin, Failure, stream_of};
use crate::eval::Evaluator;
use crate::table::{ColType, Column, ColumnBuilder, Table};
use crate::value::{DictKey, Function, Record, Stream, Value};

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "universe", name: "length", run: length },
    Builtin { package: "universe", name: "contains", run: contains },
    Builtin { package: "universe", name: "tableFind", run: table_find },
    Builtin { package: "universe", name: "getRecord", run: get_record },
    Builtin { package: "universe", name: "getColumn", run: get_column },
    Builtin { package: "universe", name: "findRecord", run: find_record },
    Builtin { package: "universe", name: "findColumn", run: find_column },
    Builtin { package: "array", name: "concat", run: concat },
    Builtin { package: "array", name: "map", run: map },
    Builtin { package: "array", name: "filter", run: filter },
    Builtin { package: "experimental/array", name: "from", run: super::array_from },
    Builtin { package: "experimental/array", name: "concat", run: concat },
    Builtin { package: "experimental/array", name: "map", run: map },
    Builtin { package: "experimental/array", name: "filter", run: filter },
    Builtin { package: "experimental/array", name: "toBool", run: |_, a| convert_all(a, to_bool) },
    Builtin { package: "experimental/array", name: "toDuration", run: |_, a| convert_all(a, to_duration) },
    Builtin { package: "experimental/array", name: "toFloat", run: |_, a| convert_all(a, to_float) },
    Builtin { package: "experimental/array", name: "toInt", run: |_, a| convert_all(a, to_int) },
    Builtin { package: "experimental/array", name: "toString", run: |_, a| convert_all(a, to_string) },
    Builtin { package: "experimental/array", name: "toTime", run: |_, a| convert_all(a, to_time) },
    Builtin { package: "experimental/array", name: "toUInt", run: |_, a| convert_all(a, to_uint) },
    Builtin { package: "dict", name: "fromList", run: dict_from_list },
    Builtin { package: "dict", name: "get", run: dict_get },
    Builtin { package: "dict", name: "insert", run: dict_insert },
    Builtin { package: "dict", name: "remove", run: dict_remove },
    Builtin { package: "experimental/record", name: "get", run: record_get },
    Builtin { package: "experimental", name: "objectKeys", run: object_keys },
    Builtin { package: "pagerduty", name: "dedupKey", run: dedup_key },
    Builtin { package: "system", name: "time", run: system_time },
];

/// The packages' constants: `record.any`, the empty record.
pub(super) fn constant(package: &str, name: &str) -> Option<Value> {
    match (package, name) {
        ("experimental/record", "any") => Some(Value::Record(Arc::new(Record::default()))),
        _ => None,
    }
}

/// The array piped in or given as `name`.
fn array_arg(args: &mut Args, name: &str) -> Result<Arc<Vec<Value>>, Failure> {
    match args.piped.take().or_else(|| args.take(name)) {
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(format!("`{name}` must be an array, not a {}", other.type_name()).into()),
        None => Err(format!("missing required argument `{name}`").into()),
    }
}

fn function_arg(args: &mut Args) -> Result<Arc<Function>, Failure> {
    args.function("fn")?.ok_or_else(|| "missing required argument `fn`".into())
}

/// `length(arr:)`.
fn length(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(Value::Int(array_arg(args, "arr")?.len() as i64))
}

/// `contains(value:, set:)`: whether `set` holds `value`; a null `value` is in no set and
/// null elements match nothing.
fn contains(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let value = args.required("value")?;
    let set = match args.required("set")? {
        Value::Array(items) => items,
        other => return Err(format!("`set` must be an array, not a {}", other.type_name()).into()),
    };
    if matches!(value, Value::Null) {
        return Ok(Value::Bool(false));
    }
    for item in set.iter() {
        if matches!(item, Value::Null) {
            continue;
        }
        if std::mem::discriminant(item) != std::mem::discriminant(&value) {
            return Err(format!("value type {} does not match set type {}", value.type_name(), item.type_name()).into());
        }
        if *item == value {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

/// `array.concat(arr:, v:)`.
fn concat(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let arr = array_arg(args, "arr")?;
    let v = match args.required("v")? {
        Value::Array(items) => items,
        other => return Err(format!("`v` must be an array, not a {}", other.type_name()).into()),
    };
    Ok(Value::Array(Arc::new(arr.iter().chain(v.iter()).cloned().collect())))
}

fn call(evaluator: &Evaluator, function: &Function, name: &str, value: Value) -> Result<Value, Failure> {
    evaluator.apply(function, vec![(name.into(), value)], None).map_err(Failure::Runtime)
}

/// `array.map(arr:, fn:)`: `fn(x)` for each element.
fn map(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let arr = array_arg(args, "arr")?;
    let function = function_arg(args)?;
    let out = arr.iter().map(|x| call(evaluator, &function, "x", x.clone())).collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(Arc::new(out)))
}

/// `array.filter(arr:, fn:)`: the elements for which `fn(x)` is true.
fn filter(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let arr = array_arg(args, "arr")?;
    let function = function_arg(args)?;
    let mut out = Vec::new();
    for x in arr.iter() {
        match call(evaluator, &function, "x", x.clone())? {
            Value::Bool(true) => out.push(x.clone()),
            Value::Bool(false) | Value::Null => {}
            other => return Err(format!("`fn` must return a boolean, not a {}", other.type_name()).into()),
        }
    }
    Ok(Value::Array(Arc::new(out)))
}

/// `experimental/array.toInt()` and the like: the conversion of each element, nulls kept.
fn convert_all(args: &mut Args, to: fn(Value) -> Result<Value, String>) -> Result<Value, Failure> {
    let arr = array_arg(args, "arr")?;
    let out = arr
        .iter()
        .map(|x| match x {
            Value::Null => Ok(Value::Null),
            Value::Dynamic(inner) if matches!(**inner, Value::Null) => Ok(Value::Null),
            Value::Dynamic(inner) => to((**inner).clone()),
            x => to(x.clone()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(Arc::new(out)))
}

fn dict_arg(args: &mut Args) -> Result<Arc<BTreeMap<DictKey, Value>>, Failure> {
    match args.required("dict")? {
        Value::Dict(d) => Ok(d),
        other => Err(format!("`dict` must be a dictionary, not a {}", other.type_name()).into()),
    }
}

fn key_of(value: &Value) -> Result<DictKey, Failure> {
    DictKey::of(value).ok_or_else(|| format!("a {} cannot be a dictionary key", value.type_name()).into())
}

/// `dict.fromList(pairs:)`: a later pair replaces an earlier one of the same key.
fn dict_from_list(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let pairs = match args.required("pairs")? {
        Value::Array(items) => items,
        other => return Err(format!("`pairs` must be an array of records, not a {}", other.type_name()).into()),
    };
    let mut dict = BTreeMap::new();
    for pair in pairs.iter() {
        let Value::Record(pair) = pair else {
            return Err(format!("`pairs` must hold records, not a {}", pair.type_name()).into());
        };
        let key = pair.get("key").ok_or("missing key property from array element")?;
        let value = pair.get("value").ok_or("missing value property from array element")?;
        dict.insert(key_of(key)?, value.clone());
    }
    Ok(Value::Dict(Arc::new(dict)))
}

/// `dict.get(dict:, key:, default:)`.
fn dict_get(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let dict = dict_arg(args)?;
    let key = args.required("key")?;
    let default = args.required("default")?;
    Ok(DictKey::of(&key).and_then(|k| dict.get(&k).cloned()).unwrap_or(default))
}

/// `dict.insert(dict:, key:, value:)`: a new dictionary; the given one is unchanged.
fn dict_insert(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let dict = dict_arg(args)?;
    let key = key_of(&args.required("key")?)?;
    let value = args.required("value")?;
    let mut out = (*dict).clone();
    out.insert(key, value);
    Ok(Value::Dict(Arc::new(out)))
}

/// `dict.remove(dict:, key:)`: a new dictionary without the key.
fn dict_remove(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let dict = dict_arg(args)?;
    let key = args.required("key")?;
    let mut out = (*dict).clone();
    if let Some(key) = DictKey::of(&key) {
        out.remove(&key);
    }
    Ok(Value::Dict(Arc::new(out)))
}

fn record_arg(args: &mut Args, name: &str) -> Result<Arc<Record>, Failure> {
    match args.required(name)? {
        Value::Record(r) => Ok(r),
        other => Err(format!("`{name}` must be a record, not a {}", other.type_name()).into()),
    }
}

/// `record.get(r:, key:, default:)`: the field, or `default` when the record has none.
fn record_get(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let r = record_arg(args, "r")?;
    let key = args.string("key")?.ok_or("missing required argument `key`")?;
    let default = args.required("default")?;
    Ok(r.get(&key).cloned().unwrap_or(default))
}

/// `experimental.objectKeys(o:)`: the labels of a record, in order.
fn object_keys(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let o = record_arg(args, "o")?;
    Ok(Value::Array(Arc::new(o.fields.iter().map(|(l, _)| Value::String(l.clone())).collect())))
}

/// A table's group key as a record, what the `fn` of `tableFind` is called with.
fn key_record(table: &Table) -> Value {
    let fields = table.key.columns.iter().zip(&table.key.values).map(|(c, v)| (Arc::from(c.label.as_str()), v.clone()));
    Value::Record(Arc::new(Record { fields: fields.collect() }))
}

/// The first table whose group key `fn` accepts.
fn find_table(evaluator: &Evaluator, args: &mut Args) -> Result<Option<Table>, Failure> {
    let stream = args.tables()?;
    let function = function_arg(args)?;
    for table in &stream.tables {
        match call(evaluator, &function, "key", key_record(table))? {
            Value::Bool(true) => return Ok(Some(table.clone())),
            Value::Bool(false) | Value::Null => {}
            other => return Err(format!("`fn` must return a boolean, not a {}", other.type_name()).into()),
        }
    }
    Ok(None)
}

/// `tableFind(fn:)`: the first table whose group key `fn` accepts, as a stream of it alone.
fn table_find(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let table = find_table(evaluator, args)?.ok_or("no table found")?;
    Ok(stream_of(vec![table]))
}

/// The one table `getRecord` and `getColumn` read.
fn one_table(args: &mut Args) -> Result<Arc<Stream>, Failure> {
    let stream = args.stream("table")?;
    match stream.tables.len() {
        1 => Ok(stream),
        n => Err(format!("expected a single table (as tableFind returns), got a stream of {n} tables").into()),
    }
}

fn row_of(table: &Table, row: usize) -> Value {
    let fields = table.columns.iter().map(|c| Arc::from(c.label.as_str())).zip(table.row(row));
    Value::Record(Arc::new(Record { fields: fields.collect() }))
}

fn index_arg(args: &mut Args) -> Result<i64, Failure> {
    args.int("idx")?.ok_or_else(|| "missing required argument `idx`".into())
}

/// `getRecord(idx:)`: row `idx` of the table as a record.
fn get_record(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = one_table(args)?;
    let idx = index_arg(args)?;
    let table = &stream.tables[0];
    match usize::try_from(idx).ok().filter(|&i| i < table.len()) {
        Some(row) => Ok(row_of(table, row)),
        None => Err(format!("index out of bounds: {idx}").into()),
    }
}

/// `getColumn(column:)`: the column's values, top to bottom.
fn get_column(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = one_table(args)?;
    let column = args.string("column")?.ok_or("missing required argument `column`")?;
    let table = &stream.tables[0];
    let index = table.column_index(&column).ok_or_else(|| format!("cannot find column {column}"))?;
    Ok(Value::Array(Arc::new(table.column_values(index))))
}

/// `findRecord(fn:, idx:)`: row `idx` of the first table `fn` accepts; an empty record when
/// there is no such table or row.
fn find_record(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let idx = index_arg(args)?;
    let table = find_table(evaluator, args)?;
    let row = table.and_then(|t| usize::try_from(idx).ok().filter(|&i| i < t.len()).map(|row| row_of(&t, row)));
    Ok(row.unwrap_or_else(|| Value::Record(Arc::new(Record::default()))))
}

/// `findColumn(fn:, column:)`: the column of the first table `fn` accepts; empty when there
/// is no such table or column.
fn find_column(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let column = args.string("column")?.ok_or("missing required argument `column`")?;
    let table = find_table(evaluator, args)?;
    let values = table.and_then(|t| t.column_index(&column).map(|i| t.column_values(i))).unwrap_or_default();
    Ok(Value::Array(Arc::new(values)))
}

/// `system.time()`: the clock's time now (unlike `now()`, which is fixed for the script).
fn system_time(_: &Evaluator, _: &mut Args) -> Result<Value, Failure> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| "the system clock is before 1970")?;
    Ok(Value::Time(i64::try_from(since.as_nanos()).map_err(|_| "the system clock is past 2262")?))
}

/// `pagerduty.dedupKey(exclude:)`: a column `_pagerdutyDedupKey` holding the hex SHA-256 of
/// the group key's other columns, `label\nvalue\n` each, sorted by label.
fn dedup_key(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let exclude: Vec<String> = match args.take("exclude") {
        None => vec!["_start".to_owned(), "_stop".to_owned(), "_level".to_owned()],
        Some(value) => super::strings(value, "exclude")?,
    };
    const LABEL: &str = "_pagerdutyDedupKey";
    let mut out = Vec::new();
    for table in &stream.tables {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (column, value) in table.key.columns.iter().zip(&table.key.values) {
            if exclude.contains(&column.label) {
                continue;
            }
            let text = match value {
                Value::Time(t) => time_text(*t),
                Value::Duration(d) => duration_text(d),
                Value::Null => String::new(),
                other => match to_string(other.clone())? {
                    Value::String(s) => s.to_string(),
                    _ => String::new(),
                },
            };
            pairs.push((&column.label, text));
        }
        pairs.sort();
        let text: String = pairs.iter().map(|(label, value)| format!("{label}\n{value}\n")).collect();
        let hash: String = sha256(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        let mut with_key = table.clone();
        let mut builder = ColumnBuilder::new(ColType::String);
        for _ in 0..table.len() {
            builder.append(&Value::string(&hash))?;
        }
        let data = builder.finish();
        match with_key.column_index(LABEL) {
            Some(i) => {
                with_key.columns[i] = Column::new(LABEL, ColType::String);
                with_key.data[i] = data;
            }
            None => {
                with_key.columns.push(Column::new(LABEL, ColType::String));
                with_key.data.push(data);
            }
        }
        out.push(with_key);
    }
    Ok(stream_of(out))
}

/// SHA-256 (FIPS 180-4), for `dedupKey`'s keys.
fn sha256(message: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut padded = message.to_vec();
    padded.push(0x80);
    while padded.len() % 64 != 56 {
        padded.push(0);
    }
    padded.extend_from_slice(&((message.len() as u64).wrapping_mul(8)).to_be_bytes());
    for block in padded.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let choice = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(choice).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let majority = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(majority);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (state, add) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *state = state.wrapping_add(add);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sha256;

    #[test]
    fn sha256_of_known_messages() {
        let hex = |m: &[u8]| sha256(m).iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
