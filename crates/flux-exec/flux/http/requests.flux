// HTTP requests from a script, on the engine's `_do`; they need --allow-net.
package requests

import "array"

builtin _do : (
        method: string,
        url: string,
        ?params: [string:[string]],
        ?headers: [string:string],
        ?body: bytes,
        config: {A with timeout: duration, insecureSkipVerify: bool},
    ) => {statusCode: int, body: bytes, headers: [string:string], duration: duration}

// No timeout (0s) and certificates verified, unless a script sets the option.
option defaultConfig = {timeout: 0s, insecureSkipVerify: false}

_emptyBody = bytes(v: "")

do = (method, url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    _do(method: method, url: url, params: params, headers: headers, body: body, config: config)

get = (url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    do(method: "GET", url: url, params: params, headers: headers, body: body, config: config)

post = (url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    do(method: "POST", url: url, params: params, headers: headers, body: body, config: config)

// A response as a one-row table, for looking at it.
peek = (response) =>
    array.from(
        rows: [
            {
                statusCode: response.statusCode,
                body: string(v: response.body),
                headers: display(v: response.headers),
                duration: int(v: response.duration),
            },
        ],
    )
