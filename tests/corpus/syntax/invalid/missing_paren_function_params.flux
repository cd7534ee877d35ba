// The parameter list of a function literal lacks its closing `)`.
// libflux: 3:20 expected IDENT, got ARROW (=>) at 3:20
scale = (x, factor => x * factor

from(bucket: "sensors")
    |> range(start: -1h)
    |> map(fn: (r) => ({r with _value: scale(x: r._value, factor: 2.0)}))
