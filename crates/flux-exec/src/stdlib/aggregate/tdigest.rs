//! A merging t-digest, the estimator behind `quantile(method: "estimate_tdigest")`. Upstream
//! uses influxdata's t-digest; this follows the same algorithm (centroids merged under the
//! arcsine scale, interpolation between centroid midpoints, the minimum and maximum kept
//! exact), so small inputs, where every value stays its own centroid, give the same numbers.

use std::f64::consts::PI;

#[derive(Clone, Copy)]
struct Centroid {
    mean: f64,
    weight: f64,
}

pub(super) struct TDigest {
    compression: f64,
    max_processed: usize,
    max_unprocessed: usize,
    processed: Vec<Centroid>,
    unprocessed: Vec<Centroid>,
    processed_weight: f64,
    unprocessed_weight: f64,
    min: f64,
    max: f64,
}

impl TDigest {
    pub(super) fn new(compression: f64) -> TDigest {
        let c = compression.ceil().max(1.0) as usize;
        TDigest {
            compression,
            max_processed: 2 * c,
            max_unprocessed: 8 * c,
            processed: Vec::new(),
            unprocessed: Vec::new(),
            processed_weight: 0.0,
            unprocessed_weight: 0.0,
            min: f64::MAX,
            max: -f64::MAX,
        }
    }

    /// Adds one value (NaN is ignored, as upstream ignores it).
    pub(super) fn add(&mut self, x: f64) {
        if x.is_nan() {
            return;
        }
        self.unprocessed.push(Centroid { mean: x, weight: 1.0 });
        self.unprocessed_weight += 1.0;
        if self.processed.len() > self.max_processed || self.unprocessed.len() > self.max_unprocessed {
            self.process();
        }
    }

    fn integrated_q(&self, k: f64) -> f64 {
        ((k.min(self.compression) * PI / self.compression - PI / 2.0).sin() + 1.0) / 2.0
    }

    fn integrated_location(&self, q: f64) -> f64 {
        self.compression * ((2.0 * q - 1.0).asin() + PI / 2.0) / PI
    }

    /// Merges the pending values into the centroids.
    fn process(&mut self) {
        if self.unprocessed.is_empty() && self.processed.len() <= self.max_processed {
            return;
        }
        let mut all = std::mem::take(&mut self.unprocessed);
        all.append(&mut self.processed);
        all.sort_by(|a, b| a.mean.total_cmp(&b.mean));
        self.processed_weight += self.unprocessed_weight;
        self.unprocessed_weight = 0.0;
        let mut merged: Vec<Centroid> = vec![all[0]];
        let mut so_far = all[0].weight;
        let mut limit = self.processed_weight * self.integrated_q(1.0);
        for c in &all[1..] {
            let projected = so_far + c.weight;
            if projected <= limit {
                so_far = projected;
                let last = merged.last_mut().expect("one centroid at least");
                last.weight += c.weight;
                last.mean += c.weight * (c.mean - last.mean) / last.weight;
            } else {
                let k1 = self.integrated_location(so_far / self.processed_weight);
                limit = self.processed_weight * self.integrated_q(k1 + 1.0);
                so_far += c.weight;
                merged.push(*c);
            }
        }
        self.min = self.min.min(merged[0].mean);
        self.max = self.max.max(merged[merged.len() - 1].mean);
        self.processed = merged;
    }

    /// The estimated quantile `q` (NaN with no values).
    pub(super) fn quantile(&mut self, q: f64) -> f64 {
        self.process();
        let n = self.processed.len();
        if !(0.0..=1.0).contains(&q) || n == 0 {
            return f64::NAN;
        }
        if n == 1 {
            return self.processed[0].mean;
        }
        // Each centroid's midpoint in the cumulative weight, then the total.
        let mut cumulative = Vec::with_capacity(n + 1);
        let mut previous = 0.0;
        for c in &self.processed {
            cumulative.push(previous + c.weight / 2.0);
            previous += c.weight;
        }
        cumulative.push(previous);
        let index = q * self.processed_weight;
        let first = self.processed[0];
        if index <= first.weight / 2.0 {
            return self.min + 2.0 * index / first.weight * (first.mean - self.min);
        }
        let lower = cumulative.partition_point(|c| *c < index);
        if lower + 1 < cumulative.len() {
            let z1 = index - cumulative[lower - 1];
            let z2 = cumulative[lower] - index;
            return weighted_average(self.processed[lower - 1].mean, z2, self.processed[lower].mean, z1);
        }
        let last = self.processed[n - 1];
        let z1 = index - self.processed_weight - last.weight / 2.0;
        let z2 = last.weight / 2.0 - z1;
        weighted_average(last.mean, z1, self.max, z2)
    }
}

fn weighted_average(x1: f64, w1: f64, x2: f64, w2: f64) -> f64 {
    let (x1, w1, x2, w2) = if x1 <= x2 { (x1, w1, x2, w2) } else { (x2, w2, x1, w1) };
    let x = (x1 * w1 + x2 * w2) / (w1 + w2);
    x1.max(x.min(x2))
}

#[cfg(test)]
mod tests {
    use super::TDigest;

    #[test]
    fn small_inputs_interpolate_between_values() {
        let mut d = TDigest::new(1000.0);
        for v in [1.0, 2.0, 3.0, 4.0] {
            d.add(v);
        }
        assert_eq!(d.quantile(0.5), 2.5);
        assert_eq!(d.quantile(0.0), 1.0);
        assert_eq!(d.quantile(1.0), 4.0);
    }
}
