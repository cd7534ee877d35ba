option now = () => 2024-03-01T12:00:00Z

from(bucket: "b")
    |> range(start: -1h, stop: now())
    |> yield(name: "pinned")
