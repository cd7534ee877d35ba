level = (v) => if v > 90.0 then "crit" else if v > 70.0 then "warn" else "ok"

from(bucket: "telegraf")
    |> range(start: -15m)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user")
    |> map(fn: (r) => ({r with level: level(v: r._value)}))
    |> yield(name: "levels")
