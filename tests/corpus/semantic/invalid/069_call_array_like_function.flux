// expect: E209 line 6: `thresholds` is an array; index it with `[1]`
thresholds = [50.0, 80.0, 95.0]

from(bucket: "b")
    |> range(start: -1h)
    |> filter(fn: (r) => r._value > thresholds(i: 1))
    |> yield(name: "high")
