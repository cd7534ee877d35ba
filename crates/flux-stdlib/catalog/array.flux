// Functions for working with arrays: transforming, filtering and joining them, and turning an array
// of records into a table stream.
package array

// Builds a table stream from an array of records, one row per record. Every record must have the
// same keys with the same value types. The array can be piped in as `rows`.
builtin from : (<-rows: [A]) => stream[A] where A: Record

// Returns a new array with the elements of `v` appended after those of `arr`. Neither input array
// is modified.
builtin concat : (<-arr: [A], v: [A]) => [A]

// Returns a new array built by calling `fn` on every element `x` of `arr`, in order. The element
// type may change, e.g. integers mapped to records.
builtin map : (<-arr: [A], fn: (x: A) => B) => [B]

// Returns a new array holding only the elements of `arr` for which the predicate `fn` returns
// `true`, keeping their original order.
builtin filter : (<-arr: [A], fn: (x: A) => bool) => [A]
