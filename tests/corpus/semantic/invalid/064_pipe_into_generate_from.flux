// expect: E208 line 6: generate.from does not accept piped input
import "generate"

from(bucket: "b")
    |> range(start: -1h)
    |> generate.from(count: 5, fn: (n) => n, start: 2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z)
    |> yield(name: "generated")
