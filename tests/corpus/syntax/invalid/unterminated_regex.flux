// A regular expression literal is never closed with `/`.
// libflux: 5:36 unterminated regex sequence
from(bucket: "nginx")
    |> range(start: -1h)
    |> filter(fn: (r) => r.path =~ /^\/api)
    |> count()
