// Query a Loki (or qryn) log store with LogQL over its HTTP API and get the results as tables.
package logql

// The base URL of the Loki/qryn server that `query_range` calls unless `url` is given;
// `http://127.0.0.1:3100` by default, usually changed with `option logql.defaultURL = ...`.
@option()
builtin defaultURL : string

// The HTTP path of the LogQL range-query endpoint appended to the server URL;
// `/loki/api/v1/query_range` by default. Override it with `option` for non-standard servers.
@option()
builtin defaultAPI : string

// Runs the LogQL `query` between `start` (default `-1h`) and `end` (default `now()`) and returns
// the result parsed as CSV in raw mode, so every column is a string. `limit` caps the results
// (default 100), `step` is the resolution in seconds, and `orgid` sets the tenant header.
@default("url", "defaultURL")
@default("path", "defaultAPI")
@default("limit", "100")
@default("step", "10")
@default("start", "-1h")
@default("end", "now()")
@default("orgid", "\"\"")
builtin query_range : (
    query: string,
    ?end: A,
    ?limit: B,
    ?orgid: string,
    ?path: string,
    ?start: C,
    ?step: D,
    ?url: string,
) => stream[E] where A: Timeable, B: Stringable, C: Timeable, D: Stringable, E: Record
