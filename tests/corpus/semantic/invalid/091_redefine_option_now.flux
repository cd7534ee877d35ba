// expect: E212 line 3: option `now` is set twice
option now = () => 2024-01-01T00:00:00Z
option now = () => 2024-02-01T00:00:00Z

from(bucket: "b") |> range(start: -1h) |> yield(name: "pinned")
