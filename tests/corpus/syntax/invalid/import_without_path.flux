// An `import` has no package path.
// libflux: 5:5 expected STRING, got LPAREN (() at 5:5
import

from(bucket: "telegraf")
    |> range(start: -1h)
