// Experimental HTTP client functions for making requests and inspecting responses.
// Deprecated: use the `http/requests` package instead (its `defaultConfig` is separate).
package requests

// Internal helper: the empty byte body used as the default `body` of requests.
// Deprecated: use `requests._emptyBody` from `http/requests` instead.
@deprecated("0.173.0", "http/requests._emptyBody")
builtin _emptyBody : bytes

// The default request settings of this package: `timeout` (`0s` means no timeout) and
// `insecureSkipVerify` (skip TLS checks, `false`). Change it with `option` or pass `config`.
// Deprecated: use `requests.defaultConfig` from `http/requests` instead.
@option()
@deprecated("0.173.0", "http/requests.defaultConfig")
builtin defaultConfig : {timeout: duration, insecureSkipVerify: bool}

// Internal helper that performs the HTTP request behind `do`, `get` and `post`;
// not meant to be called directly.
// Deprecated: use `requests._do` from `http/requests` instead.
@deprecated("0.173.0", "http/requests._do")
builtin _do : (
    config: {A with insecureSkipVerify: bool, timeout: duration},
    method: string,
    url: string,
    ?body: bytes,
    ?headers: [string:string],
    ?params: [string:[string]],
) => {duration: duration, headers: [string:string], body: bytes, statusCode: int}

// Sends an HTTP request with the given `method` to `url`, adding `params` as query parameters,
// and returns a record with `statusCode`, `headers`, `body` (bytes) and `duration`.
// Deprecated: use `requests.do` from `http/requests` instead.
@sideEffect()
@deprecated("0.173.0", "http/requests.do")
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

// Sends an HTTP POST request to `url`; same as `do` with `method: "POST"`.
// Deprecated: use `requests.post` from `http/requests` instead.
@sideEffect()
@deprecated("0.173.0", "http/requests.post")
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

// Sends an HTTP GET request to `url`; same as `do` with `method: "GET"`.
// Deprecated: use `requests.get` from `http/requests` instead.
@sideEffect()
@deprecated("0.173.0", "http/requests.get")
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

// Turns an HTTP `response` into a one-row table showing its status code, body and headers as
// strings and its duration as integer nanoseconds. Deprecated: use `requests.peek` instead.
@deprecated("0.173.0", "http/requests.peek")
builtin peek : (
    response: {E with duration: A, headers: B, body: C, statusCode: D},
) => stream[{statusCode: D, body: string, headers: string, duration: int}]
