// An `if` expression has no `then` before its consequent.
// libflux: 5:58 expected THEN, got STRING ("crit") at 5:58
from(bucket: "telegraf")
    |> range(start: -1h)
    |> map(fn: (r) => ({r with level: if r._value > 90.0 "crit" else "ok"}))
