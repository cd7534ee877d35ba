// The file ends right after a `|>`.
// libflux: 7:1 pipe destination must be a function call
from(bucket: "telegraf")
    |> range(start: -1h)
    |> mean()
    |>
