// expect: E202 line 2: there is no package "experimental/set"
import "experimental/set"

from(bucket: "b")
    |> range(start: -1h)
    |> set.difference(other: ["a"])
    |> yield(name: "diff")
