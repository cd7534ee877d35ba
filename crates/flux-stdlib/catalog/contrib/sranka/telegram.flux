// Functions for sending messages to Telegram channels through the Telegram Bot API, using a bot
// token and a channel ID.
package telegram

// The Telegram Bot API base URL used when no `url` is passed; the bot token is appended to it.
// Defaults to `https://api.telegram.org/bot`; change it with `option telegram.defaultURL = ...`.
@option()
builtin defaultURL : string

// The message text parse mode used when no `parseMode` is passed. Defaults to `MarkdownV2`;
// change it with `option telegram.defaultParseMode = ...`.
@option()
builtin defaultParseMode : string

// Whether link previews are turned off when no `disableWebPagePreview` is passed. Defaults to
// `false`; change it with `option telegram.defaultDisableWebPagePreview = ...`.
@option()
builtin defaultDisableWebPagePreview : bool

// Whether messages are sent without a notification sound when no `silent` is passed. Defaults to
// `true`; change it with `option telegram.defaultSilent = ...`.
@option()
builtin defaultSilent : bool

// Sends one message (`text`) to a Telegram `channel` with the bot's `token`, via the Bot API
// `sendMessage` method. Returns the HTTP status code.
@sideEffect()
@default("url", "defaultURL")
@default("parseMode", "defaultParseMode")
@default("disableWebPagePreview", "defaultDisableWebPagePreview")
@default("silent", "defaultSilent")
builtin message : (
    channel: A,
    text: B,
    token: string,
    ?disableWebPagePreview: C,
    ?parseMode: D,
    ?silent: E,
    ?url: string,
) => int

// Returns a notification endpoint that sends one Telegram message per input row. The returned
// function takes `mapFn`, which builds a record with `channel`, `text` and `silent` from each
// row; output rows gain `_status` (HTTP status code) and `_sent` (`"true"` on a 2xx) columns.
@default("url", "defaultURL")
@default("parseMode", "defaultParseMode")
@default("disableWebPagePreview", "defaultDisableWebPagePreview")
builtin endpoint : (
    token: string,
    ?disableWebPagePreview: A,
    ?parseMode: B,
    ?url: string,
) => (mapFn: (r: C) => {G with channel: D, text: E, silent: F}) => (<-tables: stream[C]) => stream[{C with _status: string, _sent: string}]
