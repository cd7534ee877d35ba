//! Time windows: `window` (and `_window`, `experimental.window`), `aggregateWindow`,
//! `timedMovingAverage` and `hourSelection`.
//!
//! Window boundaries follow upstream's `interval` package: windows start at `offset` from the
//! epoch (less the location's fixed offset) every `every`, which is either months or
//! nanoseconds, never both; in a time zone they are laid out on the local clock and the
//! bounds converted back to instants. Upstream clips windows to the query's range; here the
//! range is what `range` left in the tables' `_start` and `_stop` key columns.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow_array::{Array, TimestampNanosecondArray};
use flux_syntax::calendar::civil_from_days;

use super::{Args, Builtin, Failure, duplicate_column, stream_of, take_rows};
use crate::eval::Evaluator;
use crate::plan;
use crate::table::{ColType, Column, ColumnBuilder, GroupKey, Table};
use crate::time::add_duration;
use crate::tz::Location;
use crate::value::{DictKey, Duration, Stream, Value};

pub(super) static BUILTINS: &[Builtin] = &[
    Builtin { package: "experimental", name: "_window", run: window },
    Builtin { package: "experimental", name: "window", run: window },
    Builtin { package: "universe", name: "_fillEmpty", run: fill_empty_tables },
    Builtin { package: "universe", name: "_hourSelection", run: hour_selection },
    Builtin { package: "universe", name: "_window", run: window },
    Builtin { package: "universe", name: "aggregateWindow", run: aggregate_window },
    Builtin { package: "universe", name: "hourSelection", run: hour_selection },
    Builtin { package: "universe", name: "timedMovingAverage", run: timed_moving_average },
    Builtin { package: "universe", name: "window", run: window },
];

/// `inf`: the longest duration, which as a window's `every` puts all rows in one window.
pub(super) fn inf() -> Value {
    Value::Duration(Duration::from_nanos(i64::MAX))
}

const NANOS_PER_DAY: i64 = 86_400_000_000_000;
/// More windows than this for one table is taken as a mistake rather than computed.
const MAX_WINDOWS: usize = 10_000_000;

#[derive(Clone, Copy, Debug, PartialEq)]
struct Bounds {
    start: i64,
    stop: i64,
    index: i64,
}

impl Bounds {
    fn new(start: i64, stop: i64) -> Bounds {
        Bounds { start, stop, index: 0 }
    }

    fn is_empty(&self) -> bool {
        self.start >= self.stop
    }

    fn contains(&self, t: i64) -> bool {
        t >= self.start && t < self.stop
    }

    fn overlaps(&self, o: &Bounds) -> bool {
        self.contains(o.start) || (self.contains(o.stop) && o.stop > self.start) || o.contains(self.start)
    }

    /// The overlap with `o`; the bounds themselves when there is none (as upstream).
    fn intersect(&self, o: &Bounds) -> Bounds {
        if self.is_empty() || o.is_empty() || !self.overlaps(o) {
            return Bounds::new(self.start, self.stop);
        }
        Bounds::new(self.start.max(o.start), self.stop.min(o.stop))
    }
}

/// `d` times `k`.
fn times(d: &Duration, k: i64) -> Option<Duration> {
    Some(Duration {
        months: d.months.checked_mul(k.checked_abs()?)?,
        nanos: d.nanos.checked_mul(k.checked_abs()?)?,
        negative: k != 0 && (d.negative != (k < 0)),
    })
}

fn add(t: i64, d: &Duration) -> Result<i64, Failure> {
    add_duration(t, d).ok_or_else(|| Failure::from("a window bound is outside the times Flux can hold"))
}

/// Months from the epoch to the month of `t` (in UTC).
fn months_since(t: i64) -> i64 {
    let (year, month, _) = civil_from_days(t.div_euclid(NANOS_PER_DAY));
    (year - 1970) * 12 + i64::from(month) - 1
}

/// Whether `a`'s day of the month and time of day come before `b`'s.
fn before_within_month(a: i64, b: i64) -> bool {
    let day_and_time = |t: i64| (civil_from_days(t.div_euclid(NANOS_PER_DAY)).2, t.rem_euclid(NANOS_PER_DAY));
    day_and_time(a) < day_and_time(b)
}

/// The window layout.
struct Windows {
    every: Duration,
    period: Duration,
    zero: i64,
    zero_months: i64,
    location: Location,
}

impl Windows {
    fn new(every: Duration, period: Duration, offset: Duration, location: Zone) -> Result<Windows, Failure> {
        if every.is_zero() {
            return Err("duration used as an interval cannot be zero".into());
        }
        if every.months != 0 && every.nanos != 0 {
            return Err("duration used as an interval cannot mix month and nanosecond units".into());
        }
        if every.negative {
            return Err("duration used as an interval cannot be negative".into());
        }
        let Zone { zone: location, offset: shift } = location;
        let back = Duration { negative: !shift.negative && !shift.is_zero(), ..shift };
        let zero = add(add(0, &back)?, &offset)?;
        Ok(Windows { every, period, zero, zero_months: months_since(zero), location })
    }

    fn is_infinite(&self) -> bool {
        self.every.months == 0 && self.every.nanos == i64::MAX && !self.every.negative
    }

    /// The index of the last window starting at or before the clock reading `t`.
    fn last_index(&self, t: i64) -> i64 {
        let (zero, target, every) = if self.every.nanos == 0 {
            let target = months_since(t) - i64::from(before_within_month(t, self.zero));
            (self.zero_months, target, self.every.months)
        } else {
            (self.zero, t, self.every.nanos)
        };
        let delta = i128::from(target) - i128::from(zero);
        let every = i128::from(every);
        let index = delta.div_euclid(every);
        i64::try_from(index).unwrap_or(if index < 0 { i64::MIN } else { i64::MAX })
    }

    /// The window of `index`, as clock readings.
    fn clock_bounds(&self, index: i64) -> Result<Bounds, Failure> {
        let step = times(&self.every, index).ok_or("a window bound is outside the times Flux can hold")?;
        let start = add(self.zero, &step)?;
        let stop = add(start, &self.period)?;
        Ok(if self.period.negative {
            Bounds { start: stop, stop: start, index }
        } else {
            Bounds { start, stop, index }
        })
    }

    /// Clock bounds as instants.
    fn in_location(&self, b: Bounds) -> Bounds {
        Bounds { start: self.location.from_clock(b.start), stop: self.location.from_clock(b.stop), index: b.index }
    }

    /// The last window containing or before instant `t`.
    fn latest(&self, t: i64) -> Result<Bounds, Failure> {
        let t = self.location.to_clock(t);
        let mut b = self.clock_bounds(self.last_index(t))?;
        if self.period.negative {
            // With a negative period a later window may still hold `t`.
            let mut next = self.clock_bounds(b.index.saturating_add(1))?;
            while next.contains(t) {
                b = next;
                next = self.clock_bounds(next.index.saturating_add(1))?;
            }
        }
        Ok(self.in_location(b))
    }

    /// Every window overlapping `[start, stop)`, latest first.
    fn overlapping(&self, start: i64, stop: i64) -> Result<Vec<Bounds>, Failure> {
        let range = Bounds::new(start, stop);
        if range.is_empty() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        let mut current = self.latest(stop)?;
        while current.stop > start {
            if current.overlaps(&range) {
                out.push(current);
                if out.len() > MAX_WINDOWS {
                    return Err("the windows are too many: make `every` longer or the range shorter".into());
                }
            }
            current = self.in_location(self.clock_bounds(current.index.saturating_sub(1))?);
        }
        Ok(out)
    }
}

/// The range the stream was read over, as far as the tables still tell it: the earliest
/// `_start` and latest `_stop`, in their keys or columns (`group` may have taken them out
/// of the key).
fn stream_range(tables: &[Table]) -> Option<Bounds> {
    let extreme = |table: &Table, label: &str, latest: bool| -> Option<i64> {
        if let Some(value) = table.key.value(label) {
            return if let Value::Time(t) = value { Some(*t) } else { None };
        }
        let col = table.column_index(label)?;
        let times = table.data[col].as_any().downcast_ref::<TimestampNanosecondArray>()?;
        let values = times.iter().flatten();
        if latest { values.max() } else { values.min() }
    };
    let mut range: Option<Bounds> = None;
    for table in tables {
        if let (Some(start), Some(stop)) = (extreme(table, "_start", false), extreme(table, "_stop", true)) {
            range = Some(match range {
                None => Bounds::new(start, stop),
                Some(r) => Bounds::new(r.start.min(start), r.stop.max(stop)),
            });
        }
    }
    range
}

/// What `window` was asked.
struct WindowSpec {
    windows: Windows,
    time_column: String,
    start_column: String,
    stop_column: String,
    create_empty: bool,
}

fn duration_arg(args: &mut Args, name: &str) -> Result<Option<Duration>, Failure> {
    match args.take(name) {
        None => Ok(None),
        Some(Value::Duration(d)) => Ok(Some(d)),
        Some(other) => Err(format!("`{name}` must be a duration, not a {}", other.type_name()).into()),
    }
}

fn string_arg(args: &mut Args, name: &str, default: &str) -> Result<String, Failure> {
    Ok(args.string(name)?.map_or_else(|| default.to_owned(), |s| s.to_string()))
}

/// A location taken apart: its zone, and its fixed offset as a duration (which, unlike a
/// zone's, may hold months: `{zone: "UTC", offset: -2mo2w}` moves every window).
struct Zone {
    zone: Location,
    offset: Duration,
}

impl Zone {
    fn utc() -> Zone {
        Zone { zone: Location::utc(), offset: Duration::default() }
    }

    fn of(value: &Value) -> Result<Zone, Failure> {
        let Value::Record(record) = value else {
            return Err(format!("a location must be a record {{zone, offset}}, not a {}", value.type_name()).into());
        };
        let offset = match record.get("offset") {
            None | Some(Value::Null) => Duration::default(),
            Some(Value::Duration(d)) => *d,
            Some(other) => {
                return Err(format!(
                    "offset property for location must be of type duration, got {}",
                    other.type_name()
                )
                .into());
            }
        };
        let zone_only = Value::Record(Arc::new(crate::value::Record {
            fields: record.fields.iter().filter(|(label, _)| &**label != "offset").cloned().collect(),
        }));
        Ok(Zone { zone: Location::from_value(&zone_only)?, offset })
    }

    /// The instant's reading on the location's clock.
    fn clock(&self, t: i64) -> Result<i64, Failure> {
        add(self.zone.to_clock(t), &self.offset)
    }
}

/// The `location` argument, or the `location` option.
fn location_arg(evaluator: &Evaluator, args: &mut Args) -> Result<Zone, Failure> {
    match args.take("location").or_else(|| evaluator.option("internal/location", "location")) {
        Some(value) => Zone::of(&value),
        None => Ok(Zone::utc()),
    }
}

/// The layout from `every`, `period` (either defaulting to the other), `offset`, `location`.
fn windows_arg(evaluator: &Evaluator, args: &mut Args) -> Result<Windows, Failure> {
    let mut every = duration_arg(args, "every")?.unwrap_or_default();
    let mut period = duration_arg(args, "period")?.unwrap_or_default();
    let offset = duration_arg(args, "offset")?.unwrap_or_default();
    let location = location_arg(evaluator, args)?;
    if every.negative {
        return Err("parameter \"every\" must be non-negative".into());
    }
    if every.is_zero() && period.is_zero() {
        return Err("window function requires at least one of \"every\" or \"period\" to be set and non-zero".into());
    }
    if every.is_zero() {
        every = period;
    }
    if period.is_zero() {
        period = every;
    }
    Windows::new(every, period, offset, location)
}

/// `window(every:, period:, offset:, location:, timeColumn:, startColumn:, stopColumn:,
/// createEmpty:)`.
fn window(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let spec = WindowSpec {
        windows: windows_arg(evaluator, args)?,
        time_column: string_arg(args, "timeColumn", "_time")?,
        start_column: string_arg(args, "startColumn", "_start")?,
        stop_column: string_arg(args, "stopColumn", "_stop")?,
        create_empty: args.bool("createEmpty")?.unwrap_or(false),
    };
    let range = read_range(&stream);
    Ok(stream_of(window_tables(&stream.tables, &spec, range)?))
}

/// The tables being built, by group key, in the order created.
#[derive(Default)]
struct Builders {
    index: BTreeMap<Vec<(String, Option<DictKey>)>, usize>,
    tables: Vec<(GroupKey, Vec<Column>, Vec<ColumnBuilder>)>,
}

impl Builders {
    fn get(&mut self, key: GroupKey, columns: &[Column]) -> Result<usize, Failure> {
        let lookup = key.columns.iter().zip(&key.values).map(|(c, v)| (c.label.clone(), DictKey::of(v))).collect();
        if let Some(&i) = self.index.get(&lookup) {
            if self.tables[i].1 != columns {
                return Err(format!(
                    "two tables with the group key {} have different columns",
                    super::key_text(&self.tables[i].0)
                )
                .into());
            }
            return Ok(i);
        }
        let builders = columns.iter().map(|c| ColumnBuilder::new(c.ty)).collect();
        self.tables.push((key, columns.to_vec(), builders));
        self.index.insert(lookup, self.tables.len() - 1);
        Ok(self.tables.len() - 1)
    }

    fn finish(self) -> Vec<Table> {
        self.tables
            .into_iter()
            .map(|(key, columns, mut builders)| {
                let data = builders.iter_mut().map(ColumnBuilder::finish).collect();
                Table { key, columns, data }
            })
            .collect()
    }
}

/// Splits each table's rows into the windows their times fall in; the window bounds become
/// the start and stop columns, which join the group key. Rows of tables that land in the
/// same window and key end up in one table.
fn window_tables(tables: &[Table], spec: &WindowSpec, range: Option<Bounds>) -> Result<Vec<Table>, Failure> {
    let bounds = range.unwrap_or(Bounds::new(i64::MIN, i64::MAX));
    // Upstream's windows for `createEmpty`, and the window of every row when `every` is inf.
    let all = if spec.windows.is_infinite() {
        vec![bounds]
    } else if spec.create_empty && range.is_some() {
        let mut all = spec.windows.overlapping(bounds.start, bounds.stop)?;
        all.reverse();
        all.iter().map(|w| bounds.intersect(w)).collect()
    } else {
        Vec::new()
    };
    let mut out = Builders::default();
    for table in tables {
        let time_index = table
            .column_index(&spec.time_column)
            .ok_or_else(|| Failure::from(format!("missing time column \"{}\"", spec.time_column)))?;
        if table.columns[time_index].ty != ColType::Time {
            return Err(format!("the time column \"{}\" is not of type time", spec.time_column).into());
        }
        let mut columns = table.columns.clone();
        let mut key_columns: Vec<Column> = table
            .columns
            .iter()
            .filter(|c| {
                table.key.value(&c.label).is_some() || c.label == spec.start_column || c.label == spec.stop_column
            })
            .cloned()
            .collect();
        for label in [&spec.start_column, &spec.stop_column] {
            if let Some(existing) = columns.iter().find(|c| &c.label == label)
                && existing.ty != ColType::Time
            {
                return Err(format!("the column \"{label}\" is not of type time").into());
            }
            if table.column_index(label).is_none() {
                columns.push(Column::new(label.clone(), ColType::Time));
                key_columns.push(Column::new(label.clone(), ColType::Time));
            }
        }
        if bounds.is_empty() {
            continue;
        }
        let key_for = |w: &Bounds| GroupKey {
            columns: key_columns.clone(),
            values: key_columns
                .iter()
                .map(|c| {
                    if c.label == spec.start_column {
                        Value::Time(w.start)
                    } else if c.label == spec.stop_column {
                        Value::Time(w.stop)
                    } else {
                        table.key.value(&c.label).cloned().unwrap_or(Value::Null)
                    }
                })
                .collect(),
        };
        for w in &all {
            out.get(key_for(w), &columns)?;
        }
        let times = super::aggregate::array::<TimestampNanosecondArray>(table, time_index)?;
        let sources: Vec<Option<usize>> = columns.iter().map(|c| table.column_index(&c.label)).collect();
        for row in 0..table.len() {
            if times.is_null(row) {
                continue;
            }
            let t = times.value(row);
            let mut found = if spec.windows.is_infinite() {
                vec![bounds]
            } else {
                let found = spec.windows.overlapping(t, t.saturating_add(1))?;
                found.iter().map(|w| bounds.intersect(w)).rev().collect()
            };
            found.dedup();
            for w in &found {
                let i = out.get(key_for(w), &columns)?;
                for ((column, source), builder) in columns.iter().zip(&sources).zip(out.tables[i].2.iter_mut()) {
                    let value = if column.label == spec.start_column {
                        Value::Time(w.start)
                    } else if column.label == spec.stop_column {
                        Value::Time(w.stop)
                    } else {
                        source.map_or(Value::Null, |s| table.cell(row, s))
                    };
                    builder.append(&value)?;
                }
            }
        }
    }
    Ok(out.finish())
}

/// Calls `function` (a Flux function or a native one) with the stream piped in and
/// `column`, as `aggregateWindow` calls its `fn`.
fn call_with_column(
    evaluator: &Evaluator,
    function: &Value,
    tables: Vec<Table>,
    column: Value,
) -> Result<Vec<Table>, Failure> {
    let piped = Value::Stream(Arc::new(Stream { tables, yielded: false, collation: None, bounds: None }));
    let result = match function {
        Value::Function(f) => {
            evaluator.apply(f, vec![("column".into(), column)], Some(piped)).map_err(Failure::Runtime)?
        }
        Value::Builtin(b) => {
            (b.run)(evaluator, &mut Args { named: vec![("column".into(), column)], piped: Some(piped) })?
        }
        other => return Err(format!("`fn` must be a function, not a {}", other.type_name()).into()),
    };
    match result {
        Value::Stream(s) => Ok(s.tables.clone()),
        other => Err(format!("`fn` must return a stream of tables, not a {}", other.type_name()).into()),
    }
}

/// `aggregateWindow(every:, fn:, period:, offset:, location:, column:, timeSrc:, timeDst:,
/// createEmpty: true)`: windows the rows, applies `fn` to each window, gives each result
/// the window's `timeSrc` bound as `timeDst`, and puts the windows of each series back
/// together.
fn aggregate_window(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let function = args.required("fn")?;
    let windows = windows_arg(evaluator, args)?;
    let column = args.take("column").unwrap_or_else(|| Value::string("_value"));
    let time_src = string_arg(args, "timeSrc", "_stop")?;
    let time_dst = string_arg(args, "timeDst", "_time")?;
    let create_empty = args.bool("createEmpty")?.unwrap_or(true);
    let range = read_range(&stream);
    let spec = WindowSpec {
        windows,
        time_column: "_time".to_owned(),
        start_column: "_start".to_owned(),
        stop_column: "_stop".to_owned(),
        create_empty,
    };
    let fused = match (&function, &column) {
        (Value::Builtin(builtin), Value::String(label))
            if builtin.package == "universe"
                && (time_src == "_start" || time_src == "_stop")
                && time_dst == "_time" =>
        {
            let rule = if create_empty { &plan::AGGREGATE_WINDOW_CREATE_EMPTY } else { &plan::AGGREGATE_WINDOW };
            match Fused::of(builtin.name) {
                Some(kind) if fusable(&stream.tables, &spec.windows, label) && evaluator.apply_rule(rule) => {
                    Some(fused_windows(&stream.tables, &spec, range, kind, label)?)
                }
                _ => None,
            }
        }
        _ => None,
    };
    let mut aggregated = match fused {
        Some(aggregated) => aggregated,
        None => call_with_column(evaluator, &function, window_tables(&stream.tables, &spec, range)?, column)?,
    };
    if create_empty {
        for table in aggregated.iter_mut().filter(|t| t.is_empty()) {
            *table = fill_empty(table)?;
        }
    }
    Ok(stream_of(stamp_and_regroup(aggregated, &time_src, &time_dst, range)?))
}

/// Each window's table stamped with a time (`time_src` copied as `time_dst`), then the
/// windows of each series back in one table over the whole range (`window(every: inf)`).
fn stamp_and_regroup(
    tables: Vec<Table>,
    time_src: &str,
    time_dst: &str,
    range: Option<Bounds>,
) -> Result<Vec<Table>, Failure> {
    let mut stamped = Vec::with_capacity(tables.len());
    for table in tables {
        stamped.push(duplicate_column(&table, time_src, time_dst)?);
    }
    let regroup = WindowSpec {
        windows: Windows::new(
            Duration::from_nanos(i64::MAX),
            Duration::from_nanos(i64::MAX),
            Duration::default(),
            Zone::utc(),
        )?,
        time_column: time_dst.to_owned(),
        start_column: "_start".to_owned(),
        stop_column: "_stop".to_owned(),
        create_empty: false,
    };
    window_tables(&stamped, &regroup, range)
}

/// The range a stream was read over: what `range` set, else what its tables still say.
fn read_range(stream: &Stream) -> Option<Bounds> {
    stream.bounds.map(|(start, stop)| Bounds::new(start, stop)).or_else(|| stream_range(&stream.tables))
}

/// The aggregates `aggregateWindow` computes while it reads the rows (upstream's
/// `AggregateWindowRule`): one accumulator per window instead of a table per window.
#[derive(Clone, Copy)]
enum Fused {
    Count,
    Sum,
    Mean,
}

impl Fused {
    fn of(name: &str) -> Option<Fused> {
        Some(match name {
            "count" => Fused::Count,
            "sum" => Fused::Sum,
            "mean" => Fused::Mean,
            _ => return None,
        })
    }
}

/// Whether every table can be aggregated window by window as it is read: windows that tile
/// time (the period is `every`), and the aggregated column present with numbers in it.
fn fusable(tables: &[Table], windows: &Windows, column: &str) -> bool {
    windows.period == windows.every
        && !windows.is_infinite()
        && tables.iter().all(|t| {
            t.column_index("_time").is_some_and(|i| t.columns[i].ty == ColType::Time)
                && t.column_index(column)
                    .is_some_and(|i| matches!(t.columns[i].ty, ColType::Int | ColType::UInt | ColType::Float))
        })
}

/// What one window has seen of the column.
#[derive(Default)]
struct Accumulator {
    rows: i64,
    values: i64,
    nulls: bool,
    int: i64,
    uint: u64,
    float: f64,
}

/// The windows of each table aggregated, one single-row table per window as
/// `window |> fn(column:)` would give them, in time order.
fn fused_windows(
    tables: &[Table],
    spec: &WindowSpec,
    range: Option<Bounds>,
    kind: Fused,
    column: &str,
) -> Result<Vec<Table>, Failure> {
    let bounds = range.unwrap_or(Bounds::new(i64::MIN, i64::MAX));
    let mut out = Vec::new();
    for table in tables {
        let time_index = table.column_index("_time").ok_or("missing time column \"_time\"")?;
        let value_index = table.column_index(column).ok_or_else(|| format!("column \"{column}\" does not exist"))?;
        let ty = table.columns[value_index].ty;
        let mut key_columns: Vec<Column> = table
            .columns
            .iter()
            .filter(|c| table.key.value(&c.label).is_some() || c.label == "_start" || c.label == "_stop")
            .cloned()
            .collect();
        for label in ["_start", "_stop"] {
            if table.column_index(label).is_none() {
                key_columns.push(Column::new(label, ColType::Time));
            }
        }
        let mut windows: BTreeMap<(i64, i64), Accumulator> = BTreeMap::new();
        if spec.create_empty && range.is_some() && !bounds.is_empty() {
            for w in spec.windows.overlapping(bounds.start, bounds.stop)? {
                let w = bounds.intersect(&w);
                windows.entry((w.start, w.stop)).or_default();
            }
        }
        let times = super::aggregate::array::<TimestampNanosecondArray>(table, time_index)?;
        let values = super::aggregate::float_cells(table, value_index)?;
        // Rows mostly come in time order: the window of the row before is checked first.
        let mut last: Option<(Bounds, Bounds)> = None;
        for (row, value) in values.iter().enumerate() {
            if times.is_null(row) {
                continue;
            }
            let t = times.value(row);
            let w = match last {
                Some((window, clipped)) if window.contains(t) => clipped,
                _ => {
                    let window = spec.windows.latest(t)?;
                    let clipped = bounds.intersect(&window);
                    last = Some((window, clipped));
                    clipped
                }
            };
            let acc = windows.entry((w.start, w.stop)).or_default();
            acc.rows += 1;
            match (ty, table.cell(row, value_index)) {
                (_, Value::Null) => acc.nulls = true,
                (ColType::Int, Value::Int(v)) => acc.int = acc.int.wrapping_add(v),
                (ColType::UInt, Value::UInt(v)) => acc.uint = acc.uint.wrapping_add(v),
                _ => {}
            }
            if let Some(v) = value {
                acc.values += 1;
                acc.float += v;
            }
        }
        for ((start, stop), acc) in windows {
            let key = GroupKey {
                columns: key_columns.clone(),
                values: key_columns
                    .iter()
                    .map(|c| match c.label.as_str() {
                        "_start" => Value::Time(start),
                        "_stop" => Value::Time(stop),
                        label => table.key.value(label).cloned().unwrap_or(Value::Null),
                    })
                    .collect(),
            };
            let (out_ty, value) = match kind {
                Fused::Count => (ColType::Int, Value::Int(acc.rows)),
                Fused::Sum if acc.values == 0 => (ty, Value::Null),
                Fused::Sum => (
                    ty,
                    match ty {
                        ColType::Int => Value::Int(acc.int),
                        ColType::UInt => Value::UInt(acc.uint),
                        _ => Value::Float(acc.float),
                    },
                ),
                Fused::Mean if acc.values == 0 => (ColType::Float, Value::Null),
                // As `mean` does: integers without nulls are summed as integers first.
                Fused::Mean => (
                    ColType::Float,
                    Value::Float(
                        match ty {
                            ColType::Int if !acc.nulls => acc.int as f64,
                            ColType::UInt if !acc.nulls => acc.uint as f64,
                            _ => acc.float,
                        } / acc.values as f64,
                    ),
                ),
            };
            let mut columns = key.columns.clone();
            columns.push(Column::new(column, out_ty));
            let mut row = key.values.clone();
            row.push(value);
            out.push(Table::from_rows(key, columns, [row])?);
        }
    }
    Ok(out)
}

/// `_fillEmpty(createEmpty:)`: with `createEmpty`, each empty table gets a row of its key's
/// values and nulls, as `aggregateWindow` leaves empty windows.
fn fill_empty_tables(_: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let create_empty = args.bool("createEmpty")?.ok_or("missing required argument `createEmpty`")?;
    let mut out = Vec::with_capacity(stream.tables.len());
    for table in &stream.tables {
        out.push(if create_empty && table.is_empty() { fill_empty(table)? } else { table.clone() });
    }
    Ok(stream_of(out))
}

/// An empty table with one row: its key's values and nulls (`table.fill`).
fn fill_empty(table: &Table) -> Result<Table, Failure> {
    let row: Vec<Value> =
        table.columns.iter().map(|c| table.key.value(&c.label).cloned().unwrap_or(Value::Null)).collect();
    Ok(Table::from_rows(table.key.clone(), table.columns.clone(), [row])?)
}

/// `timedMovingAverage(every:, period:, column:)`: the mean of each `period`-long window,
/// one every `every`, stamped with the window's stop.
fn timed_moving_average(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let every = duration_arg(args, "every")?.ok_or("missing required argument `every`")?;
    let period = duration_arg(args, "period")?.ok_or("missing required argument `period`")?;
    let column = args.take("column").unwrap_or_else(|| Value::string("_value"));
    let range = read_range(&stream);
    let spec = WindowSpec {
        windows: Windows::new(
            if every.is_zero() { period } else { every },
            if period.is_zero() { every } else { period },
            Duration::default(),
            location_arg(evaluator, args)?,
        )?,
        time_column: "_time".to_owned(),
        start_column: "_start".to_owned(),
        stop_column: "_stop".to_owned(),
        create_empty: false,
    };
    let windowed = window_tables(&stream.tables, &spec, range)?;
    let mean = super::lookup("universe", "mean").ok_or("`mean` is not implemented")?;
    let averaged = call_with_column(evaluator, &Value::Builtin(mean), windowed, column)?;
    Ok(stream_of(stamp_and_regroup(averaged, "_stop", "_time", range)?))
}

/// `hourSelection(start:, stop:, location:, timeColumn:)`: the rows whose hour on the
/// location's clock is from `start` to `stop` (inclusive; wrapping past midnight when
/// `start > stop`).
fn hour_selection(evaluator: &Evaluator, args: &mut Args) -> Result<Value, Failure> {
    let stream = args.tables()?;
    let start = args.int("start")?.ok_or("missing required argument `start`")?;
    let stop = args.int("stop")?.ok_or("missing required argument `stop`")?;
    let location = location_arg(evaluator, args)?;
    let time_column = string_arg(args, "timeColumn", "_time")?;
    let mut out = Vec::new();
    for table in &stream.tables {
        let col = table.column_index(&time_column).ok_or("invalid time column")?;
        if !(0..=23).contains(&start) {
            return Err("start must be between 0 and 23".into());
        }
        if !(0..=23).contains(&stop) {
            return Err("stop must be between 0 and 23".into());
        }
        let times = super::aggregate::array::<TimestampNanosecondArray>(table, col)?;
        let mut rows = Vec::new();
        for row in 0..table.len() {
            if times.is_null(row) {
                continue;
            }
            let hour = location.clock(times.value(row))?.rem_euclid(NANOS_PER_DAY) / 3_600_000_000_000;
            if (start <= hour && hour <= stop) || (start > stop && (hour >= start || hour <= stop)) {
                rows.push(row);
            }
        }
        out.push(take_rows(table, &rows)?);
    }
    Ok(stream_of(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{format_rfc3339_nano, parse_rfc3339};

    /// The results of a script as annotated CSV, and the optimizer rules it applied.
    fn run(source: &str) -> (String, Option<String>) {
        let (_, analysis) = crate::test_support::analyze(source);
        let evaluator = Evaluator::new();
        let mut evaluator = evaluator;
        for (j, body) in analysis.bodies.into_iter().enumerate() {
            evaluator
                .run_statement(flux_semantic::ir::ItemRef(j as u64), &Arc::new(body))
                .unwrap_or_else(|e| panic!("{}", e.message));
        }
        // An expectation of no rule at all reports every rule that applied.
        evaluator.expect_planner_rule(plan::AGGREGATE_WINDOW.name, 0);
        evaluator.expect_planner_rule(plan::AGGREGATE_WINDOW_CREATE_EMPTY.name, 0);
        let applied = evaluator.unmet_planner_expectations();
        (crate::csv::encode_results(&evaluator.into_results()), applied)
    }

    /// `aggregateWindow` computing each window as it reads the rows gives what windowing
    /// first and aggregating after gives.
    #[test]
    fn fused_aggregate_window_agrees_with_window_then_aggregate() {
        let data = r#"import "array"
import "internal/debug"
import "planner"
data = array.from(rows: [
    {_time: 2030-01-01T00:00:05Z, host: "a", i: 1, f: 0.5, u: uint(v: 7)},
    {_time: 2030-01-01T00:00:15Z, host: "a", i: -4, f: debug.null(type: "float"), u: uint(v: 1)},
    {_time: 2030-01-01T00:01:55Z, host: "a", i: debug.null(type: "int"), f: 2.25, u: uint(v: 3)},
    {_time: 2030-01-01T00:00:30Z, host: "b", i: 9223372036854775807, f: -1.0, u: uint(v: 0)},
    {_time: 2030-01-01T00:00:31Z, host: "b", i: 1, f: 1000000000000.0, u: uint(v: "18446744073709551615")},
])
    |> range(start: 2030-01-01T00:00:00Z, stop: 2030-01-01T00:03:00Z)
    |> group(columns: ["host"])
"#;
        for aggregate in ["count", "sum", "mean"] {
            for column in ["i", "f", "u"] {
                for options in ["", ", createEmpty: false", ", timeSrc: \"_start\"", ", every: 1mo"] {
                    let every = if options.contains("every") { "" } else { "every: 1m, " };
                    let query =
                        format!("data |> aggregateWindow({every}fn: {aggregate}, column: \"{column}\"{options})");
                    let (fused, applied) = run(&format!("{data}{query}\n"));
                    assert!(applied.is_some(), "{query}: the rule should apply");
                    let disabled = "option planner.disablePhysicalRules = [\"AggregateWindowRule\", \"AggregateWindowCreateEmptyRule\"]\n";
                    let (plain, applied) = run(&format!("{data}{disabled}{query}\n"));
                    assert_eq!(applied, None, "{query}: the rule is disabled");
                    assert_eq!(fused, plain, "{query}");
                }
            }
        }
    }

    fn at(s: &str) -> i64 {
        parse_rfc3339(s).unwrap()
    }

    #[test]
    fn month_windows_start_on_the_first() {
        let month = Duration { months: 1, nanos: 0, negative: false };
        let w = Windows::new(month, month, Duration::default(), Zone::utc()).unwrap();
        let b = w.latest(at("2021-03-15T12:00:00Z")).unwrap();
        assert_eq!(format_rfc3339_nano(b.start), "2021-03-01T00:00:00Z");
        assert_eq!(format_rfc3339_nano(b.stop), "2021-04-01T00:00:00Z");
    }

    #[test]
    fn day_windows_follow_the_local_clock() {
        let day = Duration::from_nanos(NANOS_PER_DAY);
        let paris = Zone { zone: Location::named("Europe/Paris").unwrap(), offset: Duration::default() };
        let w = Windows::new(day, day, Duration::default(), paris).unwrap();
        let b = w.latest(at("2021-07-01T12:00:00Z")).unwrap();
        assert_eq!(format_rfc3339_nano(b.start), "2021-06-30T22:00:00Z");
        assert_eq!(format_rfc3339_nano(b.stop), "2021-07-01T22:00:00Z");
    }
}

/// `aggregateWindow` done by a local bucket's read (`PushDownWindowAggregateRule`): the
/// aggregate of each window computed from the points as they are read, a whole run of a
/// window's points at a time, and one table per series built at the end.
pub(crate) struct PushedWindows {
    windows: Windows,
    aggregate: super::storage::Aggregate,
    create_empty: bool,
    /// `timeSrc` is `_start` rather than `_stop`.
    stamp_start: bool,
}

impl PushedWindows {
    /// The read's windows for `aggregateWindow`'s arguments; `None` for a call it cannot do
    /// (a function of its own, a column other than `_value`, overlapping windows ...).
    pub(crate) fn of(evaluator: &Evaluator, args: &mut Args) -> Result<Option<PushedWindows>, Failure> {
        let Value::Builtin(function) = args.required("fn")? else { return Ok(None) };
        let aggregate = match super::storage::Aggregate::of(function.name) {
            Some(aggregate) if function.package == "universe" => aggregate,
            _ => return Ok(None),
        };
        let windows = windows_arg(evaluator, args)?;
        if windows.period != windows.every || windows.is_infinite() {
            return Ok(None);
        }
        if string_arg(args, "column", "_value")? != "_value" || string_arg(args, "timeDst", "_time")? != "_time" {
            return Ok(None);
        }
        let stamp_start = match string_arg(args, "timeSrc", "_stop")?.as_str() {
            "_stop" => false,
            "_start" => true,
            _ => return Ok(None),
        };
        let create_empty = args.bool("createEmpty")?.unwrap_or(true);
        Ok(Some(PushedWindows { windows, aggregate, create_empty, stamp_start }))
    }

    /// The read's windows for `window(...) |> aggregate()`: `None` for arguments it cannot
    /// take (other column names, overlapping windows).
    pub(crate) fn of_window(
        evaluator: &Evaluator,
        args: &mut Args,
        aggregate: super::storage::Aggregate,
    ) -> Result<Option<PushedWindows>, Failure> {
        let windows = windows_arg(evaluator, args)?;
        if windows.period != windows.every || windows.is_infinite() {
            return Ok(None);
        }
        for (name, default) in [("timeColumn", "_time"), ("startColumn", "_start"), ("stopColumn", "_stop")] {
            if string_arg(args, name, default)? != default {
                return Ok(None);
            }
        }
        let create_empty = args.bool("createEmpty")?.unwrap_or(false);
        Ok(Some(PushedWindows { windows, aggregate, create_empty, stamp_start: false }))
    }

    pub(crate) fn aggregate(&self) -> super::storage::Aggregate {
        self.aggregate
    }

    /// For windows a database can compute (`GROUP BY time(every, offset)`): `every` and the
    /// offset in nanoseconds, when every window has the same length in UTC and is stamped by
    /// its bounds, not by a point's time.
    pub(crate) fn fixed(&self, per_window_tables: bool) -> Option<(i64, i64)> {
        let every = &self.windows.every;
        let fixed = every.months == 0 && !every.negative && self.windows.location.is_utc();
        // `window |> first()` keeps the picked point's time, which a database's windows lose.
        let stamped_by_bounds = !(per_window_tables && self.aggregate.selects());
        (fixed && stamped_by_bounds).then(|| (every.nanos, self.windows.zero.rem_euclid(every.nanos)))
    }

    /// A series' accumulator for a read of `[start, stop)`.
    pub(crate) fn accumulator(&self, ty: ColType, start: i64, stop: i64) -> Result<WindowAccumulator<'_>, Failure> {
        let bounds = Bounds::new(start, stop);
        let mut slots = Vec::new();
        if self.create_empty && !bounds.is_empty() {
            for w in self.windows.overlapping(start, stop)?.iter().rev() {
                let w = bounds.intersect(w);
                if slots.last().is_none_or(|s: &Slot| (s.start, s.stop) != (w.start, w.stop)) {
                    slots.push(Slot { start: w.start, stop: w.stop, tally: Tally::default() });
                }
            }
        }
        Ok(WindowAccumulator { spec: self, bounds, ty, slots, cursor: 0, last: None })
    }
}

/// What an aggregate has seen of a series (or of one window of it).
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) count: i64,
    float: f64,
    int: i64,
    uint: u64,
    /// What `min`, `max`, `first` or `last` picked so far, and its time.
    pub(crate) pick: Option<(i64, Value)>,
}

impl Tally {
    /// Adds the points `run` of a chunk in time order.
    pub(crate) fn add(
        &mut self,
        aggregate: super::storage::Aggregate,
        chunk: &flux_storage::Column,
        run: std::ops::Range<usize>,
    ) {
        use super::storage::Aggregate;
        use flux_storage::Values;
        self.count += run.len() as i64;
        let sums = matches!(aggregate, Aggregate::Sum | Aggregate::Mean);
        match &chunk.values {
            // Added one by one in time order, as the unpushed aggregates do, so that float
            // results are the same to the last bit.
            Values::Float(v) if sums => v[run].iter().for_each(|x| self.float += x),
            Values::Int(v) if sums => v[run].iter().for_each(|x| self.int = self.int.wrapping_add(*x)),
            Values::UInt(v) if sums => v[run].iter().for_each(|x| self.uint = self.uint.wrapping_add(*x)),
            Values::Float(v) => self.pick(aggregate, &chunk.times, run, |i| Value::Float(v[i])),
            Values::Int(v) => self.pick(aggregate, &chunk.times, run, |i| Value::Int(v[i])),
            Values::UInt(v) => self.pick(aggregate, &chunk.times, run, |i| Value::UInt(v[i])),
            Values::String(v) => self.pick(aggregate, &chunk.times, run, |i| Value::string(&v[i])),
            Values::Bool(v) => self.pick(aggregate, &chunk.times, run, |i| Value::Bool(v[i])),
        }
    }

    /// Keeps the row `min`, `max`, `first` or `last` picks: the first of equal minimums or
    /// maximums, as the selectors do.
    fn pick(
        &mut self,
        aggregate: super::storage::Aggregate,
        times: &[i64],
        run: std::ops::Range<usize>,
        value: impl Fn(usize) -> Value,
    ) {
        use super::storage::Aggregate;
        use std::cmp::Ordering;
        if run.is_empty() {
            return;
        }
        match aggregate {
            Aggregate::First if self.pick.is_none() => self.pick = Some((times[run.start], value(run.start))),
            Aggregate::Last => self.pick = Some((times[run.end - 1], value(run.end - 1))),
            Aggregate::Min | Aggregate::Max => {
                let wanted = if aggregate == Aggregate::Min { Ordering::Less } else { Ordering::Greater };
                for i in run {
                    let v = value(i);
                    let better = match &self.pick {
                        None => true,
                        Some((_, current)) => crate::eval::compare(&v, current) == Some(wanted),
                    };
                    if better {
                        self.pick = Some((times[i], v));
                    }
                }
            }
            _ => {}
        }
    }

    /// The aggregate of what was seen, for values of type `ty`: a count of nothing is 0, the
    /// others null.
    pub(crate) fn value(&self, aggregate: super::storage::Aggregate, ty: ColType) -> Value {
        use super::storage::Aggregate;
        match aggregate {
            Aggregate::Count => Value::Int(self.count),
            _ if self.count == 0 => Value::Null,
            Aggregate::Sum => match ty {
                ColType::Int => Value::Int(self.int),
                ColType::UInt => Value::UInt(self.uint),
                _ => Value::Float(self.float),
            },
            // As `mean` does: integers are summed as integers first.
            Aggregate::Mean => Value::Float(
                match ty {
                    ColType::Int => self.int as f64,
                    ColType::UInt => self.uint as f64,
                    _ => self.float,
                } / self.count as f64,
            ),
            _ => self.pick.as_ref().map_or(Value::Null, |(_, v)| v.clone()),
        }
    }
}

/// One window's tally.
struct Slot {
    start: i64,
    stop: i64,
    tally: Tally,
}

/// One series' windows, filled as its points are read in time order.
pub(crate) struct WindowAccumulator<'a> {
    spec: &'a PushedWindows,
    bounds: Bounds,
    ty: ColType,
    slots: Vec<Slot>,
    cursor: usize,
    /// The window of the last run and its part within the range.
    last: Option<(Bounds, Bounds)>,
}

impl WindowAccumulator<'_> {
    /// The slot of the clipped window `w`, made when it has none yet.
    fn slot(&mut self, w: Bounds) -> &mut Slot {
        let at = |slots: &[Slot], i: usize| (slots[i].start, slots[i].stop);
        while self.cursor < self.slots.len() && at(&self.slots, self.cursor) < (w.start, w.stop) {
            self.cursor += 1;
        }
        if self.cursor == self.slots.len() || at(&self.slots, self.cursor) != (w.start, w.stop) {
            self.slots.insert(self.cursor, Slot { start: w.start, stop: w.stop, tally: Tally::default() });
        }
        &mut self.slots[self.cursor]
    }

    /// Adds a chunk of points in time order, within the range: each run of points of one
    /// window at once.
    pub(crate) fn add(&mut self, chunk: &flux_storage::Column) -> Result<(), Failure> {
        let times = &chunk.times;
        let mut i = 0;
        while i < times.len() {
            let t = times[i];
            let (window, clipped) = match self.last {
                Some((window, clipped)) if window.contains(t) => (window, clipped),
                _ => {
                    let window = self.spec.windows.latest(t)?;
                    let clipped = self.bounds.intersect(&window);
                    self.last = Some((window, clipped));
                    (window, clipped)
                }
            };
            let end = i + times[i..].partition_point(|&x| x < window.stop);
            let aggregate = self.spec.aggregate;
            self.slot(clipped).tally.add(aggregate, chunk, i..end);
            i = end;
        }
        Ok(())
    }

    /// A window's aggregate as a database computed it, `start` being the window's start.
    pub(crate) fn add_computed(&mut self, start: i64, value: Value) -> Result<(), Failure> {
        use super::storage::Aggregate;
        let window = self.spec.windows.latest(start)?;
        let clipped = self.bounds.intersect(&window);
        let (ty, aggregate) = (self.ty, self.spec.aggregate);
        let tally = &mut self.slot(clipped).tally;
        match (aggregate, value) {
            (_, Value::Null) => {}
            (Aggregate::Count, Value::Int(n)) => tally.count = n,
            // One value standing for the window: `value` gives it back unchanged (a mean of
            // one is the value itself).
            (Aggregate::Sum | Aggregate::Mean, Value::Float(x)) if ty == ColType::Float => {
                tally.count = 1;
                tally.float = x;
            }
            (Aggregate::Sum, Value::Int(i)) if ty == ColType::Int => {
                tally.count = 1;
                tally.int = i;
            }
            (Aggregate::Sum, Value::UInt(u)) if ty == ColType::UInt => {
                tally.count = 1;
                tally.uint = u;
            }
            (aggregate, value) if aggregate.selects() => {
                tally.count = 1;
                tally.pick = Some((start, value));
            }
            (aggregate, value) => {
                return Err(format!(
                    "the database's {aggregate:?} of a window is a {}, not what the engine computes",
                    value.type_name()
                )
                .into());
            }
        }
        Ok(())
    }

    /// Whether no point was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.slots.iter().all(|s| s.tally.count == 0)
    }

    /// The series' tables as `window |> aggregate()` leaves them: one per window, its
    /// `_start` and `_stop` the window's, with one row (none for a selector of an empty
    /// window).
    pub(crate) fn window_tables(self, key: &GroupKey) -> Result<Vec<Table>, Failure> {
        let aggregate = self.spec.aggregate;
        let value_type = super::storage::output_type(aggregate, self.ty);
        let mut out = Vec::with_capacity(self.slots.len());
        for slot in &self.slots {
            let mut window_key = key.clone();
            for (column, value) in window_key.columns.iter().zip(window_key.values.iter_mut()) {
                match column.label.as_str() {
                    "_start" => *value = Value::Time(slot.start),
                    "_stop" => *value = Value::Time(slot.stop),
                    _ => {}
                }
            }
            let mut values = ColumnBuilder::new(value_type);
            let mut times = Vec::new();
            if !aggregate.selects() || slot.tally.pick.is_some() {
                values.append(&slot.tally.value(aggregate, self.ty))?;
                times.extend(slot.tally.pick.as_ref().map(|(t, _)| *t));
            }
            let time: arrow_array::ArrayRef = Arc::new(TimestampNanosecondArray::from(times));
            let mut table = super::storage::aggregate_table(window_key, aggregate, time, value_type, values.finish());
            if !aggregate.selects() {
                // `count`, `sum` and `mean` give no `_time`.
                table.columns.pop();
                table.data.pop();
            }
            out.push(table);
        }
        Ok(out)
    }

    /// The series' table, as `aggregateWindow` leaves it: the key (with the range as
    /// `_start` and `_stop`), `_value` and `_time` for aggregates; for selectors the columns
    /// of the row, `_time` the window's bound.
    pub(crate) fn table(self, key: GroupKey) -> Result<Table, Failure> {
        let aggregate = self.spec.aggregate;
        let value_type = super::storage::output_type(aggregate, self.ty);
        let mut times = Vec::with_capacity(self.slots.len());
        let mut values = ColumnBuilder::new(value_type);
        for slot in &self.slots {
            times.push(if self.spec.stamp_start { slot.start } else { slot.stop });
            values.append(&slot.tally.value(aggregate, self.ty))?;
        }
        let time: arrow_array::ArrayRef = Arc::new(TimestampNanosecondArray::from(times));
        Ok(super::storage::aggregate_table(key, aggregate, time, value_type, values.finish()))
    }
}
