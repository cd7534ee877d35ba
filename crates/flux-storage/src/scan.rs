//! Reading a bucket: the row groups and logged points a query's range and series need,
//! read series by series on every core, each series in time order with one value per time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::bucket::StorageError;
use crate::columnar::ColumnarFile;
use crate::series::{Batch, Column, FieldType, SeriesKey};

/// The files and log of a bucket as they were when it was opened, for a range of times.
pub struct Snapshot {
    pub(crate) files: Vec<(u64, ColumnarFile)>,
    pub(crate) wal: Batch,
    pub(crate) start: i64,
    pub(crate) stop: i64,
}

/// Where one piece of a series is.
#[derive(Clone, Copy)]
enum Source<'a> {
    Group(&'a ColumnarFile, usize),
    Log(&'a Column),
}

#[derive(Clone, Copy)]
struct Part<'a> {
    min: i64,
    max: i64,
    /// Of two values at one time, the one from the higher number wins.
    number: u64,
    source: Source<'a>,
}

impl Part<'_> {
    fn read(&self) -> Result<Column, StorageError> {
        match self.source {
            Source::Group(file, index) => file.read(index),
            Source::Log(column) => Ok(column.clone()),
        }
    }
}

/// A series, its type and where its points are.
type SeriesParts<'a> = (&'a SeriesKey, FieldType, Vec<Part<'a>>);

impl Snapshot {
    /// The range the snapshot reads: the query's, less what the retention drops.
    pub fn range(&self) -> (i64, i64) {
        (self.start, self.stop)
    }

    fn parts(&self) -> Result<Vec<SeriesParts<'_>>, StorageError> {
        let mut by_series: HashMap<&SeriesKey, (FieldType, Vec<Part<'_>>)> = HashMap::new();
        let overlaps = |min: i64, max: i64| max >= self.start && min < self.stop;
        for (number, file) in &self.files {
            for (index, group) in file.groups.iter().enumerate() {
                if !overlaps(group.min, group.max) {
                    continue;
                }
                let entry = by_series.entry(&group.series).or_insert_with(|| (group.ty, Vec::new()));
                if entry.0 != group.ty {
                    return Err(conflict(&group.series, entry.0, group.ty, &file.path));
                }
                entry.1.push(Part {
                    min: group.min,
                    max: group.max,
                    number: *number,
                    source: Source::Group(file, index),
                });
            }
        }
        for (key, column) in self.wal.series() {
            let (Some(&min), Some(&max)) = (column.times.first(), column.times.last()) else { continue };
            if !overlaps(min, max) {
                continue;
            }
            let ty = column.values.ty();
            let entry = by_series.entry(key).or_insert_with(|| (ty, Vec::new()));
            if entry.0 != ty {
                return Err(conflict(key, entry.0, ty, std::path::Path::new("wal")));
            }
            entry.1.push(Part { min, max, number: u64::MAX, source: Source::Log(column) });
        }
        let mut out: Vec<_> = by_series.into_iter().map(|(k, (ty, parts))| (k, ty, parts)).collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        Ok(out)
    }

    /// The series with points in the range and their types, from the files' footers and the
    /// log: no values are read. A series is listed when one of its row groups overlaps the
    /// range, even if none of its points falls in it.
    pub fn series(&self) -> Result<Vec<(SeriesKey, FieldType)>, StorageError> {
        Ok(self.parts()?.into_iter().map(|(k, ty, _)| (k.clone(), ty)).collect())
    }

    /// Reads the series `select` picks: each gets a state from `init`, then its points in
    /// time order, one chunk at a time, through `step`. Series are read in parallel; the
    /// states come back sorted by series.
    pub fn scan<S, E>(
        &self,
        select: &(dyn Fn(&SeriesKey, FieldType) -> bool + Sync),
        init: impl Fn(&SeriesKey, FieldType) -> S + Sync,
        step: impl Fn(&mut S, Column) -> Result<(), E> + Sync,
    ) -> Result<Vec<(SeriesKey, FieldType, S)>, E>
    where
        S: Send,
        E: From<StorageError> + Send,
    {
        let series: Vec<_> = self.parts()?.into_iter().filter(|(k, ty, _)| select(k, *ty)).collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(series.len()).max(1);
        let next = AtomicUsize::new(0);
        let failed = AtomicBool::new(false);
        let results: Mutex<Vec<(usize, S)>> = Mutex::new(Vec::with_capacity(series.len()));
        let first_error: Mutex<Option<E>> = Mutex::new(None);
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= series.len() || failed.load(Ordering::Relaxed) {
                    return;
                }
                let (key, ty, parts) = &series[i];
                let mut state = init(key, *ty);
                match self.read_series(parts, &mut state, &step) {
                    Ok(()) => results.lock().expect("no panics while held").push((i, state)),
                    Err(e) => {
                        failed.store(true, Ordering::Relaxed);
                        first_error.lock().expect("no panics while held").get_or_insert(e);
                        return;
                    }
                }
            }
        };
        if threads == 1 {
            work();
        } else {
            std::thread::scope(|scope| {
                for _ in 0..threads {
                    scope.spawn(work);
                }
            });
        }
        if let Some(e) = first_error.into_inner().expect("no panics while held") {
            return Err(e);
        }
        let mut results = results.into_inner().expect("no panics while held");
        results.sort_by_key(|(i, _)| *i);
        Ok(results.into_iter().map(|(i, state)| (series[i].0.clone(), series[i].1, state)).collect())
    }

    /// One series: its parts in time order; parts whose times overlap (a point rewritten
    /// later) are merged, the higher number winning.
    fn read_series<S, E: From<StorageError>>(
        &self,
        parts: &[Part<'_>],
        state: &mut S,
        step: &impl Fn(&mut S, Column) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut parts = parts.to_vec();
        parts.sort_by_key(|p| (p.min, p.number));
        let mut i = 0;
        while i < parts.len() {
            let mut end = i + 1;
            let mut max = parts[i].max;
            while end < parts.len() && parts[end].min <= max {
                max = max.max(parts[end].max);
                end += 1;
            }
            let column = if end == i + 1 {
                parts[i].read()?
            } else {
                let mut cluster = parts[i..end].to_vec();
                cluster.sort_by_key(|p| p.number);
                let mut merged = cluster[0].read()?;
                for part in &cluster[1..] {
                    merged.append(part.read()?);
                }
                merged.normalize();
                merged
            };
            let column = column.trim(self.start, self.stop);
            if !column.is_empty() {
                step(state, column)?;
            }
            i = end;
        }
        Ok(())
    }
}

fn conflict(key: &SeriesKey, holds: FieldType, given: FieldType, path: &std::path::Path) -> StorageError {
    StorageError {
        path: path.to_path_buf(),
        message: format!(
            "the field `{}` of `{}` holds {} values here and {} values elsewhere",
            key.field,
            key.measurement,
            given.name(),
            holds.name()
        ),
    }
}
