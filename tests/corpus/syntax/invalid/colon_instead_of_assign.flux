// A variable is assigned with `:` instead of `=`.
// libflux: 3:10 invalid statement: :
threshold: 90.0

from(bucket: "telegraf")
    |> range(start: -1h)
