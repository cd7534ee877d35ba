// A record type in a builtin omits the `:` between a field and its type.
// libflux: 5:33 expected RBRACE, got IDENT
package metrics

builtin stats : (v: [float]) => {mean float, max: float}
