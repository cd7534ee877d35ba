// Nightly cron task that summarises by every column except a few.
option task = {name: "nightly-summary", cron: "0 2 * * *", retry: 3}

from(bucket: "events")
    |> range(start: -1d)
    |> filter(fn: (r) => r._measurement == "signup")
    |> group(columns: ["_time", "_value", "session"], mode: "except")
    |> count()
    |> rename(columns: {_value: "signups"})
    |> sort(columns: ["signups"], desc: true)
    |> to(bucket: "daily")
