// A statement ends with `|>`, and the next statement starts on the following line.
// libflux: 7:1 pipe destination must be a function call
cpu = from(bucket: "telegraf")
    |> range(start: -1h)
    |>

cpu |> yield(name: "cpu")
