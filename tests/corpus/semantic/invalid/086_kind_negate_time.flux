// expect: E211 line 5: a time cannot be negated
since = 2024-01-01T00:00:00Z

from(bucket: "b")
    |> range(start: -since)
    |> yield(name: "since")
