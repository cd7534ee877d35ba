import "generate"

generate.from(count: 10, fn: (n) => n * n, start: 2024-01-01T00:00:00Z, stop: 2024-01-01T00:10:00Z)
    |> filter(fn: (r) => r._value > 10)
    |> yield(name: "squares")
