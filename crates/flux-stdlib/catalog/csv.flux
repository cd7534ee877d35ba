// Reading CSV data, annotated or raw, into Flux tables.
package csv

// Reads CSV data, given inline as `csv` or as a `file` path, and returns it as a stream of tables.
// With `mode: "annotations"` (the default) column types come from the CSV annotations; with
// `mode: "raw"` every column is a string and the first row is the header.
@default("mode", "\"annotations\"")
builtin from : (?csv: string, ?file: string, ?mode: string) => stream[A] where A: Record
