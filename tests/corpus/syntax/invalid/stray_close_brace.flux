// A stray `}` follows a function definition.
// libflux: 6:1 invalid statement: }
half = (x) => {
    return x / 2.0
}
}

y = half(x: 4.0)
