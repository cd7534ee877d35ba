// Filling nulls in sample data with the previous value, then a constant.
import "sampledata"

sampledata.float(includeNull: true)
    |> fill(column: "_value", usePrevious: true)
    |> fill(value: 0.0)
    |> movingAverage(n: 3)
    |> yield(name: "smoothed")
