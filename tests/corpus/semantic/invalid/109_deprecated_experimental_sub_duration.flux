// expect: W203 line 4: `experimental.subDuration` is deprecated, use `date.sub`
import "experimental"

start = experimental.subDuration(d: 1d, from: now())

from(bucket: "b") |> range(start: start) |> yield(name: "day")
