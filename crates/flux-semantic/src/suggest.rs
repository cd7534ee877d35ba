//! "Did you mean" suggestions for misspelled names.

/// The candidate closest to `name` by edit distance (case changes count half), if it is close
/// enough to be a likely typo: at most one edit for short names, a third of the length for
/// longer ones.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().filter(|c| *c != name).collect();
    let name_chars: Vec<char> = name.chars().collect();
    let limit = (name_chars.len() / 3).max(1) * 2;
    let mut best: Option<(usize, &str)> = None;
    let mut rows = Rows::default();
    let mut candidate_chars: Vec<char> = Vec::new();
    for &candidate in &candidates {
        // Each character more or fewer costs a whole edit: most names are too long or too
        // short to be near, whatever their letters.
        let bound = best.map_or(limit, |(d, _)| d);
        let length = candidate.chars().count();
        if 2 * length.abs_diff(name_chars.len()) > bound {
            continue;
        }
        candidate_chars.clear();
        candidate_chars.extend(candidate.chars());
        let Some(d) = rows.distance(&name_chars, &candidate_chars, bound) else { continue };
        if best.is_none_or(|(bd, bc)| d < bd || (d == bd && candidate < bc)) {
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

/// The three rows of the distance table, kept between candidates.
#[derive(Default)]
struct Rows {
    before: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

impl Rows {
    /// Optimal string alignment distance, in half-units: a case-only change costs 1, any other
    /// edit (insertion, deletion, substitution, transposition) 2. `None` when it is above
    /// `bound` (found as soon as a whole row is).
    fn distance(&mut self, a: &[char], b: &[char], bound: usize) -> Option<usize> {
        let width = b.len() + 1;
        for row in [&mut self.before, &mut self.previous, &mut self.current] {
            row.clear();
            row.resize(width, 0);
        }
        for (j, cell) in self.previous.iter_mut().enumerate() {
            *cell = 2 * j;
        }
        for i in 1..=a.len() {
            self.current[0] = 2 * i;
            let mut row_min = self.current[0];
            for j in 1..=b.len() {
                let substitution = if a[i - 1] == b[j - 1] {
                    0
                } else if a[i - 1].to_lowercase().eq(b[j - 1].to_lowercase()) {
                    1
                } else {
                    2
                };
                let mut best =
                    (self.previous[j] + 2).min(self.current[j - 1] + 2).min(self.previous[j - 1] + substitution);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(self.before[j - 2] + 2);
                }
                self.current[j] = best;
                row_min = row_min.min(best);
            }
            if row_min > bound {
                return None;
            }
            std::mem::swap(&mut self.before, &mut self.previous);
            std::mem::swap(&mut self.previous, &mut self.current);
        }
        let d = self.previous[b.len()];
        (d <= bound).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn the_nearest_wins_and_ties_go_to_the_first_in_order() {
        assert_eq!(closest("abcd", ["abce", "abxx", "abcf"]), Some("abce"));
        assert_eq!(closest("thresold", ["threshold", "thresholds"]), Some("threshold"));
        assert_eq!(closest("Filter", ["filter"]), Some("filter"));
        // A transposition is one edit, as is a substitution: the tie goes to `filter`.
        assert_eq!(closest("fitler", ["fitter", "filter"]), Some("filter"));
        assert_eq!(closest("fitler", ["fitler2", "filter"]), Some("filter"));
    }

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
