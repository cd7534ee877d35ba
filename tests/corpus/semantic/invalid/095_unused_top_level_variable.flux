// expect: W201 line 2: `start` is never used
start = -2h
data = from(bucket: "b") |> range(start: -1h)

data |> yield(name: "data")
