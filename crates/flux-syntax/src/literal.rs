//! Decoding of literal tokens into values, with the same acceptance as libflux.

use smol_str::SmolStr;

use crate::ast::{DateTime, Duration};

/// Resolves the escapes of string text (without the surrounding quotes).
/// The lexer has already checked every escape; what can still fail is `\xHH` bytes that do not
/// form valid UTF-8.
pub fn unescape_string(text: &str) -> Result<String, String> {
    if !text.contains('\\') {
        return Ok(text.to_owned());
    }
    let mut out = Vec::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'n') => out.push(b'\n'),
            Some(b'r') => out.push(b'\r'),
            Some(b't') => out.push(b'\t'),
            Some(b'\\') => out.push(b'\\'),
            Some(b'"') => out.push(b'"'),
            Some(b'$') => out.push(b'$'),
            Some(b'x') => match hex_byte(bytes, i + 2) {
                Some(byte) => {
                    out.push(byte);
                    i += 4;
                    continue;
                }
                None => return Err("`\\x` must be followed by two hexadecimal digits".to_owned()),
            },
            Some(_) | None => return Err("invalid escape sequence".to_owned()),
        }
        i += 2;
    }
    String::from_utf8(out).map_err(|_| "the `\\x` escapes in this string do not form valid UTF-8".to_owned())
}

fn hex_byte(bytes: &[u8], at: usize) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    let hi = digit(*bytes.get(at)?)?;
    let lo = digit(*bytes.get(at + 1)?)?;
    Some((hi * 16 + lo) as u8)
}

/// The pattern of a regex literal (with its slashes): `\/` and `\xHH` resolved, other
/// escapes kept for the regex engine, then checked as a regular expression.
pub fn regex_pattern(literal: &str) -> Result<String, String> {
    let inner = &literal[1..literal.len() - 1];
    let bytes = inner.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            match bytes.get(i + 1) {
                Some(b'/') => {
                    out.push(b'/');
                    i += 2;
                    continue;
                }
                Some(b'x') => match hex_byte(bytes, i + 2) {
                    Some(byte) => {
                        out.push(byte);
                        i += 4;
                        continue;
                    }
                    None => return Err("`\\x` must be followed by two hexadecimal digits".to_owned()),
                },
                Some(_) => {
                    out.push(b'\\');
                    i += 1;
                    continue;
                }
                // Only possible when the literal ends in `\/`: its closing slash is missing.
                None => {
                    return Err(
                        "unterminated regular expression: the closing `/` is missing (`\\/` is an escaped slash)"
                            .to_owned(),
                    );
                }
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    let pattern = String::from_utf8(out)
        .map_err(|_| "the `\\x` escapes in this regular expression do not form valid UTF-8".to_owned())?;
    match regex_syntax::Parser::new().parse(&pattern) {
        Ok(_) => Ok(pattern),
        Err(regex_syntax::Error::Parse(e)) => Err(format!("invalid regular expression: {}", e.kind())),
        Err(regex_syntax::Error::Translate(e)) => Err(format!("invalid regular expression: {}", e.kind())),
        Err(e) => Err(format!("invalid regular expression: {e}")),
    }
}

/// A decimal integer literal.
pub fn integer(text: &str) -> Result<i64, String> {
    if text.len() > 1 && text.starts_with('0') {
        return Err(format!("invalid integer `{text}`: a number other than 0 cannot start with 0"));
    }
    text.parse::<i64>().map_err(|_| format!("integer `{text}` does not fit in a 64-bit signed integer"))
}

/// A float literal such as `1.5`, `1.` or `.5`.
pub fn float(text: &str) -> Result<f64, String> {
    text.parse::<f64>().map_err(|_| format!("invalid float `{text}`"))
}

/// A duration literal as magnitude/unit pairs, `µs` normalized to `us`.
pub fn duration(text: &str) -> Result<Vec<Duration>, String> {
    let mut values = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let magnitude = rest[..digits]
            .parse::<i64>()
            .map_err(|_| format!("duration magnitude `{}` does not fit in a 64-bit integer", &rest[..digits]))?;
        rest = &rest[digits..];
        let unit_len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        let unit = match &rest[..unit_len] {
            "µs" => "us",
            u => u,
        };
        values.push(Duration { magnitude, unit: SmolStr::new(unit) });
        rest = &rest[unit_len..];
    }
    Ok(values)
}

/// An RFC 3339 date-time, or a bare date meaning midnight UTC.
pub fn date_time(text: &str) -> Result<DateTime, String> {
    let b = text.as_bytes();
    let num =
        |range: std::ops::Range<usize>| -> u32 { text[range].bytes().fold(0, |acc, d| acc * 10 + (d - b'0') as u32) };
    let year = num(0..4) as i32;
    let month = num(5..7) as u8;
    let day = num(8..10) as u8;
    if !(1..=12).contains(&month) {
        return Err(format!("invalid date-time `{text}`: month {month} is out of range"));
    }
    if day == 0 || u32::from(day) > crate::calendar::days_in_month(i64::from(year), u32::from(month)) {
        return Err(format!("invalid date-time `{text}`: day {day} is out of range for that month"));
    }
    let mut value = DateTime { year, month, day, hour: 0, minute: 0, second: 0, nanosecond: 0, offset_seconds: 0 };
    if b.len() == 10 {
        return Ok(value);
    }
    value.hour = num(11..13) as u8;
    value.minute = num(14..16) as u8;
    value.second = num(17..19) as u8;
    if value.hour > 23 || value.minute > 59 || value.second > 60 {
        return Err(format!("invalid date-time `{text}`: the time of day is out of range"));
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        let digits = b[i + 1..].iter().take_while(|d| d.is_ascii_digit()).count();
        if digits == 0 {
            return Err(format!("invalid date-time `{text}`: a `.` must be followed by fractional seconds"));
        }
        // Nanosecond precision; further digits are dropped, as RFC 3339 parsers do.
        let mut nanos = 0u32;
        for k in 0..9 {
            let d = if k < digits { (b[i + 1 + k] - b'0') as u32 } else { 0 };
            nanos = nanos * 10 + d;
        }
        value.nanosecond = nanos;
        i += 1 + digits;
    }
    match b.get(i) {
        Some(b'Z') => Ok(value),
        Some(&sign @ (b'+' | b'-')) => {
            let hours = num(i + 1..i + 3) as i32;
            let minutes = num(i + 4..i + 6) as i32;
            if hours > 23 || minutes > 59 {
                return Err(format!("invalid date-time `{text}`: the UTC offset is out of range"));
            }
            let seconds = hours * 3600 + minutes * 60;
            value.offset_seconds = if sign == b'-' { -seconds } else { seconds };
            Ok(value)
        }
        _ => Err(format!("invalid date-time `{text}`: a time of day needs a UTC offset, such as `Z` or `+01:00`")),
    }
}

/// The date-time in the form libflux's JSON uses: RFC 3339 with the offset as written,
/// fractional seconds in groups of 3 digits and only when non-zero.
pub fn format_date_time(dt: &DateTime) -> String {
    date_time_text(dt, |n| {
        if n % 1_000_000 == 0 {
            format!(".{:03}", n / 1_000_000)
        } else if n % 1_000 == 0 {
            format!(".{:06}", n / 1_000)
        } else {
            format!(".{n:09}")
        }
    })
}

/// The date-time as `flux fmt` writes it: the fraction without its trailing zeros.
pub fn format_date_time_trimmed(dt: &DateTime) -> String {
    date_time_text(dt, |n| format!(".{n:09}").trim_end_matches('0').to_owned())
}

fn date_time_text(dt: &DateTime, fraction: impl Fn(u32) -> String) -> String {
    let mut out =
        format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second);
    if dt.nanosecond != 0 {
        out.push_str(&fraction(dt.nanosecond));
    }
    if dt.offset_seconds == 0 {
        out.push('Z');
    } else {
        let sign = if dt.offset_seconds < 0 { '-' } else { '+' };
        let abs = dt.offset_seconds.abs();
        out.push_str(&format!("{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_unescape() {
        assert_eq!(unescape_string(r#"a\n\t\"\\\${x}\x41"#).unwrap(), "a\n\t\"\\${x}A");
        assert_eq!(unescape_string(r"\xe6\x97\xa5").unwrap(), "日");
        assert!(unescape_string(r"\xff").is_err());
    }

    #[test]
    fn regexes_unescape_and_validate() {
        assert_eq!(regex_pattern(r"/a\/b\s/").unwrap(), r"a/b\s");
        assert_eq!(regex_pattern(r"/\x41+/").unwrap(), "A+");
        assert_eq!(regex_pattern("/(a/").unwrap_err(), "invalid regular expression: unclosed group");
    }

    #[test]
    fn numbers() {
        assert_eq!(integer("0"), Ok(0));
        assert!(integer("012").unwrap_err().contains("cannot start with 0"));
        assert!(integer("99999999999999999999").is_err());
        assert_eq!(float("1."), Ok(1.0));
        assert_eq!(float(".5"), Ok(0.5));
    }

    #[test]
    fn durations() {
        let d = duration("1mo2w5µs").unwrap();
        let units: Vec<_> = d.iter().map(|d| format!("{}{}", d.magnitude, d.unit)).collect();
        assert_eq!(units, ["1mo", "2w", "5us"]);
    }

    #[test]
    fn date_times() {
        let dt = date_time("2018-08-15T13:36:23.5-07:00").unwrap();
        assert_eq!(format_date_time(&dt), "2018-08-15T13:36:23.500-07:00");
        assert_eq!(format_date_time(&date_time("2018-01-01").unwrap()), "2018-01-01T00:00:00Z");
        assert!(date_time("2018-02-30").is_err());
        assert!(date_time("2020-02-29").is_ok());
        assert!(date_time("2018-01-01T10:00:00").unwrap_err().contains("UTC offset"));
        assert!(date_time("2018-01-01T10:00:00.Z").is_err());
        assert!(date_time("2018-13-01").is_err());
    }
}
