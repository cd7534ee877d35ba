// expect: E205 line 3: range requires `start`
from(bucket: "b")
    |> range(stop: now())
    |> yield(name: "all")
