// A pipeline stage is forwarded with `|` instead of `|>`.
// libflux: 5:5 invalid statement: |
from(bucket: "telegraf")
    |> range(start: -1h)
    | filter(fn: (r) => r._measurement == "cpu")
