// Reading data from TCP or Unix socket connections into Flux tables.
package socket

// Connects to a `tcp://` or `unix://` `url` and returns everything received until the connection
// closes as tables, parsed with `decoder`: `csv` (annotated CSV, the default) or `line`
// (line protocol).
builtin from : (url: string, ?decoder: string) => stream[A]
