//! "Did you mean" suggestions for misspelled names.

/// The candidate closest to `name` by edit distance (case changes count half), if it is close
/// enough to be a likely typo: at most one edit for short names, a third of the length for
/// longer ones.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().filter(|c| *c != name).collect();
    let limit = (name.chars().count() / 3).max(1) * 2;
    let mut best: Option<(usize, &str)> = None;
    for &candidate in &candidates {
        let d = distance(name, candidate);
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && candidate < bc)) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c).or_else(|| {
        // `toUpperCase` for `toUpper`: the same word with a suffix added or dropped.
        let lower = name.to_lowercase();
        candidates
            .iter()
            .filter(|c| c.len() >= 4 && lower.len() >= 4)
            .filter(|c| {
                let c = c.to_lowercase();
                lower.starts_with(&c) || c.starts_with(&lower)
            })
            .min_by_key(|c| (c.len().abs_diff(name.len()), **c))
            .copied()
    })
}

/// Optimal string alignment distance, in half-units: a case-only change costs 1, any other
/// edit (insertion, deletion, substitution, transposition) 2.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = 2 * i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = 2 * j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = if a[i - 1] == b[j - 1] {
                0
            } else if a[i - 1].to_lowercase().eq(b[j - 1].to_lowercase()) {
                1
            } else {
                2
            };
            let mut best = (d[i - 1][j] + 2).min(d[i][j - 1] + 2).min(d[i - 1][j - 1] + substitution);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 2);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_not_strangers() {
        assert_eq!(closest("fliter", ["filter", "map", "first"]), Some("filter"));
        assert_eq!(closest("tolower", ["toLower", "toUpper"]), Some("toLower"));
        assert_eq!(closest("colum", ["column", "columns"]), Some("column"));
        assert_eq!(closest("x", ["y", "abc"]), Some("y"));
        assert_eq!(closest("aggregate", ["map", "range"]), None);
        assert_eq!(closest("toUpperCase", ["toUpper", "toLower"]), Some("toUpper"));
    }
}
