// A statement ends with `;`, which Flux does not use.
// libflux: 3:17 invalid statement: ;
threshold = 90.0;

from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._value > threshold)
