// expect: E204 line 6: the filter predicate returns an int (strings.index) instead of a bool
import "strings"

from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: (r) => strings.index(v: r.host, substr: "web"))
    |> yield(name: "web")
