// Experimental functions for reading an InfluxDB Cloud organization's usage data and usage limits.
package usage

// Returns InfluxDB Cloud usage data (HTTP request bytes, query counts, storage bytes) between
// `start` and `stop`. Set `raw: true` for high-resolution data instead of downsampled data;
// `host`, `orgID` and `token` target another organization. Fails on an error response.
@default("host", "\"\"")
@default("orgID", "\"\"")
@default("token", "\"\"")
@default("raw", "false")
builtin from : (
    start: A,
    stop: B,
    ?host: string,
    ?orgID: string,
    ?raw: C,
    ?token: string,
) => stream[D] where D: Record

// Returns a record of an InfluxDB Cloud organization's usage limits, such as read/write rates,
// cardinality and maximum bucket, task and check counts. Fails on an error response.
@default("host", "\"\"")
@default("orgID", "\"\"")
@default("token", "\"\"")
builtin limits : (?host: string, ?orgID: string, ?token: string) => A
