// expect: E203 line 6: package strings has no member `toUpperCase` (it is `toUpper`)
import "strings"

from(bucket: "b")
    |> range(start: -1h)
    |> map(fn: (r) => ({r with host: strings.toUpperCase(v: r.host)}))
    |> yield(name: "hosts")
