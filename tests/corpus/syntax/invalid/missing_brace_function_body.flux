// The block body of a function is never closed, so the file ends inside it.
// libflux: 3:16 expected RBRACE, got EOF
level = (v) => {
    name = if v > 90.0 then "crit" else "ok"

    return name

result = level(v: 95.0)
