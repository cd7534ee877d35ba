from(bucket: "logs")
    |> range(start: -2h)
    |> map(
        fn: (r) =>
            ({r with host: if exists r.host then r.host else "unknown"}),
    )
    |> group(columns: ["host"])
    |> count()
    |> yield(name: "per_host")
