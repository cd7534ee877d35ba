// `experimental/prometheus`: quantiles of Prometheus histograms as Telegraf writes them.
package prometheus

import "universe"
import "experimental"

// Buckets come as rows: metric version 2 keeps the bound in the `le` tag, version 1 in the
// field name (besides the `sum` and `count` fields).
histogramQuantile = (tables=<-, quantile, metricVersion=2, onNonmonotonic="error") => {
    buckets =
        if metricVersion == 2 then
            tables
                |> group(mode: "except", columns: ["le", "_value"])
                |> map(fn: (r) => ({r with le: float(v: r.le)}))
        else if metricVersion == 1 then
            tables
                |> filter(fn: (r) => r._field != "sum" and r._field != "count")
                |> map(fn: (r) => ({r with le: float(v: r._field)}))
                |> group(mode: "except", columns: ["_field", "le", "_value"])
        else
            universe.die(msg: "Invalid metricVersion. Available versions are 1 and 2.")

    return
        buckets
            |> universe.histogramQuantile(quantile: quantile, onNonmonotonic: onNonmonotonic)
            |> group(mode: "except", columns: ["le", "_value", "_time"])
            |> set(key: "quantile", value: string(v: quantile))
            |> experimental.group(columns: ["quantile"], mode: "extend")
}
