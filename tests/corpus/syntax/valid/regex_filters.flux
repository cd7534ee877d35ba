// Regular expressions in filters, with escaped slashes and the regexp package.
import "regexp"

hostPattern = /^web-[0-9]+\.prod\.example\.com$/
urlPattern = regexp.compile(v: "^https?://")

from(bucket: "nginx")
    |> range(start: -1h)
    |> filter(fn: (r) => r.host =~ hostPattern)
    |> filter(fn: (r) => r.path !~ /^\/(health|metrics)\/?$/)
    |> filter(fn: (r) => r.method =~ /(?i)^(get|head)$/)
    |> filter(fn: (r) => regexp.matchRegexpString(r: urlPattern, v: r.referer))
    |> map(fn: (r) => ({r with path: regexp.replaceAllString(r: /\/[0-9]+/, v: r.path, t: "/:id")}))
