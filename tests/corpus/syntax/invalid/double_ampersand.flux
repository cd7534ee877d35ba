// `&&` is used for logical and; Flux spells it `and`.
// libflux: 5:53 invalid expression @5:50-5:51: &
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "cpu" && r.cpu == "cpu-total")
