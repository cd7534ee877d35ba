// `in` is used as a membership operator, which Flux does not have (use contains()).
// libflux: 5:47 invalid expression @5:45-5:46: ,
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r.host in ["web-01", "web-02"])
