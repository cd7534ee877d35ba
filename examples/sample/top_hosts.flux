// Top N: the two hosts with the highest peak memory use on the first day.
from(bucket: "sample")
    |> range(start: 2026-01-01T00:00:00Z, stop: 2026-01-02T00:00:00Z)
    |> filter(fn: (r) => r._measurement == "mem" and r._field == "used_percent")
    |> highestMax(n: 2, groupColumns: ["host"])
    |> keep(columns: ["host", "_value", "_time"])
