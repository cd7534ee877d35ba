//! The optimizer's rules, under upstream's names so that `testing/expect.planner` can count
//! them, and what the rules need to know about the standard library's transformations.
//!
//! The engine has no separate plan: rules apply where the evaluator meets their pattern.
//! Logical rules rewrite a chain of calls before it runs (two `filter`s become one pass over
//! the rows); physical ones pick a cheaper way to run one call (a `map` a column at a time,
//! a `sort` whose input is already in order skipped). Each is a real saving, measured in
//! docs/benchmarks.md, and each can be turned off with upstream's options
//! `planner.disableLogicalRules` and `planner.disablePhysicalRules`.

use crate::value::Collation;

/// Which of upstream's planners a rule belongs to, which decides the option that disables it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Planner {
    Logical,
    Physical,
}

#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub name: &'static str,
    pub planner: Planner,
}

/// A `map` whose function qualifies runs a column at a time (`crate::vectorize`).
pub const VECTORIZE_MAP: Rule = Rule { name: "vectorizeMapRule", planner: Planner::Physical };
/// Consecutive `filter`s become one pass whose predicate is all of theirs.
pub const MERGE_FILTERS: Rule = Rule { name: "MergeFiltersRule", planner: Planner::Logical };
/// A `sort` (or the sort a join needs) whose input is already in its order is skipped.
pub const REMOVE_REDUNDANT_SORT: Rule = Rule { name: "universe/RemoveRedundantSort", planner: Planner::Physical };
/// `table.fill()` right after `table.fill()` does nothing more, so it does not run.
pub const IDEMPOTENT_TABLE_FILL: Rule =
    Rule { name: "experimental/table.IdempotentTableFill", planner: Planner::Logical };
/// `aggregateWindow` with `count`, `sum` or `mean` aggregates each window as it reads the
/// rows, instead of building a table per window first.
pub const AGGREGATE_WINDOW: Rule = Rule { name: "AggregateWindowRule", planner: Planner::Physical };
/// The same, for `createEmpty: true`.
pub const AGGREGATE_WINDOW_CREATE_EMPTY: Rule =
    Rule { name: "AggregateWindowCreateEmptyRule", planner: Planner::Physical };

/// `range` on `from(bucket:)` of a local bucket reads only the files and row groups of the
/// range.
pub const PUSH_DOWN_RANGE: Rule = Rule { name: "PushDownRangeRule", planner: Planner::Physical };
/// A `filter` on what is the same for a whole series (measurement, field, tags) picks the
/// series from the bucket's metadata: the others are never read.
pub const PUSH_DOWN_FILTER: Rule = Rule { name: "PushDownFilterRule", planner: Planner::Physical };
/// `aggregateWindow` with `count`, `sum`, `mean`, `min`, `max`, `first` or `last` is
/// computed while the points are read, without building the rows.
pub const PUSH_DOWN_WINDOW_AGGREGATE: Rule = Rule { name: "PushDownWindowAggregateRule", planner: Planner::Physical };
/// The same aggregates over the whole range.
pub const PUSH_DOWN_BARE_AGGREGATE: Rule = Rule { name: "PushDownBareAggregateRule", planner: Planner::Physical };
/// `limit` stops taking a series' points once it has enough.
pub const PUSH_DOWN_LIMIT: Rule = Rule { name: "PushDownLimitRule", planner: Planner::Physical };

/// The values of a tag (`schema.tagValues`, `schema.measurements`, `schema.fieldKeys` ...)
/// come from the bucket's metadata: no point is read.
pub const PUSH_DOWN_READ_TAG_VALUES: Rule = Rule { name: "PushDownReadTagValuesRule", planner: Planner::Physical };
/// The same for the tag keys (`schema.tagKeys`, `schema.measurementTagKeys`).
pub const PUSH_DOWN_READ_TAG_KEYS: Rule = Rule { name: "PushDownReadTagKeysRule", planner: Planner::Physical };

/// Whether the transformation keeps each table's rows in their order and leaves the columns
/// an order is defined on as they were, so that its output keeps its input's collation.
pub fn keeps_order(package: &str, name: &str) -> bool {
    matches!(
        (package, name),
        (
            "universe",
            "filter"
                | "range"
                | "limit"
                | "tail"
                | "count"
                | "sum"
                | "mean"
                | "median"
                | "spread"
                | "stddev"
                | "min"
                | "max"
                | "first"
                | "last"
                | "sample"
                | "distinct"
                | "unique"
        ) | ("internal/debug", "pass" | "opaque" | "slurp")
    )
}

/// The order a transformation leaves its output in whatever its input's: `aggregateWindow`
/// writes each table's windows in time order.
pub fn establishes(package: &str, name: &str) -> Option<Collation> {
    match (package, name) {
        ("universe", "aggregateWindow") => Some(Collation { columns: vec!["_time".to_owned()], desc: false }),
        _ => None,
    }
}
