// Two named arguments of range are not separated by a comma.
// libflux: 4:8 expected comma in property list, got COLON
from(bucket: "telegraf")
    |> range(start: -1h stop: now())
    |> mean()
