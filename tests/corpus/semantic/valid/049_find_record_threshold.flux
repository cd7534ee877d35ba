limits =
    from(bucket: "config")
        |> range(start: -30d)
        |> filter(fn: (r) => r._measurement == "limits")
        |> last()
        |> findRecord(fn: (key) => key._field == "max_cpu", idx: 0)

from(bucket: "telegraf")
    |> range(start: -5m)
    |> filter(fn: (r) => r._field == "usage" and r._value > limits._value)
    |> yield(name: "over")
