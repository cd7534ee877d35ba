// Experimental array helpers: building tables from arrays, transforming arrays and converting
// their element types. The stable `array` package supersedes `from`, `concat`, `map` and `filter`.
package array

// Returns a table built from an array of records, one row per record; all records need the same
// keys and types. Deprecated: use `array.from` instead.
@deprecated("0.103.0", "array.from")
builtin from : (<-rows: [A]) => stream[A] where A: Record

// Returns a new array with the elements of `v` appended to the piped array; neither input is
// modified. Deprecated: use `array.concat` instead.
@deprecated("0.173.0", "array.concat")
builtin concat : (<-arr: [A], v: [A]) => [A]

// Returns a new array holding the result of `fn` applied to each element `x` of the piped array.
// Deprecated: use `array.map` instead.
@deprecated("0.173.0", "array.map")
builtin map : (<-arr: [A], fn: (x: A) => B) => [B]

// Returns a new array with only the elements `x` of the piped array for which `fn` returns `true`.
// Deprecated: use `array.filter` instead.
@deprecated("0.173.0", "array.filter")
builtin filter : (<-arr: [A], fn: (x: A) => bool) => [A]

// Converts every element of the piped array to a boolean with `bool()`; accepts strings
// `"true"`/`"false"` and numbers equal to 1 or 0.
builtin toBool : (<-arr: [A]) => [bool]

// Converts every element of the piped array to a duration with `duration()`; integers and
// unsigned integers are read as nanoseconds, strings as duration literals.
builtin toDuration : (<-arr: [A]) => [duration]

// Converts every element of the piped array to a float with `float()`; accepts numeric strings,
// booleans, integers and unsigned integers.
builtin toFloat : (<-arr: [A]) => [float]

// Converts every element of the piped array to an integer with `int()`; floats are truncated,
// times and durations become nanoseconds, booleans 1 or 0.
builtin toInt : (<-arr: [A]) => [int]

// Converts every element of the piped array to its string form with `string()`.
builtin toString : (<-arr: [A]) => [string]

// Converts every element of the piped array to a time with `time()`; integers and unsigned
// integers are read as nanoseconds since the Unix epoch, strings as time literals.
builtin toTime : (<-arr: [A]) => [time]

// Converts every element of the piped array to an unsigned integer with `uint()`; floats are
// truncated, times and durations become nanoseconds, booleans 1 or 0.
builtin toUInt : (<-arr: [A]) => [uint]
