// A function for fetching annotated CSV over HTTP. Deprecated: use `http/requests` with the
// standard `csv` package instead.
package csv

// Downloads annotated CSV from `url` with an HTTP GET and decodes it into a stream of tables.
// Deprecated: use `requests.get` and pass the response body to `csv.from` instead.
@deprecated("0.173.0", "http/requests.get", "csv.from")
builtin from : (url: string) => stream[A] where A: Record
