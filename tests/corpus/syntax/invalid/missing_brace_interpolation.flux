// An interpolation `${` inside a string is never closed with `}`.
// libflux: 4:20 expected RBRACE, got IDENT (is) at 4:20
host = "web-01"
msg = "host ${host is down"
