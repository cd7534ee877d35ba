// An `if` expression has `then` but no `else` branch.
// libflux: 5:69 expected ELSE, got RBRACE (}) at 5:69
from(bucket: "telegraf")
    |> range(start: -1h)
    |> map(fn: (r) => ({r with level: if r._value > 90.0 then "crit"}))
    |> yield()
