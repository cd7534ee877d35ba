// PagerDuty's event fields from InfluxDB's check levels; sending needs the network.
package pagerduty

import "strings"

option defaultURL = "https://events.pagerduty.com/v2/enqueue"

severityFromLevel = (level) => {
    lower = strings.toLower(v: level)

    return
        if lower == "crit" then
            "critical"
        else if lower == "warn" then
            "warning"
        else if lower == "info" or lower == "ok" then
            "info"
        else
            "error"
}

actionFromSeverity = (severity) => if strings.toLower(v: severity) == "ok" then "resolve" else "trigger"

actionFromLevel = (level) => if strings.toLower(v: level) == "ok" then "resolve" else "trigger"
