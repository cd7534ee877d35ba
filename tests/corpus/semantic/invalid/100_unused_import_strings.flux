// expect: W202 line 2: import "strings" is never used
import "strings"

from(bucket: "b")
    |> range(start: -1h)
    |> yield(name: "data")
