// A positional argument is passed to limit; Flux only takes named arguments (`n: 10`).
// libflux: 6:14 unexpected token for property key: INT (10)
from(bucket: "telegraf")
    |> range(start: -1h)
    |> sort(columns: ["_value"], desc: true)
    |> limit(10)
