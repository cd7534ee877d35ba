// expect: W201 line 6: `later` is never called, so it writes nothing
data = from(bucket: "telegraf") |> range(start: -1h)

data |> yield(name: "all")
// A function is only run when called: this one never is.
later = () => data |> yield(name: "later")
