// The record built in map is missing its closing `}`.
// libflux: 5:24 expected RBRACE, got RPAREN
from(bucket: "telegraf")
    |> range(start: -1h)
    |> map(fn: (r) => ({r with _value: r._value * 100.0))
    |> yield()
