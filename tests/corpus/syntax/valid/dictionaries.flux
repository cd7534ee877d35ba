// Dictionary literals, the empty dictionary, and the dict package.
import "dict"

severities = ["crit": 3, "warn": 2, "info": 1]
empty = [:]
withDebug = dict.insert(dict: severities, key: "debug", value: 0)
withoutInfo = dict.remove(dict: withDebug, key: "info")
byCode = [
    404: "not found",
    500: "internal error",
    503: "unavailable",
]

from(bucket: "logs")
    |> range(start: -1d)
    |> filter(fn: (r) => r._measurement == "syslog")
    |> map(
        fn: (r) => ({r with
            rank: dict.get(dict: withoutInfo, key: r.severity, default: -1),
            reason: dict.get(dict: byCode, key: r.code, default: "other"),
            extra: dict.get(dict: dict.insert(dict: empty, key: r.host, value: true), key: r.host, default: false),
        }),
    )
