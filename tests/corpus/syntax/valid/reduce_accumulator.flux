// reduce with a record accumulator that computes count, sum and mean.
from(bucket: "payments")
    |> range(start: -1d)
    |> filter(fn: (r) => r._measurement == "charges" and r._field == "amount")
    |> reduce(
        identity: {count: 0, total: 0.0, mean: 0.0},
        fn: (r, accumulator) => {
            count = accumulator.count + 1
            total = accumulator.total + r._value

            return {count: count, total: total, mean: total / float(v: count)}
        },
    )
