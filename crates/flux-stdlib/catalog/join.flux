// Functions that join two table streams, matching rows with the same group key by a predicate,
// using inner, left, right or full outer joins.
package join

// Joins the piped `left` stream with `right`, pairing rows in tables with the same group key for
// which `on(l, r)` is true and building each output row with `as(l, r)`. `method` is `inner`,
// `left`, `right` or `full`; in outer joins an unmatched side has only its group-key columns set.
builtin tables : (
    <-left: stream[L],
    as: (l: L, r: R) => A,
    method: string,
    on: (l: L, r: R) => bool,
    right: stream[R],
) => stream[A] where A: Record, L: Record, R: Record

// Joins `left` and `right` on equal `_time` values, building output rows with `as(l, r)`;
// `method` picks the join type (`inner` by default).
@default("method", "\"inner\"")
builtin time : (
    <-left: stream[{B with _time: A}],
    as: (l: {B with _time: A}, r: {D with _time: C}) => E,
    right: stream[{D with _time: C}],
    ?method: string,
) => stream[E] where A: Equatable, C: Equatable, E: Record

// Performs an inner join of `left` and `right`: only row pairs where `on(l, r)` is true are kept
// and combined with `as(l, r)`.
builtin inner : (
    <-left: stream[A],
    as: (l: A, r: B) => C,
    on: (l: A, r: B) => bool,
    right: stream[B],
) => stream[C] where A: Record, B: Record, C: Record

// Performs a full outer join of `left` and `right` with predicate `on` and output function `as`;
// every row of both streams appears, and either `l` or `r` may be a default record with nulls.
builtin full : (
    <-left: stream[A],
    as: (l: A, r: B) => C,
    on: (l: A, r: B) => bool,
    right: stream[B],
) => stream[C] where A: Record, B: Record, C: Record

// Performs a left outer join of `left` and `right` with predicate `on` and output function `as`;
// every left row appears, and `r` may be a default record whose non-group-key values are null.
builtin left : (
    <-left: stream[A],
    as: (l: A, r: B) => C,
    on: (l: A, r: B) => bool,
    right: stream[B],
) => stream[C] where A: Record, B: Record, C: Record

// Performs a right outer join of `left` and `right` with predicate `on` and output function `as`;
// every right row appears, and `l` may be a default record whose non-group-key values are null.
builtin right : (
    <-left: stream[A],
    as: (l: A, r: B) => C,
    on: (l: A, r: B) => bool,
    right: stream[B],
) => stream[C] where A: Record, B: Record, C: Record
