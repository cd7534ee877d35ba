// A library package declaring builtins with rich types; the host supplies their implementations.
package metrics

import "strings"

// Keep the first n rows of every table.
builtin head : (<-tables: stream[A], ?n: int) => stream[A] where A: Record

// Merge streams that share a schema.
builtin merge : (tables: [stream[A]], ?mode: string) => stream[A] where A: Record

// Apply a scoring function to each row; the result adds a score column.
builtin score : (
        <-tables: stream[A],
        fn: (r: A) => float,
        ?weights: [string: float],
    ) => stream[{A with score: float}]
    where
    A: Record

builtin lookup : (table: stream[{B with key: K}], key: K, ?default: B) => B where B: Record, K: Comparable + Equatable

builtin sum2 : (a: T, b: T) => T where T: Addable + Numeric

builtin fetch : (url: string, ?headers: [string:string], ?timeout: duration) => {status: int, body: bytes}

builtin epoch : time

builtin version : string

builtin vec : (v: vector[A]) => vector[A]

builtin toMatrix : (rows: [[float]], ?labels: [string]) => {rows: [[float]], labels: [string], "row count": int}

normalize = (name) => strings.toLower(v: strings.trimSpace(v: name))
