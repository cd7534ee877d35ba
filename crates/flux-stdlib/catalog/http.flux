// Functions for sending data over HTTP: POST requests, notification endpoints, basic-auth headers
// and URL path escaping.
package http

// Sends an HTTP POST request to `url` with optional `headers` (a record) and `data` body, and
// returns the response status code as an integer.
@sideEffect()
builtin post : (url: string, ?data: bytes, ?headers: A) => int where A: Record

// Returns an HTTP basic authentication header value, "Basic " followed by the Base64 encoding of
// the username `u` and password `p`.
builtin basicAuth : (p: string, u: string) => string

// Returns `inputString` escaped for use as a URL path segment: `/` and other special or non-ASCII
// characters become `%XX` sequences.
builtin pathEscape : (inputString: string) => string

// Returns a notification endpoint that POSTs one request per input row to `url`, with `headers` and
// `data` built by `mapFn`. Rows gain `_status` and `_sent` ("true" only for status 200), and the
// group key is extended with `_sent`.
builtin endpoint : (
    url: string,
) => (mapFn: (r: A) => {C with headers: B, data: bytes}) => (<-tables: stream[A]) => stream[{A with _status: string, _sent: string}]
    where
    B: Record
