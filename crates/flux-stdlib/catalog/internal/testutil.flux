// Internal helpers for writing Flux test cases; not intended for use in ordinary scripts.
package testutil

// Aborts the running script with a `fail` error; it never actually returns a value.
builtin fail : () => bool

// Returns the piped-in value `v` unchanged (the identity function), for use in tests.
builtin yield : (<-v: A) => A

// Returns the record `o` unchanged, but typed as an unrelated record so the output type is not
// tied to the input type.
builtin makeRecord : (o: A) => B where A: Record, B: Record

// Returns a sample value of the basic type named by `typ` (for example `"int"` gives `10`, a
// string type gives `"foo"`); unknown type names give null.
builtin makeAny : (typ: string) => A
