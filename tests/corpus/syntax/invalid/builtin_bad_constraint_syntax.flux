// The `where` clause of a builtin names a constraint without a type variable.
// libflux: 6:1 expected COLON, got EOF
package metrics

builtin total : (<-tables: stream[A]) => stream[A] where Record
