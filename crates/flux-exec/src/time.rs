//! Instants as nanoseconds since the Unix epoch, and their RFC 3339 text.

use flux_syntax::ast::DateTime;
use flux_syntax::calendar::{civil_from_days, days_from_civil, days_in_month};

const NANOS_PER_SECOND: i64 = 1_000_000_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// An instant written as RFC 3339 with as many fractional digits as it needs (none for a
/// whole second), in UTC: `2018-05-22T19:53:26.1Z`.
pub fn format_rfc3339_nano(nanos: i64) -> String {
    let mut out = String::with_capacity(30);
    write_rfc3339_nano(&mut out, nanos);
    out
}

/// [`format_rfc3339_nano`] appended to `out`, digit by digit: CSV output writes one per row.
pub fn write_rfc3339_nano(out: &mut String, nanos: i64) {
    fn digits(out: &mut String, value: i64, width: usize) {
        let mut buffer = [b'0'; 20];
        let mut v = value.unsigned_abs();
        let mut at = buffer.len();
        while v > 0 || buffer.len() - at < width {
            at -= 1;
            buffer[at] = b'0' + (v % 10) as u8;
            v /= 10;
        }
        if value < 0 {
            out.push('-');
        }
        out.push_str(std::str::from_utf8(&buffer[at..]).expect("ASCII digits"));
    }
    let seconds = nanos.div_euclid(NANOS_PER_SECOND);
    let fraction = nanos.rem_euclid(NANOS_PER_SECOND);
    let days = seconds.div_euclid(SECONDS_PER_DAY);
    let second_of_day = seconds.rem_euclid(SECONDS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    digits(out, year, 4);
    out.push('-');
    digits(out, i64::from(month), 2);
    out.push('-');
    digits(out, i64::from(day), 2);
    out.push('T');
    digits(out, second_of_day / 3600, 2);
    out.push(':');
    digits(out, second_of_day / 60 % 60, 2);
    out.push(':');
    digits(out, second_of_day % 60, 2);
    if fraction != 0 {
        out.push('.');
        let mut fraction = fraction;
        let mut width = 9;
        while fraction % 10 == 0 {
            fraction /= 10;
            width -= 1;
        }
        digits(out, fraction, width);
    }
    out.push('Z');
}

/// The instant a calendar date-time with its UTC offset names; `None` past the times Flux can
/// hold (1677 to 2262).
pub fn nanos_of(t: &DateTime) -> Option<i64> {
    let days = days_from_civil(i64::from(t.year), u32::from(t.month), u32::from(t.day));
    let seconds = days * SECONDS_PER_DAY + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second)
        - i64::from(t.offset_seconds);
    let nanos = i128::from(seconds) * i128::from(NANOS_PER_SECOND) + i128::from(t.nanosecond);
    i64::try_from(nanos).ok()
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, the RFC 3339 form annotated CSV and
/// Flux write (a fraction of up to nine digits is accepted with or without the `Nano`
/// layout, as Go's parser accepts it).
pub fn parse_rfc3339(text: &str) -> Result<i64, String> {
    let invalid = || format!("`{text}` is not an RFC 3339 time (such as 2018-05-22T19:53:26Z)");
    let b = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return Err(invalid());
    }
    let field = |range| number(range).ok_or_else(invalid);
    let mut t = DateTime {
        year: field(0..4)? as i32,
        month: field(5..7)? as u8,
        day: field(8..10)? as u8,
        hour: field(11..13)? as u8,
        minute: field(14..16)? as u8,
        second: field(17..19)? as u8,
        nanosecond: 0,
        offset_seconds: 0,
    };
    if !(1..=12).contains(&t.month)
        || t.day == 0
        || u32::from(t.day) > days_in_month(i64::from(t.year), u32::from(t.month))
    {
        return Err(format!("`{text}` names no day of the calendar"));
    }
    if t.hour > 23 || t.minute > 59 || t.second > 59 {
        return Err(format!("`{text}` names no time of day"));
    }
    let mut at = 19;
    if b[at] == b'.' {
        let start = at + 1;
        let mut end = start;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end == start || end - start > 9 {
            return Err(invalid());
        }
        t.nanosecond = field(start..end)? * 10u32.pow(9 - (end - start) as u32);
        at = end;
    }
    t.offset_seconds = match b.get(at) {
        Some(b'Z') if at + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) if at + 6 == b.len() && b[at + 3] == b':' => {
            let hours = field(at + 1..at + 3)? as i32;
            let minutes = field(at + 4..at + 6)? as i32;
            if hours > 23 || minutes > 59 {
                return Err(invalid());
            }
            let offset = hours * 3600 + minutes * 60;
            if sign == b'+' { offset } else { -offset }
        }
        _ => return Err(invalid()),
    };
    nanos_of(&t).ok_or_else(|| format!("`{text}` is outside the times Flux can hold (1677 to 2262)"))
}

/// `nanos` plus a duration, as Flux adds them: the months first, in UTC, keeping the day of
/// the month unless the month is shorter (January 31 plus a month is the last of February),
/// then the nanoseconds. `None` past the times Flux can hold.
pub fn add_duration(nanos: i64, duration: &crate::value::Duration) -> Option<i64> {
    let sign = if duration.negative { -1 } else { 1 };
    let mut t = nanos;
    if duration.months != 0 {
        const NANOS_PER_DAY: i64 = SECONDS_PER_DAY * NANOS_PER_SECOND;
        let within_day = t.rem_euclid(NANOS_PER_DAY);
        let (year, month, day) = civil_from_days(t.div_euclid(NANOS_PER_DAY));
        let total = year * 12 + i64::from(month - 1) + sign * duration.months;
        let (year, month) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
        let day = day.min(days_in_month(year, month));
        let days = days_from_civil(year, month, day);
        t = i64::try_from(i128::from(days) * i128::from(NANOS_PER_DAY) + i128::from(within_day)).ok()?;
    }
    t.checked_add(sign * duration.nanos)
}

/// The clock, in nanoseconds since the epoch: the `now` of a run, or of a write, that names
/// none.
pub fn now() -> i64 {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since_epoch.as_nanos()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_the_digits_needed() {
        assert_eq!(format_rfc3339_nano(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_rfc3339_nano(1_526_903_206_100_000_000), "2018-05-21T11:46:46.1Z");
        assert_eq!(format_rfc3339_nano(-1), "1969-12-31T23:59:59.999999999Z");
        assert_eq!(format_rfc3339_nano(951_782_400 * NANOS_PER_SECOND), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn parses_what_it_formats_and_offsets() {
        for nanos in [0, 1, -1, 1_526_903_206_100_000_000, 951_782_400 * NANOS_PER_SECOND, i64::MAX, i64::MIN] {
            assert_eq!(parse_rfc3339(&format_rfc3339_nano(nanos)), Ok(nanos));
        }
        assert_eq!(parse_rfc3339("2018-05-22T21:53:26+02:00"), parse_rfc3339("2018-05-22T19:53:26Z"));
        assert_eq!(parse_rfc3339("2018-05-22T19:53:26.5Z").unwrap() % NANOS_PER_SECOND, 500_000_000);
    }

    #[test]
    fn adds_months_then_nanoseconds() {
        let at = |text: &str| parse_rfc3339(text).unwrap();
        let d = |months, nanos, negative| crate::value::Duration { months, nanos, negative };
        let add = |text: &str, duration| format_rfc3339_nano(add_duration(at(text), &duration).unwrap());
        assert_eq!(add("2021-01-31T12:00:00Z", d(1, 0, false)), "2021-02-28T12:00:00Z");
        assert_eq!(add("2020-01-31T12:00:00Z", d(1, 0, false)), "2020-02-29T12:00:00Z");
        assert_eq!(add("2021-03-15T00:00:00Z", d(14, 3_600_000_000_000, true)), "2020-01-14T23:00:00Z");
        assert_eq!(add("2021-03-15T00:00:00Z", d(0, 86_400_000_000_000, false)), "2021-03-16T00:00:00Z");
    }

    #[test]
    fn rejects_what_is_not_an_instant() {
        for bad in ["2018-05-22", "2018-02-30T00:00:00Z", "2018-05-22T24:00:00Z", "2018-05-22T19:53:26", "x"] {
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
        }
        assert!(parse_rfc3339("2500-01-01T00:00:00Z").unwrap_err().contains("outside"));
    }
}
