//! `holtWinters`: Holt-Winters forecasting with damped trend and multiplicative seasons, its
//! parameters fitted by Nelder-Mead from a grid of starting guesses, as upstream does it (with
//! gonum's Nelder-Mead: the same simplex, coefficients and convergence test, so that the
//! fitted parameters, and with them the forecasts, agree).

use arrow_array::{Array, Float64Array, Int64Array, TimestampNanosecondArray, UInt64Array};

use super::array;
use crate::eval::Evaluator;
use crate::stdlib::{Args, Failure, stream_of};
use crate::table::{ColType, Column, Table};
use crate::value::Value;

/// More forecasts than this is taken as a mistake rather than computed.
const MAX_FORECAST: i64 = 10_000_000;

/// `holtWinters(n:, interval:, withFit:, column:, timeColumn:, seasonality:, withMinSSE:)`.
pub(super) fn holt_winters(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let n = args.int("n")?.ok_or("missing required argument `n`")?;
    if n > MAX_FORECAST {
        return Err(format!("n must be at most {MAX_FORECAST}").into());
    }
    let interval = match args.required("interval")? {
        Value::Duration(d) => d.signed_nanos(),
        other => return Err(format!("`interval` must be a duration, not a {}", other.type_name()).into()),
    };
    let with_fit = args.bool("withFit")?.unwrap_or(false);
    let label = args.string("column")?.map_or_else(|| "_value".to_owned(), |s| s.to_string());
    let time_label = args.string("timeColumn")?.map_or_else(|| "_time".to_owned(), |s| s.to_string());
    let seasonality = args.int("seasonality")?.unwrap_or(0);
    let with_min_sse = args.bool("withMinSSE")?.unwrap_or(false);
    let mut out = Vec::new();
    for table in &stream.tables {
        let time_col = table
            .column_index(&time_label)
            .ok_or_else(|| Failure::from(format!("cannot find time column {time_label}")))?;
        let col = table.column_index(&label).ok_or_else(|| Failure::from(format!("cannot find column {label}")))?;
        let ty = table.columns[col].ty;
        if !matches!(ty, ColType::Int | ColType::UInt | ColType::Float) {
            return Err(format!("holtWinters can work only on numerical types, got {}", ty.name()).into());
        }
        let (values, start, stop) = clean_data(table, col, time_col, interval)?;
        let model = Model {
            n: usize::try_from(n).unwrap_or(0),
            s: usize::try_from(seasonality).unwrap_or(0),
            with_fit,
            values,
        };
        let (forecast, min_sse) = model.fit();
        let mut columns = table.key.columns.clone();
        columns.push(Column::new("_time", ColType::Time));
        columns.push(Column::new("_value", ColType::Float));
        if with_min_sse {
            columns.push(Column::new("minSSE", ColType::Float));
        }
        let mut t = if with_fit { start } else { stop.wrapping_add(interval) };
        let mut rows = Vec::with_capacity(forecast.len());
        for v in forecast {
            let mut row = table.key.values.clone();
            row.push(Value::Time(t));
            row.push(Value::Float(v));
            if with_min_sse {
                row.push(Value::Float(min_sse));
            }
            rows.push(row);
            t = t.wrapping_add(interval);
        }
        out.push(Table::from_rows(table.key.clone(), columns, rows)?);
    }
    Ok(stream_of(out))
}

/// The values on a regular grid of `interval`: the first value of each interval (times
/// rounded to the nearest multiple), nulls for intervals without one. Also the time of the
/// first and of the last value.
fn clean_data(
    table: &Table,
    col: usize,
    time_col: usize,
    interval: i64,
) -> Result<(Vec<Option<f64>>, i64, i64), Failure> {
    let times = array::<TimestampNanosecondArray>(table, time_col)?;
    let cell = |i: usize| -> Result<Option<f64>, Failure> {
        Ok(match table.columns[col].ty {
            ColType::Int => {
                let a = array::<Int64Array>(table, col)?;
                a.is_valid(i).then(|| a.value(i) as f64)
            }
            ColType::UInt => {
                let a = array::<UInt64Array>(table, col)?;
                a.is_valid(i).then(|| a.value(i) as f64)
            }
            _ => {
                let a = array::<Float64Array>(table, col)?;
                // Upstream checks the slot before it checks for null.
                if !a.value(i).is_finite() {
                    return Err("NaN/Inf in input".into());
                }
                a.is_valid(i).then(|| a.value(i))
            }
        })
    };
    let round = |t: i64| -> i64 {
        if interval <= 0 {
            return t;
        }
        let r = t % interval;
        if (r as u64).wrapping_add(r as u64) < interval as u64 {
            t.wrapping_sub(r)
        } else {
            t.wrapping_add(interval - r)
        }
    };
    let mut values = Vec::new();
    let (mut start, mut stop) = (0, 0);
    let mut bucket_end: Option<i64> = None;
    for i in 0..table.len() {
        if times.is_null(i) {
            continue;
        }
        let value = cell(i)?;
        let true_t = times.value(i);
        let rounded = round(true_t);
        let Some(end) = bucket_end else {
            if value.is_none() {
                continue;
            }
            start = true_t;
            bucket_end = Some(rounded);
            values.push(value);
            continue;
        };
        if rounded <= end {
            continue;
        }
        let mut end = end.saturating_add(interval);
        while rounded > end {
            values.push(None);
            end = end.saturating_add(interval);
            if values.len() > 10_000_000 {
                return Err("holtWinters: too many intervals between the values".into());
            }
        }
        bucket_end = Some(end);
        values.push(value);
        stop = true_t;
    }
    Ok((values, start, stop))
}

struct Model {
    n: usize,
    s: usize,
    with_fit: bool,
    values: Vec<Option<f64>>,
}

/// The weight of the first values in the initial level and trend.
const WEIGHT: f64 = 0.5;

impl Model {
    fn seasonal(&self) -> bool {
        self.s >= 2
    }

    /// The value at `i`; a null reads as 0, as upstream reads the slot under it.
    fn value(&self, i: usize) -> f64 {
        self.values.get(i).copied().flatten().unwrap_or(0.0)
    }

    fn valid(&self, i: usize) -> bool {
        matches!(self.values.get(i), Some(Some(_)))
    }

    /// The forecast and the smallest sum of squared errors of the fit.
    fn fit(&self) -> (Vec<f64>, f64) {
        let l = self.values.len();
        if l < 2 || (self.seasonal() && l < self.s) || self.n == 0 {
            return (Vec::new(), 0.0);
        }
        let m = self.s;
        let mut l0 = 0.0;
        let mut b0 = 0.0;
        if self.seasonal() {
            for i in 0..m {
                if self.valid(i) {
                    l0 += (1.0 / m as f64) * self.value(i);
                }
            }
            for i in 0..m {
                if m + i >= l {
                    break;
                }
                if self.valid(i) && self.valid(m + i) {
                    b0 += 1.0 / (m * m) as f64 * (self.value(m + i) - self.value(i));
                }
            }
        } else {
            l0 += WEIGHT * self.value(0);
            if self.valid(1) {
                b0 = WEIGHT * (self.value(1) - self.value(0));
            }
        }
        let size = if self.seasonal() { 6 + m } else { 6 };
        let mut init = vec![0.0; size];
        init[4] = l0;
        init[5] = b0;
        if self.seasonal() {
            for i in 0..m {
                init[i + 6] = if self.valid(i) { self.value(i) / l0 } else { 1.0 };
            }
        }
        let mut min_sse = f64::INFINITY;
        let mut best: Option<Vec<f64>> = None;
        let sse = |params: &[f64]| self.sse(params);
        // The grid of starting guesses for alpha, beta, gamma and phi: 0.3 and 0.7.
        let guesses = {
            let mut g = Vec::new();
            let mut x = 0.3;
            while x < 1.0 {
                g.push(x);
                x += 0.4;
            }
            g
        };
        for &alpha in &guesses {
            for &beta in &guesses {
                for &gamma in &guesses {
                    for &phi in &guesses {
                        init[0] = alpha;
                        init[1] = beta;
                        init[2] = gamma;
                        init[3] = phi;
                        // A start where the error is not finite ends the search there, as
                        // gonum reports it (upstream then fails; here the guess is skipped).
                        let Some((x, f)) = nelder_mead(&sse, &init) else { continue };
                        if f < min_sse || best.is_none() {
                            min_sse = f;
                            best = Some(x);
                        }
                    }
                }
            }
        }
        let Some(mut best) = best else { return (Vec::new(), 0.0) };
        (self.forecast(&mut best, false), min_sse)
    }

    fn sse(&self, params: &[f64]) -> f64 {
        let mut params = params.to_vec();
        let fitted = self.forecast(&mut params, true);
        let mut total = 0.0;
        for (i, f) in fitted.iter().enumerate() {
            if let Some(Some(v)) = self.values.get(i) {
                let diff = f - v;
                total += diff * diff;
            }
        }
        total
    }

    /// The fitted values (`only_fit`) or the `n` forecasts (after the fitted values when
    /// `withFit`). Clamps the smoothing parameters and updates the seasonal ones in place.
    fn forecast(&self, params: &mut [f64], only_fit: bool) -> Vec<f64> {
        let h = if only_fit { 0 } else { self.n };
        for p in params.iter_mut().take(4) {
            *p = p.clamp(0.0, 1.0);
        }
        let mut y = self.value(0);
        let phi = params[3];
        let mut phi_h = phi;
        let mut level = params[4];
        let mut trend = params[5];
        const SEASONS: usize = 6;
        let (m, mut so) = if self.seasonal() { (params.len() - SEASONS, params.len() - SEASONS - 1) } else { (0, 0) };
        let l = self.values.len();
        let keep_fit = only_fit || self.with_fit;
        let mut out = Vec::with_capacity(if keep_fit { l + h } else { h });
        if keep_fit {
            out.push(y);
        }
        let (mut s_tm, mut s_tmh) = (1.0, 1.0);
        for t in 1..l + h {
            if self.seasonal() {
                let hm = t % m;
                s_tm = params[SEASONS + (t + so - m) % m];
                s_tmh = params[SEASONS + (t + hm + so - m) % m];
            }
            let (alpha, beta, gamma) = (params[0], params[1], params[2]);
            let new_level = alpha * (y / s_tm) + (1.0 - alpha) * (level + phi * trend);
            let new_trend = beta * (new_level - level) + (1.0 - beta) * phi * trend;
            let season = gamma * (y / (level + phi * trend)) + (1.0 - gamma) * s_tm;
            y = (new_level + phi_h * new_trend) * s_tmh;
            level = new_level;
            trend = new_trend;
            phi_h += go_pow(phi, t as u64);
            if self.seasonal() {
                params[SEASONS + (t + so) % m] = season;
                so += 1;
            }
            if keep_fit || t >= l {
                out.push(y);
            }
        }
        out
    }
}

/// `x` to the integer power `n` by Go's `math.Pow`: repeated squaring of the mantissa, the
/// exponent kept apart (the forecasts depend on it to the last bit).
fn go_pow(x: f64, n: u64) -> f64 {
    if n == 0 || x == 1.0 {
        return 1.0;
    }
    if n == 1 {
        return x;
    }
    if x.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 {
        return if n % 2 == 1 { x } else { 0.0 };
    }
    if x.is_infinite() {
        return if x > 0.0 || n.is_multiple_of(2) { f64::INFINITY } else { f64::NEG_INFINITY };
    }
    let (mut x1, mut xe) = frexp(x);
    let (mut a1, mut ae) = (1.0f64, 0i64);
    let mut i = n;
    while i != 0 {
        if !(-(1 << 12)..=(1 << 12)).contains(&xe) {
            ae += xe;
            break;
        }
        if i & 1 == 1 {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if x1 < 0.5 {
            x1 += x1;
            xe -= 1;
        }
        i >>= 1;
    }
    ldexp(a1, ae)
}

/// `x` as a mantissa in [0.5, 1) and a power of two.
fn frexp(x: f64) -> (f64, i64) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, shift) = if x.abs() < f64::MIN_POSITIVE { (x * (1u64 << 52) as f64, -52) } else { (x, 0) };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1022;
    let mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (mantissa, exp + shift)
}

/// `frac` times two to the `exp`.
fn ldexp(frac: f64, exp: i64) -> f64 {
    let mut x = frac;
    let mut e = exp;
    while e > 1023 {
        x *= 2f64.powi(1023);
        e -= 1023;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1022 {
        x *= 2f64.powi(-1022);
        e += 1022;
        if x == 0.0 {
            return x;
        }
    }
    x * 2f64.powi(e as i32)
}

/// Minimizes `f` from `start` by gonum's Nelder-Mead with its defaults (initial simplex of
/// step 0.05, coefficients by dimension) under gonum's `FunctionConverge` with absolute
/// tolerance 1e-4 over 100 major iterations. `None` when the start is not finite.
fn nelder_mead(f: &impl Fn(&[f64]) -> f64, start: &[f64]) -> Option<(Vec<f64>, f64)> {
    const SIMPLEX: f64 = 0.05;
    const ABSOLUTE: f64 = 1e-4;
    const ITERATIONS: usize = 100;
    let dim = start.len();
    let d = dim as f64;
    let reflection = 1.0;
    let (expansion, contraction, shrink) =
        if dim == 1 { (2.0, 0.5, 0.5) } else { (1.0 + 2.0 / d, 0.75 - 1.0 / (2.0 * d), 1.0 - 1.0 / d) };

    let f0 = f(start);
    if f0.is_infinite() && f0 > 0.0 || f0.is_nan() {
        return None;
    }
    // The convergence test, run at every major iteration (the start is the first).
    let mut best = f0;
    let mut stale = 0;
    let mut converged = |value: f64| -> bool {
        if value == f64::NEG_INFINITY {
            return true;
        }
        if value < best && best - value > ABSOLUTE {
            best = value;
            stale = 0;
            return false;
        }
        stale += 1;
        stale >= ITERATIONS
    };

    let mut vertices: Vec<Vec<f64>> = vec![vec![0.0; dim]; dim + 1];
    let mut values = vec![0.0; dim + 1];
    vertices[dim].copy_from_slice(start);
    values[dim] = f0;
    for i in 0..dim {
        let mut x = start.to_vec();
        x[i] += SIMPLEX;
        values[i] = f(&x);
        vertices[i] = x;
    }
    sort_simplex(&mut vertices, &mut values);
    let mut centroid = centroid_of(&vertices);
    loop {
        // A major iteration: the best vertex so far.
        if converged(values[0]) {
            return Some((vertices[0].clone(), values[0]));
        }
        let towards = |centroid: &[f64], worst: &[f64], scale: f64| -> Vec<f64> {
            centroid.iter().zip(worst).map(|(c, w)| (c - w) * scale + c).collect()
        };
        let reflected = towards(&centroid, &vertices[dim], reflection);
        let reflected_value = f(&reflected);
        if reflected_value >= values[0] && reflected_value < values[dim - 1] {
            replace_worst(&mut vertices, &mut values, &mut centroid, &reflected, reflected_value);
            continue;
        }
        if reflected_value < values[0] {
            let expanded = towards(&centroid, &vertices[dim], reflection * expansion);
            let expanded_value = f(&expanded);
            if expanded_value < reflected_value {
                replace_worst(&mut vertices, &mut values, &mut centroid, &expanded, expanded_value);
            } else {
                replace_worst(&mut vertices, &mut values, &mut centroid, &reflected, reflected_value);
            }
            continue;
        }
        let (contracted, accept) = if reflected_value < values[dim] {
            let x = towards(&centroid, &vertices[dim], reflection * contraction);
            let v = f(&x);
            let accept = v <= reflected_value;
            ((x, v), accept)
        } else {
            let x = towards(&centroid, &vertices[dim], -contraction);
            let v = f(&x);
            let accept = v < values[dim];
            ((x, v), accept)
        };
        if accept {
            replace_worst(&mut vertices, &mut values, &mut centroid, &contracted.0, contracted.1);
            continue;
        }
        // Shrink every vertex towards the best.
        for i in 1..=dim {
            let x: Vec<f64> = vertices[i].iter().zip(&vertices[0]).map(|(v, b)| (v - b) * shrink + b).collect();
            values[i] = f(&x);
            vertices[i] = x;
        }
        sort_simplex(&mut vertices, &mut values);
        centroid = centroid_of(&vertices);
    }
}

/// Sorts the vertices by value, as Go's insertion sort does for simplices this small
/// (stable; a NaN never moves ahead).
fn sort_simplex(vertices: &mut [Vec<f64>], values: &mut [f64]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && values[j] < values[j - 1] {
            values.swap(j, j - 1);
            vertices.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// The centroid of every vertex but the worst.
fn centroid_of(vertices: &[Vec<f64>]) -> Vec<f64> {
    let dim = vertices.len() - 1;
    let mut centroid = vec![0.0; dim];
    for vertex in &vertices[..dim] {
        for (c, v) in centroid.iter_mut().zip(vertex) {
            *c += v;
        }
    }
    for c in centroid.iter_mut() {
        *c /= dim as f64;
    }
    centroid
}

/// Puts `x` in place of the worst vertex, keeping the order, and moves the centroid.
fn replace_worst(vertices: &mut [Vec<f64>], values: &mut [f64], centroid: &mut [f64], x: &[f64], fx: f64) {
    let dim = x.len();
    vertices[dim].copy_from_slice(x);
    values[dim] = fx;
    let mut i = dim;
    while i > 0 && values[i - 1].partial_cmp(&fx) != Some(std::cmp::Ordering::Less) {
        vertices.swap(i - 1, i);
        values.swap(i - 1, i);
        i -= 1;
    }
    let scale = 1.0 / dim as f64;
    for (c, w) in centroid.iter_mut().zip(&vertices[dim]) {
        *c += -scale * w;
    }
    for (c, v) in centroid.iter_mut().zip(x) {
        *c += scale * v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_powers_as_go_computes_them() {
        assert_eq!(go_pow(0.5, 3), 0.125);
        assert_eq!(go_pow(0.7, 1), 0.7);
        assert_eq!(go_pow(0.0, 2), 0.0);
        assert!((go_pow(0.3, 5) - 0.3f64.powi(5)).abs() < 1e-15);
    }

    #[test]
    fn nelder_mead_finds_a_quadratic_minimum() {
        let (x, f) = nelder_mead(&|p: &[f64]| (p[0] - 1.0).powi(2) + (p[1] + 2.0).powi(2), &[0.0, 0.0]).unwrap();
        assert!(f < 1e-3, "{f}");
        assert!((x[0] - 1.0).abs() < 0.05 && (x[1] + 2.0).abs() < 0.05, "{x:?}");
    }
}
