// Sends events to the ServiceNow event management API, either one at a time or from table rows.
package servicenow

// Posts a single event to the ServiceNow endpoint at `url` using basic authentication.
// `severity` is one of `critical`, `major`, `minor`, `warning`, `info` or `clear`;
// `additionalInfo` is sent as JSON. Returns the HTTP status code.
@sideEffect()
@default("source", "\"Flux\"")
@default("node", "\"\"")
@default("metricType", "\"\"")
@default("resource", "\"\"")
@default("metricName", "\"\"")
@default("messageKey", "\"\"")
@default("additionalInfo", "record.any")
builtin event : (
    description: A,
    password: string,
    severity: B,
    url: string,
    username: string,
    ?additionalInfo: C,
    ?messageKey: D,
    ?metricName: E,
    ?metricType: F,
    ?node: G,
    ?resource: H,
    ?source: I,
) => int where B: Equatable, C: Equatable

// Returns a notification endpoint: given a `mapFn` that builds event fields from a row, it sends
// one ServiceNow event per input row. Adds `_status` (HTTP code) and `_sent` (`"true"` on 2xx).
@default("source", "\"Flux\"")
builtin endpoint : (
    password: string,
    url: string,
    username: string,
    ?source: A,
) => (mapFn: (r: B) => { J with node: C, metricType: D, resource: E, metricName: F, messageKey: G, description: H, severity: I, }) => (<-tables: stream[B]) => stream[{B with _status: string, _sent: string}]
    where
    I: Equatable
