// expect: E201 line 2: `maxRows` is used before its definition
label = "limit=${maxRows}"
maxRows = 50

from(bucket: "b")
    |> range(start: -1h)
    |> limit(n: maxRows)
    |> yield(name: label)
