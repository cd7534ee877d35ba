// An arrow function body `{r with ...}` lacks the wrapping parentheses, so it parses as a block.
// libflux: 5:37 invalid statement: :
from(bucket: "telegraf")
    |> range(start: -1h)
    |> map(fn: (r) => {r with _value: r._value * 2.0})
