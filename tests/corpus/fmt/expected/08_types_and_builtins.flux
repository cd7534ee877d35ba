package mypkg


builtin sum : (a: int, b: int) => int
builtin pick : (<-tables: stream[A], columns: [string], ?fn: (r: A) => bool) => stream[A]
    where
    A: Record
builtin many : (
        a: A,
        b: B,
        c: C,
        d: D,
        e: E,
    ) => A
    where
    A: Addable,
    B: Comparable,
    C: Equatable,
    D: Numeric,
    E: Stringable
