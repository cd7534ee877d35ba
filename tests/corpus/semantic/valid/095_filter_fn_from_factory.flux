thresholds = [10.0, 50.0, 90.0]

above = (limit) => (r) => r._value > limit

from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: above(limit: thresholds[1]))
    |> yield(name: "above_mid")
