add = (a, b=1) => a + b
check = (tables=<-, limit=10) => {
    filtered = tables |> filter(fn: (r) => r._value > limit)

    return filtered |> limit(n: limit)
}
row = (r) => ({r with x: 1})
