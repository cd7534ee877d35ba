// Functions returning `start`/`stop` time ranges for calendar periods relative to `now()`, such as
// yesterday, last Monday, this week or a given month; handy as `range()` bounds.
package boundaries

// Returns a `{start, stop}` record spanning the whole previous day, from midnight to midnight.
builtin yesterday : () => {start: time, stop: time}

// Internal helper that finds the most recent given weekday for the day and week functions.
@default("offset", "0h")
builtin _day_finder : (func: (s: time) => A, td: int, ?offset: duration) => A

// Internal helper that turns a day's start time into a one-day `{start, stop}` record.
builtin _day_formatter : (s: A) => {start: A, stop: time} where A: Timeable

// Internal helper that turns a week's start time into a one-week `{start, stop}` record.
builtin _week_formatter : (s: A) => {start: A, stop: time} where A: Timeable

// Returns a `{start, stop}` record spanning the whole of last Monday.
// When today is Monday, the Monday one week earlier is used.
builtin monday : () => {start: time, stop: time}

// Returns a `{start, stop}` record spanning the whole of last Tuesday.
// When today is Tuesday, the Tuesday one week earlier is used.
builtin tuesday : () => {start: time, stop: time}

// Returns a `{start, stop}` record spanning the whole of last Wednesday.
// When today is Wednesday, the Wednesday one week earlier is used.
builtin wednesday : () => {start: time, stop: time}

// Returns a `{start, stop}` record spanning the whole of last Thursday.
// When today is Thursday, the Thursday one week earlier is used.
builtin thursday : () => {start: time, stop: time}

// Returns a `{start, stop}` record spanning the whole of last Friday.
// When today is Friday, the Friday one week earlier is used.
builtin friday : () => {start: time, stop: time}

// Returns a `{start, stop}` record spanning the whole of last Saturday.
// When today is Saturday, the Saturday one week earlier is used.
builtin saturday : () => {start: time, stop: time}

// Returns a `{start, stop}` record spanning the whole of last Sunday.
// When today is Sunday, the Sunday one week earlier is used.
builtin sunday : () => {start: time, stop: time}

// Returns a `{start, stop}` record covering the current calendar month, or the month
// `month_offset` months away (e.g. `-1` for last month).
@default("month_offset", "0")
builtin month : (?month_offset: int) => {start: time, stop: time}

// Returns a `{start, stop}` record covering the current week, starting on Monday unless
// `start_sunday` is `true`. `week_offset` shifts it by whole weeks (e.g. `-1` for last week).
@default("week_offset", "0")
@default("start_sunday", "false")
builtin week : (?start_sunday: bool, ?week_offset: int) => {start: time, stop: time}
