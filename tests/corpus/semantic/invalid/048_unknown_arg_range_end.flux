// expect: E206 line 3: range has no parameter `end` (it is `stop`)
from(bucket: "b")
    |> range(start: -2h, end: -1h)
    |> yield(name: "window")
