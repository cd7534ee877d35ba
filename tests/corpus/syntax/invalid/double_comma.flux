// Two commas in a row in an argument list.
// libflux: 4:25 missing property in property list
from(bucket: "telegraf")
    |> range(start: -1h,, stop: now())
