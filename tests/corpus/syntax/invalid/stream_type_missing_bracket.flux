// `stream[A` in a builtin type is not closed.
// libflux: 5:34 expected RBRACK, got RPAREN
package metrics

builtin passthrough : (<-tables: stream[A) => stream[A]
