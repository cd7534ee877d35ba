// Functions for inspecting the type of a value at run time, for example to filter mixed-type
// columns.
package types

// Returns `true` when `v` has the basic type named by `type`: `string`, `bytes`, `int`, `uint`,
// `float`, `bool`, `time`, `duration` or `regexp`.
builtin isType : (type: string, v: A) => bool where A: Basic

// Returns `true` when `v` is an `int`, `uint` or `float`, that is, usable in arithmetic.
builtin isNumeric : (v: A) => bool where A: Basic
