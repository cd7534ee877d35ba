// expect: W202 line 2: import "regexp" is never used (regex literals need no import)
import "regexp"

from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: (r) => r.host =~ /^web[0-9]+$/)
    |> yield(name: "web")
