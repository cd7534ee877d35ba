// A named argument has `:` but no value.
// libflux: 4:14 missing property value
from(bucket: "telegraf")
    |> range(start: )
    |> mean()
