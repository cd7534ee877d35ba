// Functions for querying a ClickHouse database over its HTTP interface and reading the results as
// tables.
package clickhouse

// The ClickHouse HTTP API URL that `query` uses when no `url` is given. Defaults to
// `http://127.0.0.1:8123`; override it with `option clickhouse.defaultURL = ...`.
@option()
builtin defaultURL : string

// Runs a ClickHouse `query` through the HTTP API and parses the CSV response into tables.
// `limit` caps the result rows (default 100), `max_bytes` the result size (default 10000000), and
// `format` sets the output format (default `CSVWithNames`).
@default("url", "defaultURL")
@default("limit", "100")
@default("cors", "\"1\"")
@default("max_bytes", "10000000")
@default("format", "\"CSVWithNames\"")
builtin query : (
    query: string,
    ?cors: string,
    ?format: string,
    ?limit: A,
    ?max_bytes: B,
    ?url: string,
) => stream[C] where A: Stringable, B: Stringable, C: Record
