// Tools for analysing event-based data, such as how long each state or event lasted.
package events

// Computes how long each event lasts: the time from each row to the next, stored as an integer
// count of `unit` in a new `columnName` column (default `duration`). The last row is measured up
// to `stop` if given, otherwise to the time in `stopColumn`. No rows are dropped.
@default("unit", "1ns")
@default("columnName", "\"duration\"")
@default("timeColumn", "\"_time\"")
@default("stopColumn", "\"_stop\"")
builtin duration : (
    <-tables: stream[A],
    ?columnName: string,
    ?stop: time,
    ?stopColumn: string,
    ?timeColumn: string,
    ?unit: duration,
) => stream[B] where A: Record, B: Record
