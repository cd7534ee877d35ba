// A bracket member access `r["host"` is not closed before the comparison.
// libflux: 5:26 expected RBRACK, got RPAREN
from(bucket: "telegraf")
    |> range(start: -5m)
    |> filter(fn: (r) => r["host" == "web-01")
