// Alerting task: post to Slack when a host's disk usage crosses a threshold.
import "slack"
import "influxdata/influxdb/secrets"

option task = {name: "disk-alert", every: 10m, offset: 30s}

token = secrets.get(key: "SLACK_TOKEN")
maxUsed = 90.0

from(bucket: "telegraf")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._measurement == "disk" and r._field == "used_percent")
    |> last()
    |> filter(fn: (r) => r._value > maxUsed)
    |> map(
        fn: (r) => ({r with
            sent: slack.message(
                token: token,
                channel: "#ops",
                text: "Disk ${r.path} on ${r.host} is at ${string(v: r._value)}% (limit ${string(v: maxUsed)}%)",
                color: if r._value > 97.0 then "danger" else "warning",
            ),
        }),
    )
