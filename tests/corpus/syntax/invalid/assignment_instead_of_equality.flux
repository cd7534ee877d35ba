// `=` is used instead of `==` for a comparison inside filter.
// libflux: 5:43 invalid expression @5:41-5:42: =
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement = "cpu")
    |> mean()
