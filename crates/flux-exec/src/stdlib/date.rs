//! `timezone` and `date`: locations, the parts of a time on a location's clock, and calendar
//! arithmetic.

use flux_syntax::calendar::{MONTHS, WEEKDAYS};
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
    Builtin { package: "date", name: "truncate", run: truncate },
    Builtin { package: "date", name: "_truncate", run: truncate },
    Builtin { package: "universe", name: "today", run: today },
    Builtin { package: "experimental/date/boundaries", name: "yesterday", run: yesterday },
    Builtin { package: "experimental/date/boundaries", name: "monday", run: |e, _| day_of_week(e, 1) },
    Builtin { package: "experimental/date/boundaries", name: "tuesday", run: |e, _| day_of_week(e, 2) },
    Builtin { package: "experimental/date/boundaries", name: "wednesday", run: |e, _| day_of_week(e, 3) },
    Builtin { package: "experimental/date/boundaries", name: "thursday", run: |e, _| day_of_week(e, 4) },
    Builtin { package: "experimental/date/boundaries", name: "friday", run: |e, _| day_of_week(e, 5) },
    Builtin { package: "experimental/date/boundaries", name: "saturday", run: |e, _| day_of_week(e, 6) },
    Builtin { package: "experimental/date/boundaries", name: "sunday", run: |e, _| day_of_week(e, 0) },
    Builtin { package: "experimental/date/boundaries", name: "month", run: month_bounds },
    Builtin { package: "experimental/date/boundaries", name: "week", run: week_bounds },
];

/// The package constants: `timezone.utc`, the days of the week and the months.
pub(super) fn constant(package: &str, name: &str) -> Option<Value> {
    match package {
        "timezone" if name == "utc" => Some(Location::utc().to_value()),
        "date" => WEEKDAYS
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

/// The start of the window of length `unit` holding `t` on the location's clock: windows start
/// at the Unix epoch (shifted by the location's extra offset) and follow each other without
/// gaps; month units count calendar months.
pub(super) fn truncate_time(t: i64, unit: &Duration, location: &Location) -> Result<i64, Failure> {
    if unit.negative || unit.is_zero() {
        return Err("duration used as an interval must be positive".into());
    }
    if unit.months != 0 && unit.nanos != 0 {
        return Err("duration used as an interval cannot mix month and nanosecond units".into());
    }
    let extra = location.extra_offset();
    let shifted = location.to_clock(t).saturating_add(extra);
    let start = if unit.months != 0 {
        let civil = civil_utc(shifted);
        let months = i64::from(civil.year() - 1970) * 12 + i64::from(civil.month() - 1);
        let index = months.div_euclid(unit.months) * unit.months;
        let (year, month) = (1970 + index.div_euclid(12), index.rem_euclid(12) + 1);
        let date = jiff::civil::date(year as i16, month as i8, 1);
        let stamp = date.to_zoned(TimeZone::UTC).map_err(|e| e.to_string())?.timestamp();
        i64::try_from(stamp.as_nanosecond()).map_err(|_| "the time is outside the times Flux can hold".to_owned())?
    } else {
        shifted - shifted.rem_euclid(unit.nanos)
    };
    Ok(location.from_clock(start - extra))
}

/// `date.truncate(t:, unit:)`.
fn truncate(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let t = timeable(evaluator, args, "t")?;
    let Value::Duration(unit) = args.required("unit")? else { return Err("`unit` must be a duration".into()) };
    let location = location(evaluator, args)?;
    Ok(Value::Time(truncate_time(t, &unit, &location)?))
}

const DAY: i64 = 86_400_000_000_000;

/// The start of today on the location's clock.
fn today_time(evaluator: &Evaluator) -> Result<i64, Failure> {
    truncate_time(evaluator.now(), &Duration::from_nanos(DAY), &evaluator.location()?)
}

/// `today()`: now, truncated to the day.
fn today(evaluator: &Evaluator, _: &mut Args) -> Result<Value, Failure> {
    Ok(Value::Time(today_time(evaluator)?))
}

fn bounds(start: i64, stop: i64) -> Value {
    let fields = vec![("start".into(), Value::Time(start)), ("stop".into(), Value::Time(stop))];
    Value::Record(std::sync::Arc::new(crate::value::Record { fields }))
}

/// `t` moved by `d` (negated when `negate`) on the location's clock, as `date.add` does.
fn moved(evaluator: &Evaluator, t: i64, d: Duration) -> Result<i64, Failure> {
    let mut args = Args { named: vec![("d".into(), Value::Duration(d))], piped: None };
    match shift(evaluator, &mut args, t, false)? {
        Value::Time(t) => Ok(t),
        _ => Err("date arithmetic did not give a time".into()),
    }
}

fn days(n: i64) -> Duration {
    Duration::from_nanos(n.saturating_mul(DAY))
}

/// `boundaries.yesterday()`: the day before today.
fn yesterday(evaluator: &Evaluator, _: &mut Args) -> Result<Value, Failure> {
    let today = today_time(evaluator)?;
    Ok(bounds(moved(evaluator, today, days(-1))?, today))
}

/// The most recent `weekday` (Sunday 0) before today shifted by `offset`, a week back when
/// today is that day, truncated to its day.
fn last_weekday(evaluator: &Evaluator, weekday: i64, offset: Duration) -> Result<i64, Failure> {
    let today = today_time(evaluator)?;
    let day = if offset.is_zero() { today } else { moved(evaluator, today, offset)? };
    let location = evaluator.location()?;
    let clock = location.to_clock(day).saturating_add(location.extra_offset());
    let current = i64::from(civil_utc(clock).weekday().to_sunday_zero_offset());
    let back = if current == weekday {
        7
    } else if current == 0 {
        7 - weekday
    } else if weekday >= current {
        7 - (weekday - current)
    } else {
        current - weekday
    };
    let found = moved(evaluator, day, days(-back))?;
    truncate_time(found, &Duration::from_nanos(DAY), &location)
}

/// `boundaries.monday()` …: that day of last week (of this week when it is still to come).
fn day_of_week(evaluator: &Evaluator, weekday: i64) -> Result<Value, Failure> {
    let start = last_weekday(evaluator, weekday, Duration::default())?;
    Ok(bounds(start, moved(evaluator, start, days(1))?))
}

/// `boundaries.month(month_offset: 0)`: this month, or the one `month_offset` from it.
fn month_bounds(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let offset = args.int("month_offset")?.unwrap_or(0);
    let location = evaluator.location()?;
    let this_month =
        truncate_time(today_time(evaluator)?, &Duration { months: 1, nanos: 0, negative: false }, &location)?;
    let by = Duration { months: offset.abs(), nanos: 0, negative: offset < 0 };
    let start = moved(evaluator, this_month, by)?;
    Ok(bounds(start, moved(evaluator, start, Duration { months: 1, nanos: 0, negative: false })?))
}

/// `boundaries.week(week_offset: 0, start_sunday: false)`: this week, starting on Monday (or
/// Sunday), or the one `week_offset` weeks from it.
fn week_bounds(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let offset = args.int("week_offset")?.unwrap_or(0);
    let first_day = if args.bool("start_sunday")?.unwrap_or(false) { 0 } else { 1 };
    let week = Duration::from_nanos(7 * DAY);
    let shift = Duration { nanos: 7 * DAY * offset.abs(), months: 0, negative: offset < 0 };
    let mut start = last_weekday(evaluator, first_day, shift)?;
    let location = evaluator.location()?;
    let weekday = |t: i64| civil_utc(location.to_clock(t).saturating_add(location.extra_offset())).weekday();
    if weekday(today_time(evaluator)?) == weekday(start) {
        start = moved(evaluator, start, week)?;
    }
    Ok(bounds(start, moved(evaluator, start, week)?))
}
