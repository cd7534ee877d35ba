// Experimental functions for reading data from InfluxDB IOx storage, either by measurement or
// with SQL.
package iox

// Reads a `measurement` from an IOx `bucket` as a source. Rows are pivoted on `_time`, with one
// column per returned tag and field.
builtin from : (bucket: string, measurement: string) => stream[{A with _time: time}] where A: Record

// Runs the SQL `query` against an IOx `bucket` and returns the result as a stream of tables.
builtin sql : (bucket: string, query: string) => stream[A] where A: Record

// Converts the duration `d` into an SQL interval string with spelled-out units, such as
// `"1 hours 30 minutes"`. Only positive durations give a valid SQL interval.
builtin sqlInterval : (d: A) => string
