// Join requests and errors per service and compute an error ratio.
import "join"

requests = from(bucket: "http")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "requests" and r._field == "count")
    |> group(columns: ["service"])
    |> sum()

failures = from(bucket: "http")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "requests" and r._field == "errors")
    |> group(columns: ["service"])
    |> sum()

join.inner(
    left: requests,
    right: failures,
    on: (l, r) => l.service == r.service,
    as: (l, r) => ({
        service: l.service,
        total: l._value,
        failed: r._value,
        ratio: if l._value == 0 then 0.0 else float(v: r._value) / float(v: l._value),
    }),
)
    |> yield(name: "error_ratio")
