// A function uses `->` instead of `=>`.
// libflux: 5:24 invalid expression: invalid token for primary expression: GT
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) -> r._measurement == "cpu")
