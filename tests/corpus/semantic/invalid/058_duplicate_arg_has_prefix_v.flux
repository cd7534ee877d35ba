// expect: E207 line 6: `v` is passed twice to strings.hasPrefix (the second one should be `prefix`)
import "strings"

from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: (r) => strings.hasPrefix(v: r.host, v: "web"))
    |> yield(name: "web")
