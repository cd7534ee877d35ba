// Counter rates: non-negative derivative, difference and integral of network counters.
traffic = from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "net" and (r._field == "bytes_recv" or r._field == "bytes_sent"))

traffic
    |> derivative(unit: 1s, nonNegative: true)
    |> map(fn: (r) => ({r with _value: r._value * 8.0 / 1000000.0, unit: "Mbit/s"}))
    |> yield(name: "rate")

traffic
    |> difference(nonNegative: true, keepFirst: false)
    |> yield(name: "delta")

traffic
    |> integral(unit: 1h)
    |> yield(name: "area")
