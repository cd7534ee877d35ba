// Functions that send alerts to an Alerta monitoring server over its HTTP API.
package alerta

// Sends one alert to the Alerta API at `url`, authenticated with `apiKey`, and returns the HTTP
// status code. `resource`, `event`, `severity` and `attributes` are required; `timestamp` defaults
// to `now()` and `origin` to "InfluxDB".
@sideEffect()
@default("environment", "\"\"")
@default("service", "[]")
@default("group", "\"\"")
@default("value", "\"\"")
@default("text", "\"\"")
@default("tags", "[]")
@default("origin", "\"InfluxDB\"")
@default("type", "\"\"")
@default("timestamp", "now()")
builtin alert : (
    apiKey: string,
    attributes: A,
    event: B,
    resource: C,
    severity: D,
    url: string,
    ?environment: E,
    ?group: F,
    ?origin: G,
    ?service: H,
    ?tags: I,
    ?text: J,
    ?timestamp: K,
    ?type: L,
    ?value: M,
) => int

// Returns a notification endpoint that posts one Alerta alert per input row, built by `mapFn`.
// Output rows gain `_status` (the HTTP status code) and `_sent` ("true" for a 2xx response).
@default("environment", "\"\"")
@default("origin", "\"\"")
builtin endpoint : (
    apiKey: string,
    url: string,
    ?environment: A,
    ?origin: B,
) => (mapFn: (r: C) => { O with resource: D, event: E, severity: F, service: G, group: H, value: I, text: J, tags: K, attributes: L, type: M, timestamp: N, }) => (<-tables: stream[C]) => stream[{C with _status: string, _sent: string}]
