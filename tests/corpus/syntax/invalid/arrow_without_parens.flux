// A function parameter is written without parentheses (`r =>`).
// libflux: 5:24 invalid expression @5:21-5:23: =>
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: r => r._measurement == "cpu")
