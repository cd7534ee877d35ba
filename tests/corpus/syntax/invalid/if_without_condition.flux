// An `if` has no condition before `then`.
// libflux: 4:11 invalid expression: invalid token for primary expression: THEN
value = 4
size = if then "big" else "small"
