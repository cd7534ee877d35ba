// Two strings in an array literal are not separated by a comma.
// libflux: 5:39 invalid expression: invalid token for primary expression: COMMA
from(bucket: "telegraf")
    |> range(start: -1h)
    |> keep(columns: ["_time" "_value", "host"])
