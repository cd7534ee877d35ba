// Deprecated helpers returning `{start, stop}` time bounds for days, weeks and months relative to
// `now()`. The package moved to `experimental/date/boundaries`; its functions now raise an error.
package boundaries

// Returns `start` and `stop` bounds for yesterday: from midnight one day before today up to today's
// midnight. Now always fails with an error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.yesterday` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.yesterday")
builtin yesterday : () => {start: time, stop: time}

// Internal helper that finds the most recent past weekday `td` before today (shifted by `offset`)
// and passes its midnight to `func`; not meant to be called directly.
// Deprecated: use `boundaries._day_finder` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries._day_finder")
@default("offset", "0h")
builtin _day_finder : (func: (s: time) => A, td: int, ?offset: duration) => A

// Internal helper that turns a start time into a one-day `{start, stop}` record.
// Deprecated: use `boundaries._day_formatter` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries._day_formatter")
builtin _day_formatter : (s: A) => {start: A, stop: time} where A: Timeable

// Internal helper that turns a start time into a one-week `{start, stop}` record.
// Deprecated: use `boundaries._week_formatter` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries._week_formatter")
builtin _week_formatter : (s: A) => {start: A, stop: time} where A: Timeable

// Returns `start` and `stop` bounds for last Monday (the previous one if today is Monday).
// Now always fails with an error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.monday` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.monday")
builtin monday : () => {start: time, stop: time}

// Returns `start` and `stop` bounds for last Tuesday (the previous one if today is Tuesday).
// Now always fails with an error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.tuesday` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.tuesday")
builtin tuesday : () => {start: time, stop: time}

// Returns `start` and `stop` bounds for last Wednesday (the previous one if today is Wednesday).
// Now always fails with an error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.wednesday` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.wednesday")
builtin wednesday : () => {start: time, stop: time}

// Returns `start` and `stop` bounds for last Thursday (the previous one if today is Thursday).
// Now always fails with an error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.thursday` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.thursday")
builtin thursday : () => {start: time, stop: time}

// Returns `start` and `stop` bounds for last Friday (the previous one if today is Friday).
// Now always fails with an error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.friday` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.friday")
builtin friday : () => {start: time, stop: time}

// Returns `start` and `stop` bounds for last Saturday (the previous one if today is Saturday).
// Now always fails with an error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.saturday` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.saturday")
builtin saturday : () => {start: time, stop: time}

// Returns `start` and `stop` bounds for last Sunday (the previous one if today is Sunday).
// Now always fails with an error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.sunday` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.sunday")
builtin sunday : () => {start: time, stop: time}

// Returns `start` and `stop` bounds of the current calendar month, moved by `month_offset` months
// (e.g. -1 for last month). Now always fails with an error pointing to
// `experimental/date/boundaries`.
// Deprecated: use `boundaries.month` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.month")
@default("month_offset", "0")
builtin month : (?month_offset: int) => {start: time, stop: time}

// Returns `start` and `stop` bounds of the seven days starting on the most recent Monday before
// today (Sunday if `start_sunday` is true), moved by `week_offset` weeks. Now always fails with an
// error pointing to `experimental/date/boundaries`.
// Deprecated: use `boundaries.week` from `experimental/date/boundaries` instead.
@deprecated("0.177.1", "experimental/date/boundaries.week")
@default("week_offset", "0")
@default("start_sunday", "false")
builtin week : (?start_sunday: bool, ?week_offset: int) => {start: time, stop: time}
