// The string contains `\x` followed by characters that are not hex digits.
// libflux: 3:13 got unexpected token in string expression @3:14-3:15: ILLEGAL
separator = "\xZZ"
label = "a" + separator + "b"
