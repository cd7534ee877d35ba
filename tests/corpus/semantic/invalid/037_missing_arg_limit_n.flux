// expect: E205 line 4: limit requires `n`
from(bucket: "b")
    |> range(start: -1h)
    |> limit()
    |> yield(name: "some")
