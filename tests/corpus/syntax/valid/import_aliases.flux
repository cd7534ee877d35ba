// Imports with aliases next to plain imports.
import s "strings"
import m "math"
import "date"
import tz "timezone"

option location = tz.location(name: "America/New_York")

from(bucket: "trades")
    |> range(start: -1d)
    |> filter(fn: (r) => s.hasPrefix(v: r.symbol, prefix: "NY"))
    |> map(
        fn: (r) => ({r with
            symbol: s.trimSpace(v: r.symbol),
            rounded: m.round(x: r._value * 100.0) / 100.0,
            hour: date.hour(t: r._time),
        }),
    )
