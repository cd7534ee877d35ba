// A C-style ternary `? :` is used instead of `if then else`.
// libflux: 5:24 expected comma in property list, got COLON
from(bucket: "telegraf")
    |> range(start: -1h)
    |> map(fn: (r) => ({r with level: r._value > 90.0 ? "crit" : "ok"}))
