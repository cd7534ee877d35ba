// Functions for computing overall equipment effectiveness (OEE) and its availability,
// performance and quality factors from manufacturing event data.
package oee

// Computes `availability`, `performance`, `quality` and `oee` (their product) from a stream of
// state changes (`productionEvents`, column `state`) and cumulative `partCount`/`badCount` counters
// (`partEvents`). Outputs one row per table, with `runTime` in nanoseconds.
builtin computeAPQ : (
    idealCycleTime: A,
    partEvents: stream[B],
    plannedTime: C,
    productionEvents: stream[D],
    runningState: E,
) => stream[{ H with quality: float, oee: float, availability: float, performance: float, runTime: F, _time: G, _stop: G, }]
    where
    B: Record,
    D: Record,
    E: Equatable

// Computes `availability`, `performance`, `quality` and `oee` from piped-in tables that hold both
// the `state` column and the cumulative `partCount` and `badCount` columns; see `computeAPQ`.
builtin APQ : (
    <-tables: stream[D],
    idealCycleTime: A,
    plannedTime: B,
    runningState: C,
) => stream[{ G with quality: float, oee: float, availability: float, performance: float, runTime: E, _time: F, _stop: F, }]
    where
    C: Equatable,
    D: Record
