// expect: E203 line 6: package date has no member `dayOfWeek` (it is `weekDay`)
import "date"

from(bucket: "b")
    |> range(start: -7d)
    |> filter(fn: (r) => date.dayOfWeek(t: r._time) == 1)
    |> yield(name: "mondays")
