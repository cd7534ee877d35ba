// Internal helpers for Flux's own test suite: checking error codes and messages, and regex matches.
package testing

// Calls `fn` and checks that it fails with error code `code` and a message matching `want`,
// returning a `testing.diff` result (empty when it matches). Fails if `fn` does not error.
builtin shouldErrorWithCode : (
    code: uint,
    fn: () => A,
    want: regexp,
) => stream[{_diff: string, code: uint, match: bool}]

// Checks that the string `got` matches the regular expression `want`; on a mismatch it fails with
// an error naming both, otherwise it passes.
builtin assertMatches : (got: string, want: regexp) => stream[{_diff: string, v: string}]
