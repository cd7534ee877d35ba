// Checks and notifications as InfluxDB's monitoring writes them: statuses and notifications
// go through the `write` and `log` options, which a script (or a test) may replace.
package monitor

import "experimental"
import "influxdata/influxdb"
import "influxdata/influxdb/v1"

bucket = "_monitoring"

option write = (tables=<-) => tables |> experimental.to(bucket: bucket)

option log = (tables=<-) => tables |> experimental.to(bucket: bucket)

levelOK = "ok"
levelInfo = "info"
levelWarn = "warn"
levelCrit = "crit"
levelUnknown = "unknown"

_read = (measurement, start, stop, fn) =>
    influxdb.from(bucket: bucket)
        |> range(start: start, stop: stop)
        |> filter(fn: (r) => r._measurement == measurement)
        |> filter(fn: fn)
        |> v1.fieldsAsCols()

logs = (start, stop=now(), fn) => _read(measurement: "notifications", start: start, stop: stop, fn: fn)

from = (start, stop=now(), fn=(r) => true) => _read(measurement: "statuses", start: start, stop: stop, fn: fn)

// Orders the statuses of each series by time and keeps the rows whose `rank` rose (or, when
// `changed`, moved at all) from the row before.
_transitions = (tables=<-, rank, changed) =>
    tables
        |> map(fn: (r) => ({r with level_value: rank(r: r)}))
        // `_level` moves to the end so that regrouping on it keeps the other columns in place.
        |> duplicate(column: "_level", as: "__monitor_level")
        |> drop(columns: ["_level"])
        |> rename(columns: {"__monitor_level": "_level"})
        |> sort(columns: ["_source_timestamp", "_time"], desc: false)
        |> difference(columns: ["level_value"])
        |> filter(fn: (r) => if changed then r.level_value != 0 else r.level_value == 1)
        |> drop(columns: ["level_value"])
        |> experimental.group(mode: "extend", columns: ["_level"])

stateChangesOnly = (tables=<-) =>
    tables
        |> _transitions(
            changed: true,
            rank: (r) =>
                if r._level == levelCrit then
                    4
                else if r._level == levelWarn then
                    3
                else if r._level == levelInfo then
                    2
                else if r._level == levelOK then
                    1
                else
                    0,
        )

stateChanges = (fromLevel="any", toLevel="any", tables=<-) =>
    if fromLevel == "any" and toLevel == "any" then
        tables |> stateChangesOnly()
    else
        tables
            |> _transitions(
                changed: false,
                rank: (r) =>
                    if (if toLevel == "any" then r._level != fromLevel and exists r._level else r._level == toLevel) then
                        1
                    else if (if fromLevel == "any" then r._level != toLevel and exists r._level else r._level == fromLevel) then
                        0
                    else
                        -10,
            )

notify = (tables=<-, endpoint, data) =>
    tables
        |> experimental.set(o: data)
        |> experimental.group(mode: "extend", columns: experimental.objectKeys(o: data))
        |> map(fn: (r) => ({r with _measurement: "notifications", _status_timestamp: int(v: r._time), _time: now()}))
        |> endpoint()
        |> experimental.group(mode: "extend", columns: ["_sent"])
        |> log()

deadman = (t, tables=<-) => tables |> max(column: "_time") |> map(fn: (r) => ({r with dead: r._time < t}))

check = (
    tables=<-,
    data,
    messageFn,
    crit=(r) => false,
    warn=(r) => false,
    info=(r) => false,
    ok=(r) => true,
) =>
    tables
        |> experimental.set(o: data.tags)
        |> experimental.group(mode: "extend", columns: experimental.objectKeys(o: data.tags))
        |> map(
            fn: (r) =>
                ({r with
                    _measurement: "statuses",
                    _source_measurement: r._measurement,
                    _type: data._type,
                    _check_id: data._check_id,
                    _check_name: data._check_name,
                    _level:
                        if crit(r: r) then
                            levelCrit
                        else if warn(r: r) then
                            levelWarn
                        else if info(r: r) then
                            levelInfo
                        else if ok(r: r) then
                            levelOK
                        else
                            levelUnknown,
                    _source_timestamp: int(v: r._time),
                    _time: now(),
                }),
        )
        |> map(fn: (r) => ({r with _message: messageFn(r: r)}))
        |> experimental.group(
            mode: "extend",
            columns: ["_source_measurement", "_type", "_check_id", "_check_name", "_level"],
        )
        |> write()
