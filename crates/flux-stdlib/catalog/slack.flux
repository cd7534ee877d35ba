// Sends messages to Slack channels through the `chat.postMessage` API or an incoming webhook.
package slack

// Returns `color` unchanged if it is `good`, `warning`, `danger` or a `#` hex color no larger
// than `#ffffff`; otherwise fails with an error.
builtin validateColorString : (color: string) => string

// The Slack API URL used when `url` is not passed; `https://slack.com/api/chat.postMessage` unless
// overridden with `option slack.defaultURL = ...`.
@option()
builtin defaultURL : string

// Posts `text` to `channel` as a Slack attachment with the given `color`, using `url` (default
// `defaultURL`) and an optional bearer `token`. Returns the HTTP status code.
@sideEffect()
@default("url", "defaultURL")
@default("token", "\"\"")
builtin message : (channel: A, color: string, text: B, ?token: string, ?url: string) => int

// Returns a notification endpoint: given a `mapFn` that builds `channel`, `text` and `color` from a
// row, it sends one Slack message per row and adds `_status` and `_sent` (`"true"` on 2xx).
@default("url", "defaultURL")
@default("token", "\"\"")
builtin endpoint : (
    ?token: string,
    ?url: string,
) => (mapFn: (r: A) => {D with channel: B, text: C, color: string}) => (<-tables: stream[A]) => stream[{A with _status: string, _sent: string}]
