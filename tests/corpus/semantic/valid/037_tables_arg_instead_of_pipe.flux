lastN = (tables=<-, n=1) => tables |> tail(n: n)

data = from(bucket: "b") |> range(start: -1h)

lastN(tables: data, n: 3) |> yield(name: "explicit")
data |> lastN() |> yield(name: "piped")
