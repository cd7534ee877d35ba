// `<-` is used in a function body instead of as a parameter default.
// libflux: 3:22 a pipe literal may only be used as a default value for an argument in a function definition
double = (tables) => <-
    |> map(fn: (r) => ({r with _value: r._value * 2.0}))
