// Functions that create alerts in Atlassian Opsgenie through its v2 Alert API.
package opsgenie

// Converts responder strings such as "user:name", "team:name", "escalation:name" or "schedule:name"
// into the JSON array text Opsgenie expects. Any other prefix is an error.
builtin respondersToJSON : (v: [string]) => string

// Sends one alert with text `message` to Opsgenie and returns the HTTP status code. Long fields are
// truncated (message to 130 characters); `priority` defaults to "P3", `alias` to the message, and
// `details` must be a JSON object string.
@sideEffect()
@default("url", "\"https://api.opsgenie.com/v2/alerts\"")
@default("alias", "\"\"")
@default("description", "\"\"")
@default("priority", "\"P3\"")
@default("responders", "[]")
@default("tags", "[]")
@default("entity", "\"\"")
@default("actions", "[]")
@default("visibleTo", "[]")
@default("details", "\"{}\"")
builtin sendAlert : (
    apiKey: string,
    message: string,
    ?actions: A,
    ?alias: string,
    ?description: string,
    ?details: B,
    ?entity: string,
    ?priority: string,
    ?responders: [string],
    ?tags: C,
    ?url: string,
    ?visibleTo: [string],
) => int where B: Stringable

// Returns a notification endpoint that creates one Opsgenie alert per input row, built by `mapFn`.
// Output rows gain `_status` (the HTTP status code) and `_sent` ("true" for a 2xx response).
@default("url", "\"https://api.opsgenie.com/v2/alerts\"")
@default("entity", "\"\"")
builtin endpoint : (
    apiKey: string,
    ?entity: string,
    ?url: string,
) => (mapFn: (r: A) => { E with message: string, alias: string, description: string, priority: string, responders: [string], tags: B, actions: C, visibleTo: [string], details: D, }) => (<-tables: stream[A]) => stream[{A with _status: string, _sent: string}]
    where
    D: Stringable
