// expect: E204 line 4: `n` expects an int, got a string
from(bucket: "b")
    |> range(start: -1h)
    |> limit(n: "10")
    |> yield(name: "first10")
