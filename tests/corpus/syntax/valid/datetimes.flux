// Date and time literals with offsets, fractions and date-only forms.
start = 2023-03-01T00:00:00Z
stop = 2023-03-31T23:59:59.999999999Z
local = 2023-06-15T08:30:00+02:00
pacific = 2023-11-05T01:15:00-08:00
day = 2024-02-29

from(bucket: "billing")
    |> range(start: start, stop: stop)
    |> filter(fn: (r) => r._time > local and r._time != pacific)
    |> filter(fn: (r) => r._time >= day or r._time < 2022-12-31T12:00:00.5Z)
