// The package path is written as an identifier instead of a string (`\"strings\"`).
// libflux: 5:1 expected STRING, got IDENT (name) at 5:1
import strings

name = strings.toUpper(v: "x")
