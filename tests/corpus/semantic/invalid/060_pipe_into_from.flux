// expect: E208 line 4: from does not accept piped input
from(bucket: "raw")
    |> range(start: -1h)
    |> from(bucket: "archive")
    |> yield(name: "archive")
