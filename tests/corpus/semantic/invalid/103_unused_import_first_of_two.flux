// expect: W202 line 2: import "dict" is never used
import "dict"
import "array"

array.from(rows: [{a: 1}]) |> yield(name: "rows")
