// The column list passed to group has no closing `]`.
// libflux: 5:23 expected RBRACK, got RPAREN
from(bucket: "telegraf")
    |> range(start: -1h)
    |> group(columns: ["host", "region")
    |> count()
