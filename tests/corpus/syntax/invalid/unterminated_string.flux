// A string literal is opened but never closed.
// libflux: 3:1 expected RPAREN, got EOF
from(bucket: "telegraf)
    |> range(start: -1h)
    |> mean()
