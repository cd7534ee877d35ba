import "array"

rows = [{name: "a", value: 1}, {name: "b", value: 2}]

rows
    |> array.from()
    |> filter(fn: (r) => r.value > 1)
    |> yield(name: "rows")
