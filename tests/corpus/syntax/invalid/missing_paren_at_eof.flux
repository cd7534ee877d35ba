// The call to yield at the end of the file is never closed with `)`.
// libflux: 6:8 expected RPAREN, got EOF
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "cpu")
    |> yield(name: "cpu"
