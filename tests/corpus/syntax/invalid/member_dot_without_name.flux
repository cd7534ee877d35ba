// `r.` has nothing after the dot.
// libflux: 5:29 expected IDENT, got EQ (==) at 5:29
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r. == "cpu")
