// A string is written with single quotes; Flux strings use double quotes.
// libflux: 5:15 invalid expression @5:48-5:49: '
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == 'cpu')
