// expect: E206 line 4: stddev has no parameter `n`
from(bucket: "b")
    |> range(start: -1h)
    |> stddev(n: 1)
    |> yield(name: "sd")
