import "date"

stop = date.truncate(t: now(), unit: 1h)
start = date.sub(d: 24h, from: stop)

from(bucket: "b")
    |> range(start: start, stop: stop)
    |> yield(name: "last_full_day")
