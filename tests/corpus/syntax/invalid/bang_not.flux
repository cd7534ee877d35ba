// `!` is used for negation; Flux spells it `not`.
// libflux: 5:26 invalid expression: invalid token for primary expression: ILLEGAL
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => !exists r.error)
