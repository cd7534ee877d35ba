// An option assignment at the end of the file has nothing after `=`.
// libflux: 8:1 invalid expression: invalid token for primary expression: EOF
from(bucket: "raw")
    |> range(start: -1h)
    |> count()

option now =
