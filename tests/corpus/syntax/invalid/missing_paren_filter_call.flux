// The filter call is not closed: the predicate ends but `)` is missing before the next stage.
// libflux: 5:8 expected RPAREN, got EOF
from(bucket: "telegraf")
    |> range(start: -15m)
    |> filter(fn: (r) => r._measurement == "disk" and r._field == "used_percent"
    |> last()
