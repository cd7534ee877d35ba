// The task option record is never closed with `}`.
// libflux: 3:15 expected RBRACE, got EOF
option task = {name: "hourly", every: 1h

from(bucket: "raw")
    |> range(start: -task.every)
    |> to(bucket: "hourly")
