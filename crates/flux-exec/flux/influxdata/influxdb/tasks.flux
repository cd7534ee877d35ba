// The last time a task ran successfully, as InfluxDB's task scheduler sets it.
package tasks

import "internal/debug"

// Unset, the option is a null time, and `lastSuccess` falls back to `orTime`.
_zeroTime = debug.null(type: "time")

option lastSuccessTime = _zeroTime

builtin _lastSuccess : (orTime: T, lastSuccessTime: time) => time where T: Timeable

lastSuccess = (orTime) => _lastSuccess(orTime: orTime, lastSuccessTime: lastSuccessTime)
