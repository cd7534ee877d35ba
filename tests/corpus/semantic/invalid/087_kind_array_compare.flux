// expect: E211 line 6: arrays are not Comparable
sizes = [3, 5, 8]

from(bucket: "b")
    |> range(start: -1h)
    |> limit(n: if sizes > 2 then 2 else 1)
    |> yield(name: "few")
