//! `timezone` and `date`: locations, the parts of a time on a location's clock, and calendar
//! arithmetic.

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::{Args, Builtin, Failure};
use crate::eval::Evaluator;
use crate::time::add_duration;
use crate::tz::Location;
use crate::value::{Duration, Value};

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "timezone", name: "location", run: timezone_location },
    Builtin { package: "timezone", name: "fixed", run: timezone_fixed },
    Builtin { package: "date", name: "second", run: second },
    Builtin { package: "date", name: "millisecond", run: millisecond },
    Builtin { package: "date", name: "microsecond", run: microsecond },
    Builtin { package: "date", name: "nanosecond", run: nanosecond },
    Builtin { package: "date", name: "minute", run: minute },
    Builtin { package: "date", name: "_minute", run: minute },
    Builtin { package: "date", name: "hour", run: hour },
    Builtin { package: "date", name: "_hour", run: hour },
    Builtin { package: "date", name: "weekDay", run: week_day },
    Builtin { package: "date", name: "_weekDay", run: week_day },
    Builtin { package: "date", name: "monthDay", run: month_day },
    Builtin { package: "date", name: "_monthDay", run: month_day },
    Builtin { package: "date", name: "yearDay", run: year_day },
    Builtin { package: "date", name: "_yearDay", run: year_day },
    Builtin { package: "date", name: "month", run: month },
    Builtin { package: "date", name: "_month", run: month },
    Builtin { package: "date", name: "year", run: year },
    Builtin { package: "date", name: "_year", run: year },
    Builtin { package: "date", name: "week", run: week },
    Builtin { package: "date", name: "_week", run: week },
    Builtin { package: "date", name: "quarter", run: quarter },
    Builtin { package: "date", name: "_quarter", run: quarter },
    Builtin { package: "date", name: "time", run: time },
    Builtin { package: "date", name: "_time", run: time },
    Builtin { package: "date", name: "add", run: add },
    Builtin { package: "date", name: "_add", run: add },
    Builtin { package: "date", name: "sub", run: sub },
    Builtin { package: "date", name: "_sub", run: sub },
    Builtin { package: "date", name: "scale", run: scale },
];

/// The package constants: `timezone.utc`, the days of the week and the months.
pub(super) fn constant(package: &str, name: &str) -> Option<Value> {
    const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match package {
        "timezone" if name == "utc" => Some(Location::utc().to_value()),
        "date" => DAYS
            .iter()
            .position(|d| *d == name)
            .or_else(|| MONTHS.iter().position(|m| *m == name).map(|i| i + 1))
            .map(|i| Value::Int(i as i64)),
        _ => None,
    }
}

fn timezone_location(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let name = args.string("name")?.ok_or("missing required argument `name`")?;
    Ok(Location::named(&name)?.to_value())
}

fn timezone_fixed(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let offset = args.required("offset")?;
    let record =
        crate::value::Record { fields: vec![("zone".into(), Value::string("UTC")), ("offset".into(), offset)] };
    Ok(Value::Record(std::sync::Arc::new(record)))
}

/// A `Timeable` argument: a time, or a duration from now.
fn timeable(evaluator: &Evaluator, args: &mut Args, name: &str) -> Result<i64, Failure> {
    match args.required(name)? {
        Value::Time(t) => Ok(t),
        Value::Duration(d) => add_duration(evaluator.now(), &d)
            .ok_or_else(|| Failure::from(format!("`{name}` is outside the times Flux can hold"))),
        Value::Null => Err(format!("argument {name} was nil").into()),
        other => Err(format!("`{name}` must be a time or a duration, not a {}", other.type_name()).into()),
    }
}

/// The `location` argument, or the `location` option when it is not given.
fn location(evaluator: &Evaluator, args: &mut Args) -> Result<Location, Failure> {
    match args.take("location") {
        Some(value) => Ok(Location::from_value(&value)?),
        None => Ok(evaluator.location()?),
    }
}

/// The civil date and time the location's clock shows at `t` (zone, then the extra offset).
fn civil(evaluator: &Evaluator, args: &mut Args) -> Result<jiff::civil::DateTime, Failure> {
    let t = timeable(evaluator, args, "t")?;
    let location = location(evaluator, args)?;
    let clock = location.to_clock(t).saturating_add(location.extra_offset());
    Ok(civil_utc(clock))
}

fn civil_utc(t: i64) -> jiff::civil::DateTime {
    Timestamp::from_nanosecond(i128::from(t)).unwrap_or(Timestamp::UNIX_EPOCH).to_zoned(TimeZone::UTC).datetime()
}

fn int(n: impl Into<i64>) -> Result<Value, Failure> {
    Ok(Value::Int(n.into()))
}

fn second(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil_utc(timeable(evaluator, args, "t")?).second())
}

/// The nanoseconds within the second.
fn subsecond(evaluator: &Evaluator, args: &mut Args) -> Result<i64, Failure> {
    Ok(timeable(evaluator, args, "t")?.rem_euclid(1_000_000_000))
}

fn millisecond(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(subsecond(evaluator, args)? / 1_000_000)
}

fn microsecond(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(subsecond(evaluator, args)? / 1_000)
}

fn nanosecond(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(subsecond(evaluator, args)?)
}

fn minute(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil(evaluator, args)?.minute())
}

fn hour(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil(evaluator, args)?.hour())
}

/// Sunday is 0, as upstream counts.
fn week_day(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil(evaluator, args)?.weekday().to_sunday_zero_offset())
}

fn month_day(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil(evaluator, args)?.day())
}

fn year_day(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil(evaluator, args)?.day_of_year())
}

fn month(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil(evaluator, args)?.month())
}

fn year(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil(evaluator, args)?.year())
}

/// The ISO 8601 week of the year.
fn week(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int(civil(evaluator, args)?.date().iso_week_date().week())
}

fn quarter(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    int((civil(evaluator, args)?.month() - 1) / 3 + 1)
}

/// `date.time(t:)`: the location's clock reading at `t`, as a time.
fn time(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let t = timeable(evaluator, args, "t")?;
    let location = location(evaluator, args)?;
    Ok(Value::Time(location.to_clock(t).saturating_add(location.extra_offset())))
}

/// `date.add(d:, to:)`: `to` plus `d`, months and days counted on the location's clock.
fn add(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let t = timeable(evaluator, args, "to")?;
    shift(evaluator, args, t, false)
}

fn sub(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let t = timeable(evaluator, args, "from")?;
    shift(evaluator, args, t, true)
}

fn shift(evaluator: &Evaluator, args: &mut Args, t: i64, negate: bool) -> Result<Value, Failure> {
    let Value::Duration(mut d) = args.required("d")? else { return Err("`d` must be a duration".into()) };
    if negate {
        d.negative = !d.negative;
    }
    let location = location(evaluator, args)?;
    let out_of_range = || Failure::from("the result is outside the times Flux can hold");
    // Upstream adds the extra offset first and takes it away at the end.
    let t = t.checked_add(location.extra_offset()).ok_or_else(out_of_range)?;
    let shifted = if !location.has_zone() {
        add_duration(t, &d).ok_or_else(out_of_range)?
    } else {
        let clock = add_duration(location.to_clock(t), &d).ok_or_else(out_of_range)?;
        location.from_clock(clock)
    };
    Ok(Value::Time(shifted.checked_sub(location.extra_offset()).ok_or_else(out_of_range)?))
}

/// `date.scale(d:, n:)`: `d` times `n`, months and nanoseconds each.
fn scale(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let Value::Duration(d) = args.required("d")? else { return Err("`d` must be a duration".into()) };
    let n = args.int("n")?.ok_or("missing required argument `n`")?;
    let overflow = || Failure::from("the scaled duration is too large");
    let months = d.signed_months().checked_mul(n).ok_or_else(overflow)?;
    let nanos = d.signed_nanos().checked_mul(n).ok_or_else(overflow)?;
    // A duration has one sign: months and nanoseconds agree in sign after scaling too.
    let negative = months < 0 || nanos < 0;
    Ok(Value::Duration(Duration { months: months.abs(), nanos: nanos.abs(), negative }))
}
