// expect: W201 line 6: local `ratio` is never used
from(bucket: "b")
    |> range(start: -1h)
    |> map(
        fn: (r) => {
            ratio = r._value / 100.0

            return {r with pct: r._value}
        },
    )
    |> yield(name: "pct")
