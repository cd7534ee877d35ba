// An expression nests parentheses 100 levels deep, beyond libflux's nesting limit.
// libflux: 4:88 Program is nested too deep
base = 2.0
scaled = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((base * 1.5))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))
