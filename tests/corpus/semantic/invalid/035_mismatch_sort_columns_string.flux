// expect: E204 line 4: `columns` expects an array of strings, got a string
from(bucket: "b")
    |> range(start: -1h)
    |> sort(columns: "_value", desc: true)
    |> yield(name: "sorted")
