// Sends incident events to VictorOps (now Splunk On-Call) through its REST endpoint integration.
package victorops

// Sends one event to a VictorOps REST integration `url` and returns the HTTP status code.
// `messageType` sets the alert behaviour (`CRITICAL`, `WARNING` or `INFO`); `timestamp` is the
// incident start time (default `now()`), sent in whole seconds.
@sideEffect()
@default("entityID", "\"\"")
@default("entityDisplayName", "\"\"")
@default("stateMessage", "\"\"")
@default("timestamp", "now()")
@default("monitoringTool", "\"InfluxDB\"")
builtin alert : (
    messageType: A,
    url: string,
    ?entityDisplayName: B,
    ?entityID: C,
    ?monitoringTool: D,
    ?stateMessage: E,
    ?timestamp: F,
) => int

// Returns a notification endpoint that sends one VictorOps event per input row.
// The returned function takes a `mapFn` building the event fields from each row, and adds
// `_status` (HTTP status code) and `_sent` (`"true"` on a 2xx response) columns to the output.
@default("monitoringTool", "\"InfluxDB\"")
builtin endpoint : (
    url: string,
    ?monitoringTool: A,
) => (mapFn: (r: B) => { H with messageType: C, entityID: D, entityDisplayName: E, stateMessage: F, timestamp: G, }) => (<-tables: stream[B]) => stream[{B with _status: string, _sent: string}]
