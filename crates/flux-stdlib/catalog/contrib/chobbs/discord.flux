// Functions for posting messages to Discord channels through Discord webhooks.
package discord

// The base Discord webhook URL that `send` appends the webhook ID and token to. Set it with
// `option discord.discordURL = ...`; the default is `https://discordapp.com/api/webhooks/`.
@option()
builtin discordURL : string

// Sends one message (`content`) to a Discord channel via the webhook named by `webhookID` and
// `webhookToken`. `username` and `avatar_url` override the webhook defaults. Returns the HTTP
// status code.
@sideEffect()
@default("avatar_url", "\"\"")
builtin send : (
    content: A,
    username: B,
    webhookID: string,
    webhookToken: string,
    ?avatar_url: C,
) => int

// Returns a notification endpoint that posts one Discord message per input row. The returned
// function takes `mapFn`, which builds a record with a `content` field from each row; output rows
// gain `_status` (HTTP status code) and `_sent` (`"true"` on a 2xx response) columns.
@default("avatar_url", "\"\"")
builtin endpoint : (
    username: A,
    webhookID: string,
    webhookToken: string,
    ?avatar_url: B,
) => (mapFn: (r: C) => {E with content: D}) => (<-tables: stream[C]) => stream[{C with _status: string, _sent: string}]
