// A `return` in a block body has no expression.
// libflux: 6:1 invalid expression: invalid token for primary expression: RBRACE
check = (v) => {
    ok = v > 0
    return
}
