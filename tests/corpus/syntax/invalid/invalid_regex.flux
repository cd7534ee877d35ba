// The regular expression `/(web/` has an unclosed group.
// libflux: 5:36 regex parse error: (web-[0-9]+ error: unclosed group
from(bucket: "nginx")
    |> range(start: -1h)
    |> filter(fn: (r) => r.host =~ /(web-[0-9]+/)
