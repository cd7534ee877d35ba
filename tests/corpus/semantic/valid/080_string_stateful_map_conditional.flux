from(bucket: "status")
    |> range(start: -1h)
    |> map(
        fn: (r) => {
            up = r._value == 1

            return {r with state: if up then "up" else "down", changed: r.prev != r._value}
        },
    )
    |> yield(name: "states")
