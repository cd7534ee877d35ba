import "array"

ints = [
    1,
    2,
    3,
    4,
    5,
    6,
]
evens = ints |> array.filter(fn: (x) => x % 2 == 0)
labels = evens |> array.map(fn: (x) => "n${x}")

labels |> array.concat(v: ["done"])
