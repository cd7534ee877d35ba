// Internal time constants for InfluxQL compatibility: its zero time and the range of timestamps
// it can represent. Mainly used by the InfluxQL conformance tests.
package influxql

// The Unix epoch, `1970-01-01T00:00:00Z`, which InfluxQL treats as time zero.
builtin epoch : time

// The earliest timestamp InfluxQL can represent, `1677-09-21T00:12:43.145224194Z`.
builtin minTime : time

// The latest timestamp InfluxQL can represent, `2262-04-11T23:47:16.854775806Z`.
builtin maxTime : time
