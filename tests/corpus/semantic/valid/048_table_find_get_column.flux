hosts =
    from(bucket: "telegraf")
        |> range(start: -10m)
        |> filter(fn: (r) => r._measurement == "system")
        |> group(columns: ["_measurement"])
        |> distinct(column: "host")
        |> tableFind(fn: (key) => key._measurement == "system")
        |> getColumn(column: "_value")

length(arr: hosts)
