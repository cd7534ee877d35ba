// Send push notifications through the Pushbullet API.
package pushbullet

// The Pushbullet API URL that pushes are posted to by default,
// `https://api.pushbullet.com/v2/pushes`; can be overridden with `option`.
@option()
builtin defaultURL : string

// Posts `data`, encoded as JSON, to the Pushbullet API using the access `token`, and returns
// the HTTP status code. Lower-level than `pushNote`; `data` describes the whole push.
@sideEffect()
@default("url", "defaultURL")
@default("token", "\"\"")
builtin pushData : (data: A, ?token: B, ?url: string) => int

// Sends a Pushbullet note push with the given `title` and `text` body, authenticated with
// `token`. Returns the HTTP status code.
@sideEffect()
@default("url", "defaultURL")
@default("token", "\"\"")
builtin pushNote : (text: A, title: B, ?token: C, ?url: string) => int

// Builds a notification endpoint: returns a function taking `mapFn`, which turns each row into a
// `title` and `text` and sends it as a note. Output rows gain `_status` (the HTTP code) and
// `_sent` (`"true"` for a 2xx response).
@default("url", "defaultURL")
@default("token", "\"\"")
builtin endpoint : (
    ?token: A,
    ?url: string,
) => (mapFn: (r: B) => {E with title: C, text: D}) => (<-tables: stream[B]) => stream[{B with _status: string, _sent: string}]
