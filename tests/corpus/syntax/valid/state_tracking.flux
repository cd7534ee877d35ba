// How long and how often a service has been down, with stateDuration and stateCount.
down = (r) => r._value == 0

from(bucket: "uptime")
    |> range(start: -12h)
    |> filter(fn: (r) => r._measurement == "http_response" and r._field == "result_code")
    |> stateDuration(fn: down, column: "downtime", unit: 1s)
    |> stateCount(fn: down, column: "failures")
    |> filter(fn: (r) => r.downtime >= 300 or r.failures > 5)
