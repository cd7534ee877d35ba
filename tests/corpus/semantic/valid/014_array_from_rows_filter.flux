import "array"

array.from(
    rows: [
        {_time: 2024-01-01T00:00:00Z, _value: 1.0, host: "a"},
        {_time: 2024-01-01T00:01:00Z, _value: 2.5, host: "b"},
    ],
)
    |> filter(fn: (r) => r.host == "a")
    |> yield(name: "rows")
