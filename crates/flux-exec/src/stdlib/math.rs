//! The `math` package (its functions as Go's `math` computes them, through `libm` where the
//! standard library has no counterpart) and `bitwise` (also as `experimental/bitwise`).

use std::sync::Arc;

use super::{Args, Builtin, Failure};
use crate::eval::Evaluator;
use crate::value::{Record, Value};

macro_rules! unary {
    ($name:literal, $f:expr) => {
        Builtin { package: "math", name: $name, run: |_, a| float_fn(a, $f) }
    };
}

macro_rules! binary {
    ($name:literal, $x:literal, $y:literal, $f:expr) => {
        Builtin { package: "math", name: $name, run: |_, a| float_fn2(a, $x, $y, $f) }
    };
}

pub(super) static BUILTINS: &[Builtin] = &[
    unary!("abs", f64::abs),
    unary!("acos", f64::acos),
    unary!("acosh", f64::acosh),
    unary!("asin", f64::asin),
    unary!("asinh", f64::asinh),
    unary!("atan", f64::atan),
    unary!("atanh", f64::atanh),
    unary!("cbrt", f64::cbrt),
    unary!("ceil", f64::ceil),
    unary!("cos", f64::cos),
    unary!("cosh", f64::cosh),
    unary!("erf", libm::erf),
    unary!("erfc", libm::erfc),
    unary!("erfinv", erfinv),
    unary!("erfcinv", |x| erfinv(1.0 - x)),
    unary!("exp", f64::exp),
    unary!("exp2", f64::exp2),
    unary!("expm1", f64::exp_m1),
    unary!("floor", f64::floor),
    unary!("gamma", libm::tgamma),
    unary!("j0", libm::j0),
    unary!("j1", libm::j1),
    unary!("y0", libm::y0),
    unary!("y1", libm::y1),
    unary!("log", f64::ln),
    unary!("log10", f64::log10),
    unary!("log1p", f64::ln_1p),
    unary!("log2", f64::log2),
    unary!("logb", logb),
    unary!("round", f64::round),
    unary!("roundtoeven", f64::round_ties_even),
    unary!("sin", f64::sin),
    unary!("sinh", f64::sinh),
    unary!("sqrt", f64::sqrt),
    unary!("tan", f64::tan),
    unary!("tanh", f64::tanh),
    unary!("trunc", f64::trunc),
    binary!("atan2", "y", "x", f64::atan2),
    binary!("copysign", "x", "y", f64::copysign),
    binary!("dim", "x", "y", libm::fdim),
    binary!("hypot", "p", "q", f64::hypot),
    binary!("mMax", "x", "y", go_max),
    binary!("mMin", "x", "y", go_min),
    binary!("mod", "x", "y", |x, y| x % y),
    binary!("nextafter", "x", "y", libm::nextafter),
    binary!("pow", "x", "y", f64::powf),
    binary!("remainder", "x", "y", libm::remainder),
    Builtin { package: "math", name: "float64bits", run: float64bits },
    Builtin { package: "math", name: "float64frombits", run: float64frombits },
    Builtin { package: "math", name: "ilogb", run: ilogb },
    Builtin { package: "math", name: "frexp", run: frexp },
    Builtin { package: "math", name: "lgamma", run: lgamma },
    Builtin { package: "math", name: "modf", run: modf },
    Builtin { package: "math", name: "sincos", run: sincos },
    Builtin { package: "math", name: "isInf", run: is_inf },
    Builtin { package: "math", name: "isNaN", run: is_nan },
    Builtin { package: "math", name: "signbit", run: signbit },
    Builtin { package: "math", name: "NaN", run: |_, _| Ok(Value::Float(f64::NAN)) },
    Builtin { package: "math", name: "mInf", run: m_inf },
    Builtin { package: "math", name: "jn", run: |_, a| bessel(a, libm::jn) },
    Builtin { package: "math", name: "yn", run: |_, a| bessel(a, libm::yn) },
    Builtin { package: "math", name: "ldexp", run: ldexp },
    Builtin { package: "math", name: "pow10", run: pow10 },
];

/// The `bitwise` functions, under a package name: `experimental/bitwise` is the same package
/// under another.
macro_rules! bitwise {
    ($package:literal) => {
        &[
            Builtin { package: $package, name: "uand", run: |_, a| uint_op(a, |x, y| x & y) },
            Builtin { package: $package, name: "uor", run: |_, a| uint_op(a, |x, y| x | y) },
            Builtin { package: $package, name: "uxor", run: |_, a| uint_op(a, |x, y| x ^ y) },
            Builtin { package: $package, name: "uclear", run: |_, a| uint_op(a, |x, y| x & !y) },
            Builtin {
                package: $package,
                name: "ulshift",
                run: |_, a| uint_op(a, |x, y| ushift(x, y, u64::checked_shl)),
            },
            Builtin {
                package: $package,
                name: "urshift",
                run: |_, a| uint_op(a, |x, y| ushift(x, y, u64::checked_shr)),
            },
            Builtin { package: $package, name: "unot", run: unot },
            Builtin { package: $package, name: "sand", run: |_, a| int_op(a, |x, y| Ok(x & y)) },
            Builtin { package: $package, name: "sor", run: |_, a| int_op(a, |x, y| Ok(x | y)) },
            Builtin { package: $package, name: "sxor", run: |_, a| int_op(a, |x, y| Ok(x ^ y)) },
            Builtin { package: $package, name: "sclear", run: |_, a| int_op(a, |x, y| Ok(x & !y)) },
            Builtin { package: $package, name: "slshift", run: |_, a| int_op(a, slshift) },
            Builtin { package: $package, name: "srshift", run: |_, a| int_op(a, srshift) },
            Builtin { package: $package, name: "snot", run: snot },
        ]
    };
}

pub(super) static BITWISE: &[Builtin] = bitwise!("bitwise");
pub(super) static EXPERIMENTAL_BITWISE: &[Builtin] = bitwise!("experimental/bitwise");

/// The package's constants.
pub(super) fn constant(name: &str) -> Option<Value> {
    use std::f64::consts;
    Some(Value::Float(match name {
        "pi" => consts::PI,
        "e" => consts::E,
        "phi" => 1.618_033_988_749_895,
        "sqrt2" => consts::SQRT_2,
        "sqrte" => 1.648_721_270_700_128_2,
        "sqrtpi" => 1.772_453_850_905_516,
        "sqrtphi" => 1.272_019_649_514_069,
        "ln2" => consts::LN_2,
        "log2e" => consts::LOG2_E,
        "ln10" => consts::LN_10,
        "log10e" => consts::LOG10_E,
        "maxfloat" => f64::MAX,
        "smallestNonzeroFloat" => f64::from_bits(1),
        "maxint" => return Some(Value::Int(i64::MAX)),
        "minint" => return Some(Value::Int(i64::MIN)),
        "maxuint" => return Some(Value::UInt(u64::MAX)),
        _ => return None,
    }))
}

/// A float argument; `None` for null, which the math functions pass through.
fn float_arg(args: &mut Args, name: &str) -> Result<Option<f64>, Failure> {
    match args.take(name) {
        Some(Value::Float(x)) => Ok(Some(x)),
        Some(Value::Null) => Ok(None),
        Some(other) => Err(format!("cannot convert argument {name} of type {} to float", other.type_name()).into()),
        None => Err(format!("missing argument {name}").into()),
    }
}

fn int_arg(args: &mut Args, name: &str) -> Result<Option<i64>, Failure> {
    match args.take(name) {
        Some(Value::Int(i)) => Ok(Some(i)),
        Some(Value::Null) => Ok(None),
        Some(other) => Err(format!("cannot convert argument {name} of type {} to int", other.type_name()).into()),
        None => Err(format!("missing argument {name}").into()),
    }
}

fn float_or_null(x: Option<f64>) -> Value {
    x.map_or(Value::Null, Value::Float)
}

fn float_fn(args: &mut Args, f: fn(f64) -> f64) -> Result<Value, Failure> {
    Ok(float_or_null(float_arg(args, "x")?.map(f)))
}

fn float_fn2(args: &mut Args, x: &str, y: &str, f: fn(f64, f64) -> f64) -> Result<Value, Failure> {
    let a = float_arg(args, x)?;
    let b = float_arg(args, y)?;
    Ok(float_or_null(a.zip(b).map(|(a, b)| f(a, b))))
}

/// Go's `math.Max`: +Inf wins over NaN, +0 over -0.
fn go_max(x: f64, y: f64) -> f64 {
    if x == f64::INFINITY || y == f64::INFINITY {
        f64::INFINITY
    } else if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && y == 0.0 {
        if x.is_sign_negative() { y } else { x }
    } else if x > y {
        x
    } else {
        y
    }
}

/// Go's `math.Min`: -Inf wins over NaN, -0 over +0.
fn go_min(x: f64, y: f64) -> f64 {
    if x == f64::NEG_INFINITY || y == f64::NEG_INFINITY {
        f64::NEG_INFINITY
    } else if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && y == 0.0 {
        if x.is_sign_negative() { x } else { y }
    } else if x < y {
        x
    } else {
        y
    }
}

/// Go's `math.Ilogb`: the binary exponent; the smallest int32 for zero, the largest for
/// infinities and NaN.
fn go_ilogb(x: f64) -> i64 {
    if x == 0.0 {
        i64::from(i32::MIN)
    } else if !x.is_finite() {
        i64::from(i32::MAX)
    } else {
        i64::from(libm::frexp(x).1 - 1)
    }
}

/// Go's `math.Logb`: the binary exponent as a float, -Inf for zero, +Inf for infinities.
fn logb(x: f64) -> f64 {
    if x == 0.0 {
        f64::NEG_INFINITY
    } else if x.is_infinite() {
        f64::INFINITY
    } else if x.is_nan() {
        x
    } else {
        go_ilogb(x) as f64
    }
}

/// The inverse error function: a closed-form first guess (Winitzki's) refined by Halley's
/// method on `erf`, which converges to the float's precision in a few steps.
fn erfinv(y: f64) -> f64 {
    if y.is_nan() || !(-1.0..=1.0).contains(&y) {
        return f64::NAN;
    }
    if y == 1.0 || y == -1.0 {
        return f64::INFINITY.copysign(y);
    }
    if y == 0.0 {
        return y;
    }
    const A: f64 = 0.147;
    let ln = (1.0 - y * y).ln();
    let t = 2.0 / (std::f64::consts::PI * A) + ln / 2.0;
    let mut z = ((t * t - ln / A).sqrt() - t).sqrt().copysign(y);
    for _ in 0..50 {
        let f = libm::erf(z) - y;
        let derivative = std::f64::consts::FRAC_2_SQRT_PI * (-z * z).exp();
        if derivative == 0.0 {
            break;
        }
        let step = f / (derivative + z * f);
        z -= step;
        if step.abs() <= f64::EPSILON * z.abs() {
            break;
        }
    }
    z
}

fn float64bits(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(float_arg(args, "f")?.map_or(Value::Null, |x| Value::UInt(x.to_bits())))
}

fn float64frombits(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    match args.take("b") {
        Some(Value::UInt(b)) => Ok(Value::Float(f64::from_bits(b))),
        Some(Value::Null) => Ok(Value::Null),
        Some(other) => Err(format!("cannot convert argument b of type {} to uint", other.type_name()).into()),
        None => Err("missing argument b".into()),
    }
}

fn ilogb(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(float_arg(args, "x")?.map_or(Value::Null, |x| Value::Int(go_ilogb(x))))
}

fn record(fields: Vec<(&str, Value)>) -> Value {
    Value::Record(Arc::new(Record { fields: fields.into_iter().map(|(l, v)| (Arc::from(l), v)).collect() }))
}

/// A float argument the record-returning functions need: null is an error there.
fn required_float(args: &mut Args, name: &str, function: &str) -> Result<f64, Failure> {
    float_arg(args, name)?.ok_or_else(|| format!("{function} does not support null values").into())
}

fn frexp(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let (frac, exp) = libm::frexp(required_float(args, "f", "frexp")?);
    Ok(record(vec![("frac", Value::Float(frac)), ("exp", Value::Int(i64::from(exp)))]))
}

fn lgamma(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let (lgamma, sign) = libm::lgamma_r(required_float(args, "x", "lgamma")?);
    Ok(record(vec![("lgamma", Value::Float(lgamma)), ("sign", Value::Int(i64::from(sign)))]))
}

fn modf(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let (frac, int) = libm::modf(required_float(args, "f", "modf")?);
    Ok(record(vec![("int", Value::Float(int)), ("frac", Value::Float(frac))]))
}

fn sincos(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let x = required_float(args, "x", "sincos")?;
    Ok(record(vec![("sin", Value::Float(x.sin())), ("cos", Value::Float(x.cos()))]))
}

fn is_inf(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let f = float_arg(args, "f")?;
    let sign = int_arg(args, "sign")?;
    Ok(match (f, sign) {
        (Some(f), Some(sign)) => {
            Value::Bool((sign >= 0 && f == f64::INFINITY) || (sign <= 0 && f == f64::NEG_INFINITY))
        }
        _ => Value::Null,
    })
}

fn is_nan(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(float_arg(args, "f")?.map_or(Value::Null, |x| Value::Bool(x.is_nan())))
}

fn signbit(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(float_arg(args, "x")?.map_or(Value::Null, |x| Value::Bool(x.is_sign_negative())))
}

fn m_inf(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(int_arg(args, "sign")?
        .map_or(Value::Null, |sign| Value::Float(if sign >= 0 { f64::INFINITY } else { f64::NEG_INFINITY })))
}

/// `jn` and `yn`: Bessel functions of order `n`.
fn bessel(args: &mut Args, f: fn(i32, f64) -> f64) -> Result<Value, Failure> {
    let n = int_arg(args, "n")?;
    let x = float_arg(args, "x")?;
    let (Some(n), Some(x)) = (n, x) else { return Ok(Value::Null) };
    let n = i32::try_from(n).map_err(|_| format!("the order {n} is too large"))?;
    Ok(Value::Float(f(n, x)))
}

fn ldexp(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let frac = float_arg(args, "frac")?;
    let exp = int_arg(args, "exp")?;
    let (Some(frac), Some(exp)) = (frac, exp) else { return Ok(Value::Null) };
    // Past ±10000 every finite float has over- or underflowed already.
    Ok(Value::Float(libm::ldexp(frac, exp.clamp(-10_000, 10_000) as i32)))
}

/// Go's `math.Pow10`: 10ⁿ correctly rounded, 0 below 1e-323 and +Inf above 1e308.
fn pow10(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(int_arg(args, "n")?.map_or(Value::Null, |n| {
        Value::Float(match n {
            ..-323 => 0.0,
            309.. => f64::INFINITY,
            n => format!("1e{n}").parse().unwrap_or(f64::NAN),
        })
    }))
}

fn uint_arg(args: &mut Args, name: &str) -> Result<u64, Failure> {
    match args.take(name) {
        Some(Value::UInt(u)) => Ok(u),
        Some(other) => Err(format!("`{name}` must be a uint, not a {}", other.type_name()).into()),
        None => Err(format!("missing argument {name}").into()),
    }
}

fn signed_arg(args: &mut Args, name: &str) -> Result<i64, Failure> {
    match args.take(name) {
        Some(Value::Int(i)) => Ok(i),
        Some(other) => Err(format!("`{name}` must be an int, not a {}", other.type_name()).into()),
        None => Err(format!("missing argument {name}").into()),
    }
}

fn uint_op(args: &mut Args, f: fn(u64, u64) -> u64) -> Result<Value, Failure> {
    let a = uint_arg(args, "a")?;
    let b = uint_arg(args, "b")?;
    Ok(Value::UInt(f(a, b)))
}

fn int_op(args: &mut Args, f: fn(i64, i64) -> Result<i64, String>) -> Result<Value, Failure> {
    let a = signed_arg(args, "a")?;
    let b = signed_arg(args, "b")?;
    Ok(Value::Int(f(a, b)?))
}

/// A shift as Go's: by 64 or more, every bit is shifted out.
fn ushift(x: u64, by: u64, shift: fn(u64, u32) -> Option<u64>) -> u64 {
    u32::try_from(by).ok().and_then(|by| shift(x, by)).unwrap_or(0)
}

fn slshift(x: i64, by: i64) -> Result<i64, String> {
    let by = u64::try_from(by).map_err(|_| format!("negative shift amount {by}"))?;
    Ok(u32::try_from(by).ok().and_then(|by| x.checked_shl(by)).unwrap_or(0))
}

/// An arithmetic right shift: by 64 or more, only the sign is left.
fn srshift(x: i64, by: i64) -> Result<i64, String> {
    let by = u64::try_from(by).map_err(|_| format!("negative shift amount {by}"))?;
    Ok(x >> by.min(63))
}

fn unot(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(Value::UInt(!uint_arg(args, "a")?))
}

fn snot(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(Value::Int(!signed_arg(args, "a")?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfinv_inverts_erf() {
        for y in [-0.999_999, -0.5, 0.1, 0.5, 0.9, 0.999_999_9] {
            assert!((libm::erf(erfinv(y)) - y).abs() < 1e-15, "{y}");
        }
        assert_eq!(erfinv(1.0), f64::INFINITY);
        assert!(erfinv(1.5).is_nan());
    }

    #[test]
    fn go_min_max_and_shifts() {
        assert_eq!(go_max(f64::INFINITY, f64::NAN), f64::INFINITY);
        assert!(go_min(1.0, f64::NAN).is_nan());
        assert_eq!(srshift(-8, 100), Ok(-1));
        assert_eq!(slshift(1, 64), Ok(0));
        assert!(slshift(1, -1).is_err());
        assert_eq!(go_ilogb(8.0), 3);
    }
}
