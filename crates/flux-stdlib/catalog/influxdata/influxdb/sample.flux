// Load InfluxData's public sample data sets (air sensors, bird migration, NOAA, USGS and more)
// as Flux tables, and list the sets that are available.
package sample

// Internal table of the known sample data sets, keyed by name, with each set's CSV `url`,
// description, approximate size and whether it is `live` or `static`.
builtin _sets : [string:{url: string, desc: string, size: string, type: string}]

// Internal helper that looks up one sample data set by name for `data` and `list`; unknown names
// give empty strings.
builtin _setInfo : (
    set: string,
) => { name: string, description: string, url: string, size: string, type: string, }

// Downloads the sample data set named `set` (for example `"airSensor"`) and returns it as tables.
// Fails with an error for unknown names; see `list` for the valid ones.
builtin data : (set: string) => stream[A] where A: Record

// Returns a table with one row per available sample data set: its `name`, `description`, `url`,
// `size` and `type` (`live` or `static`).
builtin list : (
) => stream[{ name: string, description: string, url: string, size: string, type: string, }]

// Shifts all `_time` values by one offset so that the last timestamp (taken from the first
// table) becomes `now()`; handy for writing old static sample data within a retention period.
builtin alignToNow : (<-tables: stream[A]) => stream[A] where A: Record
