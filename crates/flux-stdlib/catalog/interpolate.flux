// Functions that fill gaps in time series by inserting rows with estimated values at a fixed
// interval, such as linear interpolation.
package interpolate

// Adds rows at each `every` boundary between existing points, with `_value` estimated by linear
// interpolation; original rows are kept. Needs float `_value` and `_time` columns with no nulls,
// and all other columns in the group key.
builtin linear : (
    <-tables: stream[{T with _value: float, _time: time}],
    every: duration,
) => stream[{T with _value: float, _time: time}]
