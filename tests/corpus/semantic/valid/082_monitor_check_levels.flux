import "influxdata/influxdb/monitor"

from(bucket: "telegraf")
    |> range(start: -5m)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_idle")
    |> monitor.check(
        data: {_check_name: "cpu", _check_id: "0001", _type: "threshold", tags: {}},
        messageFn: (r) => "CPU idle on ${r.host} is ${r._value}",
        crit: (r) => r._value < 5.0,
        warn: (r) => r._value < 20.0,
    )
