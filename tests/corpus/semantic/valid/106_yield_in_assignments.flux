data =
    from(bucket: "telegraf")
        |> range(start: -1h)
        |> filter(fn: (r) => r._measurement == "cpu")

// Flux runs every statement: these write their results though nothing reads the variables.
pivoted =
    data
        |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
        |> yield(name: "pivot")
copied = data |> to(bucket: "copy")

writeMeans = (tables=<-) => tables |> mean() |> yield(name: "mean")
means = data |> writeMeans()
