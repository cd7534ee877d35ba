// Functions for turning alert levels into BigPanda statuses and sending alerts to the BigPanda API.
package bigpanda

// The BigPanda alerts API URL used when no `url` is given, initially
// `https://api.bigpanda.io/data/v2/alerts`; set it with an `option` statement to change it.
@option()
builtin defaultUrl : string

// The authentication scheme placed before the token in the `Authorization` header, `Bearer` by
// default; override it with an `option` statement if your BigPanda setup needs another scheme.
@option()
builtin defaultTokenPrefix : string

// Returns the BigPanda status for an alert `level`, matched case-insensitively: `warn` gives
// `warning`, `info` and `ok` give `ok`, and `crit` or any other level gives `critical`.
builtin statusFromLevel : (level: string) => string

// Sends one alert to BigPanda by POSTing `rec` with `app_key` and `status` added, authenticated
// with `token`, and returns the HTTP status code of the response.
@sideEffect()
builtin sendAlert : (appKey: A, rec: B, status: C, token: string, url: string) => int

// Builds a BigPanda notification endpoint; the returned function takes `mapFn`, which turns each
// row into an alert record including `status`, and sends one alert per row.
// Output rows gain `_status` (HTTP status code) and `_sent` (`"true"` on a 2xx response).
@default("url", "defaultUrl")
builtin endpoint : (
    appKey: A,
    token: string,
    ?url: string,
) => (mapFn: (r: B) => {D with status: C}) => (<-tables: stream[B]) => stream[{B with _status: string, _sent: string}]
