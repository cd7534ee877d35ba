// Helpers for InfluxDB tasks, such as finding when the current task last completed successfully.
package tasks

// Internal sentinel (the zero time) marking `lastSuccessTime` as not set.
builtin _zeroTime : time

// The time of the task's last successful run. Normally set by the InfluxDB task system; when left
// unset it holds an internal zero-time sentinel.
@option()
builtin lastSuccessTime : time

// Internal helper behind `lastSuccess`; not meant to be called directly.
builtin _lastSuccess : (lastSuccessTime: time, orTime: T) => time where T: Timeable

// Returns the time of the task's last successful run (the `lastSuccessTime` option), or `orTime`
// if the task has never succeeded. Useful as a `range()` start.
builtin lastSuccess : (orTime: A) => time where A: Timeable
