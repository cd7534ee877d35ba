// Internal package for generating synthetic test data.
package gen

// Generates random float `_value` series with `_time` stamps: `n` points per series, one series
// per combination of the given `tags` and their cardinalities. `nulls` (0.0 to 1.0) is the chance
// of a null value; a fixed `seed` makes the output repeatable.
builtin tables : (
    n: int,
    ?nulls: float,
    ?seed: int,
    ?tags: [{cardinality: int, name: string}],
) => stream[{A with _value: float, _time: time}]
