// Query profiling for Flux: enabled profilers add extra result tables with timing and memory
// statistics for the query.
package profiler

// The profilers to run while the query executes: `"query"` (whole-query timings and memory) and/or
// `"operator"` (per-operation timings). Set with `option profiler.enabledProfilers = [...]`.
@option()
builtin enabledProfilers : [string]
