// expect: E209 line 6: `limitRows` is an int, not a function
limitRows = 10

from(bucket: "b")
    |> range(start: -1h)
    |> limit(n: limitRows())
    |> yield(name: "first")
