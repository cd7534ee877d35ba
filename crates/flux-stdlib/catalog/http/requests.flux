// Functions for making HTTP requests (GET, POST and other methods) and inspecting the responses.
package requests

// Internal helper: the empty request body used as the default `body`; not meant for direct use.
builtin _emptyBody : bytes

// The request settings used when no `config` is passed: `timeout` (default `0s`, no timeout) and
// `insecureSkipVerify` (default `false`). Setting `option requests.defaultConfig = ...` changes
// every request made through this package; pass `config` to change a single request.
@option()
builtin defaultConfig : {timeout: duration, insecureSkipVerify: bool}

// Internal helper that performs the request for `do`, `get` and `post`; not for direct use.
builtin _do : (
    config: {A with insecureSkipVerify: bool, timeout: duration},
    method: string,
    url: string,
    ?body: bytes,
    ?headers: [string:string],
    ?params: [string:[string]],
) => {duration: duration, headers: [string:string], body: bytes, statusCode: int}

// Sends an HTTP request with the given `method` (DELETE, GET, HEAD, PATCH, POST or PUT) to `url`.
// `params` are URL-encoded into the query string. Returns a record with `statusCode`, `body`
// (at most 100MB is read), response `headers` and the request `duration`.
@sideEffect()
@default("params", "[:]")
@default("headers", "[:]")
@default("body", "_emptyBody")
@default("config", "defaultConfig")
builtin do : (
    method: string,
    url: string,
    ?body: bytes,
    ?config: {A with insecureSkipVerify: bool, timeout: duration},
    ?headers: [string:string],
    ?params: [string:[string]],
) => {duration: duration, headers: [string:string], body: bytes, statusCode: int}

// Sends an HTTP POST request to `url`; the same as `do` with `method: "POST"`. Returns a record
// with `statusCode`, `body`, `headers` and `duration`.
@sideEffect()
@default("params", "[:]")
@default("headers", "[:]")
@default("body", "_emptyBody")
@default("config", "defaultConfig")
builtin post : (
    url: string,
    ?body: bytes,
    ?config: {A with insecureSkipVerify: bool, timeout: duration},
    ?headers: [string:string],
    ?params: [string:[string]],
) => {duration: duration, headers: [string:string], body: bytes, statusCode: int}

// Sends an HTTP GET request to `url`; the same as `do` with `method: "GET"`. Returns a record
// with `statusCode`, `body`, `headers` and `duration`.
@sideEffect()
@default("params", "[:]")
@default("headers", "[:]")
@default("body", "_emptyBody")
@default("config", "defaultConfig")
builtin get : (
    url: string,
    ?body: bytes,
    ?config: {A with insecureSkipVerify: bool, timeout: duration},
    ?headers: [string:string],
    ?params: [string:[string]],
) => {duration: duration, headers: [string:string], body: bytes, statusCode: int}

// Turns an HTTP `response` record into a one-row table for inspection, with `statusCode`,
// `body` as a string, `headers` as a string and `duration` in nanoseconds.
builtin peek : (
    response: {E with duration: A, headers: B, body: C, statusCode: D},
) => stream[{statusCode: D, body: string, headers: string, duration: int}]
