// A stray `)` follows a complete pipeline.
// libflux: 5:14 invalid statement: )
from(bucket: "telegraf")
    |> range(start: -1h)
    |> mean())
