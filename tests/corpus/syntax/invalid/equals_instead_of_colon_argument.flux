// A named argument uses `=` instead of `:`.
// libflux: 4:8 expected comma in property list, got ASSIGN
from(bucket: "telegraf")
    |> range(start= -1h)
    |> mean()
