// A builtin declaration uses `integer`, which is not a Flux type (`int`).
// libflux: 5:37 invalid named type integer
package metrics

builtin repeat : (v: string, count: integer) => string
