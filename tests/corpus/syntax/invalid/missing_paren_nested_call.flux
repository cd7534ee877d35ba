// The inner float() call inside map is missing its `)`.
// libflux: 5:40 expected RPAREN, got RBRACE
from(bucket: "app")
    |> range(start: -1h)
    |> map(fn: (r) => ({r with _value: float(v: r._value / 1000.0}))
    |> yield()
