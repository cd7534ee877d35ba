// Tools for values whose type is only known at runtime, such as parsed JSON, via the `dynamic`
// type.
package dynamic

// Wraps any value `v` in the `dynamic` type.
builtin dynamic : (v: A) => dynamic

// Converts a dynamic value holding an array into an array of `dynamic` elements; errors if `v` is
// not an array.
builtin asArray : (<-v: dynamic) => [dynamic]

// Internal helper that treats two values as equal when they display identically.
builtin _isNotDistinct : (a: A, b: B) => bool

// Parses JSON `data` (bytes) into a `dynamic` value, to be inspected or cast to static types.
builtin jsonParse : (data: bytes) => dynamic

// Serializes the dynamic value `v` to JSON and returns it as `bytes`.
builtin jsonEncode : (v: dynamic) => bytes

// Reports whether the dynamic value `v` holds a value of the named `type` (for example `"int"`,
// `"string"`, `"array"` or `"object"`). Returns `false` for null.
builtin isType : (type: string, v: dynamic) => bool
