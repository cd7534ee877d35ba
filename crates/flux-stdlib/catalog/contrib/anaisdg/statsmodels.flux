// Statistical modelling helpers for time series; currently a least-squares linear regression.
package statsmodels

// Fits a least-squares line to `_value` (renamed to `y`) against the row number `x` (1, 2, 3, ...).
// Adds `y_hat` (fitted value), `errors` (squared residual), `slope` and the sums `sx`, `sy`, `sxy`,
// `sxx` and `N` to every row; assumes the points are evenly spaced in time.
builtin linearRegression : (
    <-tables: stream[A],
) => stream[{ H with errors: float, y: float, y_hat: float, slope: B, sx: C, sxy: D, sxx: E, N: F, sy: G, x: float, }]
    where
    A: Record,
    B: Divisible + Subtractable
