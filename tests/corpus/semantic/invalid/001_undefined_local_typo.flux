// expect: E201 line 5: undefined identifier `cpuData` (the variable is named `cpudata`)
cpudata = from(bucket: "telegraf") |> range(start: -1h)

cpudata |> mean() |> yield(name: "mean")
cpuData |> max() |> yield(name: "max")
