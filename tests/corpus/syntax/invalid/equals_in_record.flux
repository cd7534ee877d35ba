// A record property uses `=` instead of `:`.
// libflux: 3:15 cannot mix implicit and explicit properties
option task = {name = "rollup", every: 1h}

from(bucket: "raw")
    |> range(start: -1h)
