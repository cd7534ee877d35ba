//! The `strings` and `regexp` packages and `http.pathEscape`, with Go's rules: indexes count
//! bytes (lengths and `substring` count characters), an empty separator splits between
//! characters, case maps one character to one character.

use std::sync::Arc;

use super::{Args, Builtin, Failure};
use crate::eval::Evaluator;
use crate::value::Value;

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "strings", name: "title", run: |_, a| map_v(a, title) },
    Builtin { package: "strings", name: "toUpper", run: |_, a| map_v(a, |s| s.chars().map(upper).collect()) },
    Builtin { package: "strings", name: "toLower", run: |_, a| map_v(a, |s| s.chars().map(lower).collect()) },
    Builtin { package: "strings", name: "toTitle", run: |_, a| map_v(a, |s| s.chars().map(title_case).collect()) },
    Builtin { package: "strings", name: "trimSpace", run: |_, a| map_v(a, |s| s.trim().to_owned()) },
    Builtin { package: "strings", name: "trim", run: |_, a| cut(a, |s, set| s.trim_matches(|c| set.contains(c))) },
    Builtin {
        package: "strings",
        name: "trimLeft",
        run: |_, a| cut(a, |s, set| s.trim_start_matches(|c| set.contains(c))),
    },
    Builtin {
        package: "strings",
        name: "trimRight",
        run: |_, a| cut(a, |s, set| s.trim_end_matches(|c| set.contains(c))),
    },
    Builtin { package: "strings", name: "trimPrefix", run: trim_prefix },
    Builtin { package: "strings", name: "trimSuffix", run: trim_suffix },
    Builtin { package: "strings", name: "hasPrefix", run: |_, a| test(a, "prefix", |s, p| s.starts_with(p)) },
    Builtin { package: "strings", name: "hasSuffix", run: |_, a| test(a, "suffix", |s, p| s.ends_with(p)) },
    Builtin { package: "strings", name: "containsStr", run: |_, a| test(a, "substr", |s, p| s.contains(p)) },
    Builtin {
        package: "strings",
        name: "containsAny",
        run: |_, a| test(a, "chars", |s, chars| s.contains(|c| chars.contains(c))),
    },
    Builtin { package: "strings", name: "equalFold", run: |_, a| test(a, "t", equal_fold) },
    Builtin { package: "strings", name: "compare", run: |_, a| count(a, "t", |s, t| s.cmp(t) as i64) },
    Builtin { package: "strings", name: "countStr", run: |_, a| count(a, "substr", count_str) },
    Builtin { package: "strings", name: "index", run: |_, a| count(a, "substr", |s, t| found(s.find(t))) },
    Builtin { package: "strings", name: "lastIndex", run: |_, a| count(a, "substr", |s, t| found(s.rfind(t))) },
    Builtin {
        package: "strings",
        name: "indexAny",
        run: |_, a| count(a, "chars", |s, chars| found(s.find(|c| chars.contains(c)))),
    },
    Builtin {
        package: "strings",
        name: "lastIndexAny",
        run: |_, a| count(a, "chars", |s, chars| found(s.rfind(|c| chars.contains(c)))),
    },
    Builtin { package: "strings", name: "isDigit", run: |_, a| is_class(a, |b| b.is_ascii_digit()) },
    Builtin { package: "strings", name: "isLetter", run: |_, a| is_class(a, is_letter) },
    Builtin { package: "strings", name: "isLower", run: |_, a| is_class(a, is_lower) },
    Builtin { package: "strings", name: "isUpper", run: |_, a| is_class(a, is_upper) },
    Builtin { package: "strings", name: "repeat", run: repeat },
    Builtin { package: "strings", name: "replace", run: replace },
    Builtin { package: "strings", name: "replaceAll", run: replace_all },
    Builtin { package: "strings", name: "split", run: |_, a| split(a, false, false) },
    Builtin { package: "strings", name: "splitAfter", run: |_, a| split(a, true, false) },
    Builtin { package: "strings", name: "splitN", run: |_, a| split(a, false, true) },
    Builtin { package: "strings", name: "splitAfterN", run: |_, a| split(a, true, true) },
    Builtin { package: "strings", name: "joinStr", run: join_str },
    Builtin { package: "strings", name: "strlen", run: strlen },
    Builtin { package: "strings", name: "substring", run: substring },
    Builtin { package: "regexp", name: "compile", run: compile },
    Builtin { package: "regexp", name: "quoteMeta", run: quote_meta },
    Builtin { package: "regexp", name: "findString", run: find_string },
    Builtin { package: "regexp", name: "findStringIndex", run: find_string_index },
    Builtin { package: "regexp", name: "matchRegexpString", run: match_regexp_string },
    Builtin { package: "regexp", name: "replaceAllString", run: replace_all_string },
    Builtin { package: "regexp", name: "splitRegexp", run: split_regexp },
    Builtin { package: "regexp", name: "getString", run: get_string },
    Builtin { package: "http", name: "pathEscape", run: path_escape },
];

/// A required string argument; null is an error, as upstream's string functions have it.
pub(super) fn str_arg(args: &mut Args, name: &str) -> Result<Arc<str>, Failure> {
    match args.take(name) {
        Some(Value::String(s)) => Ok(s),
        Some(other) => {
            Err(format!("expected argument \"{name}\" to be of type string, got type {}", other.type_name()).into())
        }
        None => Err(format!("missing argument \"{name}\"").into()),
    }
}

fn int_arg(args: &mut Args, name: &str) -> Result<i64, Failure> {
    match args.take(name) {
        Some(Value::Int(i)) => Ok(i),
        Some(other) => {
            Err(format!("expected argument \"{name}\" to be of type int, got type {}", other.type_name()).into())
        }
        None => Err(format!("missing argument \"{name}\"").into()),
    }
}

fn regexp_arg(args: &mut Args) -> Result<Arc<regex::Regex>, Failure> {
    match args.take("r") {
        Some(Value::Regexp(r)) => Ok(r),
        Some(other) => Err(format!("`r` must be a regular expression, not a {}", other.type_name()).into()),
        None => Err("missing argument \"r\"".into()),
    }
}

fn string(s: impl Into<Arc<str>>) -> Value {
    Value::String(s.into())
}

fn map_v(args: &mut Args, f: fn(&str) -> String) -> Result<Value, Failure> {
    Ok(string(f(&str_arg(args, "v")?)))
}

/// `trim`, `trimLeft`, `trimRight`: the characters of `cutset` cut off.
fn cut(args: &mut Args, f: for<'a> fn(&'a str, &str) -> &'a str) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let set = str_arg(args, "cutset")?;
    Ok(string(f(&v, &set)))
}

fn trim_prefix(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let prefix = str_arg(args, "prefix")?;
    Ok(string(v.strip_prefix(&*prefix).unwrap_or(&v)))
}

fn trim_suffix(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let suffix = str_arg(args, "suffix")?;
    Ok(string(v.strip_suffix(&*suffix).unwrap_or(&v)))
}

fn test(args: &mut Args, other: &str, f: fn(&str, &str) -> bool) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let t = str_arg(args, other)?;
    Ok(Value::Bool(f(&v, &t)))
}

fn count(args: &mut Args, other: &str, f: fn(&str, &str) -> i64) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let t = str_arg(args, other)?;
    Ok(Value::Int(f(&v, &t)))
}

fn found(index: Option<usize>) -> i64 {
    index.map_or(-1, |i| i as i64)
}

/// Go's `strings.Count`: non-overlapping occurrences; an empty substring occurs around each
/// character.
fn count_str(s: &str, sub: &str) -> i64 {
    if sub.is_empty() { s.chars().count() as i64 + 1 } else { s.matches(sub).count() as i64 }
}

/// One character to one, as Go maps case; a character whose mapping is longer stays.
fn single(c: char, mut mapped: impl Iterator<Item = char>) -> char {
    match (mapped.next(), mapped.next()) {
        (Some(m), None) => m,
        _ => c,
    }
}

fn upper(c: char) -> char {
    single(c, c.to_uppercase())
}

fn lower(c: char) -> char {
    single(c, c.to_lowercase())
}

/// Title case: upper case but for the digraphs that have a title form of their own.
fn title_case(c: char) -> char {
    match c {
        'Ǆ' | 'ǅ' | 'ǆ' => 'ǅ',
        'Ǉ' | 'ǈ' | 'ǉ' => 'ǈ',
        'Ǌ' | 'ǋ' | 'ǌ' => 'ǋ',
        'Ǳ' | 'ǲ' | 'ǳ' => 'ǲ',
        c => upper(c),
    }
}

/// Go's `strings.Title`: the first letter of each word in title case, words separated by
/// anything but letters, digits and `_` in ASCII, and by spaces beyond.
fn title(s: &str) -> String {
    let separator = |c: char| {
        if c.is_ascii() { !(c.is_ascii_alphanumeric() || c == '_') } else { !c.is_alphanumeric() && c.is_whitespace() }
    };
    let mut previous = ' ';
    s.chars()
        .map(|c| {
            let out = if separator(previous) { title_case(c) } else { c };
            previous = c;
            out
        })
        .collect()
}

/// Go's `strings.EqualFold`: equal under simple case folding.
fn equal_fold(a: &str, b: &str) -> bool {
    let fold = |c: char| lower(upper(c));
    a.chars().count() == b.chars().count() && a.chars().zip(b.chars()).all(|(x, y)| x == y || fold(x) == fold(y))
}

fn is_letter(b: u8) -> bool {
    b.is_ascii_alphabetic() || is_latin1(b, char::is_alphabetic)
}

fn is_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || is_latin1(b, char::is_lowercase)
}

fn is_upper(b: u8) -> bool {
    b.is_ascii_uppercase() || is_latin1(b, char::is_uppercase)
}

/// A byte above ASCII read as the Latin-1 character of that code, as Go's `rune(b)`.
fn is_latin1(b: u8, f: fn(char) -> bool) -> bool {
    b >= 0x80 && f(char::from(b))
}

/// `isDigit`, `isLetter` …: the string must be one byte long, as upstream requires.
fn is_class(args: &mut Args, f: fn(u8) -> bool) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    match v.as_bytes() {
        [b] => Ok(Value::Bool(f(*b))),
        _ => Err("\"v\" is not a valid argument: argument length is not equal to 1".into()),
    }
}

fn repeat(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let i = int_arg(args, "i")?;
    let count = usize::try_from(i).map_err(|_| format!("negative repeat count {i}"))?;
    if v.len().checked_mul(count).is_none_or(|n| n > isize::MAX as usize) {
        return Err("repeat count causes overflow".into());
    }
    Ok(string(v.repeat(count)))
}

fn replace(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let t = str_arg(args, "t")?;
    let u = str_arg(args, "u")?;
    let i = int_arg(args, "i")?;
    // A negative count replaces every occurrence, as Go's `Replace`.
    Ok(string(match usize::try_from(i) {
        Ok(n) => v.replacen(&*t, &u, n),
        Err(_) => v.replace(&*t, &u),
    }))
}

fn replace_all(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let t = str_arg(args, "t")?;
    let u = str_arg(args, "u")?;
    Ok(string(v.replace(&*t, &u)))
}

/// Go's `Split`, `SplitAfter` and their `N` forms: at most `n` parts (all for a negative `n`,
/// none for zero), each keeping its separator with `after`; an empty separator splits
/// between characters.
pub(super) fn go_split(s: &str, sep: &str, after: bool, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let limit = usize::try_from(n).unwrap_or(usize::MAX);
    let mut parts = Vec::new();
    if sep.is_empty() {
        let mut rest = s;
        while !rest.is_empty() {
            if parts.len() + 1 == limit {
                break;
            }
            let width = rest.chars().next().map_or(1, char::len_utf8);
            parts.push(rest[..width].to_owned());
            rest = &rest[width..];
        }
        if !rest.is_empty() {
            parts.push(rest.to_owned());
        }
        return parts;
    }
    let mut rest = s;
    while parts.len() + 1 < limit {
        let Some(at) = rest.find(sep) else { break };
        let end = if after { at + sep.len() } else { at };
        parts.push(rest[..end].to_owned());
        rest = &rest[at + sep.len()..];
    }
    parts.push(rest.to_owned());
    parts
}

fn split(args: &mut Args, after: bool, limited: bool) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let t = str_arg(args, "t")?;
    let n = if limited { int_arg(args, "i")? } else { -1 };
    Ok(strings_value(go_split(&v, &t, after, n)))
}

fn strings_value(parts: Vec<String>) -> Value {
    Value::Array(Arc::new(parts.into_iter().map(string).collect()))
}

fn join_str(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let arr = match args.take("arr") {
        Some(Value::Array(items)) => items,
        Some(other) => return Err(format!("`arr` must be an array of strings, not a {}", other.type_name()).into()),
        None => return Err("missing argument \"arr\"".into()),
    };
    let v = str_arg(args, "v")?;
    let parts = arr
        .iter()
        .map(|item| match item {
            Value::String(s) => Ok(&**s),
            Value::Null => {
                Err("expected elements of argument \"arr\" to be of type string, got type string value <nil>")
            }
            _ => Err("expected elements of argument \"arr\" to be of type string"),
        })
        .collect::<Result<Vec<&str>, _>>()?;
    Ok(string(parts.join(&v)))
}

fn strlen(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(Value::Int(str_arg(args, "v")?.chars().count() as i64))
}

/// `substring(v:, start:, end:)`: characters `start` to `end`, both clamped to the string.
fn substring(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let start = int_arg(args, "start")?;
    let end = int_arg(args, "end")?;
    let chars: Vec<char> = v.chars().collect();
    let count = chars.len() as i64;
    let start = start.clamp(0, count);
    let end = end.clamp(start, count);
    Ok(string(chars[start as usize..end as usize].iter().collect::<String>()))
}

fn compile(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let re = regex::Regex::new(&v).map_err(|e| format!("invalid regular expression {v:?}: {e}"))?;
    Ok(Value::Regexp(Arc::new(re)))
}

/// Go's `QuoteMeta`: a backslash before each of `\.+*?()|[]{}^$`.
fn quote_meta(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "v")?;
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    Ok(string(out))
}

fn find_string(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let r = regexp_arg(args)?;
    let v = str_arg(args, "v")?;
    Ok(string(r.find(&v).map_or("", |m| m.as_str())))
}

fn find_string_index(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let r = regexp_arg(args)?;
    let v = str_arg(args, "v")?;
    let bounds = r.find(&v).map_or_else(Vec::new, |m| vec![Value::Int(m.start() as i64), Value::Int(m.end() as i64)]);
    Ok(Value::Array(Arc::new(bounds)))
}

fn match_regexp_string(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let r = regexp_arg(args)?;
    let v = str_arg(args, "v")?;
    Ok(Value::Bool(r.is_match(&v)))
}

/// `replaceAllString(r:, v:, t:)`: `$1` and `${name}` in `t` name groups, as in Go.
fn replace_all_string(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let r = regexp_arg(args)?;
    let v = str_arg(args, "v")?;
    let t = str_arg(args, "t")?;
    Ok(string(r.replace_all(&v, &*t).into_owned()))
}

/// Go's `Regexp.Split`: the text between matches, at most `i` parts (all when negative).
fn split_regexp(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let r = regexp_arg(args)?;
    let v = str_arg(args, "v")?;
    let n = int_arg(args, "i")?;
    if n == 0 {
        return Ok(strings_value(Vec::new()));
    }
    if !r.as_str().is_empty() && v.is_empty() {
        return Ok(strings_value(vec![String::new()]));
    }
    let limit = usize::try_from(n).unwrap_or(usize::MAX);
    let mut parts = Vec::new();
    let (mut begin, mut end) = (0, 0);
    for m in r.find_iter(&v).take(limit) {
        if parts.len() + 1 == limit {
            break;
        }
        end = m.start();
        if m.end() != 0 {
            parts.push(v[begin..end].to_owned());
        }
        begin = m.end();
    }
    if end != v.len() {
        parts.push(v[begin..].to_owned());
    }
    Ok(strings_value(parts))
}

fn get_string(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    Ok(string(regexp_arg(args)?.as_str()))
}

/// Go's `url.PathEscape`: everything but letters, digits, `-_.~` and `$&+:=@` as `%XX`.
fn path_escape(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let v = str_arg(args, "inputString")?;
    let mut out = String::with_capacity(v.len());
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~$&+:=@".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Ok(string(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_go_does() {
        assert_eq!(go_split("a,b,c", ",", false, -1), ["a", "b", "c"]);
        assert_eq!(go_split("a,b,", ",", true, -1), ["a,", "b,", ""]);
        assert_eq!(go_split("a,b,c", ",", false, 2), ["a", "b,c"]);
        assert_eq!(go_split("héj", "", false, -1), ["h", "é", "j"]);
        assert_eq!(go_split("abc", "", false, 2), ["a", "bc"]);
        assert!(go_split("", "", false, -1).is_empty());
        assert_eq!(go_split("", ",", false, -1), [""]);
    }

    #[test]
    fn titles_as_go_does() {
        assert_eq!(title("hello wORLD_x y-z"), "Hello WORLD_x Y-Z");
        assert_eq!(title_case('ǆ'), 'ǅ');
        assert!(equal_fold("Straße", "STRAßE"));
    }
}
