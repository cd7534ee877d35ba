// The date `2023-02-30` does not exist.
// libflux: 4:8 expected RPAREN, got EOF
from(bucket: "billing")
    |> range(start: 2023-02-01, stop: 2023-02-30)
    |> sum()
