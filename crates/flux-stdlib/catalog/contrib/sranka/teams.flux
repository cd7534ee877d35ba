// Functions for posting message cards to a Microsoft Teams channel through an incoming webhook.
package teams

// The maximum number of characters kept in a message card summary before it is truncated with
// `...`; defaults to `70` and can be changed with an `option` statement.
@option()
builtin summaryCutoff : int

// Posts one message card with `title` and `text` to the Teams incoming webhook at `url` and
// returns the HTTP status code. When `summary` is empty, the summary is derived from `text`.
@sideEffect()
@default("summary", "\"\"")
builtin message : (text: string, title: A, url: string, ?summary: string) => int

// Builds a Teams notification endpoint; the returned function takes `mapFn`, which maps each row
// to `title`, `text` and `summary`, and posts one message per row.
// Output rows gain `_status` (HTTP status code) and `_sent` (`"true"` on a 2xx response).
builtin endpoint : (
    url: string,
) => (mapFn: (r: A) => {C with title: B, text: string, summary: string}) => (<-tables: stream[A]) => stream[{A with _status: string, _sent: string}]
