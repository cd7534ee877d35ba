// A member access uses a string after the dot (`r.\"free space\"`) instead of brackets.
// libflux: 5:28 expected IDENT, got STRING ("free space") at 5:28
from(bucket: "disk")
    |> range(start: -1h)
    |> filter(fn: (r) => r."free space" < 1000)
