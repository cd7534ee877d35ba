import "timezone"

option location = timezone.location(name: "Europe/Paris")

from(bucket: "b")
    |> range(start: -7d)
    |> aggregateWindow(every: 1d, fn: sum)
    |> yield(name: "daily_local")
