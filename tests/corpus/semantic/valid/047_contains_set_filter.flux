allowed = ["us-east", "us-west"]

from(bucket: "edge")
    |> range(start: -1h)
    |> filter(fn: (r) => contains(value: r.region, set: allowed))
    |> yield(name: "us_only")
