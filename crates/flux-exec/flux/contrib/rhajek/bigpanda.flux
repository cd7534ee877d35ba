// BigPanda's settings and the status of an InfluxDB check level; sending needs the network.
package bigpanda

import "strings"

option defaultUrl = "https://api.bigpanda.io/data/v2/alerts"
option defaultTokenPrefix = "Bearer"

statusFromLevel = (level) => {
    lower = strings.toLower(v: level)

    return
        if lower == "crit" then
            "critical"
        else if lower == "warn" then
            "warning"
        else if lower == "info" or lower == "ok" then
            "ok"
        else
            "critical"
}
