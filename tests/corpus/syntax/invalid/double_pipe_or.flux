// `||` is used for logical or; Flux spells it `or`.
// libflux: 5:54 invalid expression @5:51-5:52: |
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._field == "usage_user" || r._field == "usage_system")
