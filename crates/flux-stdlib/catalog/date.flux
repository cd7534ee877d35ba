// Date and time helpers: extract calendar parts of a time, shift and truncate times, plus weekday
// and month constants.
package date

// Returns the seconds part (0-59) of `t`, which may be a time, an integer, or a duration relative
// to `now()`.
builtin second : (t: T) => int where T: Timeable

// Internal helper behind `time`; not meant to be called directly.
builtin _time : (location: {offset: duration, zone: string}, t: T) => time where T: Timeable

// Returns `t` as an absolute time; a duration is resolved relative to `now()` in the `location`
// timezone (default: the `location` option).
@default("location", "location")
builtin time : (t: A, ?location: {offset: duration, zone: string}) => time where A: Timeable

// Internal helper behind `minute`; not meant to be called directly.
builtin _minute : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the minute (0-59) of `t` in the `location` timezone (default: the `location` option).
// `t` may be a time, an integer, or a duration relative to `now()`.
@default("location", "location")
builtin minute : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Internal helper behind `hour`; not meant to be called directly.
builtin _hour : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the hour (0-23) of `t` in the `location` timezone (default: the `location` option).
// `t` may be a time, an integer, or a duration relative to `now()`.
@default("location", "location")
builtin hour : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Internal helper behind `weekDay`; not meant to be called directly.
builtin _weekDay : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the day of the week of `t`, from 0 (Sunday) to 6 (Saturday), in the `location` timezone.
// Compare against constants such as `date.Monday`.
@default("location", "location")
builtin weekDay : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Internal helper behind `monthDay`; not meant to be called directly.
builtin _monthDay : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the day of the month (1-31) of `t` in the `location` timezone (default: the `location`
// option).
@default("location", "location")
builtin monthDay : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Internal helper behind `yearDay`; not meant to be called directly.
builtin _yearDay : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the day of the year (1-366, counting leap days) of `t` in the `location` timezone.
@default("location", "location")
builtin yearDay : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Internal helper behind `month`; not meant to be called directly.
builtin _month : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the month (1 for January to 12 for December) of `t` in the `location` timezone.
@default("location", "location")
builtin month : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Internal helper behind `year`; not meant to be called directly.
builtin _year : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the calendar year of `t` in the `location` timezone (default: the `location` option).
@default("location", "location")
builtin year : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Internal helper behind `week`; not meant to be called directly.
builtin _week : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the ISO 8601 week number (1-53) of `t` in the `location` timezone.
@default("location", "location")
builtin week : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Internal helper behind `quarter`; not meant to be called directly.
builtin _quarter : (location: {offset: duration, zone: string}, t: T) => int where T: Timeable

// Returns the quarter of the year (1-4) that `t` falls in, using the `location` timezone.
@default("location", "location")
builtin quarter : (t: A, ?location: {offset: duration, zone: string}) => int where A: Timeable

// Returns the milliseconds part (0-999) of `t`'s sub-second fraction.
builtin millisecond : (t: T) => int where T: Timeable

// Returns the sub-second part of `t` in microseconds (0-999999).
builtin microsecond : (t: T) => int where T: Timeable

// Returns the sub-second part of `t` in nanoseconds (0-999999999).
builtin nanosecond : (t: T) => int where T: Timeable

// Internal helper behind `add`; not meant to be called directly.
builtin _add : (
    d: duration,
    location: {offset: duration, zone: string},
    to: T,
) => time where T: Timeable

// Returns the time obtained by adding duration `d` to `to`; calendar units such as months are
// applied in the `location` timezone (default: the `location` option).
@default("location", "location")
builtin add : (
    d: duration,
    to: A,
    ?location: {offset: duration, zone: string},
) => time where A: Timeable

// Internal helper behind `sub`; not meant to be called directly.
builtin _sub : (
    d: duration,
    from: T,
    location: {offset: duration, zone: string},
) => time where T: Timeable

// Returns the time obtained by subtracting duration `d` from `from`; calendar units are applied in
// the `location` timezone (default: the `location` option).
@default("location", "location")
builtin sub : (
    d: duration,
    from: A,
    ?location: {offset: duration, zone: string},
) => time where A: Timeable

// Internal helper behind `truncate`; not meant to be called directly.
builtin _truncate : (
    location: {offset: duration, zone: string},
    t: T,
    unit: duration,
) => time where T: Timeable

// Rounds `t` down to a whole `unit`, written as one of a unit such as `1s`, `1h`, `1d` or `1mo`.
// Boundaries are computed in the `location` timezone (default: the `location` option).
@default("location", "location")
builtin truncate : (
    t: A,
    unit: duration,
    ?location: {offset: duration, zone: string},
) => time where A: Timeable

// Returns duration `d` multiplied by `n`; each unit of a mixed duration such as `1mo1h` is scaled.
builtin scale : (d: duration, n: int) => duration

// Sunday as a `weekDay` result: 0.
builtin Sunday : int

// Monday as a `weekDay` result: 1.
builtin Monday : int

// Tuesday as a `weekDay` result: 2.
builtin Tuesday : int

// Wednesday as a `weekDay` result: 3.
builtin Wednesday : int

// Thursday as a `weekDay` result: 4.
builtin Thursday : int

// Friday as a `weekDay` result: 5.
builtin Friday : int

// Saturday as a `weekDay` result: 6.
builtin Saturday : int

// January as a `month` result: 1.
builtin January : int

// February as a `month` result: 2.
builtin February : int

// March as a `month` result: 3.
builtin March : int

// April as a `month` result: 4.
builtin April : int

// May as a `month` result: 5.
builtin May : int

// June as a `month` result: 6.
builtin June : int

// July as a `month` result: 7.
builtin July : int

// August as a `month` result: 8.
builtin August : int

// September as a `month` result: 9.
builtin September : int

// October as a `month` result: 10.
builtin October : int

// November as a `month` result: 11.
builtin November : int

// December as a `month` result: 12.
builtin December : int
