// A builtin declaration has no `: type`.
// libflux: 6:1 expected COLON, got EOF
package metrics

builtin window
