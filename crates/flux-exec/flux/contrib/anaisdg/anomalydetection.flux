// Anomaly detection by the median absolute deviation across series at each time.
package anomalydetection

import "math"

mad = (table=<-, threshold=3.0) => {
    // 1.4826 scales the MAD to the standard deviation of normally distributed data.
    scale = 1.4826
    byTime = table |> group(columns: ["_time"], mode: "by")
    medians = byTime |> median(column: "_value")
    deviations =
        join(tables: {data: byTime, med: medians}, on: ["_time"], method: "inner")
            |> map(fn: (r) => ({r with _value: math.abs(x: r._value_data - r._value_med)}))
            |> drop(columns: ["_start", "_stop", "_value_med", "_value_data"])
    mads =
        deviations
            |> median(column: "_value")
            |> map(fn: (r) => ({r with MAD: scale * r._value}))
            |> filter(fn: (r) => r.MAD > 0.0)

    return
        join(tables: {diff: deviations, diff_med: mads}, on: ["_time"], method: "inner")
            |> map(fn: (r) => ({r with _value: r._value_diff / r._value_diff_med}))
            |> map(fn: (r) => ({r with level: if r._value >= threshold then "anomaly" else "normal"}))
}
