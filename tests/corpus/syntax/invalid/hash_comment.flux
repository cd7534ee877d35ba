// A comment starts with `#`; Flux comments start with `//`.
// libflux: 3:1 invalid statement: #
# hourly CPU summary
from(bucket: "telegraf")
    |> range(start: -1h)
    |> aggregateWindow(every: 1h, fn: mean)
