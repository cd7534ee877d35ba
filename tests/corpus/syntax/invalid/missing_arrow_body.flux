// A function literal has `=>` but no body.
// libflux: 5:25 invalid expression: invalid token for primary expression: RPAREN
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) =>)
