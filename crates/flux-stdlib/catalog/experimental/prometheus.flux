// Experimental tools for reading and analysing metrics in the Prometheus exposition format.
package prometheus

// Fetches Prometheus-format metrics from the HTTP endpoint at `url` and returns them as tables.
builtin scrape : (url: string) => stream[A] where A: Record

// Computes the `quantile` (0.0 to 1.0) of Prometheus histogram data, adding a `quantile` column.
// `metricVersion` (1 or 2, default 2) selects how the data was parsed; `onNonmonotonic` picks
// what to do with non-increasing bucket counts: `"error"` (default), `"force"` or `"drop"`.
@default("metricVersion", "2")
@default("onNonmonotonic", "\"error\"")
builtin histogramQuantile : (
    <-tables: stream[{D with le: B, _field: C}],
    quantile: float,
    ?metricVersion: A,
    ?onNonmonotonic: string,
) => stream[E] where A: Equatable, C: Equatable, E: Record
