// expect: E211 line 5: a string cannot be negated
offset = "5m"

from(bucket: "b")
    |> range(start: -offset)
    |> yield(name: "recent")
