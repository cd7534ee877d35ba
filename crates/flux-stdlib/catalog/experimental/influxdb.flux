// Experimental access to the InfluxDB HTTP API from within a Flux script.
package influxdb

// Sends an HTTP request with `method` to an InfluxDB API `path` and returns a record with the
// `statusCode`, response `headers` and raw `body` bytes. `host` and `token` are needed when the
// script runs outside InfluxDB; `timeout` defaults to 30s.
@default("host", "\"\"")
@default("token", "\"\"")
@default("timeout", "30s")
builtin api : (
    method: string,
    path: string,
    ?body: bytes,
    ?headers: [string:string],
    ?host: string,
    ?query: [string:string],
    ?timeout: duration,
    ?token: string,
) => {headers: [string:string], body: bytes, statusCode: int}
