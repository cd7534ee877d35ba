// Parser-only (semantic analysis needs the experimental labelPolymorphism feature): label literals naming record fields.
import "array"

rows = array.from(rows: [{host: "a", "load avg": 0.5, _value: 1.0}])

rows
    |> max(column: ._value)
    |> group(columns: [.host])
    |> keep(columns: [.host, ."load avg", ._value])
