onlyField = (tables=<-, field) => tables |> filter(fn: (r) => r._field == field)
toPercent = (tables=<-) => tables |> map(fn: (r) => ({r with _value: r._value * 100.0}))

from(bucket: "telegraf")
    |> range(start: -1h)
    |> onlyField(field: "usage_idle")
    |> toPercent()
    |> yield(name: "idle_pct")
