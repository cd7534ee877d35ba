import "array"
import "join"

// Latest request rate per service, joined with each service's owner.
rates =
    from(bucket: "apps")
        |> range(start: -5m)
        |> filter(fn: (r) => r._measurement == "http" and r._field == "requests")
        |> derivative(unit: 1s, nonNegative: true)
        |> last()
        |> group()

owners =
    array.from(
        rows: [{service: "checkout", team: "payments"}, {service: "search", team: "discovery"}],
    )

join.left(
    left: rates,
    right: owners,
    on: (l, r) => l.service == r.service,
    as: (l, r) =>
        ({service: l.service, rate: l._value, team: if exists r.team then r.team else "unowned"}),
)
