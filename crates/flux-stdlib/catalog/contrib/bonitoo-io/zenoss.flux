// Functions for sending events to the Zenoss monitoring platform through its JSON router API.
package zenoss

// Sends a single event to a Zenoss router endpoint at `url` and returns the HTTP status code.
// Authenticates with `apiKey` when it is non-empty, otherwise with HTTP basic auth using
// `username` and `password`; `severity` is typically `Critical`, `Warning`, `Info` or `Clear`.
@sideEffect()
@default("username", "\"\"")
@default("password", "\"\"")
@default("apiKey", "\"\"")
@default("action", "\"EventsRouter\"")
@default("method", "\"add_event\"")
@default("type", "\"rpc\"")
@default("tid", "1")
@default("summary", "\"\"")
@default("device", "\"\"")
@default("component", "\"\"")
@default("eventClass", "\"\"")
@default("eventClassKey", "\"\"")
@default("collector", "\"\"")
@default("message", "\"\"")
builtin event : (
    severity: A,
    url: string,
    ?action: B,
    ?apiKey: C,
    ?collector: D,
    ?component: E,
    ?device: F,
    ?eventClass: G,
    ?eventClassKey: H,
    ?message: I,
    ?method: J,
    ?password: string,
    ?summary: K,
    ?tid: L,
    ?type: M,
    ?username: string,
) => int where C: Equatable

// Builds a Zenoss notification endpoint; the returned function takes `mapFn`, which turns each
// row into the event fields (`summary`, `device`, `severity`, ...), and sends one event per row.
// Output rows gain `_status` (HTTP status code) and `_sent` (`"true"` on a 2xx response).
@default("username", "\"\"")
@default("password", "\"\"")
@default("apiKey", "\"\"")
@default("action", "\"EventsRouter\"")
@default("method", "\"add_event\"")
@default("type", "\"rpc\"")
@default("tid", "1")
builtin endpoint : (
    url: string,
    ?action: A,
    ?apiKey: B,
    ?method: C,
    ?password: string,
    ?tid: D,
    ?type: E,
    ?username: string,
) => (mapFn: (r: F) => { O with summary: G, device: H, component: I, severity: J, eventClass: K, eventClassKey: L, collector: M, message: N, }) => (<-tables: stream[F]) => stream[{F with _status: string, _sent: string}]
    where
    B: Equatable
