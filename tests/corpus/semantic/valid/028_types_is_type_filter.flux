import "types"

from(bucket: "mixed")
    |> range(start: -1h)
    |> filter(fn: (r) => types.isType(v: r._value, type: "float"))
    |> yield(name: "floats_only")
