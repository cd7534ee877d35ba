// Overriding the now and location options for reproducible queries.
import "timezone"

option now = () => 2023-07-01T12:00:00Z
option location = timezone.fixed(offset: -5h)

from(bucket: "orders")
    |> range(start: -7d)
    |> filter(fn: (r) => r._measurement == "orders")
    |> aggregateWindow(every: 1d, fn: count, timeSrc: "_start")
