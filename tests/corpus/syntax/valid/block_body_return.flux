// Functions whose bodies are blocks with local variables and a return statement.
classify = (value, warn=70.0, crit=90.0) => {
    level =
        if value >= crit then
            "crit"
        else if value >= warn then
            "warn"
        else
            "ok"

    return level
}

describe = (r) => {
    label = classify(value: r._value)
    summary = "${r.host}: ${label}"

    return {r with level: label, summary: summary}
}

from(bucket: "telegraf")
    |> range(start: -10m)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_idle")
    |> map(fn: (r) => ({r with _value: 100.0 - r._value}))
    |> map(fn: describe)
