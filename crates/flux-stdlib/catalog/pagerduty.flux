// Send events to PagerDuty through its Events API v2, plus helpers for mapping alert levels to
// PagerDuty severities and actions.
package pagerduty

// Adds a `_pagerdutyDedupKey` column holding a hex SHA-256 hash of each table's group key, so
// repeated alerts for the same series share a key. `exclude` lists group key columns to leave
// out (default `["_start", "_stop", "_level"]`).
builtin dedupKey : (
    <-tables: stream[A],
    ?exclude: [string],
) => stream[{A with _pagerdutyDedupKey: string}]

// The PagerDuty Events API v2 URL that events are sent to by default,
// `https://events.pagerduty.com/v2/enqueue`; can be overridden with `option`.
@option()
builtin defaultURL : string

// Maps an alert `level` to a PagerDuty severity, ignoring case: `warn` becomes `warning`, `crit`
// becomes `critical`, `info` and `ok` become `info`, and anything else becomes `error`.
builtin severityFromLevel : (level: string) => string

// Returns the PagerDuty event action for `severity`: `"resolve"` for `ok` (any case), otherwise
// `"trigger"`.
builtin actionFromSeverity : (severity: string) => string

// Returns the PagerDuty event action for an alert `level`: `"resolve"` for `ok` (any case),
// otherwise `"trigger"`.
builtin actionFromLevel : (level: string) => string

// Internal helper that posts an event to PagerDuty and returns the full HTTP response; used by
// `sendEvent` and `endpoint`.
@default("pagerdutyURL", "defaultURL")
@default("component", "\"\"")
@default("customDetails", "record.any")
builtin _sendEvent : (
    class: A,
    client: B,
    clientURL: C,
    dedupKey: D,
    eventAction: E,
    group: F,
    routingKey: G,
    severity: H,
    source: I,
    summary: string,
    timestamp: J,
    ?component: K,
    ?customDetails: L,
    ?pagerdutyURL: string,
) => {duration: duration, headers: [string:string], body: bytes, statusCode: int} where L: Equatable

// Sends one event to PagerDuty for the integration `routingKey`, with the given severity, event
// action, deduplication key and payload fields (`summary` is cut to 1023 characters). Returns the
// HTTP status code.
@sideEffect()
@default("pagerdutyURL", "defaultURL")
@default("component", "\"\"")
@default("customDetails", "record.any")
builtin sendEvent : (
    class: A,
    client: B,
    clientURL: C,
    dedupKey: D,
    eventAction: E,
    group: F,
    routingKey: G,
    severity: H,
    source: I,
    summary: string,
    timestamp: J,
    ?component: K,
    ?customDetails: L,
    ?pagerdutyURL: string,
) => int where L: Equatable

// Builds a notification endpoint for `url`: returns a function taking `mapFn`, which maps each
// row (with a generated `_pagerdutyDedupKey`) to event fields and sends it. Output rows gain
// `_sent`, `_status` and `_body` columns describing the response.
@default("url", "defaultURL")
builtin endpoint : (
    ?url: string,
) => (mapFn: (r: {A with _pagerdutyDedupKey: string}) => { K with routingKey: B, client: C, clientURL: D, class: E, group: F, severity: G, eventAction: H, source: I, summary: string, timestamp: J, }) => (<-tables: stream[A]) => stream[{A with _sent: string, _status: string, _body: string, _pagerdutyDedupKey: string}]
