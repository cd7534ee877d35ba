// A call inside a string interpolation is missing its `)`.
// libflux: 4:7 got unexpected token in string expression @5:1-5:1: EOF
value = 42.5
msg = "current value: ${string(v: value}"
