// Assertions and helpers for writing Flux tests: comparing streams and values, checking for
// errors and loading test input.
package testing

// The list of tags attached to a test case, which the test runner can use to select tests; empty
// by default and set per test file or case with an `option` statement.
@option()
builtin tags : [A]

// Checks that the piped `got` stream is identical to `want`; returns `got` unchanged when they
// match and fails with an error mentioning the assertion `name` otherwise.
@sideEffect()
builtin assertEquals : (<-got: stream[A], name: string, want: stream[A]) => stream[A]

// Fails with an error when the piped stream contains any rows, otherwise passes it through;
// typically used after `diff` to assert there are no differences.
@sideEffect()
builtin assertEmpty : (<-tables: stream[A]) => stream[A]

// Compares the piped `got` stream with `want`, matching tables by group key, and returns rows
// describing the differences in a `_diff` column (`-` only in `got`, `+` only in `want`); equal
// streams yield no rows. The result is also yielded as `errorOutput`.
@sideEffect()
@default("verbose", "false")
@default("epsilon", "0.000001")
@default("nansEqual", "false")
builtin diff : (
    <-got: stream[A],
    want: stream[A],
    ?epsilon: B,
    ?nansEqual: C,
    ?verbose: D,
) => stream[{A with _diff: string}]

// The function test cases use to load their input data; by default it returns the piped tables
// unchanged, and a test harness can override it with an `option` statement.
@option()
builtin load : (<-tables: A) => A

// Compares two values by wrapping each in a one-row table with column `v` and diffing them;
// returns no rows when `got` equals `want`.
@sideEffect()
builtin assertEqualValues : (got: A, want: A) => stream[{_diff: string, v: A}]

// Calls `fn` and checks that it fails with an error whose message matches the regular expression
// `want`; a non-matching message is returned as a row, and no error at all aborts the test.
@sideEffect()
builtin shouldError : (fn: () => A, want: regexp) => stream[{v: string}]
