// A parenthesised sub-expression is opened but never closed.
// libflux: 5:9 expected RPAREN, got EOF
total = 120.0
used = 87.5
ratio = (used / total * 100.0
label = "usage ${string(v: ratio)}%"
