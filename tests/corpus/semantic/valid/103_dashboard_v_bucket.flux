from(bucket: v.bucket)
    |> range(start: v.timeRangeStart)
    |> filter(fn: (r) => r.host == v.host)
    |> yield(name: "host")
