// The range call in the middle of the pipeline is missing its closing `)`.
// libflux: 4:8 expected RPAREN, got EOF
from(bucket: "telegraf")
    |> range(start: -1h
    |> filter(fn: (r) => r._measurement == "mem")
    |> mean()
