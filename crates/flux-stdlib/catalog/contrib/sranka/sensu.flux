// Sends events to the Sensu Go events API, authenticating with a Sensu API key.
package sensu

// Returns `v` with every character other than letters, digits, `_`, `.` and `-` replaced by `_`.
builtin toSensuName : (v: string) => string

// Posts one check event to the Sensu events API under `url` in the given `namespace`.
// `text` becomes the check output; `state` defaults to `passing` when `status` is 0 and `failing`
// otherwise. Check and entity names are sanitized with `toSensuName`. Returns the HTTP status code.
@sideEffect()
@default("handlers", "[]")
@default("status", "0")
@default("state", "\"\"")
@default("namespace", "\"default\"")
@default("entityName", "\"influxdb\"")
builtin event : (
    apiKey: string,
    checkName: string,
    text: A,
    url: string,
    ?entityName: string,
    ?handlers: B,
    ?namespace: string,
    ?state: string,
    ?status: C,
) => int where C: Equatable

// Returns a notification endpoint: given a `mapFn` that builds `checkName`, `text` and `status`
// from a row, it sends one Sensu event per input row and adds `_sent` (`"true"` on a 2xx response).
@default("handlers", "[]")
@default("namespace", "\"default\"")
@default("entityName", "\"influxdb\"")
builtin endpoint : (
    apiKey: string,
    url: string,
    ?entityName: string,
    ?handlers: A,
    ?namespace: string,
) => (mapFn: (r: B) => {E with checkName: string, text: C, status: D}) => (<-tables: stream[B]) => stream[{B with _sent: string}]
    where
    D: Equatable
