// Valid but unusual layout: dedented continuation lines, trailing commas, everything on one line.
data = from(bucket: "x",)
|> range(start: -1h,)
|> filter(fn: (r) =>
r._measurement == "cpu"
and
r._field == "usage_user",)

data |> map(fn: (r) => ({r with _value: r._value * 2.0,}),) |> yield(name: "doubled",)

compact=(a,b,)=>a+b
spread = compact(
                                a: 1,
    b:
        2,
)
x = [1,2,3,] y = {a: 1, b: 2,} z = ["k": 1,]
