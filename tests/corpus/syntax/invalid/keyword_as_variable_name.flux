// The keyword `then` is used as a variable name.
// libflux: 3:1 invalid statement: then
then = 5m

from(bucket: "telegraf")
    |> range(start: -1h)
