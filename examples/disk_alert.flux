import "strings"

// Flag disks that are nearly full, with a readable level per host and path.
level = (percent) =>
    if percent >= 95.0 then
        "critical"
    else if percent >= 85.0 then
        "warning"
    else
        "ok"

from(bucket: "telegraf")
    |> range(start: -15m)
    |> filter(fn: (r) => r._measurement == "disk" and r._field == "used_percent")
    |> filter(fn: (r) => not r.path =~ /^\/(proc|sys|dev)/)
    |> last()
    |> map(
        fn: (r) =>
            ({
                host: r.host,
                path: r.path,
                used: r._value,
                level: level(percent: r._value),
                summary: strings.toUpper(v: r.host) + ": ${r.path} at ${string(v: r._value)}%",
            }),
    )
    |> filter(fn: (r) => r.level != "ok")
