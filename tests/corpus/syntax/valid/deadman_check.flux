// Deadman check: hosts that have not reported for a while.
import "influxdata/influxdb/monitor"
import "experimental"

option task = {name: "deadman", every: 5m}

from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "system" and r._field == "uptime")
    |> monitor.deadman(t: experimental.subDuration(d: 15m, from: now()))
    |> filter(fn: (r) => r.dead)
    |> keep(columns: ["host", "_time", "dead"])
