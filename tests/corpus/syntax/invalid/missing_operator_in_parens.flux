// Two operands inside parentheses have no operator between them.
// libflux: 5:12 invalid binary operator <INVALID_OP>
used = 40.0
total = 160.0
percent = (used total) * 100.0
