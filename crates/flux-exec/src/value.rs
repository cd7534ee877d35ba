//! Flux values as the evaluator holds them.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use flux_semantic::ir::{Body, ExprId};

use crate::table::format_float;
use crate::time::format_rfc3339_nano;

/// A duration as Flux keeps it: months and nanoseconds apart, since a month has no fixed
/// length (`1mo2d` is one month and two days).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Duration {
    pub months: i64,
    pub nanos: i64,
    pub negative: bool,
}

impl Duration {
    /// The nanoseconds in one of a duration literal's fixed-length units; `None` for the
    /// calendar units `y` and `mo` and for anything that is not a unit.
    pub fn unit_nanos(unit: &str) -> Option<i64> {
        Some(match unit {
            "w" => 7 * 86_400_000_000_000,
            "d" => 86_400_000_000_000,
            "h" => 3_600_000_000_000,
            "m" => 60_000_000_000,
            "s" => 1_000_000_000,
            "ms" => 1_000_000,
            "us" | "µs" => 1_000,
            "ns" => 1,
            _ => return None,
        })
    }

    /// A duration of `n` nanoseconds (negative for a negative duration).
    pub fn from_nanos(n: i64) -> Duration {
        Duration { months: 0, nanos: n.unsigned_abs().min(i64::MAX as u64) as i64, negative: n < 0 }
    }

    /// The nanoseconds, negative for a negative duration (months left out).
    pub fn signed_nanos(&self) -> i64 {
        if self.negative { -self.nanos } else { self.nanos }
    }

    /// The months, negative for a negative duration.
    pub fn signed_months(&self) -> i64 {
        if self.negative { -self.months } else { self.months }
    }

    pub fn is_zero(&self) -> bool {
        self.months == 0 && self.nanos == 0
    }
}

impl fmt::Display for Duration {
    /// In Flux's literal form, largest unit first: `1mo2d3h`, `-5m`, `0s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.months == 0 && self.nanos == 0 {
            return f.write_str("0s");
        }
        if self.negative {
            f.write_str("-")?;
        }
        let (years, months) = (self.months / 12, self.months % 12);
        for (n, unit) in [(years, "y"), (months, "mo")] {
            if n != 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        let mut rest = self.nanos;
        for (size, unit) in [
            (7 * 86_400_000_000_000, "w"),
            (86_400_000_000_000, "d"),
            (3_600_000_000_000, "h"),
            (60_000_000_000, "m"),
            (1_000_000_000, "s"),
            (1_000_000, "ms"),
            (1_000, "us"),
            (1, "ns"),
        ] {
            if rest >= size {
                write!(f, "{}{unit}", rest / size)?;
                rest %= size;
            }
        }
        Ok(())
    }
}

/// A value. Composite values share their parts (`Arc`), so copying one costs a count.
#[derive(Clone, Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    String(Arc<str>),
    /// Nanoseconds since the Unix epoch.
    Time(i64),
    Duration(Duration),
    Bytes(Arc<[u8]>),
    Regexp(Arc<regex::Regex>),
    Record(Arc<Record>),
    Array(Arc<Vec<Value>>),
    Dict(Arc<BTreeMap<DictKey, Value>>),
    Function(Arc<Function>),
    /// A function the engine implements natively.
    Builtin(&'static crate::stdlib::Builtin),
    /// A stream of tables.
    Stream(Arc<Stream>),
    /// A value whose type is known only at run time (`experimental/dynamic`); never wraps
    /// another dynamic value.
    Dynamic(Arc<Value>),
}

/// A stream of tables, held whole.
#[derive(Debug, Default)]
pub struct Stream {
    pub tables: Vec<crate::table::Table>,
    /// Whether `yield` made it a result already, so that the expression statement holding it
    /// does not make it `_result` too.
    pub yielded: bool,
    /// The order every table's rows are known to be in, when one is: what `sort` made and
    /// the transformations after it kept, so that a `sort` it satisfies can be skipped.
    pub collation: Option<Collation>,
    /// The time range the data was read over (`range`'s start and stop), which windows
    /// keep to even after the tables' `_start` and `_stop` change.
    pub bounds: Option<(i64, i64)>,
}

/// Rows sorted by these columns, in this direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collation {
    pub columns: Vec<String>,
    pub desc: bool,
}

impl Collation {
    /// Whether rows in this order are also in the order of `columns`: a prefix of ours, the
    /// same direction.
    pub fn satisfies(&self, columns: &[String], desc: bool) -> bool {
        self.desc == desc && self.columns.len() >= columns.len() && self.columns[..columns.len()] == *columns
    }
}

/// A record's fields, in order.
#[derive(Clone, Debug, Default)]
pub struct Record {
    pub fields: Vec<(Arc<str>, Value)>,
}

impl Record {
    pub fn get(&self, label: &str) -> Option<&Value> {
        self.fields.iter().find(|(l, _)| &**l == label).map(|(_, v)| v)
    }
}

/// A dictionary key: the comparable values.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DictKey {
    Bool(bool),
    Int(i64),
    UInt(u64),
    /// The bits of a float, ordered as the float would be for finite values.
    Float(i64),
    String(Arc<str>),
    Time(i64),
}

/// A function value: a closure over the frame it was created in.
#[derive(Debug)]
pub struct Function {
    pub body: Arc<Body>,
    /// The statement `body` belongs to.
    pub item: flux_semantic::ir::ItemRef,
    /// The function literal in `body`.
    pub expr: ExprId,
    /// The values of the enclosing scopes' locals when the literal was evaluated.
    pub captured: crate::eval::Frame,
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::UInt(_) => "uint",
            Value::Float(_) => "float",
            Value::String(_) => "string",
            Value::Time(_) => "time",
            Value::Duration(_) => "duration",
            Value::Bytes(_) => "bytes",
            Value::Regexp(_) => "regexp",
            Value::Record(_) => "record",
            Value::Array(_) => "array",
            Value::Dict(_) => "dictionary",
            Value::Function(_) | Value::Builtin(_) => "function",
            Value::Stream(_) => "stream",
            Value::Dynamic(_) => "dynamic",
        }
    }

    pub fn string(s: &str) -> Value {
        Value::String(Arc::from(s))
    }
}

impl PartialEq for Value {
    /// Flux's `==` on two non-null values; null equals nothing here (the operator itself
    /// makes `null == x` null).
    fn eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (UInt(a), UInt(b)) => a == b,
            (Float(a), Float(b)) => a == b,
            (Int(a), UInt(b)) | (UInt(b), Int(a)) => i128::from(*a) == i128::from(*b),
            (Int(a), Float(b)) | (Float(b), Int(a)) => (*a as f64) == *b,
            (UInt(a), Float(b)) | (Float(b), UInt(a)) => (*a as f64) == *b,
            (String(a), String(b)) => a == b,
            (Time(a), Time(b)) => a == b,
            (Duration(a), Duration(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Regexp(a), Regexp(b)) => a.as_str() == b.as_str(),
            (Record(a), Record(b)) => {
                a.fields.len() == b.fields.len() && a.fields.iter().all(|(l, v)| b.get(l).is_some_and(|w| v == w))
            }
            (Array(a), Array(b)) => a == b,
            (Dict(a), Dict(b)) => a == b,
            (Dynamic(a), Dynamic(b)) => a == b,
            _ => false,
        }
    }
}

impl fmt::Display for Value {
    /// As `display()` shows values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("<null>"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::UInt(u) => write!(f, "{u}"),
            Value::Float(x) => f.write_str(&format_float(*x)),
            Value::String(s) => f.write_str(s),
            Value::Time(t) => f.write_str(&format_rfc3339_nano(*t)),
            Value::Duration(d) => write!(f, "{d}"),
            Value::Bytes(bytes) => {
                f.write_str("0x")?;
                bytes.iter().try_for_each(|b| write!(f, "{b:02x}"))
            }
            Value::Regexp(r) => write!(f, "/{}/", r.as_str()),
            Value::Record(r) => {
                f.write_str("{")?;
                for (i, (label, value)) in r.fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{label}: {}", Quoted(value))?;
                }
                f.write_str("}")
            }
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, value) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", Quoted(value))?;
                }
                f.write_str("]")
            }
            Value::Dict(entries) => {
                if entries.is_empty() {
                    return f.write_str("[:]");
                }
                f.write_str("[")?;
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}: {}", Quoted(&key.to_value()), Quoted(value))?;
                }
                f.write_str("]")
            }
            Value::Function(_) | Value::Builtin(_) => f.write_str("<function>"),
            Value::Stream(s) => write!(f, "<stream of {} tables>", s.tables.len()),
            Value::Dynamic(inner) => write!(f, "dynamic({})", Quoted(inner)),
        }
    }
}

/// A value inside a composite one: strings quoted.
struct Quoted<'v>(&'v Value);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::String(s) => write!(f, "{s:?}"),
            other => write!(f, "{other}"),
        }
    }
}

impl DictKey {
    pub fn of(value: &Value) -> Option<DictKey> {
        Some(match value {
            Value::Bool(b) => DictKey::Bool(*b),
            Value::Int(i) => DictKey::Int(*i),
            Value::UInt(u) => DictKey::UInt(*u),
            Value::Float(x) => {
                let bits = x.to_bits() as i64;
                DictKey::Float(if bits < 0 { bits ^ i64::MAX } else { bits })
            }
            Value::String(s) => DictKey::String(s.clone()),
            Value::Time(t) => DictKey::Time(*t),
            _ => return None,
        })
    }

    pub fn to_value(&self) -> Value {
        match self {
            DictKey::Bool(b) => Value::Bool(*b),
            DictKey::Int(i) => Value::Int(*i),
            DictKey::UInt(u) => Value::UInt(*u),
            DictKey::Float(bits) => {
                let raw = if *bits < 0 { bits ^ i64::MAX } else { *bits };
                Value::Float(f64::from_bits(raw as u64))
            }
            DictKey::String(s) => Value::String(s.clone()),
            DictKey::Time(t) => Value::Time(*t),
        }
    }
}
