// An integer literal has a leading zero (`010`).
// libflux: 5:17 invalid integer literal "010": nonzero value cannot start with 0
from(bucket: "telegraf")
    |> range(start: -1h)
    |> limit(n: 010)
