// expect: E206 line 4: yield has no parameter `as` (it is `name`)
from(bucket: "b")
    |> range(start: -1h)
    |> yield(as: "raw")
