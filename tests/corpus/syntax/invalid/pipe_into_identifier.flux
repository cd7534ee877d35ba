// The pipe forwards into `mean` without calling it (`mean()`).
// libflux: 6:8 pipe destination must be a function call
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "cpu")
    |> mean
