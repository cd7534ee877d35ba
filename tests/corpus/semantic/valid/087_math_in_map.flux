import "math"

from(bucket: "physics")
    |> range(start: -1h)
    |> filter(fn: (r) => r._field == "x")
    |> map(
        fn: (r) =>
            ({r with _value: math.abs(x: r._value),
                log: math.log10(x: math.abs(x: r._value) + 1.0),
            }),
    )
    |> yield(name: "magnitudes")
