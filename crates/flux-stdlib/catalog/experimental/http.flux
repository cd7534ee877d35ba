// Experimental HTTP client offering a single `get` function; superseded by the `http/requests`
// package.
package http

// Sends an HTTP GET request to `url` with optional `headers`, giving up after `timeout` (default
// `30s`). Returns a record with `statusCode`, `body` (bytes) and response `headers`.
// Deprecated: use `requests.get` instead.
@sideEffect()
@deprecated("0.173.0", "http/requests.get")
@default("timeout", "30s")
builtin get : (
    url: string,
    ?headers: A,
    ?timeout: duration,
) => {headers: B, body: bytes, statusCode: int} where A: Record, B: Record
