// expect: W203 line 4: `from` of "experimental/array" is deprecated for `from` of "array"
import "experimental/array"

rows = array.from(rows: [{host: "a", v: 1}])
rows |> yield()
