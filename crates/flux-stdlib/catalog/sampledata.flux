// Small built-in sample datasets for trying out and documenting transformations: two tables,
// tagged `t1` and `t2`, of six rows each, one every 10 seconds.
package sampledata

// The earliest time in the sample datasets, `2021-01-01T00:00:00Z`; pass it to `range` when
// `_start` and `_stop` columns are needed.
builtin start : time

// The end of the sample data time range, `2021-01-01T00:01:00Z`; pass it to `range` when
// `_start` and `_stop` columns are needed.
builtin stop : time

// Internal helper returning the annotated CSV text of the numeric sample data; not meant to be
// called directly.
@default("includeNull", "false")
builtin _numeric : (?includeNull: bool) => string

// Internal helper returning the annotated CSV text of the string sample data; not meant to be
// called directly.
@default("includeNull", "false")
builtin _string : (?includeNull: bool) => string

// Internal helper returning the annotated CSV text of the boolean sample data; not meant to be
// called directly.
@default("includeNull", "false")
builtin _bool : (?includeNull: bool) => string

// Returns the sample dataset with float `_value`s; set `includeNull` to `true` to replace some
// values with nulls.
@default("includeNull", "false")
builtin float : (?includeNull: bool) => stream[A] where A: Record

// Returns the sample dataset with `_value` converted to integers; set `includeNull` to `true` to
// replace some values with nulls.
@default("includeNull", "false")
builtin int : (?includeNull: bool) => stream[{B with _value: int, _value: A}]

// Returns the sample dataset with `_value` converted to unsigned integers; set `includeNull` to
// `true` to replace some values with nulls.
@default("includeNull", "false")
builtin uint : (?includeNull: bool) => stream[{B with _value: uint, _value: A}]

// Returns the sample dataset with string `_value`s; set `includeNull` to `true` to replace some
// values with nulls.
@default("includeNull", "false")
builtin string : (?includeNull: bool) => stream[A] where A: Record

// Returns the sample dataset with boolean `_value`s; set `includeNull` to `true` to replace some
// values with nulls.
@default("includeNull", "false")
builtin bool : (?includeNull: bool) => stream[A] where A: Record

// Returns the boolean sample dataset with `_value` as integers, 1 for `true` and 0 for `false`;
// set `includeNull` to `true` to replace some values with nulls.
@default("includeNull", "false")
builtin numericBool : (?includeNull: bool) => stream[{B with _value: int, _value: A}]
