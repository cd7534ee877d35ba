//! Fuzzy matching of what was typed against completion labels.
//!
//! A label matches when the typed characters appear in it in order, ignoring case. The score
//! prefers, in this order: an exact prefix, matches at word starts (`aW` for `aggregateWindow`,
//! `tU` for `toUpper`, `_v` for `_value`), consecutive runs, and shorter labels.

/// The score of `label` for `pattern`, higher is better; `None` when it does not match.
pub(crate) fn score(pattern: &str, label: &str) -> Option<u32> {
    if pattern.is_empty() {
        return Some(0);
    }
    let label_chars: Vec<char> = label.chars().collect();
    let mut score: u32 = 0;
    let mut at = 0;
    let mut previous_match: Option<usize> = None;
    for p in pattern.chars() {
        let lower = p.to_lowercase().next().unwrap_or(p);
        // Prefer the next word start that matches; otherwise the next character that does.
        let candidates = (at..label_chars.len()).filter(|&i| label_chars[i].to_lowercase().next() == Some(lower));
        let mut first = None;
        let mut boundary = None;
        for i in candidates {
            if first.is_none() {
                first = Some(i);
            }
            if previous_match.is_some_and(|m| m + 1 == i) {
                // A consecutive match is as good as a word start.
                boundary = Some(i);
                break;
            }
            if is_word_start(&label_chars, i) {
                boundary = Some(i);
                break;
            }
        }
        let i = boundary.or(first)?;
        score += 10;
        if label_chars[i] == p {
            score += 1;
        }
        if previous_match.is_some_and(|m| m + 1 == i) {
            score += 8;
        } else if is_word_start(&label_chars, i) {
            score += 6;
        }
        previous_match = Some(i);
        at = i + 1;
    }
    if label.starts_with(pattern) {
        score += 40;
    } else if label.to_lowercase().starts_with(&pattern.to_lowercase()) {
        score += 30;
    }
    // Among equals, the shorter label is the closer one.
    Some(score * 64 + 63u32.saturating_sub(label_chars.len() as u32))
}

fn is_word_start(chars: &[char], i: usize) -> bool {
    if i == 0 {
        return true;
    }
    let (before, c) = (chars[i - 1], chars[i]);
    (before == '_' || before == '.' || before == '/' || before == '-') && c != '_'
        || before.is_lowercase() && c.is_uppercase()
}

#[cfg(test)]
mod tests {
    use super::score;

    #[test]
    fn subsequences_match_and_others_do_not() {
        assert!(score("aw", "aggregateWindow").is_some());
        assert!(score("agw", "aggregateWindow").is_some());
        assert!(score("gw", "aggregateWindow").is_some());
        assert!(score("wa", "aggregateWindow").is_none());
        assert!(score("xz", "aggregateWindow").is_none());
        assert!(score("", "anything") == Some(0));
    }

    #[test]
    fn prefixes_beat_word_starts_beat_scattered_letters() {
        let prefix = score("fil", "filter").unwrap();
        let word_start = score("fil", "fieldsIntoLines").unwrap();
        let scattered = score("fil", "fillAndIlluminate_x").unwrap();
        assert!(prefix > word_start, "{prefix} {word_start}");
        assert!(score("aW", "aggregateWindow").unwrap() > score("aW", "lawn").unwrap_or(0));
        assert!(prefix > scattered);
        assert!(score("_v", "_value").unwrap() > score("_v", "_time_value").unwrap());
    }

    #[test]
    fn shorter_labels_win_ties() {
        assert!(score("map", "map").unwrap() > score("map", "mapper").unwrap());
    }
}
