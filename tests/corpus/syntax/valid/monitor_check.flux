// A threshold check written for the monitor package, with level predicates.
import "influxdata/influxdb/monitor"

option task = {name: "Memory check", every: 1m}

check = {
    _check_id: "0000000000000001",
    _check_name: "Memory check",
    _type: "threshold",
    tags: {team: "platform"},
}

messageFn = (r) => "Check: ${r._check_name} is ${r._level}: ${string(v: r.used_percent)}% used"

from(bucket: "telegraf")
    |> range(start: -5m)
    |> filter(fn: (r) => r._measurement == "mem" and r._field == "used_percent")
    |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)
    |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
    |> monitor.check(
        data: check,
        messageFn: messageFn,
        crit: (r) => r.used_percent > 95.0,
        warn: (r) => r.used_percent > 85.0 and r.used_percent <= 95.0,
        ok: (r) => r.used_percent <= 85.0,
    )
