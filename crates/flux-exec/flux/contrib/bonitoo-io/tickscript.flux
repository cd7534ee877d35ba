// Helpers that let a TICKscript's pipeline be written in Flux: checks, alerts and deadman
// checks through `monitor.check`, and selections, groupings and joins named as Kapacitor does.
package tickscript

import "experimental"
import "experimental/array"
import "influxdata/influxdb/monitor"
import "influxdata/influxdb/schema"
import "universe"

defineCheck = (id, name, type="custom") => ({_check_id: id, _check_name: name, _type: type, tags: {}})

alert = (
        check,
        id=(r) => "${r._check_id}",
        details=(r) => "",
        message=(r) => "Threshold Check: ${r._check_name} is: ${r._level}",
        crit=(r) => false,
        warn=(r) => false,
        info=(r) => false,
        ok=(r) => true,
        topic="",
        tables=<-,
    ) =>
    {
        // A topic becomes a column of the group key.
        withTopic = (tables=<-) =>
            if topic == "" then
                tables
            else
                tables
                    |> set(key: "_topic", value: topic)
                    |> experimental.group(mode: "extend", columns: ["_topic"])

        return
            tables
                |> drop(fn: (column) => column =~ /_start.*/ or column =~ /_stop.*/)
                |> map(fn: (r) => ({r with _check_id: check._check_id, _check_name: check._check_name}))
                |> map(fn: (r) => ({r with id: id(r: r)}))
                |> map(fn: (r) => ({r with details: details(r: r)}))
                |> withTopic()
                |> monitor.check(crit: crit, warn: warn, info: info, ok: ok, messageFn: message, data: check)
    }

deadman = (
        check,
        measurement,
        threshold=0,
        id=(r) => "${r._check_id}",
        message=(r) => "Deadman Check: ${r._check_name} is: " + (if r.dead then "dead" else "alive"),
        topic="",
        tables=<-,
    ) =>
    {
        // A placeholder row of the measurement, so that a measurement without data still
        // gives a table to count (of zero rows).
        placeholder =
            array.from(rows: [{_time: 2000-01-01T00:00:00Z, _field: "unknown", _value: 0}])
                |> set(key: "_measurement", value: measurement)
                |> experimental.group(columns: ["_measurement"], mode: "extend")
                |> schema.fieldsAsCols()
        counts =
            union(tables: [placeholder, tables])
                |> keep(columns: ["_measurement", "_time"])
                |> duplicate(column: "_measurement", as: "__value__")
                |> count(column: "__value__")
                |> findColumn(fn: (key) => key._measurement == measurement, column: "__value__")
        data =
            if counts[0] == 1 then
                placeholder
                    |> drop(columns: ["unknown"])
                    |> limit(n: 0)
            else
                tables

        return
            data
                |> duplicate(column: "_measurement", as: "__value__")
                |> count(column: "__value__")
                |> map(fn: (r) => ({r with _time: now()}))
                |> map(fn: (r) => ({r with dead: r.__value__ <= threshold}))
                |> drop(columns: ["__value__"])
                |> alert(check: check, id: id, message: message, crit: (r) => r.dead, topic: topic)
    }

// Applies `fn` to `column` and names the result `as`.
select = (column="_value", fn=(column, tables=<-) => tables, as, tables=<-) => {
    source = column
    target = as

    return
        tables
            |> fn(column: source)
            |> rename(fn: (column) => if column == source then target else column)
}

compute = select

// `select` on windows of `every`, empty windows taking `defaultValue`.
selectWindow = (column="_value", fn, as, every, defaultValue, tables=<-) => {
    source = column
    target = as

    return
        tables
            |> aggregateWindow(every: every, fn: fn, column: source, createEmpty: true)
            |> fill(column: source, value: defaultValue)
            |> rename(fn: (column) => if column == source then target else column)
}

// Groups by `columns`, keeping `_measurement` in the key.
groupBy = (columns, tables=<-) =>
    tables
        |> group(columns: columns)
        |> experimental.group(columns: ["_measurement"], mode: "extend")

// Joins streams on `on`, the result named `measurement`.
join = (tables, on=["_time"], measurement) =>
    universe.join(tables: tables, on: on)
        |> map(fn: (r) => ({r with _measurement: measurement}))
        |> experimental.group(columns: ["_measurement"], mode: "extend")
