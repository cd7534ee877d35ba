import "experimental"

from(bucket: "b")
    |> range(start: -1h)
    |> group(columns: ["host"])
    |> experimental.group(columns: ["region"], mode: "extend")
    |> count()
    |> yield(name: "host_region")
