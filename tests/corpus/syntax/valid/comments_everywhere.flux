// Comments on their own lines, at line ends, and between tokens.
// A second header line.

// before an import
import // between the keyword and the path
    "strings" // after the import

threshold // the name
    = // the equals sign
    80.0 // the value

from( // open
    // inside the argument list
    bucket: "telegraf", // trailing
)
    // between pipe stages
    |> range(start: -1h) // after a stage
    |> filter(
        fn: (r) // the parameter list
            => // the arrow
            r._measurement // left
                == // operator
                "cpu", // right
    )
    |> map(
        fn: (r) => ({r with // after with
            // before a property
            host: strings.toUpper(v: r.host), // after a property
        // before the closing brace
        }),
    )
    // before the last stage
    |> filter(fn: (r) => r._value > threshold)
// the end of the file
