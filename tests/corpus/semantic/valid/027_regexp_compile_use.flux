import "regexp"

pattern = regexp.compile(v: "^cpu[0-9]+$")

from(bucket: "telegraf")
    |> range(start: -5m)
    |> filter(fn: (r) => r.cpu =~ pattern)
    |> map(fn: (r) => ({r with core: regexp.findString(r: /[0-9]+/, v: r.cpu)}))
    |> yield(name: "per_core")
