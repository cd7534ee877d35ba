//! Where each character of a scalar's value stands in its source: the inverse of YAML's
//! (and JSON's) quoting, escaping, block indentation and line folding.

use saphyr_parser::ScalarStyle;

/// For each character of `value` and for its end, `(offset in value, offset in raw)`, where
/// `raw` is the scalar's source as the parser spans it: from the opening quote of a quoted
/// scalar, from the first character of a block scalar's content (whose lines are indented by
/// `column`, the column that character stands at). `None` when the two cannot be matched,
/// which the caller treats as "somewhere in the scalar" rather than guess.
pub(crate) fn align(raw: &str, style: ScalarStyle, value: &str, column: usize) -> Option<Vec<(u32, u32)>> {
    let raw = raw.as_bytes();
    let (mut s, indent) = match style {
        ScalarStyle::Literal | ScalarStyle::Folded => (0, Some(column)),
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => (1, None),
        _ => (0, None),
    };
    let mut out = Vec::with_capacity(value.len() + 1);
    let mut line_start = false;
    for (at, c) in value.char_indices() {
        if line_start {
            let spaces = raw[s..].iter().take_while(|&&b| b == b' ').count();
            s += spaces.min(indent.unwrap_or(0));
            line_start = false;
        }
        let mut buf = [0u8; 4];
        let encoded = c.encode_utf8(&mut buf).as_bytes();
        loop {
            let rest = raw.get(s..)?;
            let quoting = match style {
                ScalarStyle::SingleQuoted => rest.starts_with(b"''"),
                ScalarStyle::DoubleQuoted => rest.first() == Some(&b'\\'),
                _ => false,
            };
            if rest.starts_with(encoded) && !quoting {
                out.push((at as u32, s as u32));
                s += encoded.len();
                line_start = indent.is_some() && c == '\n';
                break;
            }
            match (style, rest.first()?) {
                (ScalarStyle::SingleQuoted, b'\'') if c == '\'' && rest.get(1) == Some(&b'\'') => {
                    out.push((at as u32, s as u32));
                    s += 2;
                    break;
                }
                (ScalarStyle::DoubleQuoted, b'\\') => {
                    let escape = *rest.get(1)?;
                    if escape == b'\n' || escape == b'\r' {
                        // A line continuation: no character of the value.
                        s += 2;
                        s += raw[s..].iter().take_while(|&&b| matches!(b, b'\n' | b' ' | b'\t')).count();
                        continue;
                    }
                    let length = match escape {
                        b'x' => 4,
                        b'u' => 6,
                        b'U' => 10,
                        _ => 2,
                    };
                    out.push((at as u32, s as u32));
                    s += length;
                    break;
                }
                // A line break folded into a space.
                (_, b'\n' | b'\r') if c == ' ' => {
                    out.push((at as u32, s as u32));
                    s += rest.iter().take_while(|&&b| matches!(b, b'\n' | b'\r' | b' ' | b'\t')).count();
                    break;
                }
                // Folding, indentation and breaks that the value does not keep.
                (_, b' ' | b'\t' | b'\n' | b'\r') => {
                    if rest[0] == b'\n' && indent.is_some() {
                        s += 1;
                        let spaces = raw[s..].iter().take_while(|&&b| b == b' ').count();
                        s += spaces.min(indent.unwrap_or(0));
                    } else {
                        s += 1;
                    }
                }
                _ => return None,
            }
        }
    }
    out.push((value.len() as u32, s as u32));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The source of each character of the value: checks that every mapped character is the
    /// one it came from, or the start of its escape.
    fn check(raw: &str, style: ScalarStyle, value: &str) -> Vec<(u32, u32)> {
        let map = align(raw, style, value, 4).unwrap_or_else(|| panic!("no alignment for {raw:?}"));
        for &(v, r) in &map[..map.len() - 1] {
            let c = value[v as usize..].chars().next().unwrap();
            let source = &raw[r as usize..];
            assert!(
                source.starts_with(c) || source.starts_with('\\') || source.starts_with("''") || c == ' ',
                "{c:?} at {v} maps to {source:?}"
            );
        }
        map
    }

    #[test]
    fn literal_blocks_skip_their_header_and_indentation() {
        let raw = "from(bucket: \"b\")\n      |> range(start: -1h)\n";
        let value = "from(bucket: \"b\")\n  |> range(start: -1h)";
        let map = check(raw, ScalarStyle::Literal, value);
        let at = |v: usize| map.iter().find(|(o, _)| *o as usize == v).unwrap().1 as usize;
        assert_eq!(&raw[at(value.find("|>").unwrap())..][..2], "|>");
        assert_eq!(at(0), 0);
    }

    #[test]
    fn double_quoted_escapes_map_to_their_backslash() {
        let raw = r#""from(bucket: \"b\")\n  |> range(start: -1h) // é\u00e9""#;
        let value = "from(bucket: \"b\")\n  |> range(start: -1h) // éé";
        let map = check(raw, ScalarStyle::DoubleQuoted, value);
        assert_eq!(map.last().unwrap().0 as usize, value.len());
        let pipe = map.iter().find(|(o, _)| *o as usize == value.find("|>").unwrap()).unwrap().1;
        assert_eq!(&raw[pipe as usize..][..2], "|>");
    }

    #[test]
    fn folded_and_plain_lines_join_with_spaces() {
        check("a |> b\n    |> c\n\n    d\n", ScalarStyle::Folded, "a |> b |> c\nd\n");
        check("a |> b\n    |> c", ScalarStyle::Plain, "a |> b |> c");
        check("'it''s\n  here'", ScalarStyle::SingleQuoted, "it's here");
    }

    #[test]
    fn a_value_the_source_does_not_hold_is_not_aligned() {
        assert_eq!(align("\"abc\"", ScalarStyle::DoubleQuoted, "abd", 0), None);
    }
}
