// Send messages to Webex Teams rooms through the Webex REST API.
package webexteams

// Posts one message to the Webex room `roomId`, with a plain `text` and a `markdown` version,
// authenticating with the API `token`. Returns the HTTP status code of the request.
@sideEffect()
@default("url", "\"https://webexapis.com\"")
builtin message : (markdown: A, roomId: B, text: C, token: string, ?url: string) => int

// Builds a notification endpoint: given `token`, returns a function taking `mapFn`, which turns
// each row into `roomId`, `text` and `markdown` and sends it. Output rows gain `_status` (the HTTP
// code) and `_sent` (`"true"` for a 2xx response).
@default("url", "\"https://webexapis.com\"")
builtin endpoint : (
    token: string,
    ?url: string,
) => (mapFn: (r: A) => {E with roomId: B, text: C, markdown: D}) => (<-tables: stream[A]) => stream[{A with _status: string, _sent: string}]
